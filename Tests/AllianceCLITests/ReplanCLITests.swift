import AllianceKit
import Foundation
import WorkbookFixtures
import XCTest

/// Re-planning from the command line (MODEL.md, "Re-planning"): `--from`, the pins (`--pin-unit`,
/// `--pin-community`, `--pin-lead`, `--pins pins.csv`) and `--max-changes`, on a folder, a
/// workbook and district lists, and through `export` to glpsol. The expectations come from the
/// start plan itself (pairs kept, at most N changed), from glpsol on `models/alliance.mod`, and
/// from the documented messages and exit statuses.
final class ReplanCLITests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws { scratch = try CommandRunner.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    private var tiny: URL { CommandRunner.root.appendingPathComponent("models/examples/tiny") }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The greedy plan of the tiny example, feasible and not optimal: a start plan to re-plan from.
    private func greedyPlan() throws -> URL {
        let out = scratch.appendingPathComponent("greedy")
        let result = try CommandRunner.run(["solve", tiny.path, "--strategy", "greedy", "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return out.appendingPathComponent("plan.csv")
    }

    /// (org_id, community_id) pairs of a plan CSV.
    private func pairs(_ url: URL) throws -> Set<[String]> {
        let text = try String(contentsOf: url, encoding: .utf8)
        let records = try CSVParser.records(text, file: url.lastPathComponent).map { $0.fields.map(\.text) }
        let header = try XCTUnwrap(records.first)
        let org = try XCTUnwrap(header.firstIndex(of: "org_id")), community = try XCTUnwrap(header.firstIndex(of: "community_id"))
        return Set(records.dropFirst().map { [$0[org], $0[community]] })
    }

    private func solve(_ input: URL, _ extra: [String], out: URL, strategy: String = "exact") throws -> CommandResult {
        try CommandRunner.run(["solve", input.path, "--strategy", strategy, "--out", out.path, "--no-timings",
                               "--time-limit", "60"] + extra)
    }

    // MARK: Input errors and clashes

    /// A bad pins.csv row is an input error at its cell; nothing is written.
    func testBadPinsRowIsAnInputErrorAtItsCell() throws {
        let pins = try write("pins.csv", "kind,org_id,community_id\nunit,U1,\nbogus,U2,\ncommunity,U3,C1\n")
        let earlier = try EarlierPlan(in: scratch)
        let result = try solve(tiny, ["--from", try greedyPlan().path, "--pins", pins.path], out: earlier.folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("pins.csv:3:1: unknown pin kind 'bogus'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("pins.csv:4:11: a community pin keeps the whole alliance"), result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing was written"), result.stderr)
        try earlier.assertUnchanged()
    }

    /// An unknown id in a pin option is an input error naming the option; so is a malformed
    /// `--pin-lead` and `--max-changes` without a start plan.
    func testPinOptionErrorsNameTheOption() throws {
        let earlier = try EarlierPlan(in: scratch)
        let from = try greedyPlan().path
        let unknown = try solve(tiny, ["--from", from, "--pin-unit", "U9"], out: earlier.folder)
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("--pin-unit U9: unknown unit 'U9'"), unknown.stderr)
        let malformed = try solve(tiny, ["--from", from, "--pin-lead", "C1"], out: earlier.folder)
        XCTAssertEqual(malformed.status, 1, malformed.stderr)
        XCTAssertTrue(malformed.stderr.contains("--pin-lead C1: expected COMMUNITY=UNIT"), malformed.stderr)
        let noStart = try solve(tiny, ["--max-changes", "2"], out: earlier.folder)
        XCTAssertEqual(noStart.status, 1, noStart.stderr)
        XCTAssertTrue(noStart.stderr.contains("--max-changes counts changes against a start plan"), noStart.stderr)
        try earlier.assertUnchanged()
    }

    /// Pins that cannot all hold end with exit status 2 and name the pins.
    func testClashingPinsAreNamed() throws {
        let earlier = try EarlierPlan(in: scratch)
        let result = try solve(tiny, ["--pin-lead", "C1=U1", "--pin-lead", "C1=U2"], out: earlier.folder)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--pin-lead C1=U1, --pin-lead C1=U2"), result.stderr)
        let cannotLead = try solve(tiny, ["--pin-lead", "C1=U4"], out: earlier.folder)
        XCTAssertEqual(cannotLead.status, 2, cannotLead.stderr)
        XCTAssertTrue(cannotLead.stderr.contains("--pin-lead C1=U4 makes unit U4 the lead of community C1, but the unit may not lead"),
                      cannotLead.stderr)
        try earlier.assertUnchanged()
    }

    // MARK: The start plan

    /// A start plan that breaks rules (U1 in two communities though it serves one, C2 without a
    /// lead, C3 led by a unit that may not lead, U2 unused) is repaired with one warning per
    /// repair, naming the pair or lead and the rule; plan.json and the summary report them.
    func testBrokenStartPlanIsRepairedWithAWarningPerRepair() throws {
        let broken = try write("broken.csv", """
            community_id,org_id,role
            C1,U1,lead
            C1,U4,member
            C2,U1,member
            C2,U5,member
            C3,U6,lead
            C3,U3,member

            """)
        let out = scratch.appendingPathComponent("out")
        let result = try solve(tiny, ["--from", broken.path, "--max-changes", "4"], out: out)
        XCTAssertEqual(result.status, 0, result.stderr)
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: start plan: ") }
        XCTAssertTrue(warnings.contains { $0.contains("removed unit U1 from community C2: unit U1 serves 2 communities in the start plan, more than max_communities 1") },
                      result.stderr)
        XCTAssertTrue(warnings.contains { $0.contains("community C3 is now led by unit U3 instead of unit U6: unit U6 led it but may not lead") },
                      result.stderr)
        XCTAssertTrue(warnings.contains { $0.contains("community C2 is now led by") && $0.contains("it had no lead unit") }, result.stderr)
        let document = try CommandRunner.json(out.appendingPathComponent("plan.json"))
        let start = try XCTUnwrap(document["start"] as? [String: Any])
        let repairs = try XCTUnwrap(start["repairs"] as? [String])
        XCTAssertEqual(repairs.count, warnings.count)
        XCTAssertEqual(start["started_from"] as? Bool, true)
        XCTAssertEqual(document["max_changes"] as? Int, 4)
        let changes = try XCTUnwrap(document["changes_from_start"] as? Int)
        XCTAssertLessThanOrEqual(changes, 4)
        XCTAssertTrue(result.stdout.contains("start       ") && result.stdout.contains("(from \(broken.path), \(repairs.count) repairs)"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("changes     \(changes) of at most 4 pairs changed from the start plan"), result.stdout)
        // The plan is at least as good as the repaired start plan.
        let objective = try XCTUnwrap(document["objective"] as? Double), startObjective = try XCTUnwrap(start["objective"] as? Double)
        XCTAssertGreaterThanOrEqual(objective, startObjective - 1e-9)
    }

    /// `--max-changes 0` gives back the start plan's pairs; without it the plan improves on it;
    /// a unit pin keeps that unit's pairs.
    func testMaxChangesZeroGivesBackTheStartPlan() throws {
        let greedy = try greedyPlan()
        let kept = scratch.appendingPathComponent("kept")
        let none = try solve(tiny, ["--from", greedy.path, "--max-changes", "0"], out: kept)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(try pairs(kept.appendingPathComponent("plan.csv")), try pairs(greedy))
        XCTAssertTrue(none.stdout.contains("changes     0 of at most 0 pairs changed from the start plan"), none.stdout)

        let free = scratch.appendingPathComponent("free")
        let pinned = try solve(tiny, ["--from", greedy.path, "--pin-unit", "U1"], out: free)
        XCTAssertEqual(pinned.status, 0, pinned.stderr)
        let start = try pairs(greedy), plan = try pairs(free.appendingPathComponent("plan.csv"))
        XCTAssertEqual(plan.filter { $0[0] == "U1" }, start.filter { $0[0] == "U1" })
        let document = try CommandRunner.json(free.appendingPathComponent("plan.json"))
        XCTAssertEqual(document["pins"] as? [String], ["--pin-unit U1"])
        XCTAssertNil(document["max_changes"])
    }

    // MARK: export and glpsol

    /// The exported MathProg data carries the start plan, the pin and the change limit: glpsol's
    /// optimum on `models/alliance.mod` equals `solve --strategy exact` on the same options.
    func testExportedModelWithPinsMatchesGlpsol() throws {
        let options = ["--from", try greedyPlan().path, "--pin-unit", "U5", "--max-changes", "2"]
        let data = scratch.appendingPathComponent("tiny.dat")
        let export = try CommandRunner.run(["export", tiny.path, "--format", "mathprog", "--out", data.path] + options)
        XCTAssertEqual(export.status, 0, export.stderr)
        let text = try String(contentsOf: data, encoding: .utf8)
        XCTAssertTrue(text.contains("param max_changes := 2;"), text)
        let glpsol = try Glpsol.objective(data: data, scratch: scratch)

        let out = scratch.appendingPathComponent("exact")
        let solved = try solve(tiny, options, out: out)
        XCTAssertEqual(solved.status, 0, solved.stderr)
        let document = try CommandRunner.json(out.appendingPathComponent("plan.json"))
        XCTAssertEqual(document["status"] as? String, "optimal")
        XCTAssertEqual(try XCTUnwrap(document["objective"] as? Double), glpsol, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(try XCTUnwrap(document["changes_from_start"] as? Int), 2)
    }

    // MARK: Workbooks and district lists

    /// With the lists as a workbook, `--from` takes a plan CSV and `--pins` a CSV file; errors in
    /// the pins file are located at that file, not in the workbook.
    func testWorkbookListsTakeAStartPlanAndPins() throws {
        let book = scratch.appendingPathComponent("book/lists.xlsx")
        try FileManager.default.createDirectory(at: book.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestWorkbook.zip(try TestWorkbook.fromLists(try TestWorkbook.lists(in: tiny)), to: book)
        let greedy = try greedyPlan()
        let pins = try write("pins.csv", "类型,单位编号,社区编号\n单位,U2,\n")
        let out = scratch.appendingPathComponent("book-out")
        let result = try solve(book, ["--from", greedy.path, "--pins", pins.path, "--pin-community", "C1"], out: out)
        XCTAssertEqual(result.status, 0, result.stderr)
        let start = try pairs(greedy), plan = try pairs(out.appendingPathComponent("plan.csv"))
        XCTAssertEqual(plan.filter { $0[0] == "U2" }, start.filter { $0[0] == "U2" })
        XCTAssertEqual(plan.filter { $0[1] == "C1" }, start.filter { $0[1] == "C1" })

        let bad = try write("bad-pins.csv", "kind,org_id,community_id\nlead,U1,C9\n")
        let refused = try solve(book, ["--from", greedy.path, "--pins", bad.path], out: out)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\(bad.path):2:"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("unknown community 'C9'"), refused.stderr)
    }

    /// District lists: the start plan and the pins go to their districts, `--max-changes` holds in
    /// each district; an unknown pin id and a lead pin across districts are input errors.
    func testDistrictListsSplitTheStartPlanAndPins() throws {
        var generator = InstanceGenerator(communities: 4, units: 12)
        generator.previousPlan = false
        let (instance, _) = generator.generateCity(districts: 3, seed: 41)
        let city = scratch.appendingPathComponent("city")
        try InstanceWriter.write(instance, to: city)
        let first = scratch.appendingPathComponent("first")
        let greedy = try solve(city, ["--quiet"], out: first, strategy: "greedy")
        XCTAssertEqual(greedy.status, 0, greedy.stderr)
        let start = first.appendingPathComponent("plan.csv")  // the combined plan, with its district column

        let kept = scratch.appendingPathComponent("kept")
        let none = try solve(city, ["--from", start.path, "--max-changes", "0"], out: kept)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(try pairs(kept.appendingPathComponent("plan.csv")), try pairs(start))

        let unit = try XCTUnwrap(instance.organizations.first { $0.district == "区2" }).id
        let changed = scratch.appendingPathComponent("changed")
        let limited = try solve(city, ["--from", start.path, "--max-changes", "2", "--pin-unit", unit], out: changed)
        XCTAssertEqual(limited.status, 0, limited.stderr)
        for row in try String(contentsOf: changed.appendingPathComponent("districts.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst() {
            let folder = String(row.split(separator: ",")[1])
            let document = try CommandRunner.json(changed.appendingPathComponent(folder).appendingPathComponent("plan.json"))
            XCTAssertLessThanOrEqual(try XCTUnwrap(document["changes_from_start"] as? Int), 2, folder)
            XCTAssertEqual(document["max_changes"] as? Int, 2)
            XCTAssertEqual((document["pins"] as? [String]) ?? [], folder == "区2" ? ["--pin-unit \(unit)"] : [], folder)
        }
        XCTAssertEqual(try pairs(changed.appendingPathComponent("plan.csv")).filter { $0[0] == unit },
                       try pairs(start).filter { $0[0] == unit })

        let earlier = try EarlierPlan(in: scratch)
        let unknown = try solve(city, ["--from", start.path, "--pin-unit", "nobody"], out: earlier.folder)
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("--pin-unit nobody: unknown unit 'nobody'"), unknown.stderr)
        let community = try XCTUnwrap(instance.communities.first { $0.district == "区1" }).id
        let across = try solve(city, ["--pin-lead", "\(community)=\(unit)"], out: earlier.folder)
        XCTAssertEqual(across.status, 1, across.stderr)
        XCTAssertTrue(across.stderr.contains("districts are planned separately"), across.stderr)
        try earlier.assertUnchanged()
    }
}
