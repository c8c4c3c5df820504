import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `SolveSettings.phaseLog` (`alliance solve --log-phases`): every phase of `exact` begins and
/// ends once, in order, each event timed against the time limit, with GLPK's output as notes of
/// branch-and-cut.
final class PhaseLogTests: XCTestCase {
    private final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [PhaseEvent] = []
        func append(_ event: PhaseEvent) { lock.lock(); list.append(event); lock.unlock() }
        var all: [PhaseEvent] { lock.lock(); defer { lock.unlock() }; return list }
    }

    func testExactReportsItsPhasesInOrder() throws {
        // caofeidian: exact cannot prove its optimum in 3 s, so every phase runs.
        let problem = try Problem(instance: InstanceReader.read(folder: Fixtures.example("caofeidian")))
        let events = Events()
        var settings = SolveSettings(timeLimit: 3)
        settings.phaseLog = { events.append($0) }
        let outcome = try ExactStrategy().solve(problem, settings: settings)
        XCTAssertNotEqual(outcome.status, .optimal)

        let all = events.all
        let phases = all.filter { $0.kind != .note }.map { "\($0.kind.rawValue) \($0.phase)" }
        XCTAssertEqual(phases, [
            "begin local", "end local",
            "begin decomposition",
            "begin column generation", "end column generation", "begin dive", "end dive",
            "begin master MIP", "end master MIP",
            "end decomposition",
            "begin polish", "end polish",
            "begin model", "end model", "begin branch-and-cut", "end branch-and-cut",
        ])
        for (earlier, later) in zip(all, all.dropFirst()) {
            XCTAssertLessThanOrEqual(earlier.elapsedSeconds, later.elapsedSeconds)
        }
        for event in all {
            XCTAssertEqual(event.elapsedSeconds + event.remainingSeconds, 3, accuracy: 1e-9)
        }
        let notes = all.filter { $0.kind == .note }
        XCTAssertTrue(notes.allSatisfy { $0.phase == "branch-and-cut" && !$0.text.contains("\n") })
        XCTAssertTrue(notes.contains { $0.text.hasPrefix("GLPK ") }, "\(notes.map(\.text))")
    }

    /// With `--gap`, a bound from the decomposition that already proves the plan within the gap
    /// ends the solve there: no model is built, no branch-and-cut runs.
    func testRequestedGapMetByTheDecompositionSkipsBranchAndCut() throws {
        let problem = try Problem(instance: InstanceReader.read(folder: Fixtures.example("caofeidian")))
        let events = Events()
        var settings = SolveSettings(timeLimit: 60, relativeGap: 0.05)
        settings.phaseLog = { events.append($0) }
        let outcome = try ExactStrategy().solve(problem, settings: settings)
        let plan = try XCTUnwrap(outcome.plan)
        let bound = try XCTUnwrap(outcome.bound)
        let objective = Evaluator.evaluate(plan, in: problem).objective
        XCTAssertGreaterThanOrEqual(bound, objective - 1e-9)
        XCTAssertLessThanOrEqual(relativeGap(objective: objective, bound: bound), 0.05)
        let phases = events.all.filter { $0.kind == .begin }.map(\.phase)
        XCTAssertTrue(phases.contains("decomposition"), "\(phases)")
        XCTAssertFalse(phases.contains("branch-and-cut"), "\(phases)")
        XCTAssertFalse(phases.contains("model"), "\(phases)")
        // Proven within the gap during column generation: neither the dive nor the master MIP
        // nor polishing runs.
        XCTAssertFalse(phases.contains("dive"), "\(phases)")
        XCTAssertFalse(phases.contains("master MIP"), "\(phases)")
        XCTAssertFalse(phases.contains("polish"), "\(phases)")
    }

    func testLine() {
        let begin = PhaseEvent(kind: .begin, phase: "model", elapsedSeconds: 74.8124, remainingSeconds: 40.1876)
        XCTAssertEqual(begin.line, "   74.812 s  begin model  (40.188 s left)")
        let note = PhaseEvent(kind: .note, phase: "branch-and-cut", elapsedSeconds: 115.07,
                              remainingSeconds: -0.07, text: "TIME LIMIT EXCEEDED")
        XCTAssertEqual(note.line, "  115.070 s  note  branch-and-cut  (-0.070 s left)  TIME LIMIT EXCEEDED")
    }
}
