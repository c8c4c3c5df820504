import Foundation
import GLPK
import XCTest
@testable import AllianceKit

/// The Dantzig–Wolfe decomposition by community: its bound must lie between the true optimum
/// (from `exact`) and the compact model's LP bound, and its plans must be feasible with the
/// objective the master claims.
final class DecompositionTests: XCTestCase {
    /// The compact model's LP relaxation bound.
    private func compactLPBound(_ problem: Problem) throws -> Double {
        let model = try StageOneModel(problem: problem)
        let result = try model.program.solveLP()
        XCTAssertEqual(result.status, .optimal)
        return result.objective
    }

    private func randomProblem(seed: UInt64) throws -> Problem {
        let communities = 3 + Int(seed % 4)               // 3…6
        let units = communities * 3 + Int(seed % 4)       // 9…21
        var generator = InstanceGenerator(communities: communities, units: units)
        generator.fixPairs = Int(seed % 3)
        generator.forbidPairs = 3
        generator.preferPairs = 3
        let (instance, previous) = generator.generate(seed: seed)
        return try Problem(instance: instance, options: PlanningOptions(
            weights: Weights(keep: 0.3), leadRule: seed % 7 != 0,
            maxDistanceKm: seed % 5 == 0 ? 8 : nil, previousPlan: previous))
    }

    /// Σ_c value(P_c) is the evaluator's objective, for plans from `exact` and from the greedy.
    func testAllianceValuesAddUpToTheObjective() throws {
        var checked = 0
        for seed in UInt64(1)...12 {
            let problem = try randomProblem(seed: seed)
            guard Prechecks.run(problem).isEmpty,
                  let plan = try? GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10))
            else { continue }
            let data = CommunityColumns(problem)
            let evaluation = Evaluator.evaluate(plan, in: problem)
            var total = 0.0
            for c in 0..<problem.communityCount {
                XCTAssertTrue(data.isFeasible(community: c, units: plan.units(of: c)), "seed \(seed)")
                total += data.value(community: c, units: plan.units(of: c))
            }
            XCTAssertEqual(total, evaluation.objective, accuracy: 1e-12, "seed \(seed)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 6)
    }

    /// The key test: optimum ≤ decomposition bound ≤ compact LP bound, on random instances with
    /// groups, multi-community units, fix/forbid/prefer pairs, distances, a previous plan and
    /// both lead-rule settings; the plan breaks no rule and is worth what the master says.
    func testBoundLiesBetweenOptimumAndCompactLP() throws {
        var compared = 0, strictlyStronger = 0, tight = 0
        for seed in UInt64(1)...24 {
            let problem = try randomProblem(seed: seed)
            guard Prechecks.run(problem).isEmpty else { continue }
            let optimum: Double
            do {
                let outcome = try Fixtures.solveExact(problem)
                XCTAssertEqual(outcome.status, .optimal, "seed \(seed)")
                optimum = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).objective
            } catch SolveError.infeasible {
                continue
            }
            let compact = try compactLPBound(problem)
            let result = try CommunityDecomposition.run(problem, initialPlans: [],
                                                        deadline: Date().addingTimeInterval(120))
            XCTAssertTrue(result.boundProven, "seed \(seed)")
            XCTAssertTrue(result.converged, "seed \(seed)")
            // GLPK's pruning tolerance is added per community to keep the bound proven.
            let margin = Double(problem.communityCount) * 2e-7
            XCTAssertGreaterThanOrEqual(result.bound, optimum - 1e-9, "seed \(seed)")
            XCTAssertLessThanOrEqual(result.bound, compact + 1e-7 + margin, "seed \(seed)")
            if let lp = result.masterLP {
                XCTAssertLessThanOrEqual(lp, result.bound + 1e-7, "seed \(seed)")
                XCTAssertEqual(lp, result.bound, accuracy: 1e-6 + margin, "seed \(seed): converged")
            }
            let plan = try XCTUnwrap(result.plan, "seed \(seed)")
            let evaluation = Evaluator.evaluate(plan, in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
            XCTAssertEqual(evaluation.objective, try XCTUnwrap(result.planObjective), accuracy: 1e-12)
            XCTAssertLessThanOrEqual(evaluation.objective, optimum + 1e-9, "seed \(seed)")
            if result.planFromMaster {
                XCTAssertEqual(evaluation.objective, try XCTUnwrap(result.masterMIPObjective), accuracy: 1e-7,
                               "seed \(seed)")
            }
            compared += 1
            if result.bound < compact - 1e-6 { strictlyStronger += 1 }
            if result.bound - optimum < 1e-6 { tight += 1 }
        }
        XCTAssertGreaterThanOrEqual(compared, 12, "too few feasible instances")
        XCTAssertGreaterThan(strictlyStronger, compared / 2, "the decomposition bound should beat the compact LP")
        print("decomposition: \(compared) instances, \(strictlyStronger) strictly stronger than the compact LP, "
              + "\(tight) closing the gap to the optimum")
    }

