import AllianceModel
import Foundation
import GLPK

/// Where the plan of a `DecompositionResult` comes from.
public enum DecompositionPlanSource: String, Sendable {
    /// One of the initial plans (nothing better was found).
    case initial
    /// The dive: column generation with alliances fixed one after another.
    case dive
    /// The restricted master solved as a MIP over all generated alliances.
    case masterMIP
}

/// What the decomposition proved and found.
public struct DecompositionResult: Sendable {
    /// The best (smallest) proven upper bound on the objective of any feasible plan
    /// (+∞ when no pricing round finished in time). Valid up to GLPK's tolerances.
    public var bound: Double
    /// Whether `bound` is finite, i.e. some round priced every community with a proven bound.
    public var boundProven: Bool
    /// The safety margin included in `bound`: GLPK may stop a pricing MIP at an incumbent up to
    /// 1e-7·(1 + |optimum|) below its optimum (its pruning tolerance), so that much is added per
    /// community. `bound − boundMargin` is the plain Lagrangian value.
    public var boundMargin: Double
    /// The root restricted master LP value when column generation stopped (a lower bound on the
    /// Dantzig–Wolfe bound, not a bound on the optimum); `bound − masterLP` shows how far column
    /// generation was from convergence.
    public var masterLP: Double?
    /// Whether column generation converged (`bound` is the Dantzig–Wolfe bound up to tolerance).
    public var converged: Bool
    /// The best plan known, judged by `Evaluator` (it breaks no rule), and its objective.
    public var plan: Plan?
    public var planObjective: Double?
    public var planSource: DecompositionPlanSource?
    /// The dive's plan objective, if the dive completed a plan.
    public var diveObjective: Double?
    /// The restricted master MIP's objective (GLPK's), and whether GLPK proved it optimal over
    /// the generated alliances.
    public var masterMIPObjective: Double?
    public var masterMIPProven: Bool
    /// Root master LP solves (column generation iterations).
    public var iterations: Int
    /// Pricing rounds in all (root, re-pricing after mispriced smoothed rounds, and dive).
    public var pricingRounds: Int
    /// Alliances generated (master columns without artificials).
    public var columns: Int
    /// Wall-clock seconds in all; in root column generation (until converged or stopped); in
    /// pricing (all phases); in the dive; in the master MIP.
    public var seconds: Double
    public var rootSeconds: Double
    public var pricingSeconds: Double
    public var diveSeconds: Double
    public var mipSeconds: Double
    /// Street blocks whose column generation warmed the run up (`DecompositionOptions.blockShare`),
    /// and how many of them converged; 0 when there was no warm start.
    public var warmStartBlocks = 0
    public var warmStartConverged = 0
    /// Σ of the street blocks' own bounds and master LP values (they restrict the whole problem,
    /// so neither is a bound of it; how far the whole bound lies above them shows what the
    /// blocks' borders cost).
    public var warmStartBlockBounds: Double?
    public var warmStartBlockLP: Double?
    /// The alliances of root column generation's last master LP solution (those with positive
    /// weight), and the unit prices that gave `bound` (nil without a proven bound); for
    /// `BlockWarmStart`.
    var alliances: [AllianceColumn] = []
    var prices: [Double]? = nil
}

/// What one pricing round did (see `DecompositionOptions.roundLog`).
public struct DecompositionRound: Sendable {
    /// Whether the round belongs to root column generation (it may then improve the bound).
    public var root: Bool
    /// The smoothing factor the duals were priced at (0: the master LP's own duals).
    public var alpha: Double
    /// Whether the duals were a subgradient step instead (`DecompositionOptions.subgradient`).
    public var subgradientStep: Bool
    /// The Lagrangian bound this round proved (nil when some community ended without a bound).
    public var bound: Double?
    /// The best bound so far and the master LP value the round priced against.
    public var bestBound: Double
    public var masterLP: Double
    /// Communities priced, those whose pricing MIP was not proven optimal, alliances entering.
    public var priced: Int
    public var unproven: Int
    public var entering: Int
    /// Seconds of this round's pricing.
    public var seconds: Double
}

