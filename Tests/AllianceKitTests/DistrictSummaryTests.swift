import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The top-level plan.xlsx and report.html of a batch run by district, built from the same results
/// as districts.csv: read back with openpyxl and an XML parser and checked against districts.csv
/// and figures recomputed here from each district's evaluation.
final class DistrictSummaryTests: XCTestCase {
    /// Three generated districts solved by greedy: 区1 marked optimal (bound = objective), 区2
    /// failed with an error full of markup characters, 区3 interrupted with a bound above its
    /// objective and made-up project claims; the last district's name needs percent-encoding.
    private func results() throws -> [DistrictResult] {
        var generator = InstanceGenerator(communities: 5, units: 17)
        generator.previousPlan = false
        let (instance, _) = generator.generateCity(districts: 3, seed: 77)
        let districts = try DistrictSplit.split(instance).districts
        XCTAssertEqual(districts.map(\.name), ["区1", "区2", "区3"])
        let greedy = try XCTUnwrap(StrategyCatalog.make("greedy"))
        var results: [DistrictResult] = []
        for (index, district) in districts.enumerated() {
            var result = DistrictResult(district: district.name, folder: district.name,
                                        communities: district.instance.communities.count,
                                        organizations: district.instance.organizations.count,
                                        report: nil, error: nil, seconds: Double(index) + 0.25)
            if index == 1 {
                result.error = "organizations.csv:3:1: no unit may lead <a href=\"x\">&amp;</a>"
            } else {
                let problem = try Problem(instance: district.instance, options: PlanningOptions())
                var report = PlanReport(problem: problem, outcome: try greedy.solve(problem, settings: SolveSettings()),
                                        strategy: "greedy")
                report.status = index == 0 ? .optimal : .interrupted
                report.bound = report.evaluation.objective + (index == 0 ? 0 : 1)
                if index == 2 {
                    let project = UnclaimedProject(projectID: "P1", projectName: "p", communityID: problem.communities[0].id,
                                                   category: "c", amount: 1, value: 2, reason: .noAlliance)
                    report.claims = ClaimResult(claims: [], unclaimed: [project], allOptimal: true)
                    result.folder = "区3 #1%"
                }
                result.report = report
            }
            results.append(result)
        }
        return results
    }

    private func file(_ name: String, _ results: [DistrictResult], includeTimings: Bool) throws -> Data {
        try XCTUnwrap(try DistrictOutput.files(results, includeTimings: includeTimings).first { $0.name == name }).contents
    }

