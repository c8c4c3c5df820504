/// `CommunityDecomposition`: the entry point of the Dantzig–Wolfe decomposition by community, and
/// the order of its phases (root column generation, dive, master MIP) and their time budgets. The
/// phases themselves are `DecompositionRun`'s; options and results are in their own files.

import AllianceModel
import Foundation

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
/// **Re-planning.** Pins need nothing here: they are `allowed` and `fixed` pairs, which
/// `CommunityColumns` and pricing respect, and pinned leads are chosen by `chooseLeads`. The
/// change limit (`Problem.maxChanges`) is one more linking row of the master,
/// Σ_c Σ_P changes_c(P)·z_{c,P} ≤ N − |F∖A| =: cap (changes_c counts c's allowed pairs that
/// differ from the start plan; start pairs outside the allowed set are forced changes), with
/// price ρ ≥ 0. Pricing maximizes value(P) − π(P) − ρ·changes_c(P) (linear in x), and for any
/// plan within the limit Σ_c value(P_c) ≤ Σ_c max_P [value(P) − π(P) − ρ·changes_c(P)]
/// + Σ_o max(π_o·m_o, π_o·k_o) + ρ·cap, so the bound is the restricted model's. The dive and the
/// master MIP keep the row; every plan is still judged by `Evaluator`. The street blocks' warm
/// start is off with a change limit.
///
/// **Plans.** A dive fixes alliances that the LP chooses (whole ones, else the largest
/// fraction), re-generating columns after each fixing, until every community has one; then the
/// restricted master is solved as a MIP over all generated alliances (price-and-branch), with
/// the initial plans and the dive's plan offered as incumbents.
public enum CommunityDecomposition {
    public static func run(_ problem: Problem, initialPlans: [Plan], deadline: Deadline, threads: Int = 2,
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
    public static func run(_ problem: Problem, initialPlans: [Plan], deadline: Deadline,
                           options: DecompositionOptions,
                           progress: (@Sendable (Double, Double?) -> Void)? = nil) throws -> DecompositionResult {
        let clock = deadline.clock
        let start = clock()
        // Root column generation gets all but `planShare` of the time left now.
        let rootDeadline = deadline.share(1 - min(max(options.planShare, 0), 1))
        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        let run = try DecompositionRun(problem: problem, options: options, progress: progress)
        defer { run.shutdown() }
        run.seed(initialPlans)
        try run.seedMasterColumns()

        let rootStart = clock()
        try options.phases.run("column generation") { try run.rootColumnGeneration(until: rootDeadline) }
        let rootSeconds = (clock() - rootStart).seconds

        let diveStart = clock()
        if options.dive && !run.planProven {
            // The dive ends early enough to leave the master MIP its reserve.
            let left = deadline.remaining
            let mipReserve = min(left * TimePlan.diveMasterMIPReserve, options.masterMIPTimeLimit ?? .infinity)
            let diveDeadline = deadline.capped(seconds: left - max(0, mipReserve))
            try options.phases.run("dive") { try run.dive(until: diveDeadline) }
        }
        let diveSeconds = (clock() - diveStart).seconds

        let mipStart = clock()
        let mipDeadline = options.masterMIPTimeLimit.map { deadline.capped(seconds: $0) } ?? deadline
        if !run.planProven { try options.phases.run("master MIP") { try run.masterMIP(until: mipDeadline) } }
        let mipSeconds = (clock() - mipStart).seconds

        return DecompositionResult(
            bound: run.bestBound, boundProven: run.bestBound.isFinite, boundMargin: run.bestBoundMargin,
            masterLP: run.rootLP,
            converged: run.converged, plan: run.bestPlan?.plan, planObjective: run.bestPlan?.objective,
            planSource: run.bestPlan?.source, diveObjective: run.diveObjective,
            masterMIPObjective: run.masterMIPObjective, masterMIPProven: run.masterMIPProven,
            iterations: run.iterations, pricingRounds: run.pricingRounds, columns: run.master.columns.count,
            seconds: (clock() - start).seconds, rootSeconds: rootSeconds,
            pricingSeconds: run.pricingSeconds, diveSeconds: diveSeconds, mipSeconds: mipSeconds,
            warmStartBlocks: run.warmStart?.blocks ?? 0, warmStartConverged: run.warmStart?.converged ?? 0,
            warmStartBlockBounds: run.warmStart?.blockBounds, warmStartBlockLP: run.warmStart?.blockLP,
            alliances: run.rootSupport.map { run.master.columns[$0] }, prices: run.bestBound.isFinite ? run.stabilization.center : nil)
    }
}
