import Foundation
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// The repository root, found from this file's location.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var modelFile: URL { root.appendingPathComponent("models/alliance.mod") }

    static func example(_ name: String) -> URL { root.appendingPathComponent("models/examples/\(name)") }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("alliance-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Solves with `exact` to optimality (generous time limit; tests judge results, not speed).
    static func solveExact(_ problem: Problem) throws -> SolveOutcome {
        try ExactStrategy().solve(problem, settings: SolveSettings(timeLimit: 600))
    }
}
