import Foundation
import GLPK

/// What the decomposition proved and found.
public struct DecompositionResult: Sendable {
    /// The best (smallest) proven upper bound on the objective of any feasible plan
    /// (+∞ when no pricing round finished in time). Valid up to GLPK's tolerances.
    public var bound: Double
    /// Whether `bound` is finite, i.e. some round priced every community with a proven bound.
    public var boundProven: Bool
    /// The last restricted master LP value (a lower bound on the Dantzig–Wolfe bound, not a
    /// bound on the optimum); `bound − masterLP` measures how far column generation is from
    /// convergence.
    public var masterLP: Double?
    /// Whether column generation converged (`bound` is the Dantzig–Wolfe bound up to tolerance).
    public var converged: Bool
    /// The best plan known: the restricted master MIP's plan, or an initial plan if that is
    /// better or the MIP found none. Judged by `Evaluator`: it breaks no rule.
    public var plan: Plan?
    /// `Evaluator`'s objective of `plan`.
    public var planObjective: Double?
    /// Whether `plan` comes from the restricted master MIP (not from `initialPlans`).
    public var planFromMaster: Bool
    /// The restricted master MIP's own objective, and whether GLPK proved it optimal over the
    /// generated alliances.
    public var masterMIPObjective: Double?
    public var masterMIPProven: Bool
    /// Master LP solves (column generation iterations).
    public var iterations: Int
    /// Pricing rounds (one per iteration, plus re-pricing after a mispriced smoothed round).
    public var pricingRounds: Int
    /// Alliances generated (master columns without artificials).
    public var columns: Int
    /// Wall-clock seconds in all, and in pricing, master LPs and the master MIP.
    public var seconds: Double
    public var pricingSeconds: Double
    public var masterSeconds: Double
    public var mipSeconds: Double
}

/// Tuning of `CommunityDecomposition.run`.
public struct DecompositionOptions: Sendable {
    /// Threads pricing communities in parallel (the calling thread is one of them).
    public var threads: Int
    /// Wentges smoothing factor α ∈ [0, 1): pricing happens at α·π_stab + (1−α)·π_LP, where
    /// π_stab gave the best bound so far. 0 turns smoothing off.
    public var smoothing: Double
    /// Share of the time until the deadline kept for the restricted master MIP when column
    /// generation does not converge earlier.
    public var masterMIPShare: Double
    /// Upper limit in seconds on the restricted master MIP (`nil`: until the deadline);
    /// 0 skips it.
    public var masterMIPTimeLimit: Double?
    /// Column generation stops when bound − master LP ≤ this × max(1, |master LP|) (plus
    /// GLPK's pricing tolerance margins).
    public var relativeGap: Double

    public init(threads: Int = 2, smoothing: Double = 0.5, masterMIPShare: Double = 0.2,
                masterMIPTimeLimit: Double? = 30, relativeGap: Double = 1e-6) {
        self.threads = threads
        self.smoothing = smoothing
        self.masterMIPShare = masterMIPShare
        self.masterMIPTimeLimit = masterMIPTimeLimit
        self.relativeGap = relativeGap
    }
}

/// A Dantzig–Wolfe decomposition of stage 1 by community, solved by column generation.
///
/// The compact model's LP relaxation is weak: it balances every alliance exactly (BAL = 0) and
/// covers needs fractionally. Here each community chooses one whole alliance P (a set of units
/// feasible for it alone, see `CommunityColumns`) valued exactly, and only the unit rows
/// m_o ≤ Σ_c Σ_{P∋o} z_{c,P} ≤ k_o link the communities. Its LP bound is the compact model's
/// LP bound with every community's alliances convexified, so it is never weaker and usually
/// much stronger.
///
/// **The bound.** For any unit prices π (of either sign) and any feasible plan (P_c) in which
/// unit o serves t_o ∈ [m_o, k_o] communities:
///
///     Σ_c value(P_c) = Σ_c [value(P_c) − Σ_{o∈P_c} π_o] + Σ_o π_o·t_o
///                    ≤ Σ_c max_P [value(P) − Σ_{o∈P} π_o] + Σ_o max(π_o·m_o, π_o·k_o).
///
/// Every pricing round evaluates this Lagrangian bound with each community's pricing MIP
/// optimum (or GLPK's bound on it when the MIP stops early, plus GLPK's pruning tolerance); the
/// smallest value over all rounds is reported. (t_o's range is tightened to the unit's fixed and
/// allowed pair counts, which every feasible plan respects.)
///
/// **Column generation.** The restricted master LP gives duals π_LP (unit rows) and μ (community
/// rows); pricing at the smoothed duals yields alliances, and those with reduced cost
/// value(P) − π_LP(P) − μ_c > 0 enter. When no alliance enters, the smoothing factor shrinks
/// (mispricing); at α = 0 this is exact pricing at π_LP, and no entering alliance proves the
/// master LP optimal: bound = master LP value.
///
/// **Plans.** The restricted master is then solved as a MIP (price-and-branch heuristic), with
/// the initial plans offered as incumbents.
public enum CommunityDecomposition {
    public static func run(_ problem: Problem, initialPlans: [Plan], deadline: Date, threads: Int = 2,
                           progress: (@Sendable (Double, Double?) -> Void)? = nil) throws -> DecompositionResult {
        try run(problem, initialPlans: initialPlans, deadline: deadline,
                options: DecompositionOptions(threads: threads), progress: progress)
    }