/// Tuning of `CommunityDecomposition.run`.
public struct DecompositionOptions: Sendable {
    /// Threads pricing communities in parallel (the calling thread is one of them).
    public var threads: Int
    /// Wentges smoothing factor α ∈ [0, 1): root pricing happens at α·π_stab + (1−α)·π_LP,
    /// where π_stab gave the best bound so far. 0 turns smoothing off. The master's duals jump
    /// between degenerate vertices, so staying close to π_stab pays: on a 150 × 600 district α =
    /// 0.8 reached a bound of 1.8358 in 38 s where 0.5 stayed at 1.8422 after 49 s and 0 at 1.8458
    /// (benchmarks/EXPERIMENTS.md, "Column generation on 150 × 600 and 600 × 2400").
    public var smoothing: Double
    /// Share of the time until the deadline kept for finding plans (dive and master MIP) when
    /// root column generation does not converge earlier.
    public var planShare: Double
    /// Run the dive after root column generation.
    public var dive: Bool
    /// Upper limit in seconds on the restricted master MIP (`nil`: until the deadline);
    /// 0 skips it.
    public var masterMIPTimeLimit: Double?
    /// Root column generation may stop early when bound − master LP ≤ this × max(1, |master LP|)
    /// (plus the bound's tolerance margin); 0 runs it until exact pricing proves the master LP
    /// optimal.
    public var relativeGap: Double
    /// Stops every phase like the deadline does; the result then holds what was found so far.
    public var cancellation = CancellationFlag()
    /// Every phase ends as soon as the best plan is proven within this relative gap
    /// (`relativeGap(objective:bound:)`, `SolveSettings.relativeGap` in `exact`); 0: never.
    public var planGap = 0.0
    /// Price the first time after each master LP at a subgradient step from the best duals so far
    /// instead of the smoothed duals (see `DecompositionRun.subgradientPoint`). Worth it from good
    /// starting prices (`blockShare`), where it lowers the bound step by step; from the master's
    /// first duals it did not beat smoothing (benchmarks/EXPERIMENTS.md).
    public var subgradient = false
    /// Share of root column generation's time (what is left after its first round) spent on
    /// column generation street block by street block (`BlockWarmStart`) when the first round
    /// leaves a gap above `warmStartGap`: the blocks' alliances enter the master, the whole
    /// district is priced at their unit prices, and when that bound is the better one, root
    /// column generation goes on with subgradient steps from there. 0 turns it off; districts
    /// that are one block never use it.
    public var blockShare = 0.0
    /// The relative gap between the first round's bound and the master LP above which the
    /// blocks warm the run up (negative: always, even when the first round converged).
    /// 600 × 2400 started at 5.0 % and gained (6.5418 → 6.3290); the XL benchmark (also
    /// 600 × 2400) started at 0.56 % and lost (5.1448 → 6.4889 at 60 s, when the blocks
    /// replaced the first round); a 150 × 600 district started at 1.7 % (benchmarks/EXPERIMENTS.md).
    public var warmStartGap = 0.02
    /// Called on the calling thread after every pricing round (for benchmarks and diagnosis).
    public var roundLog: (@Sendable (DecompositionRound) -> Void)? = nil
    /// Reports the start and end of the root column generation, the dive and the master MIP.
    var phases: PhaseClock? = nil

