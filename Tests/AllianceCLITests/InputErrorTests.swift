import Foundation
import XCTest

/// Malformed lists end with `file:line:column: message`, exit status 1, and nothing written:
/// an earlier plan in the output folder survives untouched.
final class InputErrorTests: XCTestCase {
    static let valid: [String: String] = [
        "communities.csv": "id,name,strength\nA,甲社区,1\nB,乙社区,2\n",
        "organizations.csv": "id,name,strength,can_lead\nu1,单位一,4,true\nu2,单位二,2,true\nu3,单位三,2,false\n",
        "needs.csv": "community_id,category,amount,priority\nA,就业帮扶,2,1\nB,养老服务,3,2\n",
        "resources.csv": "org_id,category,amount\nu1,就业帮扶,3\nu2,养老服务,1\nu3,养老服务,2\n",
    ]

    /// Writes the valid lists with `changes` applied, solves into an output folder that already
    /// holds an earlier plan, and checks the error, the status and that the folder is unchanged.
    private func assertRejected(_ changes: [String: String], file: String, line: Int, column: Int,
                                message: String, sourceLine: UInt = #line) throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, contents) in Self.valid.merging(changes, uniquingKeysWith: { _, new in new }) {
            try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
        }
        let out = try EarlierPlan(in: folder)
        let result = try CommandRunner.run(["solve", folder.path, "--out", out.folder.path, "--quiet"])
        XCTAssertEqual(result.status, 1, result.stderr, line: sourceLine)
        let location = "\(folder.appendingPathComponent(file).path):\(line):\(column): "
        let matching = result.stderr.split(separator: "\n").filter { $0.hasPrefix(location) }
        XCTAssertFalse(matching.isEmpty, "expected an error at \(file):\(line):\(column), got:\n\(result.stderr)",
                       line: sourceLine)
        XCTAssertTrue(matching.contains { $0.localizedCaseInsensitiveContains(message) },
                      "expected '\(message)' in \(matching)", line: sourceLine)
        try out.assertUnchanged(line: sourceLine)
    }

    func testUnknownCommunityInNeeds() throws {
        try assertRejected(["needs.csv": "community_id,category,amount\nA,就业帮扶,2\nZ,养老服务,3\n"],
                           file: "needs.csv", line: 3, column: 1, message: "Z")
    }

    func testUnknownUnitInResources() throws {
        try assertRejected(["resources.csv": "org_id,category,amount\nu9,就业帮扶,3\n"],
                           file: "resources.csv", line: 2, column: 1, message: "u9")
    }

    func testDuplicateID() throws {
        try assertRejected(["organizations.csv": "id,strength\nu1,4\nu2,2\nu1,2\n"],
                           file: "organizations.csv", line: 4, column: 1, message: "duplicate")
    }

    func testTextInNumberColumn() throws {
        try assertRejected(["communities.csv": "id,strength\nA,1\nB,strong\n"],
                           file: "communities.csv", line: 3, column: 3, message: "number")
    }

    func testNegativeAmount() throws {
        try assertRejected(["resources.csv": "org_id,category,amount\nu1,就业帮扶,-3\n"],
                           file: "resources.csv", line: 2, column: 9, message: "amount")
    }

    func testMissingRequiredColumn() throws {
        try assertRejected(["needs.csv": "community_id,amount\nA,2\n"],
                           file: "needs.csv", line: 1, column: 1, message: "category")
    }

    func testUnterminatedQuote() throws {
        try assertRejected(["organizations.csv": "id,name\nu1,\"单位一\nu2,单位二\n"],
                           file: "organizations.csv", line: 2, column: 4, message: "unterminated")
    }

    func testMinAboveMax() throws {
        try assertRejected(["organizations.csv": "id,min_communities,max_communities\nu1,3,2\nu2,1,1\nu3,1,1\n"],
                           file: "organizations.csv", line: 2, column: 4, message: "min_communities")
    }

    func testFixOnForbiddenPair() throws {
        try assertRejected(["pairs.csv": "org_id,community_id,rule\nu1,A,forbid\nu1,A,fix\n"],
                           file: "pairs.csv", line: 3, column: 6, message: "forbid")
    }
}
