import Foundation
import XCTest
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceSolve

/// Re-planning on the solver side (MODEL.md, "Re-planning"): every strategy starts from the start
/// plan (`SolveSettings.startPlan`), never returns a worse plan, and honours pins and the change
/// limit in every phase; `exact` with its default phases proves the restricted optimum.
/// Random instances and the enumeration come from `PinTests`.
final class ReplanTests: XCTestCase {
    /// A re-planning case: the restricted problem (pins, and the change limit `limit` if any) and
    /// the start plan as a `Plan` of it (the start pairs, leads chosen with the pinned ones).
    static func replanCase(seed: UInt64, limit: Int?) throws -> (problem: Problem, start: Plan)? {
        guard let limited = try PinTests.replanning(seed: seed, maxChanges: limit ?? 0, pins: PinTests.somePins)
        else { return nil }
        var options = limited.options
        options.maxChanges = limit
        let problem = try Problem(instance: limited.instance, options: options)
        guard Prechecks.run(problem).isEmpty else { return nil }
        var start = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        start.assigned = problem.from
        problem.chooseLeads(&start)
        guard Evaluator.evaluate(start, in: problem).isFeasible else { return nil }
        return (problem, start)
    }

    static func settings(start: Plan?, timeLimit: Double = 600) -> SolveSettings {
        var settings = SolveSettings(timeLimit: timeLimit)
        settings.startPlan = start
        return settings
    }

    static var strategies: [any Strategy] { [
        GreedyStrategy(), LocalSearchStrategy(), LPRoundStrategy(), StreetStrategy(), ExactStrategy(),
    ] }

