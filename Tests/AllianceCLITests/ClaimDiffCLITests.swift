import Foundation
import XCTest

/// `solve` writing projects.csv, `claim` on a hand-edited plan, and `diff`, run as a user runs them.
final class ClaimDiffCLITests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private var tiny: String { CommandRunner.root.appendingPathComponent("models/examples/tiny").path }

    private func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.components(separatedBy: ",") }
    }

    /// tiny: C1 has projects P1, P2 (养老服务 1 each), C2 has P3 (就业帮扶 2), C3 has P4 (养老服务 1).
    /// Only U4 (养老服务 2), U5 (就业帮扶 2) and U6 (养老服务 1) hold resources, all k = 1. Whatever
    /// the plan, every claim must be made by a unit serving the project's community with enough
    /// of the category; the written projects.csv and plan.json are checked against plan.csv
    /// and resources.csv here. Two runs give byte-identical files.
    func testSolveWritesProjects() throws {
        let out = scratch.appendingPathComponent("plan")
        let result = try CommandRunner.run(["solve", tiny, "--out", out.path, "--no-timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("projects    "), result.stdout)
        let plan = try rows(out.appendingPathComponent("plan.csv")).dropFirst()
        let serving = Set(plan.map { $0[0] + "|" + $0[2] })
        let held = ["U4|养老服务": 2.0, "U5|就业帮扶": 2, "U6|养老服务": 1]
        let projects = try rows(out.appendingPathComponent("projects.csv"))
        XCTAssertEqual(projects.first, ["project_id", "project_name", "community_id", "org_id", "org_name",
                                        "category", "amount", "value", "status"])
        XCTAssertEqual(projects.dropFirst().map { $0[0] }, ["P1", "P2", "P3", "P4"])
        var spent: [String: Double] = [:]
        var claimedValue = 0.0
        for row in projects.dropFirst() where row[8] == "claimed" {
            XCTAssertTrue(serving.contains(row[2] + "|" + row[3]), "\(row[3]) does not serve \(row[2])")
            spent[row[3] + "|" + row[5], default: 0] += Double(row[6])!
            claimedValue += Double(row[7])!
        }
        for (key, total) in spent { XCTAssertLessThanOrEqual(total, held[key] ?? 0, key) }
        let claims = try XCTUnwrap(try CommandRunner.json(out.appendingPathComponent("plan.json"))["claims"] as? [String: Any])
        XCTAssertEqual((claims["claimed_value"] as? NSNumber)?.doubleValue, claimedValue)
        XCTAssertEqual((claims["total_value"] as? NSNumber)?.doubleValue, 9)
        XCTAssertEqual((claims["claimed_count"] as? NSNumber)?.intValue,
                       projects.dropFirst().filter { $0[8] == "claimed" }.count)

        let again = scratch.appendingPathComponent("again")
        XCTAssertEqual(try CommandRunner.run(["solve", tiny, "--out", again.path, "--no-timings", "--quiet"]).status, 0)
        for name in ["projects.csv", "plan.json"] {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)),
                           try Data(contentsOf: again.appendingPathComponent(name)), name)
        }
    }

    /// A hand-edited plan for tiny moves U4 (养老服务 2) from C1 to C2: C1 keeps only U1, who holds
    /// nothing, so P1 and P2 stay unclaimed (no member has the category); C2's P3 (就业帮扶 2) goes
    /// to U5 (就业帮扶 2); C3's P4 (养老服务 1) to U6 (养老服务 1). The plan breaks the size rule
    /// (every community must have 2 units), which is a warning, not an error.
    func testClaimOnHandEditedPlan() throws {
        let plan = scratch.appendingPathComponent("edited.csv")
        try "community_id,org_id,role\nC1,U1,lead\nC2,U3,lead\nC2,U5,member\nC2,U4,member\nC3,U2,lead\nC3,U6,member\n"
            .write(to: plan, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("claims")
        let result = try CommandRunner.run(["claim", tiny, "--plan", plan.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: the plan breaks a rule: community C1 has 1 units"), result.stderr)
        XCTAssertEqual(try rows(out.appendingPathComponent("projects.csv")).dropFirst().map { [$0[0], $0[3], $0[8]] }, [
            ["P1", "", "no_member_has_category"],
            ["P2", "", "no_member_has_category"],
            ["P3", "U5", "claimed"],
            ["P4", "U6", "claimed"],
        ])
        let summary = try CommandRunner.json(out.appendingPathComponent("claims.json"))
        XCTAssertEqual((summary["claimed_value"] as? NSNumber)?.doubleValue, 4)  // P3 3 + P4 1
        XCTAssertEqual((summary["unclaimed_by_reason"] as? [String: Int])?["no_member_has_category"], 2)
    }

    /// A plan naming an unknown unit is an input error at its row; nothing is written.
    func testClaimRejectsUnknownUnit() throws {
        let plan = scratch.appendingPathComponent("unknown.csv")
        try "community_id,org_id,role\nC1,U1,lead\nC1,UX,member\n".write(to: plan, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("none")
        let result = try CommandRunner.run(["claim", tiny, "--plan", plan.path, "--out", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(plan.path):3:4: unknown unit 'UX'"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// Old: C1 = U1 (lead), U4; C2 = U3 (lead), U5; C3 = U2 (lead), U6.
    /// New: C1 = U4 (lead), U1; C2 = U3 (lead), U6; C3 = U2 (lead), U7.
    /// So U1 and U4 swap roles, U5 leaves, U6 moves C3 → C2, U7 joins; U2 and U3 are unchanged.
    func testDiff() throws {
        let old = scratch.appendingPathComponent("old.csv"), new = scratch.appendingPathComponent("new.csv")
        try "community_id,org_id,role\nC1,U1,lead\nC1,U4,member\nC2,U3,lead\nC2,U5,member\nC3,U2,lead\nC3,U6,member\n"
            .write(to: old, atomically: true, encoding: .utf8)
        try "community_id,org_id,role\nC1,U4,lead\nC1,U1,member\nC2,U3,lead\nC2,U6,member\nC3,U2,lead\nC3,U7,member\n"
            .write(to: new, atomically: true, encoding: .utf8)

        let csv = try CommandRunner.run(["diff", old.path, new.path, "--csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertEqual(csv.stdout.split(separator: "\n").map(String.init), [
            "org_id,change,community_id,old_role,new_role",
            "U1,role_changed,C1,lead,member",
            "U4,role_changed,C1,member,lead",
            "U5,left,C2,member,",
            "U6,moved_out,C3,member,",
            "U6,moved_in,C2,,member",
            "U7,joined,C3,,member",
        ])

        let json = try CommandRunner.run(["diff", old.path, new.path, "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["counts"] as? [String: Int], ["joined": 1, "left": 1, "moved": 1, "role_changed": 2])
        XCTAssertEqual(document["unchanged"] as? Int, 2)
        let communities = try XCTUnwrap(document["communities"] as? [[String: Any]])
        XCTAssertEqual(communities.map { $0["community_id"] as? String }, ["C1", "C2", "C3"])
        XCTAssertEqual(communities[0]["new_lead"] as? String, "U4")
        XCTAssertEqual(communities[1]["joined"] as? [String], ["U6"])
        XCTAssertEqual(communities[2]["left"] as? [String], ["U6"])

        let text = try CommandRunner.run(["diff", old.path, new.path])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.hasPrefix("organizations  1 joined, 1 left, 1 moved, 2 changed role, 2 unchanged"),
                      text.stdout)
        XCTAssertTrue(text.stdout.contains("U1 → U4"), text.stdout)
    }

    /// Bad plan files: every error with file:line:column, exit 1.
    func testDiffBadFiles() throws {
        let bad = scratch.appendingPathComponent("bad.csv")
        try "community_id,org_id,role\nC1,U1,lead\nC1,U1,boss\n".write(to: bad, atomically: true, encoding: .utf8)
        let missing = scratch.appendingPathComponent("missing.csv")
        let result = try CommandRunner.run(["diff", bad.path, missing.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("\(bad.path):3:7: unknown role 'boss'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(bad.path):3:4: unit 'U1' is listed twice"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(missing.path):1:1: plan file is missing"), result.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
    }
}
