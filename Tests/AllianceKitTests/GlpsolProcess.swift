import Foundation
import XCTest

/// Runs GLPK's stand-alone solver on a model of `models/` and a data file, for the tests that
/// check a stage against glpsol (stage 2: `models/claim.mod`, stage 3: `models/people.mod`).
enum GlpsolProcess {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = URL(fileURLWithPath: "/usr/bin/glpsol")

    /// `glpsol -m models/<model> -d <data>`: its exit status and what it printed. Fails the test
    /// (never skips it) when glpsol is missing.
    static func run(model: String, data: URL) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            XCTFail("glpsol is missing: run scripts/setup.sh (installs glpk-utils)")
            throw CocoaError(.fileNoSuchFile)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-m", root.appendingPathComponent("models/\(model)").path, "-d", data.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The number after `prefix` on the first line of `output` that starts with it.
    static func number(after prefix: String, in output: String) throws -> Double {
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix(prefix) }, output)
        return try XCTUnwrap(Double(line.dropFirst(prefix.count)), output)
    }
}
