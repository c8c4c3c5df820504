import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// plan.xlsx for the bundled examples, read back with openpyxl and checked against the report,
/// plan.csv and the input lists (recomputed here, not taken from the workbook code).
final class PlanWorkbookTests: XCTestCase {
    private static let sheetNames = ["总览", "联盟名单", "社区汇总", "单位视图", "项目认领", "未满足需求"]

    private func report(_ name: String) throws -> PlanReport {
        let folder = Fixtures.example(name)
        let instance = try InstanceReader.read(folder: folder)
        var options = PlanningOptions()
        let previousFile = folder.appendingPathComponent("previous-plan.csv")
        if FileManager.default.fileExists(atPath: previousFile.path) {
            options.previousPlan = try PlanReader.read(file: previousFile)
        }
        let problem = try Problem(instance: instance, options: options)
        // Small examples are solved to optimality; large ones only need some feasible plan here.
        let small = problem.communityCount <= 5
        let outcome = small ? try Fixtures.solveExact(problem)
            : try XCTUnwrap(StrategyCatalog.make("local")).solve(problem, settings: SolveSettings(timeLimit: 3))
        var report = PlanReport(problem: problem, outcome: outcome, strategy: small ? "exact" : "local")
        report.baseline = PlanReport.greedyBaseline(for: problem)
        report.claims = Self.handMadeClaims(report)
        return report
    }