    /// - Parameters:
    ///   - initialPlans: plans whose alliances seed the master (they need not be feasible; only
    ///     alliances feasible for their community are used). Feasible ones are offered to the
    ///     master MIP and are candidates for the returned plan.
    ///   - deadline: when everything, master MIP included, must be done.
    ///   - progress: called on the calling thread with (best bound, best plan objective) when
    ///     either improves.
    /// - Throws: `SolveError.infeasible` when the pre-checks fail or some community has no
    ///   feasible alliance; GLPK errors.
    public static func run(_ problem: Problem, initialPlans: [Plan], deadline: Date,
                           options: DecompositionOptions,
                           progress: (@Sendable (Double, Double?) -> Void)? = nil) throws -> DecompositionResult {
        let start = Date()
        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        let data = CommunityColumns(problem)
        let nC = problem.communityCount, nU = problem.unitCount

        // Initial plans: their feasible alliances seed the master; feasible plans are incumbents.
        var seeds: [AllianceColumn] = []
        var incumbentPlans: [(plan: Plan, objective: Double)] = []
        for plan in initialPlans where plan.unitCount == nU && plan.communityCount == nC {
            for c in 0..<nC {
                let units = plan.units(of: c)
                if data.isFeasible(community: c, units: units) {
                    seeds.append(AllianceColumn(community: c, units: units, value: data.value(community: c, units: units)))
                }
            }
            let evaluation = Evaluator.evaluate(plan, in: problem)
            if evaluation.isFeasible { incumbentPlans.append((plan, evaluation.objective)) }
        }
        incumbentPlans.sort { $0.objective > $1.objective }
        var bestPlanObjective = incumbentPlans.first?.objective

        // A penalty larger than any change one unit row can make to the objective.
        var spread = 0.0
        for c in 0..<nC {
            let nR = problem.categoryCount
            var range = data.excessWeight * data.maxExcess[c]
            for r in 0..<nR { range += abs(data.coverageWeight[c * nR + r]) * problem.need[c * nR + r] }
            for u in data.candidates[c] { range += abs(data.pairCoefficient[u * nC + c]) }
            spread += range
        }
        let initialPenalty = 1 + 2 * spread
        let master = try RestrictedMaster(data: data, penalty: initialPenalty)
        try master.add(seeds)

        let pool = PricingPool(data: data, threads: options.threads)
        defer { pool.shutdown() }

        let total = deadline.timeIntervalSince(start)
        let cgDeadline = start.addingTimeInterval(total * (1 - min(max(options.masterMIPShare, 0), 1)))
        var bestBound = Double.infinity
        var stability: [Double]? = nil
        var iterations = 0, pricingRounds = 0
        var masterLP: Double? = nil
        var converged = false
        var pricingSeconds = 0.0, masterSeconds = 0.0
        let smoothing = min(max(options.smoothing, 0), 0.99)
        let marginAllowance = Double(nC) * PricingModel.optimalityMargin * 2

        columnGeneration: while Date() < cgDeadline {
            let masterStart = Date()
            guard let lp = try master.solveLP(deadline: cgDeadline) else { break }
            masterSeconds += Date().timeIntervalSince(masterStart)
            iterations += 1
            masterLP = lp.objective
            if bestBound - lp.objective <= options.relativeGap * max(1, abs(lp.objective)) + marginAllowance
                && lp.artificial <= 1e-9 {
                converged = true
                break
            }

            var misprices = 0
            while true {
                let alpha = stability == nil ? 0 : max(0, 1 - Double(misprices + 1) * (1 - smoothing))
                let duals: [Double]
                if let stability, alpha > 0 {
                    duals = (0..<nU).map { alpha * stability[$0] + (1 - alpha) * lp.unitDuals[$0] }
                } else {
                    duals = lp.unitDuals
                }
                let pricingStart = Date()
                let outcomes = try pool.price(PricingRound(duals: duals, starts: bestStarts(master, duals: duals),
                                                           deadline: cgDeadline))
                pricingSeconds += Date().timeIntervalSince(pricingStart)
                pricingRounds += 1

                if outcomes.contains(where: { $0.bound == -.infinity }) {
                    let c = outcomes.first { $0.bound == -.infinity }!.community
                    throw SolveError.infeasible([InfeasibilityReason(
                        "community \(problem.communities[c].id) has no alliance that satisfies its own rules "
                            + "(size, allowed and fixed pairs, lead)")])
                }
                if outcomes.allSatisfy({ $0.bound != nil }) {
                    var bound = outcomes.reduce(0) { $0 + $1.bound! }
                    for u in 0..<nU {
                        bound += max(duals[u] * Double(data.unitLower[u]), duals[u] * Double(data.unitUpper[u]))
                    }
                    if bound < bestBound {
                        bestBound = bound
                        stability = duals
                        progress?(bestBound, bestPlanObjective)
                    }
                }

                var entering: [AllianceColumn] = []
                for outcome in outcomes {
                    for column in outcome.columns {
                        let reduced = column.value - column.units.reduce(0) { $0 + lp.unitDuals[$1] }
                            - lp.communityDuals[column.community]
                        if reduced > 1e-9 { entering.append(column) }
                    }
                }
                if try master.add(entering) > 0 { break }
                if alpha == 0 {
                    // Exact pricing at the master's duals found nothing: the master LP is optimal.
                    if lp.artificial > 1e-9 && master.penalty < initialPenalty * 1e6 {
                        try master.setPenalty(master.penalty * 10)
                        break
                    }
                    converged = lp.artificial <= 1e-9
                    break columnGeneration
                }
                misprices += 1
                if Date() >= cgDeadline { break columnGeneration }
            }
        }

        // Price-and-branch: the restricted master as a MIP.
        var plan = incumbentPlans.first?.plan
        var planFromMaster = false
        var masterMIPObjective: Double? = nil
        var masterMIPProven = false
        let mipStart = Date()
        var mipTime = deadline.timeIntervalSinceNow
        if let cap = options.masterMIPTimeLimit { mipTime = min(mipTime, cap) }
        if mipTime > 0.01 {
            let incumbents: [[Int]] = incumbentPlans.compactMap { entry in
                var choice: [Int] = []
                for c in 0..<nC {
                    guard let j = master.index(of: c, units: entry.plan.units(of: c)) else { return nil }
                    choice.append(j)
                }
                return choice
            }
            if let solution = try master.solveMIP(timeLimit: mipTime, incumbents: incumbents) {
                masterMIPObjective = solution.objective
                masterMIPProven = solution.proven
                var candidate = Plan(unitCount: nU, communityCount: nC)
                for c in 0..<nC {
                    let column = master.columns[solution.choice[c]]
                    for u in column.units { candidate[unit: u, community: c] = true }
                    candidate.lead[c] = data.lead(community: c, units: column.units)
                }
                let evaluation = Evaluator.evaluate(candidate, in: problem)
                if evaluation.isFeasible, evaluation.objective > (bestPlanObjective ?? -.infinity) + 1e-12 {
                    plan = candidate
                    planFromMaster = true
                    bestPlanObjective = evaluation.objective
                    progress?(bestBound, bestPlanObjective)
                }
            }
        }
        let mipSeconds = Date().timeIntervalSince(mipStart)

        return DecompositionResult(
            bound: bestBound, boundProven: bestBound.isFinite, masterLP: masterLP, converged: converged,
            plan: plan, planObjective: bestPlanObjective, planFromMaster: planFromMaster,
            masterMIPObjective: masterMIPObjective, masterMIPProven: masterMIPProven,
            iterations: iterations, pricingRounds: pricingRounds, columns: master.columns.count,
            seconds: Date().timeIntervalSince(start), pricingSeconds: pricingSeconds,
            masterSeconds: masterSeconds, mipSeconds: mipSeconds)
    }

    /// For every community, the master's alliance with the largest value(P) − π(P) (a start
    /// for its pricing MIP), or `nil` when it has none yet.
    private static func bestStarts(_ master: RestrictedMaster, duals: [Double]) -> [[Int]?] {
        var best = [Double](repeating: -.infinity, count: master.data.communityCount)
        var starts = [[Int]?](repeating: nil, count: master.data.communityCount)
        for column in master.columns {
            let reduced = column.value - column.units.reduce(0) { $0 + duals[$1] }
            if reduced > best[column.community] {
                best[column.community] = reduced
                starts[column.community] = column.units
            }
        }
        return starts
    }
}
