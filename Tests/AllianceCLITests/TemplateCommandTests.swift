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
}
