/// `DecompositionRun`: the state of one run of `CommunityDecomposition` (master, pricing pool,
/// bound, stabilization, known plans) and its plan bookkeeping. The phases are extensions in
/// their own files: column generation (`DecompositionRun+ColumnGeneration.swift`), the dive
/// (`DecompositionRun+Dive.swift`) and the master MIP (`DecompositionRun+MasterMIP.swift`).

import AllianceModel
import Foundation
import GLPK

/// The state of one decomposition run; lives on the calling thread.
final class DecompositionRun {
    let problem: Problem
    let data: CommunityColumns
    let options: DecompositionOptions
    let progress: (@Sendable (Double, Double?) -> Void)?
    let master: RestrictedMaster
    let pool: PricingPool
    let initialPenalty: Double

    var seeds: [AllianceColumn] = []
    /// Feasible plans known, best first: the initial ones, the dive's, the master MIP's.
    var plans = PlanPool()
    var bestPlan: PlanPool.Entry? { plans.best }

    var bestBound = Double.infinity
    var bestBoundMargin = 0.0
    /// The stability center (prices of `bestBound`) and where root rounds price from it.
    var stabilization = Stabilization()
    /// The street blocks' warm start, when it ran (`DecompositionOptions.blockShare`).
    var warmStart: BlockWarmStart? = nil
    /// The root rounds' smoothing factor: `DecompositionOptions.smoothing`, adapted from round
    /// to round with `DecompositionOptions.adaptiveSmoothing`; below 1 (`Stabilization.maximumAlpha`),
    /// since at 1 pricing would never leave the center.
    lazy var rootSmoothing = min(max(options.smoothing, 0), Stabilization.maximumAlpha)
    /// Whether root pricing takes subgradient steps (`DecompositionOptions.subgradient`, or
    /// after a warm start that improved the bound).
    lazy var subgradientSteps = options.subgradient
    /// Alliances (master indices) with positive weight in the last root master LP solution.
    var rootSupport: [Int] = []
    var rootLP: Double? = nil
    var converged = false
    var iterations = 0
    var pricingRounds = 0
    var heuristicRounds = 0
    var pricingSeconds = 0.0
    var diveObjective: Double? = nil
    var masterMIPObjective: Double? = nil
    var masterMIPProven = false

    init(problem: Problem, options: DecompositionOptions,
         progress: (@Sendable (Double, Double?) -> Void)?) throws {
        self.problem = problem
        self.options = options
        self.progress = progress
        let data = CommunityColumns(problem)
        self.data = data
        // A penalty larger than any change one unit row can make to the objective.
        let nC = problem.communityCount, nR = problem.categoryCount
        var spread = 0.0
        for c in 0..<nC {
            var range = data.excessWeight * data.maxExcess[c]
            for r in 0..<nR { range += abs(data.coverageWeight[c * nR + r]) * problem.need[c * nR + r] }
            for u in data.candidates[c] { range += abs(data.pairCoefficient[u * nC + c]) }
            spread += range
        }
        initialPenalty = 1 + 2 * spread
        master = try RestrictedMaster(data: data, penalty: initialPenalty)
        pool = PricingPool(data: data, threads: options.threads)
    }

    func shutdown() { pool.shutdown() }

    /// Whether `deadline` has passed, the run was cancelled or the best plan is proven within
    /// `DecompositionOptions.planGap`.
    func mustStop(_ deadline: Deadline) -> Bool { deadline.hasPassed || options.cancellation.isCancelled || planProven }

    /// Whether the best plan is proven within `DecompositionOptions.planGap` by the best bound.
    var planProven: Bool {
        guard options.planGap > 0, bestBound.isFinite, let best = bestPlan?.objective else { return false }
        return relativeGap(objective: best, bound: max(bestBound, best)) <= options.planGap
    }

    /// Alliances of the initial plans (those feasible for their community) and the feasible
    /// plans themselves.
    func seed(_ initialPlans: [Plan]) {
        let nU = problem.unitCount, nC = problem.communityCount
        for plan in initialPlans where plan.unitCount == nU && plan.communityCount == nC {
            for c in 0..<nC {
                let units = plan.units(of: c)
                if data.isFeasible(community: c, units: units) {
                    seeds.append(AllianceColumn(community: c, units: units, value: data.value(community: c, units: units)))
                }
            }
            let evaluation = Evaluator.evaluate(plan, in: problem)
            if evaluation.isFeasible { offer(plan, objective: evaluation.objective, source: .initial, report: false) }
        }
    }

    func seedMasterColumns() throws { try master.add(seeds) }

    /// Records a feasible plan; reports progress when it is the best so far.
    func offer(_ plan: Plan, objective: Double, source: DecompositionPlanSource, report: Bool = true) {
        let improves = plans.insert(plan, objective: objective, source: source)
        if improves && report { progress?(bestBound, bestPlan?.objective) }
    }

    /// The plan made of one alliance per community (alliance indices), if it breaks no rule.
    func plan(from choice: [Int]) -> (Plan, Double)? {
        var plan = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        for (c, j) in choice.enumerated() {
            let column = master.columns[j]
            precondition(column.community == c)
            for u in column.units { plan[unit: u, community: c] = true }
        }
        problem.chooseLeads(&plan)
        let evaluation = Evaluator.evaluate(plan, in: problem)
        return evaluation.isFeasible ? (plan, evaluation.objective) : nil
    }
}
