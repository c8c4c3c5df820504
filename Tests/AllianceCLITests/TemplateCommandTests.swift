import AllianceKit
import Foundation
import XCTest

/// `alliance template` as a user runs it, and plan.xlsx beside the other solve outputs.
final class TemplateCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try CommandRunner.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testWritesTheTemplateAndNeverOverwritesByAccident() throws {
        let file = scratch.appendingPathComponent("lists.xlsx")
        let first = try CommandRunner.run(["template", "--out", file.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try Data(contentsOf: file), try InputTemplate.data())

        try Data("filled in by hand".utf8).write(to: file)
        let again = try CommandRunner.run(["template", "--out", file.path])
        XCTAssertEqual(again.status, 4)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "filled in by hand", "left untouched")

        let forced = try CommandRunner.run(["template", "--out", file.path, "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try Data(contentsOf: file), try InputTemplate.data())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["lists.xlsx"], "no temporary left")
    }

    func testDefaultNameAndUsageErrors() throws {
        let result = try CommandRunner.run(["template"], in: scratch)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("lists.xlsx").path))
        let wrong = try CommandRunner.run(["template", "--out", scratch.appendingPathComponent("lists.csv").path])
        XCTAssertEqual(wrong.status, 64, wrong.stderr)
    }

    func testSolveWritesPlanWorkbook() throws {
        let out = scratch.appendingPathComponent("plan")
        let result = try CommandRunner.run(["solve", "models/examples/tiny", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("plan.xlsx"), result.stdout)
        let data = try Data(contentsOf: out.appendingPathComponent("plan.xlsx"))
        XCTAssertEqual(Array(data.prefix(2)), Array("PK".utf8), "a zip container")
    }

    /// The workflow the README shows: the template as written is already a valid (one-row) input
    /// workbook, read by the workbook reader and solved to the optimum worked out by hand for its
    /// example rows in InputTemplateTests (coverage 0.75 − distance 0.2 + preference 1 = 1.55).
    func testTheTemplateSolvesAsWritten() throws {
        let file = scratch.appendingPathComponent("lists.xlsx")
        XCTAssertEqual(try CommandRunner.run(["template", "--out", file.path]).status, 0)
        let check = try CommandRunner.run(["check", file.path])
        XCTAssertEqual(check.status, 0, check.stderr)
        let solved = try CommandRunner.run(["solve", file.path, "--no-timings"])
        XCTAssertEqual(solved.status, 0, solved.stderr)
        let json = try Data(contentsOf: scratch.appendingPathComponent("plan/plan.json"))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(document["status"] as? String, "optimal")
        XCTAssertEqual(try XCTUnwrap(document["objective"] as? Double), 1.55, accuracy: 1e-9)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("plan/report.html").path))
    }
}
