import Foundation
import WorkbookFixtures
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel

/// Reading the stage-3 lists (members.csv / 成员, posts.csv / 岗位) and a people.csv matching:
/// values from a folder and from a workbook, every bad row at its cell, encodings, and the
/// stage-1 readers untouched by the new files and sheets.
final class PeopleReaderTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws { scratch = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// Stage-1 lists the people lists refer to.
    static let base: [String: String] = [
        "communities.csv": "id,name,lat,lon\nC1,甲社区,39.1,118.1\nC2,乙社区,39.2,118.2\n",
        "organizations.csv": "id,name\nU1,单位一\nU2,单位二\n",
        "needs.csv": "community_id,category,amount\nC1,就业帮扶,1\n",
        "resources.csv": "org_id,category,amount\nU1,就业帮扶,1\n",
    ]

    static let members = """
        id,name,home_community,lat,lon,skills,capacity,org_id
        M1,张明,C1,39.15,118.15,就业帮扶; 政策宣传,2,U1
        M2,,C2,,,法律咨询；政策宣传、 ,,

        """
    /// The same members with Chinese headers (and the other aliases).
    static let membersChinese = """
        编号,姓名,报到社区,纬度,经度,特长,可承担数,工作单位
        M1,张明,C1,39.15,118.15,就业帮扶; 政策宣传,2,U1
        M2,,C2,,,法律咨询；政策宣传、 ,,

        """
    static let posts = """
        id,name,community_id,category,seats,priority,kind
        P1,就业指导岗,C1,就业帮扶,2,1.5,post
        P2,,C2,法律咨询,,,订单
        P3,宣传岗,C1,政策宣传,1,,ORDER

        """
    static let postsChinese = """
        编号,名称,社区编号,类别,名额,优先级,类型
        P1,就业指导岗,C1,就业帮扶,2,1.5,岗位
        P2,,C2,法律咨询,,,订单
        P3,宣传岗,C1,政策宣传,1,,order

        """

    static let expectedMembers = [
        Member(id: "M1", name: "张明", homeCommunityID: "C1", location: .geographic(lat: 39.15, lon: 118.15),
               skills: ["就业帮扶", "政策宣传"], capacity: 2, orgID: "U1"),
        Member(id: "M2", homeCommunityID: "C2", skills: ["法律咨询", "政策宣传"]),
    ]
    static let expectedPosts = [
        Post(id: "P1", name: "就业指导岗", communityID: "C1", category: "就业帮扶", seats: 2, priority: 1.5, kind: .post),
        Post(id: "P2", communityID: "C2", category: "法律咨询", kind: .order),
        Post(id: "P3", name: "宣传岗", communityID: "C1", category: "政策宣传", seats: 1, kind: .order),
    ]

    private func instance() throws -> Instance { try InstanceReader.read(files: Self.base) }

    private func withoutSources(_ lists: PeopleLists) -> (members: [Member], posts: [Post]) {
        (lists.members.map { var m = $0; m.source = nil; return m }, lists.posts.map { var p = $0; p.source = nil; return p })
    }

    private func write(_ files: [String: String], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    }

