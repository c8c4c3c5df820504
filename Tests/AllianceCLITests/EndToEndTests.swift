import AllianceKit
import Foundation
import XCTest

/// The command line as a user runs it: solve, evaluate, check and export, checked against
/// glpsol running `models/alliance.mod` and against `evaluate` recomputing the plan.
final class EndToEndTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func terms(_ object: [String: Any]) throws -> [String: Double] {
        let terms = try XCTUnwrap(object["terms"] as? [String: Any])
        return terms.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    /// Random instances never seen before (groups, multi-community units, pairs, coordinates,
    /// a previous plan): `solve` proves an optimum equal to glpsol's on `models/alliance.mod`,
    /// and `evaluate` on the written plan.csv finds no violation and the same objective and terms.
    func testSolveMatchesGlpsolAndEvaluate() throws {
        for seed in UInt64(500)...503 {
            var generator = InstanceGenerator(communities: 5 + Int(seed % 4), units: 16 + Int(seed % 4) * 3)
            generator.fixPairs = 2
            let (instance, previous) = generator.generate(seed: seed)
            let folder = scratch.appendingPathComponent("seed\(seed)")
            try InstanceWriter.write(instance, to: folder)
            let previousFile = folder.appendingPathComponent("previous.csv")
            try Data(InstanceWriter.planCSV(previous).utf8).write(to: previousFile)
            let options = ["--previous", previousFile.path, "--weight", "keep=0.3", "--weight", "distance=0.4"]

            let check = try CommandRunner.run(["check", folder.path] + options)
            guard check.status == 0 else {
                XCTAssertEqual(check.status, 2, check.stderr)  // a generated instance may fail a pre-check
                continue
            }
            let out = folder.appendingPathComponent("plan")
            let solve = try CommandRunner.run(["solve", folder.path, "--out", out.path, "--quiet"] + options)
            XCTAssertEqual(solve.status, 0, solve.stderr)
            let plan = try CommandRunner.json(out.appendingPathComponent("plan.json"))
            XCTAssertEqual(plan["status"] as? String, "optimal", "seed \(seed)")
            let objective = try XCTUnwrap(plan["objective"] as? Double)
            XCTAssertEqual(plan["gap"] as? Double, 0)

            let data = folder.appendingPathComponent("model.dat")
            let export = try CommandRunner.run(["export", folder.path, "--format", "mathprog", "--out", data.path] + options)
            XCTAssertEqual(export.status, 0, export.stderr)
            XCTAssertEqual(objective, try Glpsol.objective(data: data, scratch: scratch), accuracy: 1e-6, "seed \(seed)")

            let evaluate = try CommandRunner.run(["evaluate", folder.path, "--plan",
                                                  out.appendingPathComponent("plan.csv").path, "--json"] + options)
            XCTAssertEqual(evaluate.status, 0, evaluate.stdout + evaluate.stderr)
            let judged = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(judged["violations"] as? [String], [])
            XCTAssertEqual(try XCTUnwrap(judged["objective"] as? Double), objective, accuracy: 1e-9)
            let reported = try terms(plan), recomputed = try terms(judged)
            XCTAssertEqual(Set(reported.keys), ["coverage", "balance", "distance", "preference", "keep"])
            for (name, value) in reported {
                XCTAssertEqual(value, try XCTUnwrap(recomputed[name]), accuracy: 1e-9, "\(name), seed \(seed)")
            }
        }
    }

    /// The 曹妃甸-like example returns a plan within the time limit, with its gap.
    func testCaofeidianWithinTimeLimit() throws {
        let out = scratch.appendingPathComponent("caofeidian")
        let started = Date()
        let result = try CommandRunner.run(["solve", "models/examples/caofeidian", "--out", out.path,
                                            "--time-limit", "10", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let elapsed = Date().timeIntervalSince(started)
        let plan = try CommandRunner.json(out.appendingPathComponent("plan.json"))
        let status = try XCTUnwrap(plan["status"] as? String)
        XCTAssertTrue(["optimal", "feasible"].contains(status))
        XCTAssertNotNil(plan["gap"] as? Double, "the gap is reported")
        XCTAssertNotNil(plan["bound"] as? Double, "the bound is reported")
        let seconds = try XCTUnwrap(plan["solve_seconds"] as? Double)
        XCTAssertLessThanOrEqual(seconds, 11, "the time limit (plus one second) is honoured")
        XCTAssertGreaterThan(elapsed, 0)
        let rows = try String(contentsOf: out.appendingPathComponent("plan.csv"), encoding: .utf8)
            .split(separator: "\n")
        XCTAssertEqual(rows.first, "community_id,community_name,org_id,org_name,role")
        XCTAssertEqual(rows.dropFirst().filter { $0.hasSuffix(",lead") }.count, 32, "one lead per community")
    }

    func testTinyExampleSummaryAndFiles() throws {
        let out = scratch.appendingPathComponent("tiny")
        let result = try CommandRunner.run(["solve", "models/examples/tiny", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("status      optimal (proven)"), result.stdout)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)),
                       ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html", "projects.csv"])  // tiny lists projects
        let communities = try String(contentsOf: out.appendingPathComponent("communities.csv"), encoding: .utf8)
        XCTAssertTrue(communities.hasPrefix("community_id,community_name,street,units,lead_id,lead_name,org_ids,strength,coverage,unmet_needs\n"))
    }

    func testSolveTwiceGivesIdenticalFiles() throws {
        var contents: [[Data]] = []
        for run in 0..<2 {
            let out = scratch.appendingPathComponent("run\(run)")
            let result = try CommandRunner.run(["solve", "models/examples/tiny-groups", "--out", out.path,
                                                "--quiet", "--no-timings"])
            XCTAssertEqual(result.status, 0, result.stderr)
            contents.append(try ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html"].map {
                try Data(contentsOf: out.appendingPathComponent($0))
            })
        }
        XCTAssertEqual(contents[0], contents[1])
    }

