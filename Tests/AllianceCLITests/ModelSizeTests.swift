import AllianceKit
import Foundation
import XCTest

/// `--max-pairs`: a model with more allowed unit–community pairs is refused before anything is
/// built, with advice; the default admits the largest benchmark and refuses a 1000 × 5000 city.
final class ModelSizeTests: XCTestCase {
    /// The allowed pairs of tiny, counted by `check`.
    private func allowedPairs(_ folder: String, _ options: [String] = []) throws -> Int {
        let check = try CommandRunner.run(["check", folder] + options)
        XCTAssertEqual(check.status, 0, check.stderr)
        let line = try XCTUnwrap(check.stdout.split(separator: "\n").first { $0.hasPrefix("candidates") })
        return try XCTUnwrap(Int(line.split(separator: " ")[1]))
    }

    func testLargerModelsAreRefusedWithAdvice() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = "models/examples/caofeidian"
        let pairs = try allowedPairs(folder)
        let out = scratch.appendingPathComponent("plan")
        let limit = ["--max-pairs", String(pairs - 1)]
        for command in [["solve", folder, "--out", out.path, "--time-limit", "5"],
                        ["compare", folder, "--out", out.path, "--time-limit", "5"],
                        ["export", folder, "--format", "lp", "--out", out.appendingPathComponent("m.lp").path]] {
            let refused = try CommandRunner.run(command + limit)
            XCTAssertEqual(refused.status, 1, "\(command[0]): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("\(pairs) allowed unit–community pairs"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("--max-distance-km"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("street or district"), refused.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        }
        // Exactly at the limit it solves; a distance limit brings a model under it.
        let solved = try CommandRunner.run(["solve", folder, "--strategy", "greedy", "--quiet", "--out", out.path,
                                            "--max-pairs", String(pairs)])
        XCTAssertEqual(solved.status, 0, solved.stderr)
        let near = try allowedPairs(folder, ["--max-distance-km", "8"])
        XCTAssertLessThan(near, pairs)
        let underLimit = try CommandRunner.run(["solve", folder, "--strategy", "greedy", "--quiet", "--out", out.path,
                                                "--max-pairs", String(near), "--max-distance-km", "8"])
        XCTAssertEqual(underLimit.status, 0, underLimit.stderr)
        let invalid = try CommandRunner.run(["solve", folder, "--max-pairs", "0"])
        XCTAssertEqual(invalid.status, 64, invalid.stderr)
    }

    /// Without a distance limit every pair but the forbidden ones is allowed, so the pair count
    /// of a generated instance is units (groups merged) × communities − forbidden pairs.
    private func allowedPairs(of instance: Instance) -> Int {
        let units = Set(instance.organizations.map { $0.group ?? $0.id }).count
        let forbidden = Set(instance.pairs.filter { $0.rule == .forbid }.map { "\($0.orgID)|\($0.communityID)" }).count
        return units * instance.communities.count - forbidden
    }

    func testDefaultAdmitsTheLargestBenchmarkAndRefusesACity() throws {
        var xl = InstanceGenerator(communities: 600, units: 2400)  // the XL benchmark's shape
        xl.groupShare = 0.1
        XCTAssertLessThanOrEqual(600 * 2400, ModelSizeLimit.defaultMaxPairs, "XL fits even without merging")
        var city = InstanceGenerator(communities: 1000, units: 5000)
        city.groupShare = 0.1
        XCTAssertGreaterThan(allowedPairs(of: city.generate(seed: 7).instance), ModelSizeLimit.defaultMaxPairs)
        XCTAssertGreaterThan(allowedPairs(of: xl.generate(seed: 20_250_104).instance), 1_000_000,
                             "XL is a real test of the default")
    }
}