    /// A claim result made up for the test: each project goes to the first organization of its
    /// community's alliance that lists its category, except every third project, which stays
    /// unclaimed for lack of resource; projects nobody can serve stay unclaimed for that reason.
    private static func handMadeClaims(_ report: PlanReport) -> ClaimResult {
        let instance = report.problem.instance
        let rows = report.plan.assignments(in: report.problem)
        let names = Dictionary(instance.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var claims: [ProjectClaim] = [], unclaimed: [UnclaimedProject] = []
        for (index, project) in instance.projects.enumerated() {
            let serving = rows.filter { $0.communityID == project.communityID }.map(\.orgID).sorted()
            let able = serving.first { org in instance.resources.contains { $0.orgID == org && $0.category == project.category } }
            if let able, index % 3 != 2 {
                claims.append(ProjectClaim(projectID: project.id, projectName: project.name, communityID: project.communityID,
                                           orgID: able, orgName: names[able] ?? "", category: project.category,
                                           amount: project.amount, value: project.value))
            } else {
                unclaimed.append(UnclaimedProject(projectID: project.id, projectName: project.name,
                                                  communityID: project.communityID, category: project.category,
                                                  amount: project.amount, value: project.value,
                                                  reason: able == nil ? .noMemberHasCategory : .notEnoughResource))
            }
        }
        return ClaimResult(claims: claims, unclaimed: unclaimed, allOptimal: true)
    }

    /// The value in column `column` of the 总览 row labelled `label`.
    private func summaryValue(_ sheet: ReadWorkbook.Sheet, _ label: String, column: Int = 1,
                              file: StaticString = #filePath, line: UInt = #line) throws -> ReadValue {
        let row = try XCTUnwrap(sheet.rows.first { $0.first == .text(label) }, "no row \(label)", file: file, line: line)
        return column < row.count ? row[column] : .empty
    }

    private func assertNumber(_ value: ReadValue, _ expected: Double?, _ message: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        guard let expected else { return XCTAssertEqual(value, .empty, message, file: file, line: line) }
        guard let number = value.number else { return XCTFail("\(message): \(value) is not a number", file: file, line: line) }
        XCTAssertEqual(number, expected, accuracy: 1e-9 * max(1, abs(expected)), message, file: file, line: line)
    }

    func testExamplesReadBackIntact() throws {
        for name in ["tiny", "tiny-groups", "caofeidian", "guye"] {
            let report = try report(name)
            let read = try SpreadsheetReader.read(try PlanWorkbook(report: report).data())
            let previous = report.problem.options.previousPlan
            XCTAssertEqual(read.sheets.map(\.name), Self.sheetNames + (previous == nil ? [] : ["变动"]), name)
            if let previous { try checkChanges(read.sheet("变动"), previous: previous, report, name) }
            for sheet in read.sheets { XCTAssertEqual(sheet.freeze, "A2", "\(name) \(sheet.name): frozen header row") }
            try checkFiltersAndHighlights(read, report, name)
            try checkAlliances(read.sheet("联盟名单"), report, name)
            try checkCommunities(read.sheet("社区汇总"), report, name)
            try checkUnits(read.sheet("单位视图"), report, name)
            try checkSummary(read.sheet("总览"), unmet: read.sheet("未满足需求"), report, name)
            try checkUnmet(read.sheet("未满足需求"), report, name)
            try checkClaims(read.sheet("项目认领"), report, name)
        }
    }

    /// 联盟名单 against plan.csv: the same lead, members and unit count per community.
    private func checkAlliances(_ sheet: ReadWorkbook.Sheet, _ report: PlanReport, _ name: String) throws {
        XCTAssertEqual(sheet.header, ["社区编号", "社区名称", "街道", "牵头单位编号", "牵头单位", "成员单位", "成员单位编号", "单位数", "联盟力量"])
        let planRows = report.planCSV().split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let communities = report.problem.communities
        XCTAssertEqual(sheet.records.count, communities.count, name)
        for (c, (record, community)) in zip(sheet.records, communities).enumerated() {
            let rows = planRows.filter { $0[0] == community.id }
            XCTAssertEqual(record["社区编号"], .text(community.id), name)
            XCTAssertEqual(record["社区名称"], .text(community.name), name)
            XCTAssertEqual(record["牵头单位编号"]?.text, rows.first { $0[4] == "lead" }?[2], "\(name) \(community.id)")
            let members = rows.filter { $0[4] == "member" }.map { $0[2] }
            XCTAssertEqual(record["成员单位编号"]?.text?.split(separator: ";").map(String.init) ?? [], members.sorted(), "\(name) \(community.id)")
            XCTAssertEqual(record["成员单位"]?.text?.split(separator: "、").count ?? 0, members.count)
            assertNumber(record["单位数"] ?? .empty, Double(rows.count), "\(name) \(community.id) units")
            assertNumber(record["联盟力量"] ?? .empty, report.evaluation.communities[c].strength, "\(name) \(community.id) strength")
        }
    }

    /// 社区汇总: units, coverage and the band test, recomputed from the evaluation.
    private func checkCommunities(_ sheet: ReadWorkbook.Sheet, _ report: PlanReport, _ name: String) throws {
        XCTAssertEqual(sheet.header, ["社区编号", "社区名称", "街道", "单位数", "牵头单位编号", "牵头单位", "单位编号", "联盟力量",
                                      "相对平均力量", "在均衡范围内", "需求覆盖率", "未满足需求"])
        let target = report.problem.meanStrength, band = report.problem.options.balanceBand
        let coverageColumn = try XCTUnwrap(sheet.header.firstIndex(of: "需求覆盖率"))
        for (c, record) in sheet.records.enumerated() {
            let outcome = report.evaluation.communities[c]
            XCTAssertEqual(record["社区名称"], .text(report.problem.communities[c].name))
            assertNumber(record["需求覆盖率"] ?? .empty, outcome.coverageShare, "\(name) coverage")
            XCTAssertEqual(sheet.formats[c + 1][coverageColumn], "0.0%")
            let inside = abs(outcome.strength - target) <= band * target + 1e-9
            XCTAssertEqual(record["在均衡范围内"], .text(inside ? "是" : "否"), "\(name) \(c)")
            XCTAssertEqual(record["未满足需求"]?.text ?? "", outcome.unmet.map { "\($0.category) \(formatNumber($0.amount))" }.joined(separator: "；"))
        }
    }

    /// Filter buttons on every table's header, and the two highlights: strength outside the band
    /// (red) on 联盟名单 and 社区汇总 with the band's bounds, coverage below 100 % (amber).
    private func checkFiltersAndHighlights(_ read: ReadWorkbook, _ report: PlanReport, _ name: String) throws {
        let rows = report.problem.communityCount + 1
        XCTAssertEqual(try read.sheet("联盟名单").filter, "A1:I\(rows)", name)
        XCTAssertEqual(try read.sheet("社区汇总").filter, "A1:L\(rows)", name)
        XCTAssertEqual(try read.sheet("单位视图").filter, "A1:M\(report.problem.unitCount + 1)", name)
        XCTAssertNil(try read.sheet("总览").filter)
        let target = report.problem.meanStrength, band = report.problem.options.balanceBand
        for (sheet, column) in [("联盟名单", "I"), ("社区汇总", "H")] {
            let rule = try XCTUnwrap(read.sheet(sheet).conditionals.first { $0.op == "notBetween" }, "\(name) \(sheet)")
            XCTAssertEqual(rule.range, "\(column)2:\(column)\(rows)")
            let bounds = rule.formulas.compactMap(Double.init)
            XCTAssertEqual(bounds.count, 2)
            XCTAssertEqual(bounds.first ?? .nan, (1 - band) * target, accuracy: 1e-6 * max(1, target))
            XCTAssertEqual(bounds.last ?? .nan, (1 + band) * target, accuracy: 1e-6 * max(1, target))
        }
        let amber = try XCTUnwrap(read.sheet("社区汇总").conditionals.first { $0.op == "lessThan" })
        XCTAssertEqual(amber.range, "K2:K\(rows)")
    }

    /// 单位视图 against plan.csv and the evaluator: each unit's communities and role as the plan
    /// has them, its load within min/max, used ≤ listed per category, and per category the units'
    /// used amounts add up to the needs the evaluator finds covered (need − unmet).
    private func checkUnits(_ sheet: ReadWorkbook.Sheet, _ report: PlanReport, _ name: String) throws {
        XCTAssertEqual(sheet.header, ["单位编号", "单位名称", "合并的单位", "类型", "力量", "包联社区数", "最少社区数",
                                      "最多社区数", "牵头社区数", "包联社区（角色）", "社区编号", "资源使用（已用/提供）",
                                      "资源使用率"])
        let problem = report.problem
        XCTAssertEqual(sheet.records.count, problem.unitCount, name)
        let planRows = report.planCSV().split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var usedByCategory: [String: Double] = [:]
        for (u, record) in sheet.records.enumerated() {
            let unit = problem.units[u]
            XCTAssertEqual(record["单位编号"], .text(unit.id), name)
            // plan.csv lists every organization of a group; the group's first one stands for it.
            let first = problem.instance.organizations[unit.members[0]].id
            let rows = planRows.filter { $0[2] == first }
            XCTAssertEqual(record["社区编号"]?.text?.split(separator: ";").map(String.init).sorted() ?? [],
                           rows.map { $0[0] }.sorted(), "\(name) \(unit.id) communities")
            assertNumber(record["包联社区数"] ?? .empty, Double(rows.count), "\(name) \(unit.id) load")
            assertNumber(record["牵头社区数"] ?? .empty, Double(rows.filter { $0[4] == "lead" }.count), "\(name) \(unit.id) leads")
            XCTAssertTrue(rows.count >= unit.minCommunities && rows.count <= unit.maxCommunities, "\(name) \(unit.id)")
            for part in (record["资源使用（已用/提供）"]?.text ?? "").split(separator: "；") {
                let words = part.split(separator: " ")
                let numbers = try XCTUnwrap(words.last).split(separator: "/").compactMap { Double($0) }
                XCTAssertEqual(numbers.count, 2, "\(name) \(unit.id): \(part)")
                XCTAssertLessThanOrEqual(numbers[0], numbers[1] + 1e-9, "\(name) \(unit.id): used beyond listed")
                usedByCategory[words.dropLast().joined(separator: " "), default: 0] += numbers[0]
            }
        }
        for (r, category) in problem.categories.enumerated() {
            var covered = 0.0
            for c in 0..<problem.communityCount {
                let need = problem.need[c * problem.categoryCount + r]
                let unmet = report.evaluation.communities[c].unmet.first { $0.category == category }?.amount ?? 0
                covered += need - unmet
            }
            // The sheet rounds each used amount to two decimals.
            XCTAssertEqual(usedByCategory[category] ?? 0, covered, accuracy: 0.005 * Double(problem.unitCount) + 1e-9,
                           "\(name) \(category): used amounts vs covered needs")
        }
    }

    /// 变动 against the two plans compared here by hand: an organization is listed exactly when
    /// its set of (community, role) differs, with the change word the sets call for; a community
    /// is listed exactly when its set of (organization, role) differs.
    private func checkChanges(_ sheet: ReadWorkbook.Sheet, previous: [Assignment], _ report: PlanReport,
                              _ name: String) throws {
        XCTAssertEqual(sheet.header, ["单位编号", "单位名称", "变动", "上年包联社区", "本次包联社区"])
        let now = report.plan.assignments(in: report.problem)
        func places(_ rows: [Assignment], org: String) -> Set<String> {
            Set(rows.filter { $0.orgID == org }.map { "\($0.communityID)/\($0.role.rawValue)" })
        }
        let orgs = Set(previous.map(\.orgID) + now.map(\.orgID))
        var expected: [String: String] = [:]
        for org in orgs {
            let was = places(previous, org: org), current = places(now, org: org)
            guard was != current else { continue }
            let wasCommunities = Set(previous.filter { $0.orgID == org }.map(\.communityID))
            let isCommunities = Set(now.filter { $0.orgID == org }.map(\.communityID))
            expected[org] = was.isEmpty ? "新加入" : current.isEmpty ? "退出" : wasCommunities != isCommunities ? "调整社区" : "角色变化"
        }
        let split = try XCTUnwrap(sheet.rows.firstIndex { $0.isEmpty }, "\(name): no blank row before the communities")
        var listed: [String: String] = [:]
        for row in sheet.rows[1..<split] { listed[row[0].text ?? ""] = row.count > 2 ? row[2].text : nil }
        XCTAssertEqual(listed, expected, name)
        XCTAssertFalse(expected.isEmpty, "\(name): the example's previous plan must differ")
        let communityHeader = split + 2
        XCTAssertEqual(sheet.rows[communityHeader].map { $0.text ?? "" },
                       ["社区编号", "社区名称", "新来的单位", "离开的单位", "上年牵头", "本次牵头", "角色变化的单位"])
        let communities = Set(previous.map(\.communityID) + now.map(\.communityID)).filter { c in
            Set(previous.filter { $0.communityID == c }.map { "\($0.orgID)/\($0.role.rawValue)" })
                != Set(now.filter { $0.communityID == c }.map { "\($0.orgID)/\($0.role.rawValue)" })
        }
        XCTAssertEqual(Set(sheet.rows[(communityHeader + 1)...].compactMap { $0.first?.text }), communities, name)
    }

    /// 总览: every figure equals the report's, beside the greedy baseline's.
    private func checkSummary(_ sheet: ReadWorkbook.Sheet, unmet: ReadWorkbook.Sheet, _ report: PlanReport,
                              _ name: String) throws {
        XCTAssertEqual(sheet.header, ["指标", "本方案", "贪心基线", "权重", "说明"])
        let e = report.evaluation, b = report.baseline, w = report.problem.options.weights
        XCTAssertNotNil(b, "\(name): greedy finds a plan for every example")
        XCTAssertEqual(try summaryValue(sheet, "状态"), .text(report.status == .optimal ? "最优（已证明）" : "可行（未证明最优）"))
        let figures: [(String, Double, Double?, Double?)] = [
            ("目标值", e.objective, b?.objective, nil),
            ("需求覆盖率", e.terms.coverage, b?.terms.coverage, w.coverage),
            ("力量均衡偏差", e.terms.balance, b?.terms.balance, w.balance),
            ("距离", e.terms.distance, b?.terms.distance, w.distance),
            ("结对偏好", e.terms.preference, b?.terms.preference, w.preference),
            ("保持上年结对", e.terms.keep, b?.terms.keep, w.keep),
            ("最弱联盟力量", e.strengthMin, b?.strengthMin, nil),
            ("平均联盟力量", e.strengthMean, b?.strengthMean, nil),
            ("最强联盟力量", e.strengthMax, b?.strengthMax, nil),
        ]
        for (label, plan, baseline, weight) in figures {
            assertNumber(try summaryValue(sheet, label), plan, "\(name) \(label)")
            assertNumber(try summaryValue(sheet, label, column: 2), baseline, "\(name) \(label) baseline")
            assertNumber(try summaryValue(sheet, label, column: 3), weight, "\(name) \(label) weight")
        }
        if let bound = report.bound { assertNumber(try summaryValue(sheet, "上界"), bound, "\(name) bound") }
        let target = report.problem.meanStrength, band = report.problem.options.balanceBand
        assertNumber(try summaryValue(sheet, "目标平均力量"), target, name)
        assertNumber(try summaryValue(sheet, "均衡范围下限"), (1 - band) * target, name)
        assertNumber(try summaryValue(sheet, "均衡范围上限"), (1 + band) * target, name)
        assertNumber(try summaryValue(sheet, "社区数"), Double(report.problem.communityCount), name)
        let unmetCommunities = Set(unmet.records.filter { $0["类别"] != .empty }.compactMap { $0["社区编号"]?.text })
        assertNumber(try summaryValue(sheet, "有未满足需求的社区"), Double(unmetCommunities.count), "\(name): as many as listed in 未满足需求")
        let claims = try XCTUnwrap(report.claims)
        let claimedValue = claims.claims.map(\.value).reduce(0, +)
        assertNumber(try summaryValue(sheet, "已认领项目"), Double(claims.claims.count), name)
        assertNumber(try summaryValue(sheet, "已认领项目价值"), claimedValue, name)
        assertNumber(try summaryValue(sheet, "全部项目价值"), report.problem.instance.projects.map(\.value).reduce(0, +), name)
        XCTAssertTrue(sheet.rows.contains { $0.first == .text("求解用时（秒）") }, "timings are shown unless turned off")
    }

    /// 未满足需求: the need per community and category summed from needs.csv; covered + unmet = need.
    private func checkUnmet(_ sheet: ReadWorkbook.Sheet, _ report: PlanReport, _ name: String) throws {
        XCTAssertEqual(sheet.header, ["社区编号", "社区名称", "类别", "需求数量", "已覆盖", "未满足数量", "优先级"])
        let expected = report.problem.communities.indices.flatMap { c in
            report.evaluation.communities[c].unmet.map { (report.problem.communities[c].id, $0.category, $0.amount) }
        }
        if expected.isEmpty {
            XCTAssertEqual(sheet.rows.dropFirst().map { $0.first }, [.text("全部需求均已满足。")], name)
            return
        }
        XCTAssertEqual(sheet.records.count, expected.count, name)
        for (record, (community, category, amount)) in zip(sheet.records, expected) {
            XCTAssertEqual(record["社区编号"], .text(community))
            XCTAssertEqual(record["类别"], .text(category))
            let need = report.problem.instance.needs.filter { $0.communityID == community && $0.category == category }
                .map(\.amount).reduce(0, +)
            assertNumber(record["需求数量"] ?? .empty, need, "\(name) \(community) \(category)")
            assertNumber(record["未满足数量"] ?? .empty, amount, "\(name) \(community) \(category)")
            let covered = try XCTUnwrap(record["已覆盖"]?.number)
            XCTAssertEqual(covered + amount, need, accuracy: 1e-9)
        }
    }

    /// 项目认领: every project exactly once, in community order, with claimer or reason.
    private func checkClaims(_ sheet: ReadWorkbook.Sheet, _ report: PlanReport, _ name: String) throws {
        XCTAssertEqual(sheet.header, ["项目编号", "项目名称", "社区编号", "社区名称", "类别", "数量", "价值", "状态", "认领单位编号",
                                      "认领单位", "未认领原因"])
        let projects = report.problem.instance.projects
        let claims = try XCTUnwrap(report.claims)
        let claimedBy = Dictionary(claims.claims.map { ($0.projectID, $0.orgID) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(sheet.records.map { $0["项目编号"]?.text ?? "" }.sorted(), projects.map(\.id).sorted(), name)
        let order = Dictionary(report.problem.communities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let communityIndices = sheet.records.map { order[$0["社区编号"]?.text ?? ""] ?? -1 }
        XCTAssertEqual(communityIndices, communityIndices.sorted(), "\(name): in community order")
        for record in sheet.records {
            let id = try XCTUnwrap(record["项目编号"]?.text)
            let project = try XCTUnwrap(projects.first { $0.id == id })
            XCTAssertEqual(record["项目名称"], .text(project.name))
            assertNumber(record["价值"] ?? .empty, project.value, id)
            if let org = claimedBy[id] {
                XCTAssertEqual(record["状态"], .text("已认领"))
                XCTAssertEqual(record["认领单位编号"], .text(org))
                XCTAssertEqual(record["未认领原因"], .empty)
            } else {
                XCTAssertEqual(record["状态"], .text("未认领"))
                XCTAssertEqual(record["认领单位编号"], .empty)
                let reason = try XCTUnwrap(claims.unclaimed.first { $0.projectID == id }?.reason)
                XCTAssertEqual(record["未认领原因"], .text(PlanWorkbook.reasonText(reason)))
            }
        }
    }

    func testSameReportSameBytesAndTimingsOptional() throws {
        let report = try report("tiny-groups")
        let first = try PlanWorkbook(report: report, includeTimings: false).data()
        Thread.sleep(forTimeInterval: 1.1)
        XCTAssertEqual(first, try PlanWorkbook(report: report, includeTimings: false).data())
        let summary = try SpreadsheetReader.read(first).sheet("总览")
        XCTAssertFalse(summary.rows.contains { $0.first == .text("求解用时（秒）") })
        let files = try report.files(includeTimings: false)
        XCTAssertEqual(Set(files.map(\.name)).isSuperset(of: ["plan.csv", "communities.csv", "plan.json", "plan.xlsx"]), true)
        XCTAssertEqual(files.first { $0.name == "plan.xlsx" }?.contents, first)
    }

    func testWithoutClaimsOrBaselineTheSheetsStayAndSaySo() throws {
        var report = try report("tiny")
        report.claims = nil
        report.baseline = nil
        let read = try SpreadsheetReader.read(try PlanWorkbook(report: report).data())
        XCTAssertEqual(read.sheets.map(\.name), Self.sheetNames)
        XCTAssertEqual(try read.sheet("项目认领").rows.dropFirst().map { $0.first }, [.text("本次没有计算项目认领。")])
        let summary = try read.sheet("总览")
        XCTAssertEqual(try summaryValue(summary, "状态", column: 2), .text("贪心未找到可行方案"))
        XCTAssertEqual(try summaryValue(summary, "目标值", column: 2), .empty)
        XCTAssertFalse(summary.rows.contains { $0.first == .text("已认领项目") })
    }
}
