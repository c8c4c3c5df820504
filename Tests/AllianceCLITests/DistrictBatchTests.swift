import AllianceKit
import Foundation
import XCTest

/// `alliance solve` on a city with a district column: each district planned on its own, exactly
/// as if its lists were solved alone; a failing district reported without stopping the others.
final class DistrictBatchTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func records(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try CSVParser.records(text, file: url.lastPathComponent).map { $0.fields.map(\.text) }
    }

    /// Three districts, the second without any unit that may lead (infeasible).
    private func city(failing: Bool) -> [DistrictInstance] {
        var generator = InstanceGenerator(communities: 5, units: 17)
        generator.previousPlan = false
        generator.fixPairs = 2
        var (instance, _) = generator.generateCity(districts: 3, seed: 77)
        if failing {
            for i in instance.organizations.indices where instance.organizations[i].district == "区2" {
                instance.organizations[i].canLead = false
            }
        }
        return try! DistrictSplit.split(instance).districts
    }

    private func write(_ districts: [DistrictInstance], to folder: URL) throws {
        var city = Instance(communities: [], organizations: [])
        for district in districts {
            city.communities += district.instance.communities
            city.organizations += district.instance.organizations
            city.needs += district.instance.needs
            city.resources += district.instance.resources
            city.pairs += district.instance.pairs
        }
        try InstanceWriter.write(city, to: folder)
    }

    func testEachDistrictIsPlannedAsIfAloneAndAFailureIsReported() throws {
        let districts = city(failing: true)
        XCTAssertEqual(districts.map(\.name), ["区1", "区2", "区3"])
        let cityFolder = scratch.appendingPathComponent("city")
        try write(districts, to: cityFolder)
        let options = ["--strategy", "local", "--time-limit", "120", "--no-timings", "--quiet"]
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["solve", cityFolder.path, "--out", out.path, "--jobs", "2"] + options)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("district 区2:"), result.stderr)
        XCTAssertFalse(result.stderr.contains("districts ["), "no progress bar when stderr is not a terminal")

        // districts.csv: one row per district, in order; the failed one with its reason.
        let table = try records(out.appendingPathComponent("districts.csv"))
        XCTAssertEqual(table[0], ["district", "folder", "status", "communities", "organizations", "objective", "bound",
                                  "gap", "seconds", "error"])
        XCTAssertEqual(table.dropFirst().map { $0[0] }, ["区1", "区2", "区3"])
        XCTAssertEqual(table[2][2], "failed")
        XCTAssertTrue(table[2][9].contains("lead"), table[2][9])
        // Said once for all its communities, with their ids, not once per community.
        let ids = districts[1].instance.communities.map(\.id)
        XCTAssertTrue(table[2][9].contains("\(ids.count) communities need a lead, but none of the units allowed to serve "
                                           + "them may lead (column can_lead): " + ids.joined(separator: ", ")), table[2][9])
        XCTAssertFalse(table[2][9].contains("community \(ids[0]) needs a lead"), table[2][9])
        XCTAssertEqual(table[2][9].components(separatedBy: " - ").count, 3, "a heading and two reasons: \(table[2][9])")
        // The failed district's folder holds only its district.json, saying why (for `alliance merge`).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("区2").path),
                       [DistrictOutcome.fileName])
        let failedOutcome = try XCTUnwrap(DistrictOutcome.read(from: out.appendingPathComponent("区2")))
        XCTAssertEqual(failedOutcome.status, "failed")
        XCTAssertEqual(failedOutcome.error, table[2][9])

        // report.html at the top: one row per district, the failure's reason, and links only to
        // the district reports written beside it (DistrictSummaryTests checks the contents).
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "<tr class=\"").count - 1, 3)
        XCTAssertTrue(page.contains(Self.escaped(table[2][9])), "the failure's reason")
        let links = try NSRegularExpression(pattern: ##"href="([^"#][^"]*)""##)
            .matches(in: page, range: NSRange(page.startIndex..., in: page))
            .map { String(page[Range($0.range(at: 1), in: page)!]) }
        XCTAssertEqual(links.map { $0.removingPercentEncoding }, ["区1/report.html", "区3/report.html"])
        for link in links {
            let target = try XCTUnwrap(link.removingPercentEncoding)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(target).path), link)
        }
        XCTAssertFalse(page.contains("://"), "no external URL")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.xlsx").path))

        // Each good district's files equal those of solving its lists alone with the same options.
        var expectedCombined: [[String]] = []
        for (index, district) in districts.enumerated() where district.name != "区2" {
            let row = table[index + 1]
            XCTAssertEqual(row[2], "feasible")
            XCTAssertEqual(row[3], String(district.instance.communities.count))
            XCTAssertEqual(row[9], "")
            var alone = district.instance
            for i in alone.communities.indices { alone.communities[i].district = nil }
            for i in alone.organizations.indices { alone.organizations[i].district = nil }
            let aloneFolder = scratch.appendingPathComponent("alone\(index)")
            try InstanceWriter.write(alone, to: aloneFolder)
            let aloneOut = aloneFolder.appendingPathComponent("plan")
            let single = try CommandRunner.run(["solve", aloneFolder.path, "--out", aloneOut.path] + options)
            XCTAssertEqual(single.status, 0, single.stderr)
            for name in ["plan.csv", "communities.csv"] {
                let batch = try Data(contentsOf: out.appendingPathComponent(row[1]).appendingPathComponent(name))
                XCTAssertEqual(batch, try Data(contentsOf: aloneOut.appendingPathComponent(name)), "\(district.name) \(name)")
            }
            // plan.json too, but for the batch's input digest (DistrictResume).
            var batchPlan = try CommandRunner.json(out.appendingPathComponent(row[1]).appendingPathComponent("plan.json"))
            XCTAssertEqual((batchPlan.removeValue(forKey: "input_digest") as? String)?.count, 64)
            XCTAssertEqual(NSDictionary(dictionary: batchPlan),
                           NSDictionary(dictionary: try CommandRunner.json(aloneOut.appendingPathComponent("plan.json"))),
                           "\(district.name) plan.json")
            let plan = try CommandRunner.json(aloneOut.appendingPathComponent("plan.json"))
            XCTAssertEqual(row[5], formatNumber(try XCTUnwrap((plan["objective"] as? NSNumber)?.doubleValue)))
            let rows = try records(aloneOut.appendingPathComponent("plan.csv"))
            if expectedCombined.isEmpty { expectedCombined.append(["district"] + rows[0]) }
            expectedCombined += rows.dropFirst().map { [district.name] + $0 }
        }
        XCTAssertEqual(try records(out.appendingPathComponent("plan.csv")), expectedCombined)

        // Deterministic whatever the number of threads.
        let again = scratch.appendingPathComponent("again")
        let rerun = try CommandRunner.run(["solve", cityFolder.path, "--out", again.path, "--jobs", "1"] + options)
        XCTAssertEqual(rerun.status, 2)
        for name in ["plan.csv", "districts.csv", "plan.xlsx", "report.html", "区1/plan.csv", "区3/plan.json"] {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(name)),
                           try Data(contentsOf: again.appendingPathComponent(name)), name)
        }
    }

    /// Text as it appears in the page's markup (`& < > " '` as character references).
    private static func escaped(_ text: String) -> String {
        [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")]
            .reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// All districts good: exit status 0 and a summary line per district.
    func testAllDistrictsSolvedExitsZero() throws {
        let cityFolder = scratch.appendingPathComponent("city")
        try write(city(failing: false), to: cityFolder)
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["solve", cityFolder.path, "--out", out.path, "--strategy", "greedy"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["区1", "区2", "区3"] {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            XCTAssertTrue(line?.contains(" feasible ") ?? false, result.stdout)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name)/plan.csv").path))
        }
        let table = try records(out.appendingPathComponent("districts.csv"))
        XCTAssertEqual(table.dropFirst().map { $0[2] }, ["feasible", "feasible", "feasible"])
        XCTAssertTrue(table.dropFirst().allSatisfy { Double($0[8]) != nil }, "seconds recorded without --no-timings")
    }

    /// `--log-phases` in a batch: every phase line names its district, and each district's
    /// phases are all there.
    func testLogPhasesPrefixesEachLineWithItsDistrict() throws {
        let cityFolder = scratch.appendingPathComponent("city")
        try write(city(failing: false), to: cityFolder)
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["solve", cityFolder.path, "--out", out.path, "--jobs", "2",
                                            "--time-limit", "10", "--quiet", "--log-phases"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains(" s left)") }
        XCTAssertFalse(lines.isEmpty, result.stderr)
        for line in lines {
            XCTAssertTrue(["[区1] ", "[区2] ", "[区3] "].contains { line.hasPrefix($0) }, line)
        }
        for name in ["区1", "区2", "区3"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("[\(name)] ") && $0.contains(" begin local ") }, result.stderr)
        }
    }

    /// A district whose lists cannot be planned (units but no communities) fails alone.
    func testDistrictWithoutCommunitiesFailsAlone() throws {
        var districts = city(failing: false)
        districts.append(DistrictInstance(name: "新区", instance: Instance(
            communities: [], organizations: [Organization(id: "X1", district: "新区")])))
        let cityFolder = scratch.appendingPathComponent("city")
        try write(districts, to: cityFolder)
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["solve", cityFolder.path, "--out", out.path, "--strategy", "greedy", "--quiet"])
        XCTAssertEqual(result.status, 2, result.stderr)
        let line = districts.reduce(0) { $0 + $1.instance.organizations.count } + 1 // X1 is the last row
        XCTAssertTrue(result.stderr.contains("district 新区: \(cityFolder.path)/organizations.csv:\(line):1: district 新区 lists units but no communities"),
                      result.stderr)
        let table = try records(out.appendingPathComponent("districts.csv"))
        XCTAssertEqual(table.dropFirst().map { $0[2] }, ["feasible", "feasible", "feasible", "failed"])
        XCTAssertEqual(try records(out.appendingPathComponent("plan.csv")).dropFirst().map { $0[0] }.filter { $0 == "新区" }, [])
    }

    /// A fix pair across districts stops the run as an input error, nothing written.
    func testFixAcrossDistrictsIsAnInputError() throws {
        let cityFolder = scratch.appendingPathComponent("city")
        let districts = city(failing: false)
        try write(districts, to: cityFolder)
        let pairs = "org_id,community_id,rule,score\n\(districts[0].instance.organizations[0].id),\(districts[1].instance.communities[0].id),fix,\n"
        try Data(pairs.utf8).write(to: cityFolder.appendingPathComponent("pairs.csv"))
        let out = scratch.appendingPathComponent("out")
        let result = try CommandRunner.run(["solve", cityFolder.path, "--out", out.path, "--strategy", "greedy"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("pairs.csv:2:1: fix pair"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// --candidates without coordinates is refused with the row named.
    func testCandidatesNeedCoordinates() throws {
        var generator = InstanceGenerator(communities: 4, units: 10)
        generator.coordinates = false
        let folder = scratch.appendingPathComponent("plain")
        try InstanceWriter.write(generator.generate(seed: 3).instance, to: folder)
        let result = try CommandRunner.run(["solve", folder.path, "--candidates", "3", "--strategy", "greedy"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("plain/communities.csv:2:1: --candidates needs coordinates"), result.stderr)
    }
}