    /// The phases `exact` begins, in order.
    private final class Phases: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func append(_ event: PhaseEvent) {
            guard event.kind == .begin else { return }
            lock.lock(); list.append(event.phase); lock.unlock()
        }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }

    func testExactWithDefaultPhasesProvesTheRestrictedOptimum() throws {
        var solved = 0, limitBinds = 0
        for seed in UInt64(1)...8 {
            for limit in [nil, 1, 3] as [Int?] {
                guard let (problem, start) = try Self.replanCase(seed: seed, limit: limit),
                      let optimum = PinTests.enumeratedOptimum(problem) else { continue }
                let phases = Phases()
                var settings = Self.settings(start: start)
                settings.phaseLog = { phases.append($0) }
                let outcome = try ExactStrategy().solve(problem, settings: settings)
                let label = "seed \(seed), limit \(limit.map(String.init) ?? "none")"
                // Column generation runs with a change limit too.
                XCTAssertTrue(phases.all.contains("decomposition"), "\(label): \(phases.all)")
                XCTAssertTrue(phases.all.contains("column generation"), "\(label): \(phases.all)")
                XCTAssertEqual(outcome.status, .optimal, label)
                let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem)
                XCTAssertEqual(evaluation.violations, [], label)
                XCTAssertEqual(evaluation.objective, optimum.objective, accuracy: 1e-9, label)
                XCTAssertEqual(outcome.bound ?? .nan, optimum.objective, accuracy: 1e-6, label)
                if let limit {
                    XCTAssertLessThanOrEqual(evaluation.changesFromStart ?? .max, limit, label)
                    if optimum.objective < (PinTests.enumeratedOptimum(try Self.replanCase(seed: seed, limit: nil)!.problem)?
                        .objective ?? -.infinity) - 1e-9 { limitBinds += 1 }
                }
                solved += 1
            }
        }
        XCTAssertGreaterThan(solved, 10, "too few random instances were feasible")
        XCTAssertGreaterThan(limitBinds, 0, "the change limit never made a difference")
    }

    /// Column generation with the change row (`RestrictedMaster`, pricing at ρ): its bound is
    /// valid for the restricted model (≥ the enumerated optimum), no weaker than the bound of the
    /// same run without the limit, strictly tighter where the limit binds, and its plan keeps the
    /// limit.
    func testDecompositionBoundWithAChangeLimitIsValidAndTighter() throws {
        var checked = 0, tighter = 0, withPlan = 0
        for seed in UInt64(1)...10 {
            guard let (unlimited, _) = try Self.replanCase(seed: seed, limit: nil) else { continue }
            for limit in [0, 1, 2, 3] {
                guard let (problem, start) = try Self.replanCase(seed: seed, limit: limit),
                      let optimum = PinTests.enumeratedOptimum(problem) else { continue }
                for initial in [[start], []] {
                    let label = "seed \(seed), limit \(limit), \(initial.isEmpty ? "no" : "a") start"
                    let limited = try CommunityDecomposition.run(problem, initialPlans: initial,
                                                                 deadline: Deadline(seconds: 60))
                    let free = try CommunityDecomposition.run(unlimited, initialPlans: initial,
                                                              deadline: Deadline(seconds: 60))
                    XCTAssertTrue(limited.boundProven, label)
                    XCTAssertTrue(limited.converged, label)
                    XCTAssertGreaterThanOrEqual(limited.bound, optimum.objective - 1e-9, label)
                    XCTAssertLessThanOrEqual(limited.bound, free.bound + 1e-6, label)
                    if limited.bound < free.bound - 1e-6 { tighter += 1 }
                    if let plan = limited.plan {
                        let evaluation = Evaluator.evaluate(plan, in: problem)
                        XCTAssertEqual(evaluation.violations, [], label)
                        XCTAssertLessThanOrEqual(problem.changes(plan), limit, label)
                        XCTAssertLessThanOrEqual(evaluation.objective, limited.bound + 1e-9, label)
                        withPlan += 1
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 10, "too few random instances were feasible")
        XCTAssertGreaterThan(withPlan, 0, "the decomposition never reported a plan")
        XCTAssertGreaterThan(tighter, 0, "the change row never tightened the bound")
        print("decomposition with a change limit: \(checked) runs, \(tighter) strictly tighter, \(withPlan) with a plan")
    }

    func testEveryStrategyKeepsTheRulesAndNeverFallsBelowTheStart() throws {
        var checked = 0
        for seed in UInt64(1)...5 {
            for limit in [nil, 0, 2] as [Int?] {
                guard let (problem, start) = try Self.replanCase(seed: seed, limit: limit) else { continue }
                let startObjective = Evaluator.evaluate(start, in: problem).objective
                for strategy in Self.strategies {
                    // With the start plan, and without it (then the start pairs are repaired into one).
                    for given in [start, nil] as [Plan?] {
                        let label = "seed \(seed), limit \(limit.map(String.init) ?? "none"), \(strategy.name)"
                            + (given == nil ? " (no startPlan)" : "")
                        let outcome = try strategy.solve(problem, settings: Self.settings(start: given, timeLimit: 30))
                        let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan, label), in: problem)
                        XCTAssertEqual(evaluation.violations, [], label)
                        if let limit { XCTAssertLessThanOrEqual(evaluation.changesFromStart ?? .max, limit, label) }
                        if given != nil { XCTAssertGreaterThanOrEqual(evaluation.objective, startObjective - 1e-9, label) }
                        if limit == 0 { XCTAssertEqual(outcome.plan?.assigned, start.assigned, label) }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 60)
    }

    func testDecompositionBoundStaysValidWithAChangeLimit() throws {
        var compared = 0
        for seed in UInt64(1)...10 {
            guard let (problem, start) = try Self.replanCase(seed: seed, limit: 1),
                  let optimum = PinTests.enumeratedOptimum(problem) else { continue }
            let result = try CommunityDecomposition.run(problem, initialPlans: [start],
                                                        deadline: Deadline(seconds: 60))
            XCTAssertTrue(result.boundProven, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(result.bound, optimum.objective - 1e-6, "seed \(seed)")
            let plan = try XCTUnwrap(result.plan, "seed \(seed): the start plan was offered")
            XCTAssertEqual(Evaluator.evaluate(plan, in: problem).violations, [], "seed \(seed)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 3)
    }

    /// The local search's incremental change count agrees with `Problem.changes` after every move.
    func testSearchStateCountsChanges() throws {
        var moves = 0
        for seed in UInt64(1)...6 {
            guard let (problem, start) = try Self.replanCase(seed: seed, limit: 2) else { continue }
            var state = SearchState(problem: problem, plan: start)
            XCTAssertEqual(state.changes, 0)
            var rng = SeededGenerator(seed: seed)
            for _ in 0..<50 {
                guard let move = state.randomMove(using: &rng) else { break }
                state.apply(move)
                XCTAssertEqual(state.changes, problem.changes(state.plan(in: problem)), "seed \(seed)")
                XCTAssertLessThanOrEqual(state.changes, 2, "seed \(seed)")
                moves += 1
            }
        }
        XCTAssertGreaterThan(moves, 20)
    }
}
