import AllianceKit
import Foundation
import XCTest

/// check, evaluate, compare and export on lists with a district column: each judges every
/// district by that district's own model, as batch `solve` plans it. The expectations come from
/// elsewhere: a district's own plan.json, the single-run command on the district's lists alone,
/// and glpsol on `models/alliance.mod`.
final class DistrictCommandsTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private static let names = ["区1", "区2", "区3"]

    /// Three small districts (ids `D1-…`, `D2-…`, `D3-…`) with pairs, written to `city/`, and the
    /// city's previous plan as `previous.csv` beside the lists (when `previous`).
    private func writeCity(previous: Bool = true) throws -> (folder: URL, instance: Instance) {
        var generator = InstanceGenerator(communities: 4, units: 12)
        generator.fixPairs = 1
        generator.previousPlan = previous
        let (instance, plan) = generator.generateCity(districts: 3, seed: 41)
        let folder = scratch.appendingPathComponent("city")
        try InstanceWriter.write(instance, to: folder)
        if previous {
            try Data(InstanceWriter.planCSV(plan).utf8).write(to: folder.appendingPathComponent("previous.csv"))
        }
        return (folder, instance)
    }

    /// The options every run of a test uses, so all judge the same model.
    private func options(_ folder: URL) -> [String] {
        ["--previous", folder.appendingPathComponent("previous.csv").path, "--weight", "keep=0.3"]
    }

    private func records(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try CSVParser.records(text, file: url.lastPathComponent).map { $0.fields.map(\.text) }
    }

    private func number(_ value: Any?) throws -> Double {
        try XCTUnwrap((value as? NSNumber)?.doubleValue)
    }

    /// Batch solve with the exact strategy; the district name → its folder's plan.json.
    private func solveExact(_ folder: URL) throws -> [String: [String: Any]] {
        let out = scratch.appendingPathComponent("out")
        // --gap 0: a batch stops at 0.5 % by default, and glpsol's optimum is compared below.
        let solve = try CommandRunner.run(["solve", folder.path, "--out", out.path, "--strategy", "exact", "--gap", "0",
                                           "--no-timings", "--quiet"] + options(folder))
        XCTAssertEqual(solve.status, 0, solve.stderr)
        var plans: [String: [String: Any]] = [:]
        for row in try records(out.appendingPathComponent("districts.csv")).dropFirst() {
            plans[row[0]] = try CommandRunner.json(out.appendingPathComponent(row[1]).appendingPathComponent("plan.json"))
        }
        XCTAssertEqual(plans.keys.sorted(), Self.names)
        return plans
    }

    /// `evaluate` on the combined plan.csv a batch solve wrote gives every district the objective
    /// and terms of its own plan.json (computed by the solve), and so does the same plan without
    /// its district column; the total is their sum.
    func testEvaluateOfCombinedPlanReproducesEachDistrictsPlanJSON() throws {
        let (folder, _) = try writeCity()
        let plans = try solveExact(folder)
        let combined = scratch.appendingPathComponent("out/plan.csv")
        let evaluate = try CommandRunner.run(["evaluate", folder.path, "--plan", combined.path, "--json"] + options(folder))
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        let districts = try XCTUnwrap(document["districts"] as? [[String: Any]])
        XCTAssertEqual(districts.map { $0["district"] as? String }, Self.names)
        var sum = 0.0
        for entry in districts {
            let name = try XCTUnwrap(entry["district"] as? String)
            let plan = try XCTUnwrap(plans[name])
            XCTAssertEqual(try number(entry["objective"]), try number(plan["objective"]), accuracy: 1e-9, name)
            let terms = try XCTUnwrap(entry["terms"] as? [String: Any]), planTerms = try XCTUnwrap(plan["terms"] as? [String: Any])
            for term in Term.allCases.map(\.rawValue) {
                XCTAssertEqual(try number(terms[term]), try number(planTerms[term]), accuracy: 1e-9, "\(name) \(term)")
            }
            XCTAssertEqual(entry["feasible"] as? Bool, true)
            sum += try number(entry["objective"])
        }
        XCTAssertEqual(try number(document["objective"]), sum, accuracy: 1e-9)
        XCTAssertGreaterThan(try number((plans["区2"]?["terms"] as? [String: Any])?["keep"]), 0, "the previous plan reached the districts")

        // The same rows without the district column: routed by their communities.
        let rows = try records(combined)
        let plain = scratch.appendingPathComponent("plain.csv")
        try Data(CSVWriter.encode(header: Array(rows[0].dropFirst()), rows: rows.dropFirst().map { Array($0.dropFirst()) }).utf8)
            .write(to: plain)
        let again = try CommandRunner.run(["evaluate", folder.path, "--plan", plain.path, "--json"] + options(folder))
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, evaluate.stdout)

        // Text: one block per district and a total row.
        let text = try CommandRunner.run(["evaluate", folder.path, "--plan", combined.path] + options(folder))
        XCTAssertEqual(text.status, 0, text.stderr)
        for name in Self.names { XCTAssertTrue(text.stdout.contains("[\(name)]\nobjective   "), text.stdout) }
        XCTAssertTrue(text.stdout.contains("\ntotal     \(String(format: "%.4f", sum))"), text.stdout)
    }

    /// Rows in the wrong district, units serving another district and unknown ids are input
    /// errors at their cells; a broken rule inside a district is exit status 3.
    func testEvaluateNamesRowsThatCrossDistricts() throws {
        let (folder, instance) = try writeCity(previous: false)
        let unit1 = try XCTUnwrap(instance.organizations.first { $0.district == "区1" && $0.canLead }).id
        let unit2 = try XCTUnwrap(instance.organizations.first { $0.district == "区2" }).id
        let community1 = try XCTUnwrap(instance.communities.first { $0.district == "区1" }).id
        let plan = scratch.appendingPathComponent("plan.csv")
        try Data("""
            district,community_id,org_id,role
            区2,\(community1),\(unit1),lead
            区1,\(community1),\(unit2),member
            区1,\(community1),NOBODY,member

            """.utf8).write(to: plan)
        let result = try CommandRunner.run(["evaluate", folder.path, "--plan", plan.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        // Columns count characters: the org_id cell starts after "区1,<community>,".
        let unitColumn = "区1,\(community1),".count + 1
        XCTAssertTrue(result.stderr.contains("\(plan.path):2:1: row names district '区2' but community \(community1) lies in '区1'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(plan.path):3:\(unitColumn): unit \(unit2) (district '区2') serves community \(community1) of district '区1'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(plan.path):4:\(unitColumn): unknown unit 'NOBODY'"), result.stderr)

        // Well-placed but incomplete: every district is judged and the broken rules reported.
        try Data("community_id,org_id,role\n\(community1),\(unit1),lead\n".utf8).write(to: plan)
        let partial = try CommandRunner.run(["evaluate", folder.path, "--plan", plan.path])
        XCTAssertEqual(partial.status, 3, partial.stderr)
        XCTAssertTrue(partial.stdout.contains("[区3]"), partial.stdout)
    }

    /// `explain` on the combined plan.csv explains every district on its own model, its
    /// objective equal to the district's plan.json; `suggest --org` finds the unit's district.
    func testExplainAndSuggestWorkOnDistrictLists() throws {
        let (folder, instance) = try writeCity()
        let plans = try solveExact(folder)
        let combined = scratch.appendingPathComponent("out/plan.csv").path
        let explain = try CommandRunner.run(["explain", folder.path, "--plan", combined, "--json"] + options(folder))
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        let districts = try XCTUnwrap(document["districts"] as? [[String: Any]])
        XCTAssertEqual(districts.compactMap { $0["district"] as? String }, Self.names)
        for district in districts {
            let name = try XCTUnwrap(district["district"] as? String)
            XCTAssertEqual(try number(district["objective"]), try number(plans[name]?["objective"]), accuracy: 1e-9, name)
        }
        let text = try CommandRunner.run(["explain", folder.path, "--plan", combined] + options(folder))
        XCTAssertEqual(text.status, 0, text.stderr)
        for name in Self.names { XCTAssertTrue(text.stdout.contains("[\(name)]"), name) }

        let unit = try XCTUnwrap(instance.organizations.last)
        let suggest = try CommandRunner.run(["suggest", folder.path, "--plan", combined, "--org", unit.id]
                                            + options(folder))
        XCTAssertEqual(suggest.status, 0, suggest.stderr)
        XCTAssertTrue(suggest.stdout.contains("district    \(try XCTUnwrap(unit.district))"), suggest.stdout)
        XCTAssertTrue(suggest.stdout.contains("unit \(unit.group ?? unit.id)"), suggest.stdout)
    }

    /// `export` writes one MathProg data file per district; glpsol on each proves the optimum that
    /// `solve --strategy exact` found for that district.
    func testExportPerDistrictSolvedByGlpsolMatchesExactSolve() throws {
        let (folder, _) = try writeCity()
        let plans = try solveExact(folder)
        let dats = scratch.appendingPathComponent("dats")
        let export = try CommandRunner.run(["export", folder.path, "--format", "mathprog", "--out", dats.path] + options(folder))
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dats.path).sorted(), Self.names.map { $0 + ".dat" })
        for name in Self.names {
            let plan = try XCTUnwrap(plans[name])
            XCTAssertEqual(plan["status"] as? String, "optimal", name)
            XCTAssertEqual(try Glpsol.objective(data: dats.appendingPathComponent(name + ".dat"), scratch: scratch),
                           try number(plan["objective"]), accuracy: 1e-6, name)
        }

        // The same input gives the same bytes.
        let again = scratch.appendingPathComponent("again")
        XCTAssertEqual(try CommandRunner.run(["export", folder.path, "--format", "mathprog", "--out", again.path] + options(folder)).status, 0)
        for name in Self.names {
            XCTAssertEqual(try Data(contentsOf: again.appendingPathComponent(name + ".dat")),
                           try Data(contentsOf: dats.appendingPathComponent(name + ".dat")), name)
        }

        // LP files too, one per district.
        let lps = scratch.appendingPathComponent("lps")
        let lp = try CommandRunner.run(["export", folder.path, "--format", "lp", "--out", lps.path] + options(folder))
        XCTAssertEqual(lp.status, 0, lp.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: lps.path).sorted(), Self.names.map { $0 + ".lp" })
    }

    /// `check` prints, under each district's name, exactly what `check` prints for that
    /// district's lists alone, then a table; a previous-plan row across districts is a warning at
    /// its cell, a fix pair across districts an input error at its cell.
    func testCheckReportsEachDistrictAsAloneAndCrossDistrictProblems() throws {
        let (folder, instance) = try writeCity(previous: false)
        let result = try CommandRunner.run(["check", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let districts = try DistrictSplit.split(instance).districts
        for (index, district) in districts.enumerated() {
            var alone = district.instance
            for i in alone.communities.indices { alone.communities[i].district = nil }
            for i in alone.organizations.indices { alone.organizations[i].district = nil }
            let aloneFolder = scratch.appendingPathComponent("alone\(index)")
            try InstanceWriter.write(alone, to: aloneFolder)
            let single = try CommandRunner.run(["check", aloneFolder.path])
            XCTAssertEqual(single.status, 0, single.stderr)
            XCTAssertTrue(result.stdout.contains("[\(district.name)]\n" + single.stdout), "\(district.name):\n\(result.stdout)")
            let row = try XCTUnwrap(result.stdout.split(separator: "\n").last { $0.hasPrefix(district.name + " ") })
            XCTAssertEqual(row.split(separator: " ").map(String.init),
                           [district.name, String(alone.communities.count), String(alone.organizations.count),
                            String(alone.pairs.count), "passed"])
        }

        // A previous-plan row pairing a unit with a community of another district.
        let unit1 = try XCTUnwrap(instance.organizations.first { $0.district == "区1" }).id
        let community2 = try XCTUnwrap(instance.communities.first { $0.district == "区2" }).id
        let previous = scratch.appendingPathComponent("previous.csv")
        try Data("community_id,org_id,role\n\(community2),\(unit1),member\n".utf8).write(to: previous)
        let warned = try CommandRunner.run(["check", folder.path, "--previous", previous.path])
        XCTAssertEqual(warned.status, 0, warned.stderr)
        XCTAssertTrue(warned.stdout.contains("warning       \(previous.path):2:\(community2.count + 2): previous plan pairs unit \(unit1) (district '区1') with community \(community2) (district '区2'); not kept"),
                      warned.stdout)

        // A fix pair across districts.
        let pairs = folder.appendingPathComponent("pairs.csv")
        var text = try String(contentsOf: pairs, encoding: .utf8)
        let line = text.split(separator: "\n").count + 1
        text += "\(unit1),\(community2),fix,\n"
        try Data(text.utf8).write(to: pairs)
        let failed = try CommandRunner.run(["check", folder.path])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("\(pairs.path):\(line):1: fix pair \(unit1)–\(community2) crosses districts"), failed.stderr)
    }

    /// A district that lists units but no communities: its error at the unit's row, the other
    /// districts still checked, exit status 1.
    func testCheckReportsADistrictWithoutCommunities() throws {
        var (_, instance) = try writeCity(previous: false)
        instance.organizations.append(Organization(id: "X1", district: "新区"))
        let folder = scratch.appendingPathComponent("more")
        try InstanceWriter.write(instance, to: folder)
        let result = try CommandRunner.run(["check", folder.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let line = instance.organizations.count + 1
        XCTAssertTrue(result.stderr.contains("\(folder.path)/organizations.csv:\(line):1: district 新区 lists units but no communities"),
                      result.stderr)
        let rows = result.stdout.split(separator: "\n").suffix(4).map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(rows, Self.names + ["新区"], result.stdout)
        let last = try XCTUnwrap(result.stdout.split(separator: "\n").last)
        XCTAssertEqual(last.split(separator: " ").map(String.init), ["新区", "0", "1", "0", "input", "error"])
    }

    /// `compare` runs the strategies on every district: greedy (deterministic) finds in each
    /// district the plan batch `solve --strategy greedy` finds there.
    func testCompareComparesEachDistrict() throws {
        let (folder, _) = try writeCity(previous: false)
        let out = scratch.appendingPathComponent("compare")
        let compare = try CommandRunner.run(["compare", folder.path, "--strategies", "greedy,local", "--time-limit", "20",
                                             "--out", out.path, "--quiet"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let solveOut = scratch.appendingPathComponent("greedy")
        let solve = try CommandRunner.run(["solve", folder.path, "--out", solveOut.path, "--strategy", "greedy", "--quiet"])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        for name in Self.names {
            XCTAssertTrue(compare.stdout.contains("[\(name)]\nstrategy"), compare.stdout)
            let document = try CommandRunner.json(out.appendingPathComponent(name).appendingPathComponent("compare.json"))
            let entries = try XCTUnwrap(document["strategies"] as? [[String: Any]])
            XCTAssertEqual(entries.map { $0["strategy"] as? String }, ["greedy", "local"])
            let plan = try CommandRunner.json(solveOut.appendingPathComponent(name).appendingPathComponent("plan.json"))
            XCTAssertEqual(try number(entries[0]["objective"]), try number(plan["objective"]), accuracy: 1e-9, name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name)/compare.csv").path))
        }
    }

    /// plan.json says which model it was judged against: `--candidates` and the pairs it left
    /// (the count `check` reports), absent without the option. (k = 3: with k = 2 a district of
    /// this city has a community no leader can reach.)
    func testPlanJSONRecordsCandidates() throws {
        let (folder, _) = try writeCity(previous: false)
        let out = scratch.appendingPathComponent("out")
        let solve = try CommandRunner.run(["solve", folder.path, "--out", out.path, "--strategy", "greedy", "--quiet",
                                           "--candidates", "3"])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        let check = try CommandRunner.run(["check", folder.path, "--candidates", "3"])
        let allowed = check.stdout.split(separator: "\n").filter { $0.hasPrefix("candidates    ") }
            .map { Int($0.split(separator: " ")[1])! }
        XCTAssertEqual(allowed.count, 3, check.stdout)
        for (name, pairs) in zip(Self.names, allowed) {
            let plan = try CommandRunner.json(out.appendingPathComponent(name).appendingPathComponent("plan.json"))
            XCTAssertEqual(plan["candidates"] as? Int, 3)
            XCTAssertEqual(plan["candidate_pairs"] as? Int, pairs)
        }
        let plain = scratch.appendingPathComponent("plain")
        let full = try CommandRunner.run(["solve", folder.path, "--out", plain.path, "--strategy", "greedy", "--quiet"])
        XCTAssertEqual(full.status, 0, full.stderr)
        let plan = try CommandRunner.json(plain.appendingPathComponent("区1/plan.json"))
        XCTAssertNil(plan["candidates"])
        XCTAssertNil(plan["candidate_pairs"])
    }
}
