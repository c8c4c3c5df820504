import Foundation
import XCTest

/// `alliance solve --log-phases` prints the phases of `exact` on stderr and changes no output.
final class LogPhasesCLITests: XCTestCase {
    func testLogPhasesPrintsPhasesOnStderr() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny").path
        let logged = scratch.appendingPathComponent("logged"), plain = scratch.appendingPathComponent("plain")
        let result = try CommandRunner.run(["solve", tiny, "--out", logged.path, "--no-timings", "--quiet", "--log-phases"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasSuffix(" s  begin local  (60.000 s left)") }, result.stderr)
        XCTAssertTrue(lines.contains { $0.contains(" s  end   decomposition  (") }, result.stderr)
        let pattern = try NSRegularExpression(pattern: #"^ *-?[0-9]+\.[0-9]{3} s  (begin|end  |note ) \S.* \(-?[0-9]+\.[0-9]{3} s left\)"#)
        for line in lines {
            XCTAssertNotNil(pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
        }
        XCTAssertEqual(try CommandRunner.run(["solve", tiny, "--out", plain.path, "--no-timings", "--quiet"]).status, 0)
        for file in ["plan.csv", "plan.json"] {
            XCTAssertEqual(try Data(contentsOf: logged.appendingPathComponent(file)),
                           try Data(contentsOf: plain.appendingPathComponent(file)), file)
        }
    }
}
