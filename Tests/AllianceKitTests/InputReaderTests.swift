import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Reading the list files into an `Instance`: every rule of MODEL.md's "Input files", and each
/// error class with its exact file:line:column.
final class InputReaderTests: XCTestCase {
    static let base: [String: String] = [
        "communities.csv": "id,name,street,strength\nC1,社区一,街道A,2\nC2,社区二,街道A,1\n",
        "organizations.csv": "id,name,kind,strength,can_lead,min_communities,max_communities\n"
            + "O1,单位一,机关,3,true,1,2\nO2,单位二,企业,1,false,1,1\n",
        "needs.csv": "community_id,category,amount,priority\nC1,教育,2,1\nC2,医疗,1,\n",
        "resources.csv": "org_id,category,amount\nO1,教育,3\nO2,医疗,1\n",
    ]

    /// The base lists with some files replaced (`nil` removes a file) or extended (`append`).
    private func files(_ replace: [String: String?] = [:], append: [String: String] = [:]) -> [String: String] {
        var files = Self.base
        for (name, text) in replace { files[name] = text }
        for (name, text) in append { files[name, default: ""] += text }
        return files
    }

    /// The errors reading `files` throws, as `file:line:column: message`; fails when it does not throw.
    private func errors(_ files: [String: String], line: UInt = #line) -> [String] {
        do {
            _ = try InstanceReader.read(files: files)
            XCTFail("expected input errors", line: line)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// Asserts that reading fails with exactly one error, at `location`, whose message contains `message`.
    private func assertSingleError(_ files: [String: String], at location: String, _ message: String, line: UInt = #line) {
        let found = errors(files, line: line)
        XCTAssertEqual(found.count, 1, "\(found)", line: line)
        guard let first = found.first else { return }
        XCTAssertTrue(first.hasPrefix(location + ": "), "\(first) is not at \(location)", line: line)
        XCTAssertTrue(first.contains(message), "\(first) lacks '\(message)'", line: line)
    }

    // MARK: valid input

    func testReadsValidListsWithDefaults() throws {
        let instance = try InstanceReader.read(files: files())
        XCTAssertEqual(instance.communities.map(\.id), ["C1", "C2"])
        XCTAssertEqual(instance.communities.map(\.name), ["社区一", "社区二"])
        XCTAssertEqual(instance.communities.map(\.strength), [2, 1])
        XCTAssertEqual(instance.communities[0].street, "街道A")
        XCTAssertNil(instance.communities[0].minOrgs)
        XCTAssertEqual(instance.organizations.map(\.canLead), [true, false])
        XCTAssertEqual(instance.organizations.map(\.maxCommunities), [2, 1])
        XCTAssertEqual(instance.organizations[0].kind, "机关")
        XCTAssertEqual(instance.needs.map(\.priority), [1, 1])
        XCTAssertEqual(instance.needs[1].source?.description, "needs.csv:3:1")
        XCTAssertEqual(instance.resources.map(\.amount), [3, 1])
        XCTAssertEqual(instance.organizations[1].source?.description, "organizations.csv:3:1")
        XCTAssertTrue(instance.projects.isEmpty)
        XCTAssertTrue(instance.pairs.isEmpty)
        XCTAssertTrue(instance.warnings.isEmpty, "\(instance.warnings)")
    }

    func testDefaultsWhenOptionalColumnsAreAbsent() throws {
        let instance = try InstanceReader.read(files: files([
            "communities.csv": "id\nC1\n",
            "organizations.csv": "id\nO1\n",
            "needs.csv": "community_id,category,amount\n",
            "resources.csv": "org_id,category,amount\n",
        ]))
        XCTAssertEqual(instance.communities, [Community(id: "C1", source: SourceLocation(file: "communities.csv", line: 2, column: 1))])
        XCTAssertEqual(instance.organizations, [Organization(id: "O1", source: SourceLocation(file: "organizations.csv", line: 2, column: 1))])
    }

    func testChineseHeadersAreAccepted() throws {
        let instance = try InstanceReader.read(files: [
            "communities.csv": "编号,名称,街道,力量,最少单位数,最多单位数,横坐标,纵坐标,区县\nC1,社区一,街道A,2,1,3,0.5,1,南区\n",
            "organizations.csv": "编号,名称,类型,实力,可牵头,最少包联数,最多包联数,分组,纬度,经度\nO1,单位一,机关,3,否,0,2,G1,30.5,114.3\n",
            "needs.csv": "社区编号,类别,数量,优先级\nC1,教育,2,0.5\n",
            "resources.csv": "单位编号,类别,数量\nO1,教育,3\n",
            "projects.csv": "编号,社区编号,名称,类别,数量,价值\nP1,C1,读书会,教育,1,2\n",
            "pairs.csv": "单位编号,社区编号,规则,分值\nO1,C1,优先,0.5\nO1,C1,固定,\n",
        ])
        let c = try XCTUnwrap(instance.communities.first)
        XCTAssertEqual([c.id, c.name, c.street, c.district], ["C1", "社区一", "街道A", "南区"])
        XCTAssertEqual(c.strength, 2)
        XCTAssertEqual(c.minOrgs, 1)
        XCTAssertEqual(c.maxOrgs, 3)
        XCTAssertEqual(c.location, .planar(x: 0.5, y: 1))
        let o = try XCTUnwrap(instance.organizations.first)
        XCTAssertEqual(o.canLead, false)
        XCTAssertEqual(o.minCommunities, 0)
        XCTAssertEqual(o.maxCommunities, 2)
        XCTAssertEqual(o.group, "G1")
        XCTAssertEqual(o.location, .geographic(lat: 30.5, lon: 114.3))
        XCTAssertEqual(instance.needs.first?.priority, 0.5)
        XCTAssertEqual(instance.projects.first?.value, 2)
        XCTAssertEqual(instance.projects.first?.name, "读书会")
        XCTAssertEqual(instance.pairs.map(\.rule), [.prefer(score: 0.5), .fix])
        XCTAssertTrue(instance.warnings.contains { $0.contains("x/y and others lat/lon") }, "\(instance.warnings)")
    }

    func testCanLeadIsTrueWithoutTheColumnAndFalseForAnEmptyCell() throws {
        let absent = try InstanceReader.read(files: files(["organizations.csv": "id,name\nO1,a\nO2,b\n"]))
        XCTAssertEqual(absent.organizations.map(\.canLead), [true, true])
        let present = try InstanceReader.read(files: files(["organizations.csv": "id,can_lead\nO1,\nO2,是\nO3,no\nO4\n"]))
        XCTAssertEqual(present.organizations.map(\.canLead), [false, true, false, false])
    }

    func testRepeatedRowsAreKept() throws {
        let instance = try InstanceReader.read(files: files(append: [
            "needs.csv": "C1,教育,2,1\nC1,教育,3,2\n",
            "resources.csv": "O1,教育,3\n",
        ]))
        XCTAssertEqual(instance.needs.filter { $0.communityID == "C1" }.map(\.amount), [2, 2, 3])
        XCTAssertEqual(instance.resources.filter { $0.orgID == "O1" }.count, 2)
    }

    func testOptionalFilesAndDuplicateFixesAreFine() throws {
        let instance = try InstanceReader.read(files: files([
            "projects.csv": "id,community_id,category,amount\nP1,C1,教育,1\nP2,C2,医疗,0.5\n",
            "pairs.csv": "org_id,community_id,rule,score\nO1,C1,FIX,\nO1,C1,fix,\nO2,C2,Forbid,oops\nO1,C2,prefer,-1.5\nO1,C2,prefer,+2\n",
        ]))
        XCTAssertEqual(instance.projects.map(\.name), ["P1", "P2"])
        XCTAssertEqual(instance.projects.map(\.value), [1, 1])
        XCTAssertEqual(instance.pairs.map(\.rule), [.fix, .fix, .forbid, .prefer(score: -1.5), .prefer(score: 2)])
        XCTAssertEqual(instance.pairs[2].source?.description, "pairs.csv:4:1")
        // An empty optional file counts as absent.
        XCTAssertNoThrow(try InstanceReader.read(files: files(["pairs.csv": "", "projects.csv": "\n"])))
    }

    func testUnknownColumnsAreIgnoredWithAWarning() throws {
        let instance = try InstanceReader.read(files: files(["communities.csv": "id,备注,priority\nC1,hello,2\nC2,,\n"]))
        XCTAssertEqual(instance.warnings, [
            "communities.csv:1:4: column '备注' is not used in communities.csv and was ignored",
            "communities.csv:1:7: column 'priority' is not used in communities.csv and was ignored",
        ])
    }

    func testCoordinateWarnings() throws {
        let instance = try InstanceReader.read(files: files([
            "communities.csv": "id,x,y\nC1,0,0\nC2,,\n",
            "organizations.csv": "id,x,y\nO1,3,4\nO2,,\n",
        ]))
        XCTAssertEqual(instance.communities.map(\.location), [.planar(x: 0, y: 0), nil])
        XCTAssertEqual(instance.warnings, ["1 of 2 communities and 1 of 2 units have no coordinates; distances involving them are taken as 0"])
    }

    func testGroupMembersInOneDistrictAndIdsMayEqualGroupNames() throws {
        let instance = try InstanceReader.read(files: files([
            "organizations.csv": "id,group,district\nO1,G,南区\nO2,G,\nG,O1,北区\nO3,G,南区\n",
        ]))
        XCTAssertEqual(instance.organizations.map(\.group), ["G", "G", "O1", "G"])
    }

    // MARK: error classes

    func testUnknownCommunityInNeeds() {
        assertSingleError(files(append: ["needs.csv": "C9,教育,1\n"]), at: "needs.csv:4:1", "unknown community 'C9' (not in communities.csv)")
    }

    func testUnknownUnitInResources() {
        assertSingleError(files(append: ["resources.csv": "O9,教育,1\n"]), at: "resources.csv:4:1", "unknown unit 'O9' (not in organizations.csv)")
    }

    func testDuplicateIDs() {
        assertSingleError(files(append: ["communities.csv": "C1,again\n"]), at: "communities.csv:4:1",
                          "duplicate community id 'C1' (first at communities.csv:2:1)")
        assertSingleError(files(append: ["organizations.csv": " O2\n"]), at: "organizations.csv:4:2", "duplicate unit id 'O2'")
        assertSingleError(files(["projects.csv": "id,community_id,category,amount\nP1,C1,a,1\nP1,C2,a,1\n"]),
                          at: "projects.csv:3:1", "duplicate project id 'P1'")
    }

    func testMissingID() {
        assertSingleError(files(append: ["communities.csv": ",社区三\n"]), at: "communities.csv:4:1", "missing id")
    }

    func testTextInANumberColumn() {
        assertSingleError(files(append: ["communities.csv": "C3,社区三,街道B,abc\n"]), at: "communities.csv:4:12",
                          "expected a number, found 'abc'")
    }

    func testNaNAndInfinityAreNotNumbers() {
        assertSingleError(files(append: ["resources.csv": "O1,教育,NaN\n"]), at: "resources.csv:4:7", "expected a number, found 'NaN'")
        assertSingleError(files(append: ["communities.csv": "C3,x,y,Infinity\n"]), at: "communities.csv:4:8", "expected a number, found 'Infinity'")
    }

    func testNegativeAndZeroAmounts() {
        assertSingleError(files(append: ["needs.csv": "C1,教育,-2\n"]), at: "needs.csv:4:7", "amount must be greater than 0, found '-2'")
        assertSingleError(files(append: ["resources.csv": "O1,文化,0\n"]), at: "resources.csv:4:7", "amount must be greater than 0, found '0'")
        assertSingleError(files(append: ["needs.csv": "C1,教育,\n"]), at: "needs.csv:4:7", "missing amount")
        assertSingleError(files(append: ["needs.csv": "C1,教育,1,-1\n"]), at: "needs.csv:4:9", "priority must be 0 or more, found '-1'")
        assertSingleError(files(append: ["organizations.csv": "O3,x,y,-1\n"]), at: "organizations.csv:4:8", "strength must be 0 or more")
    }

    func testMissingRequiredColumn() {
        assertSingleError(files(["needs.csv": "community_id,category\nC1,教育\nC9,x\n"]), at: "needs.csv:1:1",
                          "missing required column 'amount' (数量) in needs.csv")
    }

    func testMissingRequiredFile() {
        assertSingleError(files(["resources.csv": nil]), at: "resources.csv:1:1", "required file is missing")
    }

    func testUnterminatedQuote() {
        assertSingleError(files(append: ["organizations.csv": "O3,\"单位三,机关,1\nO4,x\n"]), at: "organizations.csv:4:4",
                          "unterminated quoted field starting here")
    }

    func testTooManyCells() {
        assertSingleError(files(append: ["resources.csv": "O1,教育,1,extra\n"]), at: "resources.csv:4:9", "too many cells")
    }

    func testMinCommunitiesAboveMaxCommunities() {
        assertSingleError(files(append: ["organizations.csv": "O3,单位三,事业,1,true,3,2\n"]), at: "organizations.csv:4:18",
                          "min_communities (3) is greater than max_communities (2)")
        assertSingleError(files(append: ["organizations.csv": "O4,x,,1,true,2,\n"]), at: "organizations.csv:4:14",
                          "min_communities (2) is greater than max_communities (1 by default)")
        assertSingleError(files(append: ["organizations.csv": "O4,x,,1,true,1,0\n"]), at: "organizations.csv:4:16",
                          "max_communities must be at least 1, found '0'")
        assertSingleError(files(append: ["organizations.csv": "O4,x,,1,true,1,2.5\n"]), at: "organizations.csv:4:16",
                          "expected a whole number, found '2.5'")
    }

    func testMinOrgsAboveMaxOrgs() {
        assertSingleError(files(["communities.csv": "id,min_orgs,max_orgs\nC1,3.0,2\nC2,,\n"]), at: "communities.csv:2:4",
                          "min_orgs (3) is greater than max_orgs (2)")
    }

    func testFixOnAForbiddenPair() {
        let pairs = "org_id,community_id,rule,score\nO1,C1,forbid,\nO1,C2,fix,\nO1,C1,fix,\nO1,C2,fix,\n"
        assertSingleError(files(["pairs.csv": pairs]), at: "pairs.csv:4:7",
                          "pair (O1, C1) is both fixed and forbidden (forbid at pairs.csv:2:7)")
        let reversed = "org_id,community_id,rule\nO2,C2,固定\nO2,C2,禁止\n"
        assertSingleError(files(["pairs.csv": reversed]), at: "pairs.csv:3:7", "both fixed and forbidden (fix at pairs.csv:2:7)")
    }

    func testPairRowErrors() {
        assertSingleError(files(["pairs.csv": "org_id,community_id,rule,score\nO1,C1,prefer,\n"]), at: "pairs.csv:2:14", "prefer needs a score")
        assertSingleError(files(["pairs.csv": "org_id,community_id,rule\nO1,C1,prefer\n"]), at: "pairs.csv:2:7", "prefer needs a score")
        assertSingleError(files(["pairs.csv": "org_id,community_id,rule,score\nO1,C1,prefer,x\n"]), at: "pairs.csv:2:14",
                          "expected a number, found 'x'")
        assertSingleError(files(["pairs.csv": "org_id,community_id,rule\nO1,C1,avoid\n"]), at: "pairs.csv:2:7", "unknown rule 'avoid'")
        XCTAssertEqual(errors(files(["pairs.csv": "org_id,community_id,rule\nO7,C7,fix\n"])), [
            "pairs.csv:2:1: unknown unit 'O7' (not in organizations.csv)",
            "pairs.csv:2:4: unknown community 'C7' (not in communities.csv)",
        ])
    }

    func testProjectRowErrors() {
        assertSingleError(files(["projects.csv": "id,community_id,category,amount,value\nP1,C8,a,1,\n"]), at: "projects.csv:2:4", "unknown community 'C8'")
        assertSingleError(files(["projects.csv": "id,community_id,category,amount,value\nP1,C1,,1,\n"]), at: "projects.csv:2:7", "missing category")
        assertSingleError(files(["projects.csv": "id,community_id,category,amount,value\nP1,C1,a,1,-3\n"]), at: "projects.csv:2:11",
                          "value must be 0 or more")
    }

    func testXWithoutY() {
        assertSingleError(files(["communities.csv": "id,x,y\nC1,1,\nC2,1,2\n"]), at: "communities.csv:2:4", "x given without y")
        assertSingleError(files(["organizations.csv": "id,x,y\nO1,,5\nO2\n"]), at: "organizations.csv:2:5", "y given without x")
        assertSingleError(files(["communities.csv": "编号,经度,纬度\nC1,114,\nC2,,\n"]), at: "communities.csv:2:4", "经度 given without 纬度")
    }

    func testCoordinateRangesAndMixedPairs() {
        assertSingleError(files(["communities.csv": "id,lat,lon\nC1,95,10\nC2,,\n"]), at: "communities.csv:2:4", "lat must be between -90 and 90, found '95'")
        assertSingleError(files(["communities.csv": "id,lat,lon\nC1,45,-181\nC2,,\n"]), at: "communities.csv:2:7", "lon must be between -180 and 180")
        assertSingleError(files(["communities.csv": "id,x,y,lat,lon\nC1,1,2,30,110\nC2,,,,\n"]), at: "communities.csv:2:8", "both x/y and lat/lon")
    }

    func testGroupSpanningDistrictsIsAnError() {
        assertSingleError(files(["organizations.csv": "id,group,district\nO1,G,南区\nO2,G,北区\n"]), at: "organizations.csv:3:6",
                          "group 'G' spans districts: '北区' here, '南区' at organizations.csv:2:6")
    }

    func testQuotedNewlineShiftsLaterLineNumbers() {
        let communities = "id,name,street\nC1,\"社区\n一\",街道A\nC2,\"a\r\nb\r\nc\",街道A\nC2,dup,x\n"
        assertSingleError(files(["communities.csv": communities]), at: "communities.csv:7:1",
                          "duplicate community id 'C2' (first at communities.csv:4:1)")
    }

    func testAllErrorsAreCollectedAndSorted() {
        let found = errors(files(["resources.csv": nil, "pairs.csv": "org_id,community_id,rule\nO1,C1,maybe\n"],
                                 append: ["needs.csv": "C9,x,1\nC1,y,z\n", "communities.csv": "C1\n,x\n C3, ,,-1\n"]))
        XCTAssertEqual(found, [
            "communities.csv:4:1: duplicate community id 'C1' (first at communities.csv:2:1)",
            "communities.csv:5:1: missing id",
            "communities.csv:6:8: strength must be 0 or more, found '-1'",
            "needs.csv:4:1: unknown community 'C9' (not in communities.csv)",
            "needs.csv:5:6: expected a number, found 'z'",
            "resources.csv:1:1: required file is missing",
            "pairs.csv:2:7: unknown rule 'maybe'; use forbid, fix or prefer (禁止, 固定, 优先)",
        ])
    }

    func testReferencesAreNotCheckedAgainstAnUnreadableFile() {
        // communities.csv lacks its id column: one error, not one per need.
        XCTAssertEqual(errors(files(["communities.csv": "name\nC1\n"])),
                       ["communities.csv:1:1: missing required column 'id' (编号) in communities.csv"])
    }

    // MARK: files on disk

    private func folder(_ files: [String: Data]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
        return url
    }

    private func excelBytes(_ text: String) -> Data {
        Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    func testReadsAFolderOfExcelFilesWithBOMAndCRLF() throws {
        let url = try folder(Self.base.mapValues(excelBytes))
        let instance = try InstanceReader.read(folder: url)
        XCTAssertEqual(instance.communities.map(\.id), ["C1", "C2"])
        XCTAssertEqual(instance.needs.map(\.priority), [1, 1])
        XCTAssertEqual(instance.needs[1].source?.description, "needs.csv:3:1")
    }

    func testErrorsInAnExcelFileAreLocatedCorrectly() throws {
        var files = Self.base.mapValues(excelBytes)
        files["needs.csv"] = excelBytes("community_id,category,amount\n\"C1\",\"教育\",\"2\"\n\"C1\",\"医疗\",\"x\"\n")
        let url = try folder(files)
        XCTAssertThrowsError(try InstanceReader.read(folder: url)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), ["needs.csv:3:11: expected a number, found 'x'"])
        }
    }

    func testFileThatIsNotUTF8() throws {
        var files = Self.base.mapValues { Data($0.utf8) }
        files["communities.csv"] = Data(Array("id,name\nC1,".utf8) + [0xC9, 0xE7, 0xC7, 0xF8] + Array("\n".utf8)) // GBK 社区
        files["resources.csv"] = nil
        let url = try folder(files)
        XCTAssertThrowsError(try InstanceReader.read(folder: url, encoding: .utf8)) { error in
            let found = (error as? InputErrors)?.errors.map(\.description) ?? []
            XCTAssertEqual(found.count, 2, "\(found)")
            XCTAssertTrue(found.first?.hasPrefix("communities.csv:2:4: file is not UTF-8") == true, "\(found)")
            XCTAssertTrue(found.first?.contains("CSV UTF-8") == true)
            XCTAssertEqual(found.last, "resources.csv:1:1: required file is missing")
        }
    }

    func testMissingFolder() {
        XCTAssertThrowsError(try InstanceReader.read(folder: URL(fileURLWithPath: "/nonexistent/alliance-lists"))) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.first?.message, "no such folder")
        }
    }
}
