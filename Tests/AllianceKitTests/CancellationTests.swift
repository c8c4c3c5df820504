import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// A set `CancellationFlag` stops every strategy and every phase of `exact` long before its
/// time limit, with the best plan so far (status `interrupted`, a plan that breaks no rule) or
/// `SolveError.interrupted` when there is none yet. And `--time-limit` holds.
///
/// The time limits here are 600 s: a solve that returns within a minute was stopped by the
/// flag, not by the limit. These are behaviour tests, not speed tests.
final class CancellationTests: XCTestCase {
    private static let generous = 600.0

    /// caofeidian (32 communities × 136 organizations): `exact` cannot prove its optimum for
    /// minutes.
    private func caofeidian() throws -> Problem {
        try Problem(instance: InstanceReader.read(folder: Fixtures.example("caofeidian")))
    }

    /// Solves on this thread while another thread sets the flag after `delay` seconds; returns
    /// the outcome (or error) and the seconds the solve took.
    private func solve(_ strategy: any Strategy, _ problem: Problem, cancelAfter delay: Double?)
        -> (Result<SolveOutcome, Error>, Double) {
        let flag = CancellationFlag()
        if let delay {
            if delay <= 0 {
                flag.cancel()
            } else {
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { flag.cancel() }
            }
        }
        let settings = SolveSettings(timeLimit: Self.generous, cancellation: flag)
        let start = Date()
        let result = Result { try strategy.solve(problem, settings: settings) }
        return (result, Date().timeIntervalSince(start))
    }

    /// The outcome is `interrupted` with a plan that breaks no rule; its bound, when given,
    /// bounds the plan.
    private func assertInterrupted(_ result: Result<SolveOutcome, Error>, seconds: Double, _ problem: Problem,
                                   _ label: String, line: UInt = #line) throws {
        let outcome = try result.get()
        XCTAssertEqual(outcome.status, .interrupted, label, line: line)
        let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan, label, line: line), in: problem)
        XCTAssertEqual(evaluation.violations, [], label, line: line)
        if let bound = outcome.bound {
            XCTAssertGreaterThanOrEqual(bound, evaluation.objective - 1e-6, label, line: line)
        }
        XCTAssertLessThan(seconds, 60, "\(label): stopped by the flag, long before the time limit", line: line)
    }

    func testFlagSetBeforeTheSolve() throws {
        let problem = try caofeidian()
        for strategy in [GreedyStrategy(), LocalSearchStrategy(), StreetStrategy(), ExactStrategy()] as [any Strategy] {
            let (result, seconds) = solve(strategy, problem, cancelAfter: 0)
            try assertInterrupted(result, seconds: seconds, problem, "\(strategy.name) \(type(of: strategy))")
        }
        // lp-round has no plan before its LP is solved, the priorities none before their first
        // branch-and-cut.
        for strategy in [LPRoundStrategy(), LexicographicStrategy(priorities: [.coverage, .balance])]
            as [any Strategy] {
            let (result, seconds) = solve(strategy, problem, cancelAfter: 0)
            XCTAssertThrowsError(try result.get()) { error in
                guard case SolveError.interrupted = error else { return XCTFail("\(error)") }
            }
            XCTAssertLessThan(seconds, 60)
        }
    }

    /// Each phase of `exact` alone, stopped while it runs.
    func testFlagStopsEveryPhaseOfExact() throws {
        let problem = try caofeidian()
        // The phases after the local search get its plan, as in a whole run.
        let start = try GreedyStrategy().solve(problem, settings: SolveSettings()).plan
        let phases: [(String, any Strategy)] = [
            ("whole", ExactStrategy()),
            ("decomposition", ExactStrategy(initialPlan: start, heuristicShare: 0, decompositionShare: 0.9)),
            ("branch-and-cut", ExactStrategy(initialPlan: start, heuristicShare: 0, decompositionShare: 0)),
            ("priorities", LexicographicStrategy(priorities: [.coverage, .balance, .distance], initialPlan: start)),
        ]
        for (label, strategy) in phases {
            let (result, seconds) = solve(strategy, problem, cancelAfter: 2)
            try assertInterrupted(result, seconds: seconds, problem, label)
        }
    }

    /// A proven optimum found before the flag is set stays `optimal`.
    func testProvenOptimumIsNotInterrupted() throws {
        let problem = try Problem(instance: InstanceReader.read(folder: Fixtures.example("tiny")))
        let flag = CancellationFlag()
        let outcome = try ExactStrategy().solve(problem, settings: SolveSettings(timeLimit: 60, cancellation: flag))
        XCTAssertEqual(outcome.status, .optimal)
        XCTAssertFalse(flag.isCancelled)
    }

    /// The LP of lp-round on a large instance (200 communities × 800 organizations), stopped
    /// while the simplex runs: no plan yet, so `SolveError.interrupted`.
    func testFlagStopsTheSimplexOfLPRound() throws {
        var generator = InstanceGenerator(communities: 200, units: 800)
        generator.categories = 8
        generator.previousPlan = false
        let problem = try Problem(instance: generator.generate(seed: 20_250_103).instance)
        let (result, seconds) = solve(LPRoundStrategy(), problem, cancelAfter: 3)
        switch result {
        case .success(let outcome):
            // The LP was solved before the flag: then the plan is interrupted or complete.
            XCTAssertNotNil(outcome.plan)
        case .failure(let error):
            guard case SolveError.interrupted = error else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(seconds, 60, "stopped by the flag, long before the time limit")
    }

    /// `solve_seconds` stays within the time limit plus a second on an instance `exact` cannot
    /// finish (a behaviour test with a lenient margin for loaded CI machines, not a speed test),
    /// also when branch-and-cut has all of it (its root cut rounds run without a callback; see
    /// GLPK's `StretchWatch`).
    func testTimeLimitHolds() throws {
        let problem = try caofeidian()
        let start = try GreedyStrategy().solve(problem, settings: SolveSettings()).plan
        let branchAndCut = ExactStrategy(initialPlan: start, heuristicShare: 0, decompositionShare: 0)
        for (strategy, limit) in [(ExactStrategy(), 5.0), (branchAndCut, 3.0),
                                  (LocalSearchStrategy(perturbationRounds: 100_000), 2.0)]
            as [(any Strategy, Double)] {
            let outcome = try strategy.solve(problem, settings: SolveSettings(timeLimit: limit))
            XCTAssertNotEqual(outcome.status, .optimal, "\(strategy.name) should need longer than \(limit) s")
            XCTAssertLessThanOrEqual(outcome.solveSeconds, limit + 1, strategy.name)
        }
    }
}
