import Foundation
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve
import GLPK

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

    /// Frees the calling thread's GLPK environment; Swift Testing tests that solve call it in a
    /// `defer` at the start of each synchronous stretch that uses GLPK. Swift Testing runs tests
    /// on pooled threads that can exit before the process does, and an environment left in such
    /// a thread's storage is memory LeakSanitizer rightly reports (`glp_init_env`).
    static func releaseGLPKOfThisThread() {
        GLPKEnvironment.releaseCurrentThread()
    }

    /// Solves with `exact` to optimality (generous time limit; tests judge results, not speed).
    static func solveExact(_ problem: Problem) throws -> SolveOutcome {
        try ExactStrategy().solve(problem, settings: SolveSettings(timeLimit: 600))
    }
}
