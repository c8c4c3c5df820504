import Foundation
import GLPK
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

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

    /// Plain branch-and-cut to optimality (no heuristic phases: the optimum is all we need).
    private static func solveExact(_ problem: Problem) throws -> SolveOutcome {
        try ExactStrategy(heuristicShare: 0, decompositionShare: 0)
            .solve(problem, settings: SolveSettings(timeLimit: 600))
    }

    private func randomProblem(seed: UInt64) throws -> Problem {
        // Seeds up to 24: 3…6 communities × 9…21 units; later seeds: 7…8 × 21…27.
        let communities = seed <= 24 ? 3 + Int(seed % 4) : 7 + Int(seed % 2)
        let units = communities * 3 + Int(seed % 4)
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
        try checkBoundLiesBetweenOptimumAndCompactLP(options: DecompositionOptions())
    }

    /// The same with every root round priced exactly by the pricing MIPs (no tolerance, no
    /// local-search rounds between them): the column generation the defaults speed up.
    func testExactRootPricingBoundLiesBetweenOptimumAndCompactLP() throws {
        var options = DecompositionOptions()
        options.pricingTolerance = 0
        options.rootHeuristicRounds = 0
        try checkBoundLiesBetweenOptimumAndCompactLP(options: options)
    }

    /// The same with tolerant root pricing (`DecompositionOptions.pricingTolerance`, here half
    /// of the bound–LP gap, far more than the solver uses): the pricing MIPs stop early, yet the
    /// bound stays proven, and the run still converges to the master LP.
    func testTolerantPricingKeepsTheBoundValidAndConverges() throws {
        var options = DecompositionOptions()
        options.pricingTolerance = 0.5
        try checkBoundLiesBetweenOptimumAndCompactLP(options: options)
    }

    /// One pricing MIP stopped by a tolerance: its bound is still at least the exact optimum, and
    /// its best alliance at most the tolerance (plus GLPK's margin) below it. Communities of a
    /// generated 12 × 60 instance at random unit prices; the tolerance must actually stop some
    /// searches early, or the test proves nothing.
    func testTolerantPricingModelBoundsTheExactOptimum() throws {
        var generator = InstanceGenerator(communities: 12, units: 60)
        generator.coordinates = true
        let (instance, _) = generator.generate(seed: 20_261_202)
        let problem = try Problem(instance: instance, options: PlanningOptions())
        let data = CommunityColumns(problem)
        var random = SeededGenerator(seed: 7)
        let tolerance = 0.002
        var stoppedEarly = 0
        for round in 0..<4 {
            let duals = (0..<problem.unitCount).map { _ in Double.random(in: -0.004...0.01, using: &random) }
            for c in 0..<problem.communityCount {
                let exact = try PricingModel(community: c, data: data)
                    .solve(duals: duals, deadline: Deadline(seconds: 60), start: nil)
                let tolerant = try PricingModel(community: c, data: data)
                    .solve(duals: duals, deadline: Deadline(seconds: 60), start: nil, tolerance: tolerance)
                XCTAssertTrue(exact.proven, "round \(round) community \(c)")
                let optimum = try XCTUnwrap(exact.bound) - exact.margin
                let bound = try XCTUnwrap(tolerant.bound, "round \(round) community \(c)")
                XCTAssertGreaterThanOrEqual(bound, optimum - 1e-12, "round \(round) community \(c)")
                let column = try XCTUnwrap(tolerant.columns.first)
                let score = data.score(community: c, units: column.units, value: column.value, duals: duals)
                XCTAssertGreaterThanOrEqual(score, optimum - tolerance - tolerant.margin - 1e-9,
                                            "round \(round) community \(c)")
                if !tolerant.proven { stoppedEarly += 1 }
            }
        }
        XCTAssertGreaterThan(stoppedEarly, 0, "no pricing search stopped at the tolerance")
    }

    private func checkBoundLiesBetweenOptimumAndCompactLP(options: DecompositionOptions) throws {
        var compared = 0, strictlyStronger = 0, tight = 0
        for seed in UInt64(1)...28 {
            let problem = try randomProblem(seed: seed)
            guard Prechecks.run(problem).isEmpty else { continue }
            let optimum: Double
            do {
                let outcome = try Self.solveExact(problem)
                XCTAssertEqual(outcome.status, .optimal, "seed \(seed)")
                optimum = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).objective
            } catch SolveError.infeasible {
                continue
            }
            let compact = try compactLPBound(problem)
            let result = try CommunityDecomposition.run(problem, initialPlans: [],
                                                        deadline: Deadline(seconds: 120), options: options)
            XCTAssertTrue(result.boundProven, "seed \(seed)")
            XCTAssertTrue(result.converged, "seed \(seed)")
            // GLPK's pruning tolerance (1e-7 relative per community) is added to keep the bound
            // proven; without it the bound must not exceed the compact LP's.
            XCTAssertLessThanOrEqual(result.boundMargin, Double(problem.communityCount) * 1e-6, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(result.bound, optimum - 1e-9, "seed \(seed)")
            XCTAssertLessThanOrEqual(result.bound - result.boundMargin, compact + 1e-7, "seed \(seed)")
            let lp = try XCTUnwrap(result.masterLP)
            XCTAssertLessThanOrEqual(lp, result.bound + 1e-9, "seed \(seed)")
            XCTAssertEqual(lp, result.bound - result.boundMargin, accuracy: 1e-7, "seed \(seed): converged")
            let plan = try XCTUnwrap(result.plan, "seed \(seed)")
            let evaluation = Evaluator.evaluate(plan, in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
            XCTAssertEqual(evaluation.objective, try XCTUnwrap(result.planObjective), accuracy: 1e-12)
            XCTAssertLessThanOrEqual(evaluation.objective, optimum + 1e-9, "seed \(seed)")
            if result.planSource == .masterMIP {
                XCTAssertEqual(evaluation.objective, try XCTUnwrap(result.masterMIPObjective), accuracy: 1e-7,
                               "seed \(seed)")
            }
            compared += 1
            if result.bound < compact - 1e-6 { strictlyStronger += 1 }
            if result.bound - optimum < 1e-6 { tight += 1 }
        }
        XCTAssertGreaterThanOrEqual(compared, 15, "too few feasible instances")
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
            let deadline = Deadline(seconds: 120)
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

    /// Warmed up street block by street block (with and without subgradient steps): the blocks'
    /// alliances are alliances of the whole problem, and the run still converges to the same
    /// Dantzig–Wolfe bound (the master LP optimum is unique), never below the optimum, with a
    /// plan that breaks no rule.
    func testBlockWarmStartConvergesToTheSameBound() throws {
        var checked = 0
        for seed in UInt64(40)...47 {
            var generator = InstanceGenerator(communities: 9, units: 27 + Int(seed % 3))
            generator.preferPairs = 4
            generator.multiCommunityShare = 0.3
            var (instance, previous) = generator.generate(seed: seed)
            for c in instance.communities.indices { instance.communities[c].street = "街道\(c % 3)" }
            let problem = try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
            guard Prechecks.run(problem).isEmpty,
                  let start = try? GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10)),
                  let outcome = try? Self.solveExact(problem), let optimal = outcome.plan
            else { continue }
            let optimum = Evaluator.evaluate(optimal, in: problem).objective

            let data = CommunityColumns(problem)
            let warm = try XCTUnwrap(BlockWarmStart.compute(
                problem, data: data, initialPlan: start, deadline: Deadline(seconds: 60), threads: 2,
                smoothing: 0.8, cancellation: CancellationFlag()), "seed \(seed)")
            XCTAssertEqual(warm.blocks, 3, "seed \(seed)")
            XCTAssertEqual(warm.duals.count, problem.unitCount)
            XCTAssertFalse(warm.columns.isEmpty, "seed \(seed)")
            for column in warm.columns {
                XCTAssertTrue(data.isFeasible(community: column.community, units: column.units), "seed \(seed)")
            }

            let deadline = Deadline(seconds: 120)
            let plain = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: deadline)
            XCTAssertTrue(plain.converged, "seed \(seed)")
            for subgradient in [false, true] {
                var options = DecompositionOptions()
                options.blockShare = 0.5
                options.warmStartGap = -1  // even when the first round converges
                options.subgradient = subgradient
                let warmed = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: deadline,
                                                            options: options)
                let label = "seed \(seed), subgradient \(subgradient)"
                XCTAssertEqual(warmed.warmStartBlocks, 3, label)
                XCTAssertTrue(warmed.converged, label)
                XCTAssertGreaterThanOrEqual(warmed.bound, optimum - 1e-9, label)
                XCTAssertEqual(try XCTUnwrap(warmed.masterLP), try XCTUnwrap(plain.masterLP), accuracy: 1e-6, label)
                let plan = try XCTUnwrap(warmed.plan)
                let evaluation = Evaluator.evaluate(plan, in: problem)
                XCTAssertTrue(evaluation.isFeasible, label)
                XCTAssertLessThanOrEqual(evaluation.objective, optimum + 1e-9, label)
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 4)
    }

    /// The warm start's probe is an exact round with a bound even when local-search rounds
    /// price between exact ones (`rootHeuristicRounds`): with a gap threshold no bounded first
    /// round can exceed, no block warms up (a probe without a bound counts as a wide gap, so a
    /// local-search probe would warm up), and with a negative threshold all three blocks do.
    func testWarmStartProbeIsAnExactRound() throws {
        var generator = InstanceGenerator(communities: 9, units: 28)
        generator.multiCommunityShare = 0.3
        var (instance, previous) = generator.generate(seed: 40)
        for c in instance.communities.indices { instance.communities[c].street = "街道\(c % 3)" }
        let problem = try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
        let start = try XCTUnwrap(GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10)))
        for (gapThreshold, blocks) in [(1e9, 0), (-1.0, 3)] {
            var options = DecompositionOptions()
            options.blockShare = 0.5
            options.rootHeuristicRounds = 3
            options.warmStartGap = gapThreshold
            let result = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: Deadline(seconds: 60),
                                                        options: options)
            XCTAssertEqual(result.warmStartBlocks, blocks, "warmStartGap \(gapThreshold)")
            XCTAssertTrue(result.converged, "warmStartGap \(gapThreshold)")
        }
    }

    /// The guye example (84 communities): the compact LP bound is 0.8491, the decomposition's
    /// about 0.8055, and its plan is within 0.1 % of it.
    func testGuyeExample() throws {
        let problem = try Problem(instance: try InstanceReader.read(folder: Fixtures.example("guye")))
        let compact = try compactLPBound(problem)
        let result = try CommunityDecomposition.run(
            problem, initialPlans: [], deadline: Deadline(seconds: 120),
            options: DecompositionOptions(masterMIPTimeLimit: 10))
        XCTAssertTrue(result.converged)
        XCTAssertLessThan(result.bound, compact - 0.03)
        let plan = try XCTUnwrap(result.plan)
        let evaluation = Evaluator.evaluate(plan, in: problem)
        XCTAssertEqual(evaluation.violations, [])
        XCTAssertEqual(evaluation.objective, try XCTUnwrap(result.planObjective), accuracy: 1e-12)
        XCTAssertLessThanOrEqual(evaluation.objective, result.bound)
        XCTAssertLessThan(relativeGap(objective: evaluation.objective, bound: result.bound), 1e-3)
    }

    /// An infeasible problem is reported as such, not as a bound.
    func testInfeasibleProblemThrows() throws {
        var generator = InstanceGenerator(communities: 4, units: 6)
        generator.leadShare = 0
        let (instance, _) = generator.generate(seed: 3)
        let problem = try Problem(instance: instance)
        XCTAssertThrowsError(try CommunityDecomposition.run(problem, initialPlans: [],
                                                            deadline: Deadline(seconds: 30))) { error in
            guard case SolveError.infeasible = error else { return XCTFail("unexpected \(error)") }
        }
    }

    /// A deadline already past still returns a result (no bound, the initial plan).
    func testPastDeadline() throws {
        let problem = try randomProblem(seed: 2)
        let start = try GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10))
        let result = try CommunityDecomposition.run(problem, initialPlans: [start], deadline: Deadline(seconds: 0))
        XCTAssertEqual(result.plan, start)
        XCTAssertFalse(result.converged)
    }
}