    /// Seeding with a feasible plan: the plan returned is at least as good, and one thread gives
    /// the same bound as two.
    func testInitialPlanAndThreadCount() throws {
        var checked = 0
        for seed in UInt64(30)...36 {
            let problem = try randomProblem(seed: seed)
            guard Prechecks.run(problem).isEmpty,
                  let start = try? GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10))
            else { continue }
            let startObjective = Evaluator.evaluate(start, in: problem).objective
            let deadline = Date().addingTimeInterval(120)
            let one = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: deadline,
                                                     threads: 1)
            let two = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: deadline,
                                                     threads: 2)
            XCTAssertTrue(one.converged && two.converged, "seed \(seed)")
            XCTAssertEqual(one.bound, two.bound, accuracy: 1e-5, "seed \(seed)")
            for result in [one, two] {
                let plan = try XCTUnwrap(result.plan)
                let evaluation = Evaluator.evaluate(plan, in: problem)
                XCTAssertTrue(evaluation.isFeasible, "seed \(seed)")
                XCTAssertGreaterThanOrEqual(evaluation.objective, startObjective - 1e-12, "seed \(seed)")
                XCTAssertLessThanOrEqual(evaluation.objective, result.bound + 1e-9, "seed \(seed)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 3)
    }

    /// An infeasible problem is reported as such, not as a bound.
    func testInfeasibleProblemThrows() throws {
        var generator = InstanceGenerator(communities: 4, units: 6)
        generator.leadShare = 0
        let (instance, _) = generator.generate(seed: 3)
        let problem = try Problem(instance: instance)
        XCTAssertThrowsError(try CommunityDecomposition.run(problem, initialPlans: [],
                                                            deadline: Date().addingTimeInterval(30))) { error in
            guard case SolveError.infeasible = error else { return XCTFail("unexpected \(error)") }
        }
    }

    /// A deadline already past still returns a result (no bound, the initial plan).
    func testPastDeadline() throws {
        let problem = try randomProblem(seed: 2)
        let start = try GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10))
        let result = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: Date())
        XCTAssertEqual(result.plan, start)
        XCTAssertFalse(result.converged)
    }

    /// Measurement on the bundled examples; run with ALLIANCE_DW_BENCH=caofeidian,guye
    /// (and ALLIANCE_DW_SECONDS for the time budget), ideally in release.
    func testBenchmarkExamples() throws {
        guard let names = ProcessInfo.processInfo.environment["ALLIANCE_DW_BENCH"] else {
            throw XCTSkip("set ALLIANCE_DW_BENCH to measure")
        }
        let seconds = Double(ProcessInfo.processInfo.environment["ALLIANCE_DW_SECONDS"] ?? "") ?? 120
        let threads = Int(ProcessInfo.processInfo.environment["ALLIANCE_DW_THREADS"] ?? "") ?? 2
        let smoothing = Double(ProcessInfo.processInfo.environment["ALLIANCE_DW_SMOOTHING"] ?? "") ?? 0.5
        for name in names.split(separator: ",").map(String.init) {
            let problem = try Problem(instance: try InstanceReader.read(folder: Fixtures.example(name)))
            let lpStart = Date()
            let compact = try compactLPBound(problem)
            let lpSeconds = Date().timeIntervalSince(lpStart)
            let localStart = Date()
            let local = try LocalSearchStrategy().solve(problem, settings: SolveSettings(timeLimit: 20))
            let localPlan = try XCTUnwrap(local.plan)
            let localObjective = Evaluator.evaluate(localPlan, in: problem).objective
            let localSeconds = Date().timeIntervalSince(localStart)
            let begin = Date()
            let result = try CommunityDecomposition.run(
                problem, initialPlans: [localPlan], deadline: Date().addingTimeInterval(seconds),
                options: DecompositionOptions(threads: threads, smoothing: smoothing)
            ) { bound, plan in
                print(String(format: "  [%@ %7.2fs] bound %.6f plan %@", name, Date().timeIntervalSince(begin), bound,
                             plan.map { String(format: "%.6f", $0) } ?? "-"))
            }
            let evaluation = result.plan.map { Evaluator.evaluate($0, in: problem) }
            print(String(format: "%@: compact LP %.6f (%.2fs); local %.6f (%.1fs)", name, compact, lpSeconds,
                         localObjective, localSeconds))
            print(String(format: "%@: DW bound %.6f converged %@ masterLP %.6f; %d iterations, %d pricing rounds, "
                         + "%d columns; %.1fs (pricing %.1fs, master %.1fs, MIP %.1fs)",
                         name, result.bound, "\(result.converged)", result.masterLP ?? .nan, result.iterations,
                         result.pricingRounds, result.columns, result.seconds, result.pricingSeconds,
                         result.masterSeconds, result.mipSeconds))
            print(String(format: "%@: master MIP %.6f proven %@; plan %.6f from master %@ violations %d",
                         name, result.masterMIPObjective ?? .nan, "\(result.masterMIPProven)",
                         result.planObjective ?? .nan, "\(result.planFromMaster)",
                         evaluation?.violations.count ?? -1))
        }
    }
}
