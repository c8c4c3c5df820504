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
        // The first phase starts with (almost) the whole limit: the solve's clock starts before
        // the pre-checks, which take a millisecond or so under AddressSanitizer.
        let firstLocal = lines.first { $0.contains(" s  begin local  (") }
        XCTAssertNotNil(firstLocal, result.stderr)
        if let line = firstLocal, let open = line.range(of: "("), let close = line.range(of: " s left)") {
            let left = Double(line[open.upperBound..<close.lowerBound]) ?? 0
            XCTAssertGreaterThan(left, 59.5, line)
            XCTAssertLessThanOrEqual(left, 60, line)
        }
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
