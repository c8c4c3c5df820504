import Foundation
import XCTest

/// The same input and options give byte-identical output files: every file `solve` writes
/// (whatever set of files it writes) is compared between two runs, for each strategy that
/// finishes on its own (`exact` proves the optimum of tiny-groups; local search runs all its
/// rounds).
final class DeterminismTests: XCTestCase {
    func testRerunsWriteIdenticalFiles() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let options = ["--previous", "models/examples/tiny-groups/previous-plan.csv", "--weight", "keep=0.3"]
        for strategy in ["greedy", "local", "exact"] {
            var runs: [[String: Data]] = []
            for run in 0..<2 {
                let out = scratch.appendingPathComponent("\(strategy)-\(run)")
                let result = try CommandRunner.run(
                    ["solve", "models/examples/tiny-groups", "--strategy", strategy, "--out", out.path,
                     "--no-timings", "--quiet", "--time-limit", "120"] + options)
                XCTAssertEqual(result.status, 0, result.stderr)
                var files: [String: Data] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                    files[name] = try Data(contentsOf: out.appendingPathComponent(name))
                }
                runs.append(files)
            }
            XCTAssertTrue(runs[0].keys.contains("plan.json"), strategy)
            XCTAssertEqual(Set(runs[0].keys), Set(runs[1].keys), strategy)
            for (name, data) in runs[0] {
                XCTAssertEqual(data, runs[1][name], "\(strategy): \(name) differs between runs")
            }
            if strategy == "exact" {
                let json = try CommandRunner.json(scratch.appendingPathComponent("exact-0/plan.json"))
                XCTAssertEqual(json["status"] as? String, "optimal", "exact finished, so reruns are comparable")
            }
        }
    }
}