    func testCheckPrintsCountsAndPrechecks() throws {
        let result = try CommandRunner.run(["check", "models/examples/caofeidian"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("communities   32"), result.stdout)
        XCTAssertTrue(result.stdout.contains("pre-checks    passed"), result.stdout)

        // Too few lead-capable units: the pre-check names the numbers, status 2, nothing solved.
        let folder = scratch.appendingPathComponent("noleads")
        let files = InputErrorTests.valid.merging(
            ["organizations.csv": "id,can_lead\nu1,false\nu2,false\nu3,true\n"], uniquingKeysWith: { $1 })
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let failing = try CommandRunner.run(["check", folder.path])
        XCTAssertEqual(failing.status, 2)
        XCTAssertTrue(failing.stdout.contains("2 communities need a lead, but only 1 unit may lead"), failing.stdout)
        let solve = try CommandRunner.run(["solve", folder.path, "--quiet"])
        XCTAssertEqual(solve.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan").path))
    }

    func testExportFormats() throws {
        for format in ["lp", "mps", "mathprog"] {
            let file = scratch.appendingPathComponent("model.\(format)")
            let result = try CommandRunner.run(["export", "models/examples/tiny", "--format", format, "--out", file.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertFalse(text.isEmpty)
        }
        let unknown = try CommandRunner.run(["export", "models/examples/tiny", "--format", "xls", "--out", "x"])
        XCTAssertNotEqual(unknown.status, 0)
    }

    func testEvaluateListsViolationsOfAHandEditedPlan() throws {
        let plan = scratch.appendingPathComponent("edited.csv")
        // Everything in community A, nothing in B: B has no lead and too few units; u3 may not lead.
        try Data("community_id,org_id,role\nA,u1,member\nA,u2,member\nA,u3,lead\nA,u9,member\n".utf8).write(to: plan)
        let folder = scratch.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in InputErrorTests.valid { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let result = try CommandRunner.run(["evaluate", folder.path, "--plan", plan.path])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stdout.contains("unknown unit 'u9'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(plan.path):5:"), "violations point at the plan's rows: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("community B has no lead unit"), result.stdout)
        XCTAssertTrue(result.stdout.contains("may not lead"), result.stdout)
    }

    func testUnknownStrategyIsAnError() throws {
        let result = try CommandRunner.run(["solve", "models/examples/tiny", "--strategy", "magic", "--out", scratch.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("magic"), result.stderr)
    }

    /// `compare` runs every strategy; each plan passes `evaluate` with no violation, and the
    /// table, compare.csv and compare.json agree on the strategies.
    func testCompareAllStrategiesAndEvaluateEachPlan() throws {
        let out = scratch.appendingPathComponent("compare")
        let result = try CommandRunner.run(["compare", "models/examples/tiny-groups", "--time-limit", "10",
                                            "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["greedy", "local", "lp-round", "street", "exact"] {
            XCTAssertTrue(result.stdout.contains("\n\(name) "), result.stdout)
        }
        let document = try CommandRunner.json(out.appendingPathComponent("compare.json"))
        let rows = try XCTUnwrap(document["strategies"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["strategy"] as? String }, ["greedy", "local", "lp-round", "street", "exact"])
        for row in rows { XCTAssertEqual(row["violations"] as? [String], [], "\(row)") }
        let csv = try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 6)

        for name in ["greedy", "local", "lp-round", "street", "exact"] {
            let planFolder = scratch.appendingPathComponent("plan-\(name)")
            let solve = try CommandRunner.run(["solve", "models/examples/guye", "--strategy", name, "--time-limit", "5",
                                               "--out", planFolder.path, "--quiet"])
            XCTAssertEqual(solve.status, 0, solve.stderr)
            let evaluate = try CommandRunner.run(["evaluate", "models/examples/guye", "--plan",
                                                  planFolder.appendingPathComponent("plan.csv").path])
            XCTAssertEqual(evaluate.status, 0, "\(name): \(evaluate.stdout)")
            XCTAssertTrue(evaluate.stdout.contains("rules       all satisfied"), evaluate.stdout)
        }
    }

    func testPrioritiesOnTheCommandLine() throws {
        let out = scratch.appendingPathComponent("lexicographic")
        let result = try CommandRunner.run(["solve", "models/examples/tiny", "--priorities", "coverage,balance,distance",
                                            "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try CommandRunner.json(out.appendingPathComponent("plan.json"))
        XCTAssertEqual(plan["priorities"] as? [String], ["coverage", "balance", "distance"])
        let terms = try self.terms(plan)
        XCTAssertEqual(try XCTUnwrap(terms["coverage"]), 1, accuracy: 1e-9)
        let bad = try CommandRunner.run(["solve", "models/examples/tiny", "--priorities", "coverage,coverage"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }
}
