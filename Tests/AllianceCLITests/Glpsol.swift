import Foundation
import XCTest

/// glpsol, the reference the command line's models are checked against.
enum Glpsol {
    /// glpsol's objective for `models/alliance.mod` with a data file, from its solution report
    /// (written into `scratch`).
    static func objective(data: URL, scratch: URL) throws -> Double {
        let glpsol = URL(fileURLWithPath: "/usr/bin/glpsol")
        guard FileManager.default.isExecutableFile(atPath: glpsol.path) else {
            XCTFail("glpsol is missing: run scripts/setup.sh (installs glpk-utils)")
            return .nan
        }
        let report = scratch.appendingPathComponent("glpsol-\(UUID().uuidString).txt")
        let process = Process()
        process.executableURL = glpsol
        process.arguments = ["-m", CommandRunner.root.appendingPathComponent("models/alliance.mod").path,
                             "-d", data.path, "--output", report.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(text.contains("INTEGER OPTIMAL"), text)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        // "Objective:  obj = 0.9123 (MAXimum)"
        let value = try XCTUnwrap(line.split(separator: "=").last?.split(separator: " ").first)
        return try XCTUnwrap(Double(value))
    }
}