    func testWorkbookHasOneRowPerDistrictEqualToDistrictsCSV() throws {
        let results = try results()
        let csv = try CSVParser.records(String(decoding: try file("districts.csv", results, includeTimings: false), as: UTF8.self),
                                        file: "districts.csv").map { $0.fields.map(\.text) }
        let book = try SpreadsheetReader.read(try file("plan.xlsx", results, includeTimings: false))
        XCTAssertEqual(book.sheets.map(\.name), ["区县汇总", "联盟名单"])
        let sheet = try book.sheet("区县汇总")
        XCTAssertEqual(sheet.freeze, "A2")
        XCTAssertFalse(sheet.header.contains("用时（秒）"), "no time column with --no-timings")
        XCTAssertEqual(sheet.records.count, results.count)
        XCTAssertEqual(csv.count, results.count + 1)
        let statusWords = ["optimal": "最优", "feasible": "可行", "interrupted": "已中断", "failed": "失败"]
        let gapColumn = try XCTUnwrap(sheet.header.firstIndex(of: "差距"))
        for ((row, record), result) in zip(zip(csv.dropFirst(), sheet.records), results) {
            XCTAssertEqual(record["区县"], .text(row[0]))
            XCTAssertEqual(record["文件夹"], .text(row[1]))
            XCTAssertEqual(record["状态"], .text(try XCTUnwrap(statusWords[row[2]])))
            XCTAssertEqual(record["社区数"]?.number, Double(row[3]))
            XCTAssertEqual(record["单位数"]?.number, Double(row[4]))
            for (title, column) in [("目标值", 5), ("上界", 6), ("差距", 7)] {
                if row[column].isEmpty {
                    XCTAssertEqual(record[title], .empty, "\(row[0]) \(title)")
                } else {
                    let value = try XCTUnwrap(record[title]?.number, "\(row[0]) \(title)")
                    XCTAssertEqual(value, try XCTUnwrap(Double(row[column])), accuracy: 1e-6, "\(row[0]) \(title)")
                }
            }
            XCTAssertEqual(record["失败原因"], row[9].isEmpty ? .empty : .text(row[9]))
            guard let report = result.report else {
                XCTAssertEqual(record["最弱联盟力量"], .empty)
                continue
            }
            // Recomputed from the district's own alliances and its own band.
            let strengths = report.evaluation.communities.map(\.strength)
            let mean = report.problem.meanStrength, band = report.problem.options.balanceBand
            XCTAssertEqual(try XCTUnwrap(record["最弱联盟力量"]?.number), strengths.min()!, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(record["最强联盟力量"]?.number), strengths.max()!, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(record["平均联盟力量"]?.number),
                           strengths.reduce(0, +) / Double(strengths.count), accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(record["均衡范围下限"]?.number), (1 - band) * mean, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(record["均衡范围上限"]?.number), (1 + band) * mean, accuracy: 1e-9)
            let inside = strengths.filter { $0 >= (1 - band) * mean - 1e-9 && $0 <= (1 + band) * mean + 1e-9 }.count
            XCTAssertEqual(record["在均衡范围内的联盟"]?.number, Double(inside))
            XCTAssertEqual(try XCTUnwrap(record["需求覆盖率"]?.number), report.evaluation.terms.coverage, accuracy: 1e-12)
        }
        let dataRow = 1 + 2 // the interrupted district, with a positive gap
        XCTAssertEqual(sheet.formats[dataRow][gapColumn], "0.000%")
        XCTAssertGreaterThan(try XCTUnwrap(sheet.value(dataRow, gapColumn).number), 0)
        XCTAssertEqual(sheet.records[2]["已认领项目"]?.number, 0)
        XCTAssertEqual(sheet.records[2]["项目总数"]?.number, 1)
        XCTAssertEqual(sheet.records[0]["项目总数"], .empty)

        // 联盟名单: every planned district's communities, each behind its own district.
        let roster = try book.sheet("联盟名单")
        XCTAssertEqual(roster.header, ["区县"] + PlanWorkbook.allianceHeader)
        let expected = results.flatMap { result in
            (result.report?.problem.communities ?? []).map { [result.district, $0.id] }
        }
        XCTAssertEqual(roster.records.map { [$0["区县"]?.text ?? "", $0["社区编号"]?.text ?? ""] }, expected)

        let timed = try SpreadsheetReader.read(try file("plan.xlsx", results, includeTimings: true)).sheet("区县汇总")
        XCTAssertEqual(timed.records.map { $0["用时（秒）"]?.number }, results.map(\.seconds))
    }

    func testReportHasOneRowPerDistrictTheErrorAndOnlyLocalLinks() throws {
        let results = try results()
        let html = String(decoding: try file("report.html", results, includeTimings: false), as: UTF8.self)
        let page = try ParsedPage(html)
        let rows = page.all("tr").filter { $0.classes.contains("planned") || $0.classes.contains("failed") }
        XCTAssertEqual(rows.count, results.count)
        for (row, result) in zip(rows, results) {
            XCTAssertTrue(row.text.hasPrefix(result.district), row.text)
            XCTAssertEqual(row.classes, [result.report == nil ? "failed" : "planned"])
        }
        XCTAssertTrue(try XCTUnwrap(page.element(id: "failed")).text.contains(try XCTUnwrap(results[1].error)))
        XCTAssertEqual(page.all("svg", classes: "bar").count, 2, "one coverage chart per planned district")
        let links = page.all("a").compactMap { $0.attributes["href"] }.filter { !$0.hasPrefix("#") }
        XCTAssertEqual(links.map { $0.removingPercentEncoding }, ["区1/report.html", "区3 #1%/report.html"])
        XCTAssertFalse(html.contains("://") || html.contains(" src=") || html.contains("url("), "no external resource")
        XCTAssertEqual(page.all("meta").first { $0.attributes["http-equiv"] == "Content-Security-Policy" }?.attributes["content"],
                       PlanHTMLReport.contentSecurityPolicy)
        XCTAssertEqual(html, String(decoding: try file("report.html", results, includeTimings: false), as: UTF8.self))
        XCTAssertFalse(html.contains("秒"), "no time without timings")
    }
}
