import AllianceKit
import Foundation
import XCTest

/// A batch split over the tasks of an array job (`alliance solve --shard`), resumed, and merged
/// (`alliance merge`): the merged files equal a one-machine batch's byte for byte, a missing
/// district is named, a task killed in the middle leaves no folder that counts as finished
/// without its files, and the scheduler's index variables pick the task.
final class ShardTests: XCTestCase {
    private var scratch: URL!
    private var city: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
        city = scratch.appendingPathComponent("city")
        let generated = try CommandRunner.run(["generate", "--out", city.path, "--districts", "5", "--communities", "8",
                                               "--units", "30", "--seed", "11"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Deterministic whatever the load (greedy), so that files can be compared byte for byte.
    private let options = ["--strategy", "greedy", "--time-limit", "30", "--no-timings", "--jobs", "1", "--quiet"]

    private func solve(_ out: URL, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(["solve", city.path, "--out", out.path] + options + extra, extraEnvironment: environment)
    }

    private func data(_ folder: URL, _ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    private func districtFolders(_ out: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path)
            .filter { $0.hasPrefix("区") }.sorted()
    }

    func testShardsInAnyOrderMergeToTheOneMachineBatchByteForByte() throws {
        let one = scratch.appendingPathComponent("one")
        XCTAssertEqual(try solve(one).status, 0)
        for split in ["modulo", "size"] {
            let sharded = scratch.appendingPathComponent("sharded-\(split)")
            var solvedBy: [String: Int] = [:]
            for index in [2, 0, 1] {
                let result = try CommandRunner.run(["solve", city.path, "--out", sharded.path, "--shard", "\(index)/3",
                                                    "--shard-split", split, "--strategy", "greedy", "--time-limit", "30", "--no-timings",
                                                    "--jobs", "1"])
                XCTAssertEqual(result.status, 0, result.stderr)
                XCTAssertTrue(result.stderr.contains("shard \(index)/3:"), result.stderr)
                // A shard writes no top-level files: merge does, once every shard has finished.
                XCTAssertFalse(FileManager.default.fileExists(atPath: sharded.appendingPathComponent("plan.csv").path))
                for line in result.stdout.split(separator: "\n") where line.hasPrefix("区") {
                    let name = String(line.split(separator: " ")[0])
                    XCTAssertNil(solvedBy[name], "\(name) solved by two shards")
                    solvedBy[name] = index
                }
            }
            XCTAssertEqual(solvedBy.count, 5, "every district solved by one shard: \(solvedBy)")
            let merged = try CommandRunner.run(["merge", sharded.path])
            XCTAssertEqual(merged.status, 0, merged.stderr)
            for name in DistrictOutput.fileNames {
                XCTAssertEqual(try data(one, name), try data(sharded, name), "\(split): \(name) differs from the batch's")
            }
            for folder in try districtFolders(one) {
                for name in ["plan.csv", "plan.json", DistrictOutcome.fileName] {
                    XCTAssertEqual(try data(one.appendingPathComponent(folder), name),
                                   try data(sharded.appendingPathComponent(folder), name), "\(folder)/\(name)")
                }
            }
        }
    }

    func testMergeNamesMissingDistrictsAndExitsTwo() throws {
        let out = scratch.appendingPathComponent("out")
        XCTAssertEqual(try solve(out, ["--shard", "0/2"]).status, 0)
        let manifest = try CommandRunner.json(out.appendingPathComponent("shards/shard-0-of-2.json"))
        let districts = try XCTUnwrap(manifest["districts"] as? [[String: Any]])
        let missing = districts.filter { $0["task"] as? Int == 1 }.compactMap { $0["district"] as? String }
        XCTAssertFalse(missing.isEmpty)
        let merged = try CommandRunner.run(["merge", out.path])
        XCTAssertEqual(merged.status, 2, merged.stderr)
        XCTAssertTrue(merged.stderr.contains("\(missing.count) of 5 districts have no plan yet"), merged.stderr)
        XCTAssertTrue(merged.stderr.contains(missing.joined(separator: ", ")), merged.stderr)
        // The files are written all the same, the missing districts as failed rows saying so.
        let table = try String(contentsOf: out.appendingPathComponent("districts.csv"), encoding: .utf8)
        for name in missing { XCTAssertTrue(table.contains("\(name),"), table) }
        XCTAssertEqual(table.components(separatedBy: "shard 1/2 has not written this district").count - 1, missing.count)

        // The other shard, then merge again: complete.
        XCTAssertEqual(try solve(out, ["--shard", "1/2"]).status, 0)
        let again = try CommandRunner.run(["merge", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)

        // A folder of a run on other options counts as missing, not merged.
        let other = scratch.appendingPathComponent("other")
        XCTAssertEqual(try CommandRunner.run(["solve", city.path, "--out", other.path, "--shard", "0/1", "--strategy", "greedy", "--time-limit", "20",
                                              "--no-timings", "--jobs", "1", "--quiet"]).status, 0)
        try FileManager.default.removeItem(at: other.appendingPathComponent("shards"))
        try FileManager.default.copyItem(at: out.appendingPathComponent("shards"), to: other.appendingPathComponent("shards"))
        let stale = try CommandRunner.run(["merge", other.path])
        XCTAssertEqual(stale.status, 2)
        XCTAssertTrue(stale.stderr.contains("5 of 5 districts have no plan yet"), stale.stderr)
    }

    func testMergeRefusesAFolderWithoutManifestsOrWithTwoBatches() throws {
        let out = scratch.appendingPathComponent("out")
        XCTAssertEqual(try solve(out).status, 0)
        let none = try CommandRunner.run(["merge", out.path])
        XCTAssertEqual(none.status, 4)
        XCTAssertTrue(none.stderr.contains("holds no shards/shard-*.json"), none.stderr)

        XCTAssertEqual(try solve(out, ["--shard", "0/2", "--force"]).status, 0)
        XCTAssertEqual(try solve(out, ["--shard", "1/2", "--gap", "0.01"]).status, 0)
        let mixed = try CommandRunner.run(["merge", out.path])
        XCTAssertEqual(mixed.status, 4)
        XCTAssertTrue(mixed.stderr.contains("describe different batches"), mixed.stderr)

        try Data("{\"shard\": 0}".utf8).write(to: out.appendingPathComponent("shards/shard-1-of-2.json"))
        let damaged = try CommandRunner.run(["merge", out.path])
        XCTAssertEqual(damaged.status, 4)
        XCTAssertTrue(damaged.stderr.contains("shard-1-of-2.json is not a shard manifest of alliance (.shards: missing)"),
                      damaged.stderr)
    }

    func testASecondRunSkipsFinishedDistrictsUnlessForcedOrChanged() throws {
        let out = scratch.appendingPathComponent("out")
        XCTAssertEqual(try solve(out).status, 0)
        let before = try data(out, "districts.csv")
        let again = try CommandRunner.run(["solve", city.path, "--out", out.path, "--strategy", "greedy", "--time-limit", "30", "--no-timings",
                                           "--jobs", "1"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr.components(separatedBy: ": skipped, ").count - 1, 5, again.stderr)
        XCTAssertEqual(try data(out, "districts.csv"), before, "the summary of a resumed batch is the same")

        let forced = try CommandRunner.run(["solve", city.path, "--out", out.path, "--strategy", "greedy", "--time-limit", "30", "--no-timings",
                                            "--jobs", "1", "--force"])
        XCTAssertFalse(forced.stderr.contains("skipped"), forced.stderr)

        // A district whose solve was interrupted is solved again.
        let record = out.appendingPathComponent("区2").appendingPathComponent(DistrictOutcome.fileName)
        let recorded = try String(contentsOf: record, encoding: .utf8)
        XCTAssertTrue(recorded.contains("\"status\" : \"feasible\"") || recorded.contains("\"status\" : \"optimal\""))
        try Data(recorded.replacingOccurrences(of: "\"status\" : \"feasible\"", with: "\"status\" : \"interrupted\"")
            .replacingOccurrences(of: "\"status\" : \"optimal\"", with: "\"status\" : \"interrupted\"").utf8).write(to: record)
        let afterInterrupt = try CommandRunner.run(["solve", city.path, "--out", out.path, "--strategy", "greedy", "--time-limit", "30",
                                                    "--no-timings", "--jobs", "1"])
        XCTAssertEqual(afterInterrupt.stderr.components(separatedBy: ": skipped, ").count - 1, 4, afterInterrupt.stderr)
        XCTAssertFalse(afterInterrupt.stderr.contains("区2: skipped"), afterInterrupt.stderr)

        // One district's lists change (a community's strength): only that district is solved again.
        let communities = city.appendingPathComponent("communities.csv")
        var text = try String(contentsOf: communities, encoding: .utf8)
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try XCTUnwrap(rows.firstIndex { $0.hasPrefix("D3-C1,") })
        var cells = rows[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[3] = cells[3] == "7" ? "6" : "7"
        rows[row] = cells.joined(separator: ",")
        text = rows.joined(separator: "\n")
        try Data(text.utf8).write(to: communities)
        let changed = try CommandRunner.run(["solve", city.path, "--out", out.path, "--strategy", "greedy", "--time-limit", "30", "--no-timings",
                                             "--jobs", "1"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(changed.stderr.components(separatedBy: ": skipped, ").count - 1, 4, changed.stderr)
        XCTAssertFalse(changed.stderr.contains("区3: skipped"), changed.stderr)

        // Other options (the time limit) solve every district again.
        let otherOptions = try CommandRunner.run(["solve", city.path, "--out", out.path, "--strategy", "greedy", "--time-limit", "31",
                                                  "--no-timings", "--jobs", "1"])
        XCTAssertFalse(otherOptions.stderr.contains("skipped"), otherOptions.stderr)
    }

    /// SIGKILL in the middle of a batch: every folder with a `district.json` has all its files,
    /// and the next run skips exactly those districts and finishes the others.
    func testAKilledBatchLeavesNoHalfWrittenDistrictAndResumes() throws {
        let out = scratch.appendingPathComponent("out")
        let arguments = ["solve", city.path, "--out", out.path, "--strategy", "local", "--time-limit", "1",
                         "--jobs", "1", "--no-timings"]
        let running = try RunningCommand(arguments)
        let deadline = Date().addingTimeInterval(60)
        func finished() -> [String] {
            ((try? districtFolders(out)) ?? []).filter {
                FileManager.default.fileExists(atPath: out.appendingPathComponent($0).appendingPathComponent(DistrictOutcome.fileName).path)
            }
        }
        while finished().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        running.signal(SIGKILL)
        let killed = running.finish(within: 10)
        XCTAssertFalse(killed.exitedByItself && killed.result.status == 0, "the batch ended before the kill")
        let done = finished()
        XCTAssertFalse(done.isEmpty)
        XCTAssertLessThan(done.count, 5, "killed in the middle")
        for folder in done {
            for name in ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder).appendingPathComponent(name).path),
                              "\(folder)/\(name) missing beside its district.json")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("districts.csv").path))

        let resumed = try CommandRunner.run(arguments)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let skipped = resumed.stderr.split(separator: "\n").filter { $0.contains(": skipped, ") }
            .map { String($0.split(separator: ":")[0]) }.sorted()
        XCTAssertEqual(skipped, done, "the finished districts, and only they, are skipped")
        let evaluated = try CommandRunner.run(["evaluate", city.path, "--plan", out.appendingPathComponent("plan.csv").path])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
    }

    func testTheSchedulersIndexVariablesPickTheTask() throws {
        let out = scratch.appendingPathComponent("out")
        // Slurm, --array=1-5: task ids 1…5 are shards 0…4.
        let slurm = try solve(out, ["--shard", "auto"], environment: [
            "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "5"])
        XCTAssertEqual(slurm.status, 0, slurm.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("shards/shard-2-of-5.json").path))
        // Kubernetes: JOB_COMPLETION_INDEX, the count given.
        let kubernetes = try solve(out, ["--shard", "auto/5"], environment: ["JOB_COMPLETION_INDEX": "4"])
        XCTAssertEqual(kubernetes.status, 0, kubernetes.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("shards/shard-4-of-5.json").path))

        for (shard, environment, expected) in [
            ("auto", [String: String](), "SLURM_ARRAY_TASK_COUNT"),
            ("auto/5", [:], "neither is set"),
            ("5/5", [:], "outside 0…4"),
            ("auto/3", ["JOB_COMPLETION_INDEX": "3"], "outside 0…2"),
            ("auto/3", ["SLURM_ARRAY_TASK_ID": "x"], "is not a whole number"),
            ("1-3", [:], "--shard takes I/N"),
        ] {
            let result = try solve(out, ["--shard", shard], environment: environment)
            XCTAssertEqual(result.status, 64, "\(shard) \(environment): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(expected), "\(shard) \(environment): \(result.stderr)")
        }
    }

    /// Districts × scenarios: one folder per scenario, compare-scenarios.csv with every pair; split
    /// over four tasks the pairs merge to the same files byte for byte.
    func testScenariosShardedMergeToTheOneMachineRunByteForByte() throws {
        let scenarios = scratch.appendingPathComponent("scenarios.csv")
        try Data("name,balance,balance_band,time_limit\nbase,,,\n均衡优先,3,0.1,\nwide,,0.3,20\n".utf8).write(to: scenarios)
        let one = scratch.appendingPathComponent("one")
        let solved = try solve(one, ["--scenarios", scenarios.path])
        XCTAssertEqual(solved.status, 0, solved.stderr)
        let table = try String(contentsOf: one.appendingPathComponent("compare-scenarios.csv"), encoding: .utf8)
        let rows = table.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 15, "5 districts × 3 scenarios")
        XCTAssertEqual(Set(rows.map { String($0.split(separator: ",")[0]) }), ["base", "均衡优先", "wide"])
        // A scenario's options are those of solving with them directly.
        let direct = scratch.appendingPathComponent("direct")
        XCTAssertEqual(try solve(direct, ["--weight", "balance=3", "--balance-band", "0.1"]).status, 0)
        XCTAssertEqual(try data(direct, "plan.csv"), try data(one.appendingPathComponent("均衡优先"), "plan.csv"))

        let sharded = scratch.appendingPathComponent("sharded")
        for index in [3, 1, 0, 2] {
            XCTAssertEqual(try solve(sharded, ["--scenarios", scenarios.path, "--shard", "\(index)/4"]).status, 0)
        }
        let merged = try CommandRunner.run(["merge", sharded.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(try data(one, "compare-scenarios.csv"), try data(sharded, "compare-scenarios.csv"))
        let listed = try CommandRunner.run(["merge", sharded.path, "--json"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((document["files"] as? [String])?.first, "compare-scenarios.csv", listed.stdout)
        XCTAssertEqual((document["runs"] as? [Any])?.count, 15)
        for scenario in ["base", "均衡优先", "wide"] {
            for name in DistrictOutput.fileNames {
                XCTAssertEqual(try data(one.appendingPathComponent(scenario), name),
                               try data(sharded.appendingPathComponent(scenario), name), "\(scenario)/\(name)")
            }
        }
    }

    func testABadScenariosFileIsReportedAtItsCells() throws {
        let scenarios = scratch.appendingPathComponent("scenarios.csv")
        try Data("name,balance,priorities\na,2,\nb,-1,\nA,,coverage;speed\n".utf8).write(to: scenarios)
        let result = try solve(scratch.appendingPathComponent("out"), ["--scenarios", scenarios.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("scenarios.csv:3:3:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("scenarios.csv:4:4: --priorities: unknown term 'speed'"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out").path), "nothing written")
    }
}
