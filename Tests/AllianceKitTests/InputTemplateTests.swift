import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The input template: read back with openpyxl, its headers are ones the list readers accept,
/// and the example rows, saved as CSV files, make an instance that solves.
final class InputTemplateTests: XCTestCase {
    /// Sheet name → the list file it stands for (MODEL.md).
    private static let files = ["社区": "communities.csv", "单位": "organizations.csv", "需求": "needs.csv",
                                "资源": "resources.csv", "项目": "projects.csv", "结对": "pairs.csv",
                                "成员": "members.csv", "岗位": "posts.csv"]
    /// Columns the readers require in each list.
    private static let required = [
        "communities.csv": ["id"], "organizations.csv": ["id"], "needs.csv": ["community_id", "category", "amount"],
        "resources.csv": ["org_id", "category", "amount"], "projects.csv": ["id", "community_id", "category", "amount"],
        "pairs.csv": ["org_id", "community_id", "rule"],
        "members.csv": ["id", "home_community", "skills"], "posts.csv": ["id", "community_id", "category"],
    ]

    func testSheetsAndHeaders() throws {
        let read = try SpreadsheetReader.read(try InputTemplate.data())
        XCTAssertEqual(read.sheets.map(\.name), ["说明", "社区", "单位", "需求", "资源", "项目", "结对", "成员", "岗位"])
        for sheet in read.sheets.dropFirst() {
            let file = try XCTUnwrap(Self.files[sheet.name])
            XCTAssertEqual(sheet.freeze, "A2", sheet.name)
            XCTAssertEqual(sheet.rows.count, 2, "\(sheet.name): a header row and one example row")
            let canonical = sheet.header.map { ColumnNames.canonical(for: $0) }
            XCTAssertFalse(canonical.contains(nil), "\(sheet.name): every header is accepted: \(sheet.header)")
            XCTAssertEqual(Set(canonical.compactMap { $0 }).count, canonical.count, "\(sheet.name): no column twice")
            for column in Self.required[file] ?? [] {
                XCTAssertTrue(canonical.contains(column), "\(sheet.name) lacks \(column)")
            }
            XCTAssertTrue(sheet.header.allSatisfy { $0.unicodeScalars.contains { $0.value >= 0x4E00 } },
                          "\(sheet.name): Chinese headers \(sheet.header)")
        }
        XCTAssertEqual(try read.sheet("社区").header, ["编号", "名称", "街道", "力量", "最少单位数", "最多单位数", "纬度", "经度"])
        XCTAssertEqual(try read.sheet("需求").header, ["社区编号", "类别", "数量", "优先级"])
        XCTAssertEqual(try read.sheet("成员").header, ["编号", "姓名", "所在社区", "技能", "可承担数", "单位编号", "纬度", "经度"])
        XCTAssertEqual(try read.sheet("岗位").header, ["编号", "名称", "社区编号", "类别", "名额", "优先级", "类型"])
    }

    /// Every header cell explains its column when selected; ids refer to the 社区 and 单位 sheets by
    /// dropdown, 是/否 and the pair rules are dropdowns, and number columns refuse what the readers
    /// would refuse.
    func testHeadersExplainAndCellsValidate() throws {
        let read = try SpreadsheetReader.read(try InputTemplate.data())
        for sheet in read.sheets.dropFirst() {
            for (c, header) in sheet.header.enumerated() {
                let address = "\(String(UnicodeScalar(UInt8(65 + c))))1"
                let hint = try XCTUnwrap(sheet.validations.first { $0.range == address }, "\(sheet.name) \(header): no input message")
                XCTAssertEqual(hint.title, header)
                XCTAssertFalse(hint.prompt?.isEmpty ?? true)
            }
        }
        func rule(_ sheet: String, _ header: String) throws -> ReadWorkbook.Sheet.Validation? {
            let s = try read.sheet(sheet)
            let c = try XCTUnwrap(s.header.firstIndex(of: header), "\(sheet) lacks \(header)")
            let letter = String(UnicodeScalar(UInt8(65 + c)))
            return s.validations.first { $0.range == "\(letter)2:\(letter)\(InputTemplate.validatedRows)" }
        }
        XCTAssertEqual(try rule("需求", "社区编号")?.formula, "'社区'!$A$2:$A$\(InputTemplate.validatedRows)")
        XCTAssertEqual(try rule("资源", "单位编号")?.formula, "'单位'!$A$2:$A$\(InputTemplate.validatedRows)")
        XCTAssertEqual(try rule("结对", "社区编号")?.type, "list")
        XCTAssertEqual(try rule("单位", "可牵头")?.formula, "\"是,否\"")
        XCTAssertTrue(try rule("结对", "规则")?.formula?.contains("固定") == true)
        XCTAssertEqual(try rule("岗位", "类型")?.formula, "\"岗位,订单\"")
        XCTAssertEqual(try rule("成员", "所在社区")?.formula, "'社区'!$A$2:$A$\(InputTemplate.validatedRows)")
        XCTAssertEqual(try rule("成员", "可承担数")?.type, "whole")
        XCTAssertEqual(try rule("岗位", "名额")?.type, "whole")
        XCTAssertEqual(try rule("需求", "数量")?.type, "decimal")
        XCTAssertEqual(try rule("需求", "数量")?.errorStyle ?? "stop", "stop", "a bad number is refused")
        XCTAssertEqual(try rule("单位", "最多包联数")?.type, "whole")
        // The 社区 sheet's id column is A, where the dropdowns look.
        XCTAssertEqual(try read.sheet("社区").header.first, "编号")
        XCTAssertEqual(try read.sheet("单位").header.first, "编号")
    }

