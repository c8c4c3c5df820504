import AllianceKit
import Foundation
import XCTest

/// When a batch by district stops (issue #18, item 4): at the batch's default gap of 0.5 %
/// unless `--gap` says otherwise, said once on stderr; with `--time-budget`, within one budget
/// for the whole batch, every district written; bad values are usage errors.
final class DistrictBudgetTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A generated city of `districts` districts of `communities` × `units`, written as lists.
    private func city(districts: Int, communities: Int, units: Int) throws -> URL {
        var generator = InstanceGenerator(communities: communities, units: units)
        generator.previousPlan = false
        let folder = scratch.appendingPathComponent("city-\(districts)x\(communities)")
        try InstanceWriter.write(generator.generateCity(districts: districts, seed: 77).instance, to: folder)
        return folder
    }

    /// districts.csv as rows of named fields.
    private func districtRows(_ out: URL) throws -> [[String: String]] {
        let url = out.appendingPathComponent("districts.csv")
        let records = try CSVParser.records(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
            .map { $0.fields.map(\.text) }
        let header = try XCTUnwrap(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Small districts that exact proves optimal in about two seconds each (debug build) stop
    /// at 0.5 % instead, well before the time limit; `--gap 0` still proves each optimum.
    func testBatchStopsAtTheDefaultGapAndSaysSo() throws {
        let lists = try city(districts: 3, communities: 5, units: 17)
        let out = scratch.appendingPathComponent("out")
        let batch = try CommandRunner.run(["solve", lists.path, "--out", out.path, "--jobs", "2", "--time-limit", "60"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertTrue(batch.stderr.contains("stopping rule: each district stops once proven within 0.5 % "
            + "(--gap, the batch default) or after 60 s (--time-limit), 2 at once"), batch.stderr)
        XCTAssertEqual(batch.stderr.components(separatedBy: "stopping rule:").count, 2, "said once")
        let rows = try districtRows(out)
        XCTAssertEqual(rows.map { $0["district"] }, ["区1", "区2", "区3"])
        for row in rows {
            let gap = try XCTUnwrap(Double(row["gap"] ?? ""), "\(row)")
            XCTAssertLessThanOrEqual(gap, DistrictBatchRun.defaultGap + 1e-9, "\(row)")
            XCTAssertLessThan(try XCTUnwrap(Double(row["seconds"] ?? "")), 30, "stopped early: \(row)")
        }
        XCTAssertTrue(rows.contains { $0["status"] == "feasible" && Double($0["gap"] ?? "") ?? 0 > 0 },
                      "stopped at the gap, not at a proof of the optimum: \(rows)")

        // With a budget too: proven within the gap in their first shares (20 s each), none goes on.
        let budgeted = scratch.appendingPathComponent("budgeted")
        let started = Date()
        let shared = try CommandRunner.run(["solve", lists.path, "--out", budgeted.path, "--jobs", "2",
                                            "--time-budget", "60"])
        XCTAssertEqual(shared.status, 0, shared.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the easy districts leave the budget unused")
        XCTAssertTrue(shared.stderr.contains("20 s each first"), shared.stderr)
        XCTAssertTrue(shared.stderr.contains("used; no district had a second pass"), shared.stderr)
        XCTAssertTrue(try districtRows(budgeted).allSatisfy { Double($0["gap"] ?? "") ?? 1 <= DistrictBatchRun.defaultGap + 1e-9 })

        let proven = scratch.appendingPathComponent("proven")
        let exact = try CommandRunner.run(["solve", lists.path, "--out", proven.path, "--jobs", "2", "--time-limit", "60",
                                           "--gap", "0", "--quiet"])
        XCTAssertEqual(exact.status, 0, exact.stderr)
        XCTAssertFalse(exact.stderr.contains("stopping rule"), "--quiet says nothing")
        XCTAssertEqual(try districtRows(proven).map { $0["status"] }, ["optimal", "optimal", "optimal"])
        let loud = try CommandRunner.run(["solve", lists.path, "--out", proven.path, "--strategy", "greedy", "--gap", "0.01",
                                          "--jobs", "3"])
        XCTAssertTrue(loud.stderr.contains("stopping rule: each district stops once proven within 1.0 % (--gap) or after "
            + "60 s (--time-limit), 3 at once"), loud.stderr)
    }

    /// Two districts exact cannot prove optimal in a few seconds, `--gap 0`, 6 s for the batch:
    /// 3 s each first, then both again from their plans with what is left; the run ends within
    /// the budget (plus reading, writing and process start) and writes every district.
    func testTimeBudgetEndsWithinItAndWritesEveryDistrict() throws {
        let lists = try city(districts: 2, communities: 12, units: 40)
        let out = scratch.appendingPathComponent("out")
        let started = Date()
        let result = try CommandRunner.run(["solve", lists.path, "--out", out.path, "--jobs", "2", "--gap", "0",
                                            "--time-budget", "6", "--no-timings"])
        let wall = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(wall, 6 + 3, "the budget plus reading, writing and starting the process")
        XCTAssertTrue(result.stderr.contains("stopping rule: each district stops once proven optimal (--gap 0); all 2 "
            + "within 6.0 s (--time-budget), 2 at once: 3.0 s each first, then what is left to those not yet within "
            + "the gap, hardest first"), result.stderr)
        XCTAssertTrue(result.stderr.contains("time budget: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("of 6.0 s used; a second pass for"), result.stderr)
        let rows = try districtRows(out)
        XCTAssertEqual(rows.map { $0["district"] }, ["区1", "区2"])
        for row in rows {
            XCTAssertTrue(["optimal", "feasible"].contains(row["status"]), "\(row)")
            for name in ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html"] {
                XCTAssertTrue(FileManager.default.fileExists(
                    atPath: out.appendingPathComponent(row["folder"]!).appendingPathComponent(name).path), name)
            }
            let plan = try CommandRunner.json(out.appendingPathComponent(row["folder"]!).appendingPathComponent("plan.json"))
            XCTAssertEqual(plan["status"] as? String, row["status"])
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(row["folder"]!).path)
                .filter { $0.hasSuffix(".tmp") }
            XCTAssertEqual(leftovers, [])
        }
        let evaluate = try CommandRunner.run(["evaluate", lists.path, "--plan", out.appendingPathComponent("plan.csv").path])
        XCTAssertEqual(evaluate.status, 0, evaluate.stdout + evaluate.stderr)
    }

    func testBadBudgetsAndGapsAreUsageErrors() throws {
        let lists = try city(districts: 2, communities: 5, units: 17)
        let out = scratch.appendingPathComponent("out")
        for (arguments, message) in [
            (["--time-budget", "0"], "--time-budget must be a number of seconds > 0"),
            (["--time-budget=-5"], "--time-budget must be a number of seconds > 0"),
            (["--time-budget", "inf"], "--time-budget must be a number of seconds > 0"),
            (["--time-budget", "nan"], "--time-budget must be a number of seconds > 0"),
            (["--time-budget", "soon"], "'soon' is invalid for '--time-budget"),
            (["--gap=-0.01"], "--gap must be a number ≥ 0"),
            (["--gap", "nan"], "--gap must be a number ≥ 0"),
            (["--gap", "inf"], "--gap must be a number ≥ 0"),
            (["--time-limit", "0", "--time-budget", "10"], "--time-limit must be a number of seconds > 0"),
        ] {
            let result = try CommandRunner.run(["solve", lists.path, "--out", out.path] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        // Lists without districts have no batch to share a budget in.
        let single = try CommandRunner.run(["solve", "models/examples/tiny", "--out", out.path, "--time-budget", "5"])
        XCTAssertEqual(single.status, 64, single.stderr)
        XCTAssertTrue(single.stderr.contains("--time-budget shares one budget between the districts of lists with a "
            + "district column"), single.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")

        let help = try CommandRunner.run(["solve", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(text.contains("default 0 for one district's lists, 0.005 = 0.5 % for lists with a district column"),
                      help.stdout)
        XCTAssertTrue(text.contains("--time-budget <seconds>"), help.stdout)
    }
}
