import Foundation
import XCTest

/// `alliance people` (stage 3) and `solve`'s people stage, run as a user runs them. The written
/// people.csv is checked here against members.csv and posts.csv by this file's own reading of the
/// CSV text (skills, capacities, seats, one seat per member and post), not by the tool's evaluator.
final class PeopleCLITests: XCTestCase {
    private var scratch: URL!
    private var lists: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
        lists = scratch.appendingPathComponent("lists")
        try FileManager.default.copyItem(at: CommandRunner.root.appendingPathComponent("models/examples/tiny"), to: lists)
        try Self.members.write(to: lists.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try Self.posts.write(to: lists.appendingPathComponent("posts.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// tiny's communities C1 (0,0), C2 (4,0), C3 (8,0); units U1…U6.
    static let members = """
        id,name,home_community,skills,capacity,org_id
        M1,张三,C1,法律咨询;志愿服务,1,U1
        M2,李四,C2,志愿服务,2,
        M3,王五,C3,医疗保健,1,U2
        M4,赵六,C1,政策宣传;志愿服务,1,
        M5,钱七,C3,志愿服务;医疗保健,2,U3

        """
    static let posts = """
        id,name,community_id,category,seats,priority,kind
        P1,法律咨询岗,C1,法律咨询,1,2,post
        P2,志愿服务队,C2,志愿服务,3,1,post
        P3,义诊,C3,医疗保健,2,1,order
        P4,心理疏导,C2,心理疏导,1,1,order
        P5,政策宣讲,C3,政策宣传,1,3,post

        """

    private func table(_ url: URL) throws -> [[String: String]] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n").map { $0.components(separatedBy: ",") }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Every rule of the model holds in people.csv, checked from the text of the lists in `folder`
    /// (default: this test's lists).
    private func assertObeysRules(_ people: URL, lists folder: URL? = nil, file: StaticString = #filePath,
                                  line: UInt = #line) throws -> [[String: String]] {
        let lists = folder ?? lists!
        let members = Dictionary(uniqueKeysWithValues: try table(lists.appendingPathComponent("members.csv")).map { ($0["id"]!, $0) })
        let posts = Dictionary(uniqueKeysWithValues: try table(lists.appendingPathComponent("posts.csv")).map { ($0["id"]!, $0) })
        let rows = try table(people)
        var taken: [String: Int] = [:], filled: [String: Int] = [:], pairs: Set<String> = []
        for row in rows {
            let member = try XCTUnwrap(members[row["member_id"]!], file: file, line: line)
            let post = try XCTUnwrap(posts[row["post_id"]!], file: file, line: line)
            XCTAssertTrue(member["skills"]!.split(separator: ";").map(String.init).contains(post["category"]!),
                          "\(row) without the skill", file: file, line: line)
            XCTAssertEqual(row["community_id"], post["community_id"], file: file, line: line)
            XCTAssertTrue(pairs.insert(row["member_id"]! + "|" + row["post_id"]!).inserted, "\(row) twice", file: file, line: line)
            taken[row["member_id"]!, default: 0] += 1
            filled[row["post_id"]!, default: 0] += 1
        }
        for (id, count) in taken { XCTAssertLessThanOrEqual(count, Int(members[id]!["capacity"]!)!, id, file: file, line: line) }
        for (id, count) in filled { XCTAssertLessThanOrEqual(count, Int(posts[id]!["seats"]!)!, id, file: file, line: line) }
        return rows
    }

    /// By hand: P5 (政策宣传, C3, priority 3) can only go to M4 (C1, 8 km: 30 − 8 = 22); P1 (法律咨询,
    /// C1, priority 2) only to M1 (home: 20 + 2 = 22); P3 (医疗保健, C3, 2 seats) to M3 and M5 (both home:
    /// 12 each); P2 (志愿服务, C2, 3 seats) to M2 (home: 12) and M5 (4 km: 6; M5 has capacity 2);
    /// P4 (心理疏导) nobody. Total 22 + 22 + 24 + 12 + 6 = 86.
    func testPeopleWritesAnOptimalMatchingThatObeysTheRules() throws {
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["people", lists.path, "--out", out.path, "--no-timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("matching    86.000 (optimal"), result.stdout)
        let rows = try assertObeysRules(out.appendingPathComponent("people.csv"))
        XCTAssertEqual(Set(rows.map { $0["member_id"]! + "-" + $0["post_id"]! }),
                       ["M1-P1", "M2-P2", "M5-P2", "M3-P3", "M5-P3", "M4-P5"])
        let open = try table(out.appendingPathComponent("posts-open.csv"))
        XCTAssertEqual(open.map { $0["post_id"]! + ":" + $0["open_seats"]! + ":" + $0["reason"]! }, ["P2:1:all_busy", "P4:1:no_skill"])
        let json = try CommandRunner.json(out.appendingPathComponent("people.json"))
        XCTAssertEqual((json["objective"] as? NSNumber)?.doubleValue, 86)
        XCTAssertEqual(json["optimal"] as? Bool, true)
        XCTAssertEqual((json["filled"] as? NSNumber)?.intValue, 6)
        XCTAssertNil(json["seconds"])
        // The same input gives the same bytes.
        let again = scratch.appendingPathComponent("again")
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--out", again.path, "--no-timings"]).status, 0)
        for name in ["people.csv", "posts-open.csv", "people.json"] {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)), try Data(contentsOf: again.appendingPathComponent(name)), name)
        }
    }

    /// A distance weight of 3 makes M4's 8 km trip to P5 worth 30 − 24 = 6 and M5's 4 km trip to P2
    /// worth 10 − 12 < 0: that seat stays open, as too far.
    func testWeightsAndLimitsChangeTheModel() throws {
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["people", lists.path, "--out", out.path, "--weight", "distance=3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try assertObeysRules(out.appendingPathComponent("people.csv"))
        XCTAssertFalse(rows.contains { $0["member_id"] == "M5" && $0["post_id"] == "P2" })
        XCTAssertTrue(rows.contains { $0["member_id"] == "M4" && $0["post_id"] == "P5" })
        let open = try table(out.appendingPathComponent("posts-open.csv"))
        XCTAssertTrue(open.contains { $0["post_id"] == "P2" && $0["reason"] == "too_far" }, "\(open)")
        // --max-distance-km 5: P5 is 8 km from M4, so it stays open.
        let limited = scratch.appendingPathComponent("limited")
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--out", limited.path, "--max-distance-km", "5"]).status, 0)
        XCTAssertFalse(try assertObeysRules(limited.appendingPathComponent("people.csv")).contains { $0["post_id"] == "P5" })
    }

    /// --from keeps last week's matches; a new order is filled around them; --reassign starts afresh.
    func testFromKeepsMatchesAndFillsNewOrders() throws {
        let first = scratch.appendingPathComponent("first")
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--out", first.path]).status, 0)
        let before = try table(first.appendingPathComponent("people.csv"))
        // A new order in C1 for 志愿服务, and a changed list: P1 is gone.
        var posts = Self.posts.replacingOccurrences(of: "P1,法律咨询岗,C1,法律咨询,1,2,post\n", with: "")
        posts += "P6,助老,C1,志愿服务,1,2,order\n"
        try posts.write(to: lists.appendingPathComponent("posts.csv"), atomically: true, encoding: .utf8)
        let second = scratch.appendingPathComponent("second")
        let result = try CommandRunner.run(["people", lists.path, "--out", second.path,
                                            "--from", first.appendingPathComponent("people.csv").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("P1") && result.stderr.contains("not kept"), result.stderr)
        let after = try assertObeysRules(second.appendingPathComponent("people.csv"))
        let kept = Set(after.map { $0["member_id"]! + "-" + $0["post_id"]! })
        for row in before where row["post_id"] != "P1" {
            XCTAssertTrue(kept.contains(row["member_id"]! + "-" + row["post_id"]!), "\(row) moved")
        }
        // M1 lost P1 and is the nearest free member with 志愿服务 for the new order.
        XCTAssertTrue(kept.contains("M1-P6"), "\(kept)")
        XCTAssertTrue(after.filter { $0["member_id"] == "M2" }.allSatisfy { $0["reason"]!.contains("kept") })
        // --reassign needs --from, and with it ignores the file.
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--reassign"]).status, 64)
        let fresh = try CommandRunner.run(["people", lists.path, "--out", scratch.appendingPathComponent("fresh").path,
                                           "--from", first.appendingPathComponent("people.csv").path, "--reassign"])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertFalse(fresh.stderr.contains("not kept"), fresh.stderr)
    }

    /// A bad row is reported at its cell, nothing is written; an unknown algorithm or an unavailable
    /// one is a usage error.
    func testBadInputIsReportedAtItsCellAndNothingIsWritten() throws {
        let out = scratch.appendingPathComponent("out")
        let bad = Self.members.replacingOccurrences(of: "M3,王五,C3,", with: "M3,王五,C9,")
        try bad.write(to: lists.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["people", lists.path, "--out", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("members.csv:4:7:"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--algorithm", "simplex"]).status, 64)
        XCTAssertEqual(try CommandRunner.run(["people", lists.path, "--candidates", "0"]).status, 64)
        // Lists without members.csv and posts.csv.
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny").path
        let none = try CommandRunner.run(["people", tiny, "--out", out.path])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("members.csv"), none.stderr)
    }

    /// `solve` on lists with members and posts matches them to posts with the plan's pairs, writes
    /// the three files beside the plan and the report's 人员安排 section.
    func testSolveRunsThePeopleStage() throws {
        let out = scratch.appendingPathComponent("plan")
        let result = try CommandRunner.run(["solve", lists.path, "--out", out.path, "--time-limit", "10"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("matching    "), result.stdout)
        _ = try assertObeysRules(out.appendingPathComponent("people.csv"))
        let plan = try table(out.appendingPathComponent("plan.csv"))
        let serves = Set(plan.map { $0["org_id"]! + "|" + $0["community_id"]! })
        let members = try table(lists.appendingPathComponent("members.csv"))
        let units = Dictionary(uniqueKeysWithValues: members.map { ($0["id"]!, $0["org_id"] ?? "") })
        for row in try table(out.appendingPathComponent("people.csv")) {
            XCTAssertEqual(row["reason"]!.contains("unit"), serves.contains(units[row["member_id"]!]! + "|" + row["community_id"]!), "\(row)")
        }
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"people\""))
    }

    /// A batch by district does not match people (members may serve across a district border); it
    /// says so and gives the command that matches them over the whole city, which then works.
    func testBatchSaysHowToMatchPeopleOverTheCity() throws {
        let city = scratch.appendingPathComponent("city"), out = scratch.appendingPathComponent("city-plan")
        let generated = try CommandRunner.run(["generate", "--out", city.path, "--districts", "2", "--communities", "6",
                                               "--units", "24", "--members", "300", "--seed", "4"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let batch = try CommandRunner.run(["solve", city.path, "--strategy", "greedy", "--out", out.path])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        let plan = out.appendingPathComponent("plan.csv").path
        XCTAssertTrue(batch.stderr.contains("alliance people \(city.path) --plan \(plan)"), batch.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("people.csv").path))
        let people = try CommandRunner.run(["people", city.path, "--plan", plan, "--out", out.path])
        XCTAssertEqual(people.status, 0, people.stderr)
        XCTAssertGreaterThan(try assertObeysRules(out.appendingPathComponent("people.csv"), lists: city).count, 0)
    }
}