    /// The 说明 sheet names every sheet and every column, marks the required ones and says how to run it.
    func testInstructionsCoverEveryColumn() throws {
        let read = try SpreadsheetReader.read(try InputTemplate.data())
        let instructions = try read.sheet("说明")
        let texts = instructions.rows.flatMap { $0.compactMap(\.text) }
        XCTAssertTrue(texts.contains { $0.contains("alliance solve lists.xlsx") })
        let table = instructions.rows.drop { $0.first != .text("工作表") }
        XCTAssertEqual(table.first?.map { $0.text ?? "" }, ["工作表", "对应文件", "列名", "英文列名", "必填", "含义", "取值与单位"])
        for sheet in read.sheets.dropFirst() {
            let file = try XCTUnwrap(Self.files[sheet.name])
            for header in sheet.header {
                let row = try XCTUnwrap(table.first { $0.count > 5 && $0[0] == .text(sheet.name) && $0[2] == .text(header) },
                                        "说明 explains \(sheet.name)/\(header)")
                XCTAssertEqual(row[1], .text(file))
                XCTAssertEqual(row[3].text, ColumnNames.canonical(for: header))
                let isRequired = (Self.required[file] ?? []).contains(ColumnNames.canonical(for: header) ?? "")
                XCTAssertEqual(row[4], isRequired ? .text("是") : .empty, "\(sheet.name)/\(header) required")
                XCTAssertNotEqual(row[5].text ?? "", "", "\(sheet.name)/\(header) has a meaning")
            }
        }
    }

    /// A filled template can be solved: the example rows as read by openpyxl, saved as the CSV
    /// lists, pass the readers and give a one-community plan with the example unit leading.
    func testExampleRowsSolve() throws {
        let read = try SpreadsheetReader.read(try InputTemplate.data())
        var texts: [String: String] = [:]
        for sheet in read.sheets.dropFirst() {
            let rows = sheet.rows.dropFirst().map { row in
                row.map { value -> String in
                    switch value {
                    case .text(let text): return text
                    case .number(let number): return formatNumber(number)
                    case .empty: return ""
                    }
                } + [String](repeating: "", count: max(0, sheet.header.count - row.count))
            }
            texts[try XCTUnwrap(Self.files[sheet.name])] = CSVWriter.encode(header: sheet.header, rows: Array(rows))
        }
        let instance = try InstanceReader.read(files: texts)
        XCTAssertEqual(instance.communities.map(\.name), ["锦绣社区"])
        XCTAssertEqual(instance.organizations.map(\.canLead), [true])
        XCTAssertEqual(instance.needs.map(\.amount), [4])
        XCTAssertEqual(instance.projects.map(\.value), [3])
        XCTAssertEqual(instance.pairs.count, 1)
        let problem = try Problem(instance: instance)
        XCTAssertEqual(problem.preference.reduce(0, +), 1, "the example prefer pair with score 1")
        let outcome = try Fixtures.solveExact(problem)
        XCTAssertEqual(outcome.status, .optimal)
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(plan.assignments(in: problem).map(\.role), [.lead])
        // By hand: the unit's 3 of the 4 needed cover 0.75; strengths 3 + 6 = 9 equal the mean, so
        // no balance cost; its one trip is the longest possible (DIST = 1, weight 0.2); the prefer
        // pair adds 1: 0.75 − 0.2 + 1.
        XCTAssertEqual(Evaluator.evaluate(plan, in: problem).objective, 1.55, accuracy: 1e-9)
        // The stage-3 example rows read with PeopleReader against the example communities and units.
        let people = try PeopleReader.read(files: texts, communities: instance.communities,
                                           organizations: instance.organizations)
        XCTAssertEqual(people.members, [Member(id: "M001", name: "张明", homeCommunityID: "C01", skills: ["就业帮扶", "政策宣传"],
                                               capacity: 2, orgID: "O001", source: people.members.first?.source)])
        XCTAssertEqual(people.posts, [Post(id: "G001", name: "就业指导岗", communityID: "C01", category: "就业帮扶", seats: 2,
                                           priority: 1, kind: .post, source: people.posts.first?.source)])
        XCTAssertEqual(people.warnings, [])
    }

    /// The template workbook itself, read back: the stage-1 readers take it as before, and
    /// `PeopleReader` finds the 成员 and 岗位 sheets and reads their example rows at their cells.
    func testTemplateWorkbookReadsBackWithPeopleReader() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("lists.xlsx")
        try InputTemplate.data().write(to: url)
        let instance = try InstanceReader.read(workbook: url)
        XCTAssertTrue(PeopleReader.hasPeopleLists(at: url))
        let people = try PeopleReader.read(at: url, communities: instance.communities, organizations: instance.organizations)
        XCTAssertEqual(people.members.map(\.id), ["M001"])
        XCTAssertEqual(people.members.first?.skills, ["就业帮扶", "政策宣传"])
        XCTAssertEqual(people.members.first?.capacity, 2)
        XCTAssertEqual(people.members.first?.orgID, "O001")
        XCTAssertEqual(people.members.first?.source?.description, "lists.xlsx:成员!A2")
        XCTAssertEqual(people.posts.map(\.id), ["G001"])
        XCTAssertEqual(people.posts.first?.seats, 2)
        XCTAssertEqual(people.posts.first?.kind, .post)
        XCTAssertEqual(people.warnings, [])
    }

    func testSameBytesEveryTime() throws {
        let first = try InputTemplate.data()
        Thread.sleep(forTimeInterval: 1.1)
        XCTAssertEqual(first, try InputTemplate.data())
    }
}