    private func workbook(_ files: [String: String], name: String = "lists.xlsx") throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try TestWorkbook.zip(try TestWorkbook.fromLists(files), to: url)
        return url
    }

    /// The errors `PeopleReader.read(files:)` throws, as printed.
    private func errors(members: String = PeopleReaderTests.members, posts: String = PeopleReaderTests.posts) throws -> [String] {
        let instance = try instance()
        do {
            _ = try PeopleReader.read(files: ["members.csv": members, "posts.csv": posts],
                                      communities: instance.communities, organizations: instance.organizations)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    // MARK: - Good lists

    func testFolderReadsToTheValues() throws {
        let folder = scratch.appendingPathComponent("lists")
        try write(Self.base.merging(["members.csv": Self.members, "posts.csv": Self.posts]) { $1 }, to: folder)
        XCTAssertTrue(PeopleReader.hasPeopleLists(at: folder))
        let instance = try InstanceReader.read(folder: folder)
        let lists = try PeopleReader.read(at: folder, communities: instance.communities, organizations: instance.organizations)
        let read = withoutSources(lists)
        XCTAssertEqual(read.members, Self.expectedMembers)
        XCTAssertEqual(read.posts, Self.expectedPosts)
        XCTAssertEqual(lists.members.map { $0.source?.description }, ["members.csv:2:1", "members.csv:3:1"])
        XCTAssertEqual(lists.posts.map { $0.source?.description }, ["posts.csv:2:1", "posts.csv:3:1", "posts.csv:4:1"])
        XCTAssertEqual(lists.warnings, [])
        XCTAssertEqual(read.members[1].name, "M2", "an empty name is the id")
    }

    func testChineseHeadersReadTheSame() throws {
        let instance = try instance()
        let lists = try PeopleReader.read(files: ["members.csv": Self.membersChinese, "posts.csv": Self.postsChinese],
                                          communities: instance.communities, organizations: instance.organizations)
        XCTAssertEqual(withoutSources(lists).members, Self.expectedMembers)
        XCTAssertEqual(withoutSources(lists).posts, Self.expectedPosts)
        XCTAssertEqual(lists.warnings, [])
    }

    func testWorkbookReadsToTheValues() throws {
        let url = try workbook(Self.base.merging(["members.csv": Self.membersChinese, "posts.csv": Self.posts]) { $1 })
        XCTAssertTrue(PeopleReader.hasPeopleLists(at: url))
        let instance = try InstanceReader.read(workbook: url)
        let lists = try PeopleReader.read(at: url, communities: instance.communities, organizations: instance.organizations)
        XCTAssertEqual(withoutSources(lists).members, Self.expectedMembers)
        XCTAssertEqual(withoutSources(lists).posts, Self.expectedPosts)
        // TestWorkbook names the sheets 成员 and posts.
        XCTAssertEqual(lists.members.map { $0.source?.description }, ["lists.xlsx:成员!A2", "lists.xlsx:成员!A3"])
        XCTAssertEqual(lists.posts.first?.source?.description, "lists.xlsx:posts!A2")
        XCTAssertEqual(lists.warnings, [])
    }

    func testHasPeopleListsNeedsBoth() throws {
        let folder = scratch.appendingPathComponent("half")
        try write(Self.base.merging(["members.csv": Self.members]) { $1 }, to: folder)
        XCTAssertFalse(PeopleReader.hasPeopleLists(at: folder))
        XCTAssertFalse(PeopleReader.hasPeopleLists(at: try workbook(Self.base.merging(["posts.csv": Self.posts]) { $1 })))
        XCTAssertFalse(PeopleReader.hasPeopleLists(at: scratch.appendingPathComponent("nowhere.xlsx")))
        XCTAssertEqual(PeopleReader.listFile(forSheet: " 成员 "), "members.csv")
        XCTAssertEqual(PeopleReader.listFile(forSheet: "Posts"), "posts.csv")
        XCTAssertEqual(PeopleReader.listFile(forSheet: "posts.csv"), "posts.csv")
        XCTAssertNil(PeopleReader.listFile(forSheet: "订单"))
    }

    func testGB18030MembersReadAsTheOtherLists() throws {
        let folder = scratch.appendingPathComponent("gb")
        try write(Self.base.merging(["posts.csv": Self.posts]) { $1 }, to: folder)
        try TestWorkbook.gb18030(Self.membersChinese).write(to: folder.appendingPathComponent("members.csv"))
        let instance = try instance()
        let lists = try PeopleReader.read(at: folder, communities: instance.communities, organizations: instance.organizations)
        XCTAssertEqual(withoutSources(lists).members, Self.expectedMembers)
        XCTAssertEqual(lists.members.first?.name, "张明")
        // Asked for UTF-8, the same file is refused at the first byte that is not.
        XCTAssertThrowsError(try PeopleReader.read(at: folder, communities: instance.communities,
                                                   organizations: instance.organizations, encoding: .utf8)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.first?.location.file, "members.csv")
        }
    }

    func testUnknownColumnsWarn() throws {
        let instance = try instance()
        let lists = try PeopleReader.read(files: ["members.csv": "id,home_community,skills,备注\nM1,C1,就业帮扶,x\n",
                                                  "posts.csv": Self.posts],
                                          communities: instance.communities, organizations: instance.organizations)
        XCTAssertEqual(lists.warnings, ["members.csv:1:26: column '备注' is not used in members.csv and was ignored"])
    }

    // MARK: - Bad rows, each at its cell

    func testBadMembersAtTheirCells() throws {
        let members = """
            id,home_community,skills,capacity,org_id,x,y
            M1,C9,就业帮扶,,,,
            M2,C1,就业帮扶,,U9,,
            M1,C1,就业帮扶,,,,
            M3,C1,就业帮扶,0,,,
            M4,C1,,,,,
            M5,C1,；、 ;,,,,
            M6,C1,就业帮扶,,,3,

            """
        XCTAssertEqual(try errors(members: members), [
            "members.csv:2:4: unknown community 'C9' (not in communities.csv)",
            "members.csv:3:13: unknown unit 'U9' (not in organizations.csv)",
            "members.csv:4:1: duplicate member id 'M1' (first at members.csv:2:1)",
            "members.csv:5:12: capacity must be at least 1, found '0'",
            "members.csv:6:7: missing skills",
            "members.csv:7:7: missing skills",
            "members.csv:8:14: x given without y",
        ])
    }

    func testBadPostsAtTheirCells() throws {
        let posts = """
            id,community_id,category,seats,priority,kind
            P1,C9,就业帮扶,,,
            P1,C1,就业帮扶,,,
            P2,C1,就业帮扶,x,,
            P3,C1,就业帮扶,1,-1,
            P4,C1,就业帮扶,,,foo
            P5,C1,,,,

            """
        XCTAssertEqual(try errors(posts: posts), [
            "posts.csv:2:4: unknown community 'C9' (not in communities.csv)",
            "posts.csv:3:1: duplicate post id 'P1' (first at posts.csv:2:1)",
            "posts.csv:4:12: expected a whole number, found 'x'",
            "posts.csv:5:14: priority must be greater than 0, found '-1'",
            "posts.csv:6:14: unknown post kind 'foo'; use post or order (岗位, 订单)",
            "posts.csv:7:7: missing category",
        ])
    }

    /// Errors of both files come together, members.csv first.
    func testErrorsOfBothFilesSorted() throws {
        let found = try errors(members: "id,home_community,skills\nM1,C9,就业帮扶\n",
                               posts: "id,community_id,category,seats\nP1,C1,就业帮扶,0\n")
        XCTAssertEqual(found, ["members.csv:2:4: unknown community 'C9' (not in communities.csv)",
                               "posts.csv:2:12: seats must be at least 1, found '0'"])
    }

    func testMissingFileAndColumn() throws {
        let instance = try instance()
        XCTAssertThrowsError(try PeopleReader.read(files: ["members.csv": "id,skills\nM1,就业帮扶\n"],
                                                   communities: instance.communities,
                                                   organizations: instance.organizations)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), [
                "members.csv:1:1: missing required column 'home_community' (所在社区) in members.csv",
                "posts.csv:1:1: required file is missing",
            ])
        }
        let folder = scratch.appendingPathComponent("empty")
        try write(Self.base, to: folder)
        XCTAssertThrowsError(try PeopleReader.read(at: folder, communities: instance.communities,
                                                   organizations: instance.organizations)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["members.csv:1:1: required file is missing", "posts.csv:1:1: required file is missing"])
        }
    }

    func testWorkbookErrorsAtSheetCells() throws {
        let url = try workbook(Self.base.merging([
            "members.csv": "id,home_community,skills\nM1,C9,就业帮扶\n", "posts.csv": Self.posts,
        ]) { $1 })
        let instance = try InstanceReader.read(workbook: url)
        XCTAssertThrowsError(try PeopleReader.read(at: url, communities: instance.communities,
                                                   organizations: instance.organizations)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["lists.xlsx:成员!B2: unknown community 'C9' (not in 社区)"])
        }
        let half = try workbook(Self.base.merging(["members.csv": Self.members]) { $1 }, name: "half.xlsx")
        XCTAssertThrowsError(try PeopleReader.read(at: half, communities: instance.communities,
                                                   organizations: instance.organizations)) { error in
            let messages = (error as? InputErrors)?.errors.map(\.description) ?? []
            XCTAssertEqual(messages.count, 1, "\(messages)")
            XCTAssertTrue(messages.first?.hasPrefix("half.xlsx: ") == true, "\(messages)")
            XCTAssertTrue(messages.first?.contains("posts.csv") == true, "\(messages)")
        }
    }

    /// Chinese messages keep the location prefix.
    func testChineseErrorsKeepTheirLocation() throws {
        let found = try Language.with(.chinese) {
            try errors(posts: "id,community_id,category,kind\nP1,C1,就业帮扶,foo\nP1,C1,就业帮扶,\n")
        }
        XCTAssertEqual(found, ["posts.csv:2:12: 未知岗位类型“foo”；请用 岗位 或 订单（post、order）",
                               "posts.csv:3:1: 岗位编号“P1”重复（首次出现在 posts.csv:2:1）"])
    }

    // MARK: - A matching read back

    func testReadMatches() throws {
        let text = """
            member_id,member_name,post_id,community_id,category,distance_km,reason
            M1,张明,P1,C1,就业帮扶,0.5,
            M2,,P1,C1,就业帮扶,1.2,

            """
        let url = scratch.appendingPathComponent("people.csv")
        try Data(text.utf8).write(to: url)
        let matches = try PeopleReader.readMatches(file: url)
        XCTAssertEqual(matches, [SeatMatch(memberID: "M1", postID: "P1"), SeatMatch(memberID: "M2", postID: "P1")])
        XCTAssertEqual(matches.map { $0.source?.description }, ["people.csv:2:1", "people.csv:3:1"])
        let chinese = try PeopleReader.readMatches(text: "岗位编号,成员编号\nP2,M1\n")
        XCTAssertEqual(chinese, [SeatMatch(memberID: "M1", postID: "P2")])
        XCTAssertEqual(chinese.first?.source?.description, "people.csv:2:4")
    }

    func testBadMatches() throws {
        func errors(_ text: String) -> [String] {
            do {
                _ = try PeopleReader.readMatches(text: text)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        XCTAssertEqual(errors("member_id,post_id\nM1,P1\nM2,P1\nM1,P1\n,P2\n"), [
            "people.csv:4:1: member M1 is in post P1 twice",
            "people.csv:5:1: missing member_id",
        ])
        XCTAssertEqual(errors("member_id,reason\nM1,x\n"),
                       ["people.csv:1:1: missing required column 'post_id' (岗位编号) in people.csv"])
        XCTAssertThrowsError(try PeopleReader.readMatches(file: scratch.appendingPathComponent("people.csv"))) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["people.csv:1:1: matching file (people.csv) is missing"])
        }
    }

    // MARK: - Stage 1 undisturbed

    /// A folder or workbook that also holds the people lists reads to the same instance, with no new warning.
    func testStageOneReadersIgnoreThePeopleLists() throws {
        let people = ["members.csv": Self.membersChinese, "posts.csv": Self.posts]
        let plainFolder = scratch.appendingPathComponent("plain"), fullFolder = scratch.appendingPathComponent("full")
        try write(Self.base, to: plainFolder)
        try write(Self.base.merging(people) { $1 }, to: fullFolder)
        let plain = try InstanceReader.read(folder: plainFolder), full = try InstanceReader.read(folder: fullFolder)
        assertSame(plain, full)

        let plainBook = try InstanceReader.read(workbook: try workbook(Self.base, name: "plain.xlsx"))
        let fullBook = try InstanceReader.read(workbook: try workbook(Self.base.merging(people) { $1 }, name: "plain.xlsx"))
        assertSame(plainBook, fullBook)
        let parts = try TestWorkbook.fromLists(Self.base.merging(people) { $1 })
        XCTAssertNotNil(parts["xl/worksheets/sheet7.xml"], "说明, four lists and two people sheets")
        // And with the posts sheet under its Chinese name 岗位.
        var sheets: [(name: String, xml: String)] = []
        for (i, name) in ["说明", "社区", "单位", "需求", "资源", "成员", "岗位"].enumerated() {
            let file = ["", "communities.csv", "organizations.csv", "needs.csv", "resources.csv", "members.csv", "posts.csv"][i]
            let text = file.isEmpty ? "说明\n" : (Self.base.merging(people) { $1 })[file]!
            let rows = try CSVParser.records(text, file: file).map { $0.fields.map { TestWorkbook.Cell.inline($0.text) } }
            sheets.append((name, TestWorkbook.sheetXML(rows)))
        }
        let chineseURL = scratch.appendingPathComponent("chinese.xlsx")
        try TestWorkbook.zip(TestWorkbook.parts(sheets: sheets, sharedStrings: nil), to: chineseURL)
        let chinese = try InstanceReader.read(workbook: chineseURL)
        XCTAssertEqual(chinese.warnings, plainBook.warnings, "the units' missing coordinates only")
        XCTAssertEqual(chinese.communities.map(\.id), ["C1", "C2"])
        XCTAssertTrue(PeopleReader.hasPeopleLists(at: chineseURL))
        let lists = try PeopleReader.read(at: chineseURL, communities: chinese.communities, organizations: chinese.organizations)
        XCTAssertEqual(withoutSources(lists).posts, Self.expectedPosts)
        XCTAssertEqual(lists.posts.first?.source?.description, "chinese.xlsx:岗位!A2")
    }

    private func assertSame(_ a: Instance, _ b: Instance, line: UInt = #line) {
        XCTAssertEqual(a.communities, b.communities, line: line)
        XCTAssertEqual(a.organizations, b.organizations, line: line)
        XCTAssertEqual(a.needs, b.needs, line: line)
        XCTAssertEqual(a.resources, b.resources, line: line)
        XCTAssertEqual(a.projects, b.projects, line: line)
        XCTAssertEqual(a.pairs, b.pairs, line: line)
        XCTAssertEqual(a.warnings, b.warnings, line: line)
    }

    /// The new column names take no header of another list: each alias still names one column.
    func testColumnNamesDoNotClash() {
        XCTAssertEqual(ColumnNames.canonical(for: "姓名"), "member_name")
        XCTAssertEqual(ColumnNames.canonical(for: "名称"), "name")
        XCTAssertEqual(ColumnNames.canonical(for: "工作单位"), "org_id")
        XCTAssertEqual(ColumnNames.canonical(for: "类型"), "kind")
        XCTAssertEqual(ColumnNames.canonical(for: "报到社区"), "home_community")
        var seen: [String: String] = [:]
        for (canonical, aliases) in ColumnNames.aliases {
            for name in [canonical] + aliases {
                let key = ColumnNames.normalize(name)
                XCTAssertNil(seen[key], "\(name) names both \(seen[key] ?? "") and \(canonical)")
                seen[key] = canonical
            }
        }
    }
}
