import Foundation
import XCTest

/// `alliance solve` writes report.html next to plan.csv, naming every community and unit of the
/// lists, and says so in its summary.
final class ReportHTMLTests: XCTestCase {
    func testSolveWritesReportNextToPlan() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandRunner.run(["solve", "models/examples/tiny-groups", "--out", out.path, "--no-timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let wrote = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("wrote") })
        XCTAssertTrue(wrote.contains(out.appendingPathComponent("report.html").path), String(wrote))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("Content-Security-Policy"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        // Every community and organization name of the example (second column of its CSV files).
        let folder = CommandRunner.root.appendingPathComponent("models/examples/tiny-groups")
        for file in ["communities.csv", "organizations.csv"] {
            let rows = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").dropFirst()
            XCTAssertFalse(rows.isEmpty)
            for row in rows {
                let name = row.split(separator: ",", omittingEmptySubsequences: false)[1]
                XCTAssertTrue(html.contains(String(name)), "\(file): \(name) missing from report.html")
            }
        }
    }
}
