import AllianceKit
import Foundation
import XCTest

/// The README's "Using the library" snippet, compiled against the public API only (this target
/// imports `AllianceKit` without `@testable`), run on the tiny example and checked.
final class ReadmeExampleTests: XCTestCase {
    func testTheReadmeSnippetRunsOnThePublicAPI() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }

        // — the snippet, with the paths made absolute and progress collected instead of printed —
        let input = PlanningInput(path: root.appendingPathComponent("models/examples/tiny").path)
        let (problem, notes) = try input.loadProblem()
        let cancel = CancellationFlag()
        let snapshots = Locked<[SolveProgress]>([])
        let run = PlanningRun(options: RunOptions(strategy: .exact, timeLimit: 10), cancellation: cancel,
                              progress: { progress in snapshots.withLock { $0.append(progress) } })
        let written = try run.run(problem, into: out)
        let why = PlanExplanation(plan: written.report.plan, problem: problem)
        let fits = SuggestionEngine(plan: written.report.plan, problem: problem)
        // — end of the snippet —

        XCTAssertTrue(notes.isEmpty)
        XCTAssertEqual(written.report.status, .optimal)
        for name in written.files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let evaluation = Evaluator.evaluate(written.report.plan, in: problem)
        XCTAssertEqual(why.objective, evaluation.objective, accuracy: 1e-9)
        // The plan is optimal, so no feasible single change of any unit improves it.
        for u in 0..<problem.unitCount {
            for suggestion in fits.suggestions(forUnit: u) where suggestion.feasible {
                XCTAssertLessThanOrEqual(suggestion.delta, 1e-9)
            }
        }
    }
}
