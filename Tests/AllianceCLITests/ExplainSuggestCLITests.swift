import Foundation
import XCTest

/// `alliance explain` and `alliance suggest` on the tiny example with a plan written by `solve`.
final class ExplainSuggestCLITests: XCTestCase {
    func testExplainAndSuggestOnTinyExample() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny").path
        let out = folder.appendingPathComponent("plan")
        XCTAssertEqual(try CommandRunner.run(["solve", tiny, "--out", out.path, "--quiet", "--no-timings"]).status, 0)
        let plan = out.appendingPathComponent("plan.csv").path

        let text = try CommandRunner.run(["explain", tiny, "--plan", plan])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("all rules satisfied"))
        XCTAssertTrue(text.stdout.contains("communities, most costly first"))

        let explain = try CommandRunner.run(["explain", tiny, "--plan", plan, "--json"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["feasible"] as? Bool, true)
        XCTAssertEqual((document["communities"] as? [Any])?.count, 3)
        XCTAssertEqual((document["units"] as? [Any])?.count, 6)
        let objective = try XCTUnwrap(document["objective"] as? Double)
        let units = try XCTUnwrap(document["units"] as? [[String: Any]])
        XCTAssertEqual(units.compactMap { $0["objective"] as? Double }.reduce(0, +), objective, accuracy: 1e-9)

        let suggestText = try CommandRunner.run(["suggest", tiny, "--plan", plan, "--org", "U4"])
        XCTAssertEqual(suggestText.status, 0, suggestText.stderr)
        XCTAssertTrue(suggestText.stdout.contains("feasible changes, best first"))

        let suggest = try CommandRunner.run(["suggest", tiny, "--plan", plan, "--org", "U4", "--json", "--top", "0"])
        XCTAssertEqual(suggest.status, 0, suggest.stderr)
        let suggestions = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(suggestions["org_id"] as? String, "U4")
        XCTAssertEqual(suggestions["objective"] as? Double ?? .nan, objective, accuracy: 1e-12)
        let list = try XCTUnwrap(suggestions["suggestions"] as? [[String: Any]])
        XCTAssertFalse(list.isEmpty)
        for entry in list {
            for key in ["kind", "org_id", "from", "to", "other_org_id", "delta", "terms_delta", "feasible", "broken_rules"] {
                XCTAssertNotNil(entry[key], "missing \(key)")
            }
            XCTAssertTrue(["move", "add", "remove", "swap", "set_lead", "hand_lead"].contains(entry["kind"] as? String ?? ""))
        }

        let community = try CommandRunner.run(["suggest", tiny, "--plan", plan, "--community", "C2", "--json"])
        XCTAssertEqual(community.status, 0, community.stderr)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(community.stdout.utf8)) as? [String: Any])

        let bad = try CommandRunner.run(["suggest", tiny, "--plan", plan, "--org", "NOPE"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--org 'NOPE'"), bad.stderr)
        let neither = try CommandRunner.run(["suggest", tiny, "--plan", plan])
        XCTAssertEqual(neither.status, 64)
    }
}
