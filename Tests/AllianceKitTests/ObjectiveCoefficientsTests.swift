import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `ObjectiveCoefficients` (the one source every builder, heuristic, pricing problem and block
/// reads) against `Evaluator` (which recomputes every term from the plan on purpose): on random
/// instances and random plans, feasible or not, the objective put together from the
/// coefficients equals the evaluator's.
final class ObjectiveCoefficientsTests: XCTestCase {
    /// Σ pair[p] over chosen pairs + Σ coverage·min(d, Σ resourceShare) − excessWeight·Σ e(S_c).
    static func objective(of plan: Plan, in problem: Problem) -> Double {
        let k = problem.coefficients
        let nC = problem.communityCount, nR = problem.categoryCount
        var total = 0.0
        for p in plan.assigned.indices where plan.assigned[p] { total += k.pair[p] }
        for c in 0..<nC {
            var strength = problem.communities[c].strength
            var supply = [Double](repeating: 0, count: nR)
            for u in 0..<problem.unitCount where plan.assigned[u * nC + c] {
                strength += k.strengthShare[u]
                for r in 0..<nR { supply[r] += k.resourceShare[u * nR + r] }
            }
            for r in 0..<nR { total += k.coverage[c * nR + r] * min(problem.need[c * nR + r], supply[r]) }
            total -= k.excessWeight * k.excess(strength)
        }
        return total
    }

    /// A random plan: each pair chosen with probability `density` (rules ignored), leads random.
    static func randomPlan(_ problem: Problem, density: Double, rng: inout SeededGenerator) -> Plan {
        let nU = problem.unitCount, nC = problem.communityCount
        var plan = Plan(unitCount: nU, communityCount: nC)
        for p in plan.assigned.indices { plan.assigned[p] = Double.random(in: 0..<1, using: &rng) < density }
        for c in 0..<nC {
            let members = (0..<nU).filter { plan.assigned[$0 * nC + c] }
            plan.lead[c] = members.randomElement(using: &rng)
        }
        return plan
    }

    /// Random instances with and without groups, coordinates, needs, a previous plan and
    /// preferences, with random weights (some zero), band and lead rule; several plans each,
    /// among them the empty plan and a feasible one where the greedy finds it.
    func testCoefficientsAgreeWithEvaluator() throws {
        var rng = SeededGenerator(seed: 2024)
        var compared = 0
        for seed in UInt64(1)...60 {
            var generator = InstanceGenerator(communities: 2 + Int(seed % 6), units: 3 + Int(seed % 11))
            generator.coordinates = seed % 3 != 0
            generator.previousPlan = seed % 2 == 0
            generator.preferPairs = Int(seed % 4)
            generator.groupShare = seed % 5 == 0 ? 0 : 0.3
            generator.multiCommunityShare = seed % 4 == 0 ? 0 : 0.4
            var (instance, previous) = generator.generate(seed: seed)
            if seed % 7 == 0 { instance.needs = [] }
            let weight = { (zeroEvery: UInt64) -> Double in
                seed % zeroEvery == 0 ? 0 : Double.random(in: 0.05...2, using: &rng)
            }
            var options = PlanningOptions(
                weights: Weights(coverage: weight(5), balance: weight(6), distance: weight(7),
                                 preference: weight(4), keep: weight(3)),
                balanceBand: [0, 0.05, 0.1, 0.3][Int(seed % 4)], leadRule: seed % 5 != 1,
                previousPlan: previous.isEmpty ? nil : previous)
            if seed % 9 == 0 { options.meanStrengthOverride = Double.random(in: 0...50, using: &rng) }
            let problem = try Problem(instance: instance, options: options)

            var plans = [Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)]
            for density in [0.2, 0.5, 0.9] { plans.append(Self.randomPlan(problem, density: density, rng: &rng)) }
            if let greedy = try? GreedyStrategy.feasiblePlan(problem, settings: SolveSettings()) { plans.append(greedy) }
            for (i, plan) in plans.enumerated() {
                let expected = Evaluator.evaluate(plan, in: problem).objective
                XCTAssertEqual(Self.objective(of: plan, in: problem), expected, accuracy: 1e-9,
                               "seed \(seed), plan \(i)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 240)
    }

    /// The coefficients of the shipped examples (groups, a previous plan, pair rules) agree too,
    /// on the plan the greedy finds.
    func testExamplesAgreeWithEvaluator() throws {
        for name in ["tiny", "tiny-groups", "caofeidian"] {
            let instance = try InstanceReader.read(folder: Fixtures.example(name))
            var options = PlanningOptions()
            let previous = Fixtures.example(name).appendingPathComponent("previous-plan.csv")
            if FileManager.default.fileExists(atPath: previous.path) {
                options.previousPlan = try PlanReader.read(file: previous)
            }
            let problem = try Problem(instance: instance, options: options)
            let plan = try GreedyStrategy.feasiblePlan(problem, settings: SolveSettings())
            XCTAssertEqual(Self.objective(of: plan, in: problem), Evaluator.evaluate(plan, in: problem).objective,
                           accuracy: 1e-9, name)
        }
    }
}