    public init(threads: Int = 2, smoothing: Double = 0.8, planShare: Double = 0.3, dive: Bool = true,
                masterMIPTimeLimit: Double? = 30, relativeGap: Double = 0) {
        self.threads = threads
        self.smoothing = smoothing
        self.planShare = planShare
        self.dive = dive
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
/// LP bound with every community's alliances convexified, so it is never weaker.
///
/// **The bound.** For any unit prices π (of either sign) and any feasible plan (P_c) in which
/// unit o serves t_o ∈ [m_o, k_o] communities:
///
///     Σ_c value(P_c) = Σ_c [value(P_c) − Σ_{o∈P_c} π_o] + Σ_o π_o·t_o
///                    ≤ Σ_c max_P [value(P) − Σ_{o∈P} π_o] + Σ_o max(π_o·m_o, π_o·k_o).
///
/// Every root pricing round evaluates this Lagrangian bound with each community's pricing MIP
/// optimum (or GLPK's bound on it when the MIP stops early, plus GLPK's pruning tolerance); the
/// smallest value over all rounds is reported. (t_o's range is tightened to the unit's fixed and
/// allowed pair counts, which every feasible plan respects.)
///
/// **Column generation.** The restricted master LP gives duals π_LP (unit rows) and μ (community
/// rows); pricing at the smoothed duals yields alliances, and those with reduced cost
/// value(P) − π_LP(P) − μ_c > 0 enter. When none enters, the smoothing factor shrinks
/// (mispricing); at α = 0 this is exact pricing at π_LP, and no entering alliance proves the
/// master LP optimal: bound = master LP value.
///
/// **Plans.** A dive fixes alliances that the LP chooses (whole ones, else the largest
/// fraction), re-generating columns after each fixing, until every community has one; then the
/// restricted master is solved as a MIP over all generated alliances (price-and-branch), with
/// the initial plans and the dive's plan offered as incumbents.
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
        let run = try DecompositionRun(problem: problem, options: options, progress: progress)
        defer { run.shutdown() }
        run.seed(initialPlans)
        try run.seedMasterColumns()

        let share = min(max(options.planShare, 0), 1)
        let rootDeadline = start.addingTimeInterval(deadline.timeIntervalSince(start) * (1 - share))
        let rootStart = Date()
        try options.phases.run("column generation") { try run.rootColumnGeneration(until: rootDeadline) }
        let rootSeconds = Date().timeIntervalSince(rootStart)

        let diveStart = Date()
        if options.dive && !run.planProven {
            let mipReserve = min(deadline.timeIntervalSinceNow * 0.25, options.masterMIPTimeLimit ?? .infinity)
            try options.phases.run("dive") { try run.dive(until: deadline.addingTimeInterval(-max(0, mipReserve))) }
        }
        let diveSeconds = Date().timeIntervalSince(diveStart)

        let mipStart = Date()
        var mipTime = deadline.timeIntervalSinceNow
        if let cap = options.masterMIPTimeLimit { mipTime = min(mipTime, cap) }
        if !run.planProven { try options.phases.run("master MIP") { try run.masterMIP(timeLimit: mipTime) } }
        let mipSeconds = Date().timeIntervalSince(mipStart)

        return DecompositionResult(
            bound: run.bestBound, boundProven: run.bestBound.isFinite, boundMargin: run.bestBoundMargin,
            masterLP: run.rootLP,
            converged: run.converged, plan: run.bestPlan?.plan, planObjective: run.bestPlan?.objective,
            planSource: run.bestPlan?.source, diveObjective: run.diveObjective,
            masterMIPObjective: run.masterMIPObjective, masterMIPProven: run.masterMIPProven,
            iterations: run.iterations, pricingRounds: run.pricingRounds, columns: run.master.columns.count,
            seconds: Date().timeIntervalSince(start), rootSeconds: rootSeconds,
            pricingSeconds: run.pricingSeconds, diveSeconds: diveSeconds, mipSeconds: mipSeconds,
            warmStartBlocks: run.warmStart?.blocks ?? 0, warmStartConverged: run.warmStart?.converged ?? 0,
            warmStartBlockBounds: run.warmStart?.blockBounds, warmStartBlockLP: run.warmStart?.blockLP,
            alliances: run.rootSupport.map { run.master.columns[$0] }, prices: run.bestBound.isFinite ? run.stability : nil)
    }
}

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
    var plans: [(plan: Plan, objective: Double, source: DecompositionPlanSource)] = []
    var bestPlan: (plan: Plan, objective: Double, source: DecompositionPlanSource)? { plans.first }

    var bestBound = Double.infinity
    var bestBoundMargin = 0.0
    var stability: [Double]? = nil
    /// The street blocks' warm start, when it ran (`DecompositionOptions.blockShare`).
    var warmStart: BlockWarmStart? = nil
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
    func mustStop(_ deadline: Date) -> Bool { Date() >= deadline || options.cancellation.isCancelled || planProven }

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
    private func offer(_ plan: Plan, objective: Double, source: DecompositionPlanSource, report: Bool = true) {
        let improves = objective > (bestPlan?.objective ?? -.infinity) + 1e-12
        // Best first; among equal objectives, the earlier plan stays first.
        let position = plans.firstIndex { objective > $0.objective + 1e-12 } ?? plans.count
        plans.insert((plan, objective, source), at: position)
        if improves && report { progress?(bestBound, bestPlan?.objective) }
    }

    /// The plan made of one alliance per community (alliance indices), if it breaks no rule.
    private func plan(from choice: [Int]) -> (Plan, Double)? {
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

    // MARK: Column generation

    private enum GenerationEnd {
        /// Exact pricing at the LP duals found no entering alliance (or the root gap closed).
        case optimal
        /// Time or the iteration cap ran out.
        case stopped
    }

    /// Column generation with the master's current fixings. At the root (nothing fixed) every
    /// pricing round that bounds every community updates the proven bound, and pricing is
    /// smoothed; in a dive only the unfixed communities are priced, without smoothing.
    private func generate(until deadline: Date, root: Bool, fixed: [Int?], maxIterations: Int,
                          heuristic: Bool = false, exact: Bool = true)
        throws -> (RestrictedMaster.LPSolution?, GenerationEnd) {
        let nU = problem.unitCount
        let active = fixed.map { $0 == nil }
        let smoothing = root ? min(max(options.smoothing, 0), 0.99) : 0
        var last: RestrictedMaster.LPSolution? = nil
        var count = 0
        while !mustStop(deadline) && count < maxIterations {
            guard let lp = try master.solveLP(deadline: deadline, stop: options.cancellation.stopRequest) else {
                return (last, .stopped)
            }
            last = lp
            count += 1
            if root {
                iterations += 1
                rootLP = lp.objective
                let gap = bestBound - bestBoundMargin - lp.objective
                if gap <= options.relativeGap * max(1, abs(lp.objective)) + 1e-12 && lp.artificial <= 1e-9 {
                    return (lp, .optimal)
                }
            }
            if heuristic {
                // Cheap local-search pricing first; the exact MIPs only when it finds nothing.
                let starts = bestStarts(duals: lp.unitDuals)
                var entering: [AllianceColumn] = []
                for c in 0..<problem.communityCount where active[c] {
                    // One community's search can take a while on large instances.
                    if mustStop(deadline) { return (lp, .stopped) }
                    guard let start = starts[c] else { continue }
                    let (units, score) = data.improveAlliance(community: c, from: start, duals: lp.unitDuals)
                    if score - lp.communityDuals[c] > 1e-9 {
                        entering.append(AllianceColumn(community: c, units: units,
                                                       value: data.value(community: c, units: units)))
                    }
                }
                heuristicRounds += 1
                if try master.add(entering) > 0 { continue }
                if !exact { return (lp, .stopped) }
            }
            var misprices = 0
            while true {
                let alpha = stability == nil ? 0 : max(0, 1 - Double(misprices + 1) * (1 - smoothing))
                let duals: [Double]
                let subgradientPoint = root && misprices == 0 && subgradientSteps ? self.subgradientPoint() : nil
                if let subgradientPoint {
                    duals = subgradientPoint
                } else if let stability, alpha > 0 {
                    duals = (0..<nU).map { alpha * stability[$0] + (1 - alpha) * lp.unitDuals[$0] }
                } else {
                    duals = lp.unitDuals
                }
                let pricingStart = Date()
                let outcomes = try price(at: duals, active: active, until: deadline)
                var roundBound: Double? = nil
                if root, let bound = record(duals: duals, outcomes: outcomes) {
                    roundBound = bound
                    if subgradientPoint != nil && bound >= bestBound { subgradientFactor /= 2 }
                }

                var entering: [AllianceColumn] = []
                for outcome in outcomes {
                    for column in outcome.columns {
                        let reduced = column.value - column.units.reduce(0) { $0 + lp.unitDuals[$1] }
                            - lp.communityDuals[column.community]
                        if reduced > 1e-9 { entering.append(column) }
                    }
                }
                options.roundLog?(DecompositionRound(
                    root: root, alpha: alpha, subgradientStep: subgradientPoint != nil, bound: roundBound,
                    bestBound: bestBound, masterLP: lp.objective,
                    priced: active.filter { $0 }.count,
                    unproven: outcomes.filter { active[$0.community] && !$0.proven }.count,
                    entering: entering.count, seconds: Date().timeIntervalSince(pricingStart)))
                if try master.add(entering) > 0 { break }
                // Pricing cut short proves nothing.
                if mustStop(deadline) { return (lp, .stopped) }
                if alpha == 0 {
                    // Exact pricing at the master's duals found nothing: the master LP is optimal.
                    if root && lp.artificial > 1e-9 && master.penalty < initialPenalty * 1e6 {
                        try master.setPenalty(master.penalty * 10)
                        break
                    }
                    return (lp, .optimal)
                }
                misprices += 1
            }
        }
        return (last, .stopped)
    }

    /// One pricing round of the `active` communities at `duals`, counted in `pricingRounds` and
    /// `pricingSeconds`. Throws `SolveError.infeasible` when a pricing MIP proved its community
    /// has no alliance.
    private func price(at duals: [Double], active: [Bool], until deadline: Date) throws -> [PricingOutcome] {
        let start = Date()
        let outcomes = try pool.price(PricingRound(
            duals: duals, starts: bestStarts(duals: duals), active: active, deadline: deadline,
            cancellation: options.cancellation))
        pricingSeconds += Date().timeIntervalSince(start)
        pricingRounds += 1
        if let infeasible = outcomes.first(where: { $0.bound == -.infinity }) {
            throw SolveError.infeasible([InfeasibilityReason(
                "community \(problem.communities[infeasible.community].id) has no alliance that "
                    + "satisfies its own rules (size, allowed and fixed pairs, lead)")])
        }
        return outcomes
    }

    /// The Lagrangian bound of a root pricing round at `duals` (nil when some community ended
    /// without a bound); a new best bound becomes the stability center and is reported.
    private func record(duals: [Double], outcomes: [PricingOutcome]) -> Double? {
        guard outcomes.allSatisfy({ $0.bound != nil }) else { return nil }
        var bound = outcomes.reduce(0) { $0 + $1.bound! }
        for u in 0..<problem.unitCount {
            bound += max(duals[u] * Double(data.unitLower[u]), duals[u] * Double(data.unitUpper[u]))
        }
        if bound < bestBound {
            bestBound = bound
            bestBoundMargin = outcomes.reduce(0) { $0 + $1.margin }
            stability = duals
            stabilityGradient = gradient(duals: duals, outcomes: outcomes)
            progress?(bestBound, bestPlan?.objective)
        }
        return bound
    }

    /// Column generation on the street blocks (`BlockWarmStart`) for `DecompositionOptions.blockShare`
    /// of the time left, its alliances into the master, then one root pricing round at its
    /// prices; when that bound is the best so far, subgradient steps from there follow.
    private func warmUp(until deadline: Date) throws {
        guard !mustStop(deadline) else { return }
        let blockDeadline = Date().addingTimeInterval(max(0, deadline.timeIntervalSinceNow) * min(options.blockShare, 1))
        let best = bestPlan?.plan
        guard let warm = options.phases.run("block column generation", {
            BlockWarmStart.compute(problem, data: data, initialPlan: best, deadline: blockDeadline,
                                   threads: options.threads, smoothing: options.smoothing,
                                   cancellation: options.cancellation)
        }) else { return }
        warmStart = warm
        try master.add(warm.columns)
        guard !mustStop(deadline) else { return }
        let before = bestBound
        let pricingStart = Date()
        let outcomes = try price(at: warm.duals, active: [Bool](repeating: true, count: problem.communityCount),
                                 until: deadline)
        let bound = record(duals: warm.duals, outcomes: outcomes)
        let columns = outcomes.flatMap(\.columns)
        options.roundLog?(DecompositionRound(
            root: true, alpha: 1, subgradientStep: false, bound: bound, bestBound: bestBound, masterLP: rootLP ?? .nan,
            priced: problem.communityCount, unproven: outcomes.filter { !$0.proven }.count,
            entering: columns.count, seconds: Date().timeIntervalSince(pricingStart)))
        try master.add(columns)
        if bestBound < before { subgradientSteps = true }
    }

    // MARK: Subgradient steps

    /// count_o − t_o at the stability center: how many communities' best alliances use unit o,
    /// minus the t_o ∈ [lower, upper] that attains max(π_o·lower, π_o·upper). It is a
    /// subgradient of the Lagrangian bound with its sign flipped, so a small step along it lowers
    /// the bound.
    var stabilityGradient: [Double]? = nil
    /// Polyak step factor θ, halved whenever a subgradient step fails to improve the bound.
    var subgradientFactor = 1.0

    private func gradient(duals: [Double], outcomes: [PricingOutcome]) -> [Double] {
        var count = [Double](repeating: 0, count: problem.unitCount)
        for outcome in outcomes {
            for u in outcome.columns.first?.units ?? [] { count[u] += 1 }
        }
        return count.indices.map { u in
            let lower = Double(data.unitLower[u]), upper = Double(data.unitUpper[u])
            let t = duals[u] > 0 ? upper : duals[u] < 0 ? lower : min(max(count[u], lower), upper)
            return count[u] - t
        }
    }

    /// π_stab + θ·(bound − best plan)/‖g‖²·g (a Polyak step), or nil without a stability
    /// center, a plan or a nonzero gradient.
    private func subgradientPoint() -> [Double]? {
        guard let stability, let g = stabilityGradient, let target = bestPlan?.objective,
              subgradientFactor > 1e-3 else { return nil }
        let norm = g.reduce(0) { $0 + $1 * $1 }
        let gap = bestBound - target
        guard norm > 0, gap > 0 else { return nil }
        let step = subgradientFactor * gap / norm
        return stability.indices.map { stability[$0] + step * g[$0] }
    }

    /// Root column generation until the Dantzig–Wolfe bound is reached or `deadline`.
    func rootColumnGeneration(until deadline: Date) throws {
        let free = [Int?](repeating: nil, count: problem.communityCount)
        var (lp, end) = (nil as RestrictedMaster.LPSolution?, GenerationEnd.stopped)
        var again = true
        if options.blockShare > 0 {
            // One round first: the warm start only runs when it leaves a wide gap.
            (lp, end) = try generate(until: deadline, root: true, fixed: free, maxIterations: 1)
            let gap = bestBound - (rootLP ?? -.infinity)
            if options.warmStartGap < 0 || (end != .optimal && !(gap <= options.warmStartGap * max(1, abs(bestBound)))) {
                try warmUp(until: deadline)
            } else {
                again = end != .optimal
            }
        }
        if again { (lp, end) = try generate(until: deadline, root: true, fixed: free, maxIterations: .max) }
        converged = end == .optimal && (lp?.artificial ?? 1) <= 1e-9
        rootSupport = lp.map { lp in lp.weights.indices.filter { lp.weights[$0] > 1e-9 } } ?? []
    }

    /// For every community, the master's alliance with the largest value(P) − π(P) (a start
    /// for its pricing MIP), or `nil` when it has none yet.
    private func bestStarts(duals: [Double]) -> [[Int]?] {
        var best = [Double](repeating: -.infinity, count: problem.communityCount)
        var starts = [[Int]?](repeating: nil, count: problem.communityCount)
        for (j, column) in master.columns.enumerated() where master.fixings[j] != 0 {
            let reduced = column.value - column.units.reduce(0) { $0 + duals[$1] }
            if reduced > best[column.community] {
                best[column.community] = reduced
                starts[column.community] = column.units
            }
        }
        return starts
    }

    // MARK: Plans

    /// Fixes alliances the LP chooses — every whole one, else the largest fraction — and
    /// re-generates columns after each fixing, until every community has one. A fixing that
    /// makes the LP infeasible is undone and that alliance excluded (a few times at most).
    func dive(until deadline: Date) throws {
        let nC = problem.communityCount
        var fixed = [Int?](repeating: nil, count: nC)
        var lastBatch: [Int] = []
        var backtracks = 0
        let start = Date()
        defer { try? master.unfixAll() }
        while !mustStop(deadline) {
            // Exact pricing (much better plans) unless, at the pace so far, the dive would not
            // finish in time; then local-search pricing only.
            let done = fixed.filter { $0 != nil }.count
            let pace = Date().timeIntervalSince(start) / Double(max(done, 1))
            let exact = done == 0 || pace * Double(nC - done) < deadline.timeIntervalSinceNow
            let (solution, _) = try generate(until: deadline, root: false, fixed: fixed, maxIterations: 50,
                                             heuristic: true, exact: exact)
            guard let lp = solution else { return }
            if lp.artificial > 1e-6 {
                guard !lastBatch.isEmpty, backtracks < 5 else { return }
                backtracks += 1
                for j in lastBatch {
                    try master.unfix(j)
                    fixed[master.columns[j].community] = nil
                }
                try master.fix(lastBatch[0], to: 0)
                lastBatch = []
                continue
            }
            if !fixed.contains(nil) {
                if let (plan, objective) = plan(from: fixed.map { $0! }) {
                    diveObjective = objective
                    offer(plan, objective: objective, source: .dive)
                }
                return
            }
            var batch: [Int] = []
            var largest: (j: Int, weight: Double, value: Double)? = nil
            for (j, weight) in lp.weights.enumerated() where weight > 1e-9 {
                let c = master.columns[j].community
                guard fixed[c] == nil else { continue }
                if weight >= 0.99 && !batch.contains(where: { master.columns[$0].community == c }) {
                    batch.append(j)
                }
                let value = master.columns[j].value
                if largest == nil || (weight, value) > (largest!.weight, largest!.value) {
                    largest = (j, weight, value)
                }
            }
            if batch.isEmpty, let largest { batch = [largest.j] }
            guard !batch.isEmpty else { return }
            for j in batch {
                try master.fix(j, to: 1)
                fixed[master.columns[j].community] = j
            }
            lastBatch = batch
        }
    }

    /// The restricted master as a MIP over every generated alliance, with the known plans whose
    /// alliances are all in the master offered as incumbents.
    func masterMIP(timeLimit: Double) throws {
        guard timeLimit > 0.01, !options.cancellation.isCancelled, !planProven else { return }
        let nC = problem.communityCount
        let incumbents: [[Int]] = plans.compactMap { entry in
            var choice: [Int] = []
            for c in 0..<nC {
                guard let j = master.index(of: c, units: entry.plan.units(of: c)) else { return nil }
                choice.append(j)
            }
            return choice
        }
        guard let solution = try master.solveMIP(timeLimit: timeLimit, incumbents: incumbents,
                                                 stop: options.cancellation.stopRequest) else { return }
        masterMIPObjective = solution.objective
        masterMIPProven = solution.proven
        if let (plan, objective) = plan(from: solution.choice) {
            offer(plan, objective: objective, source: .masterMIP)
        }
    }
}
