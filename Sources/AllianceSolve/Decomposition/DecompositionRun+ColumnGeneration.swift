/// Column generation of `DecompositionRun`: the loop of master LP and pricing rounds (`generate`),
/// root column generation with its street-block warm start, and the Lagrangian bound of each
/// root round. Where root rounds price is `Stabilization`'s business.

import AllianceModel
import Foundation
import GLPK

/// How `DecompositionRun.generate` prices.
enum GenerationMode: Equatable {
    /// Root column generation: nothing fixed; every community is priced by its pricing MIP at
    /// smoothed duals (or a subgradient step), and every round that bounds every community may
    /// improve the proven bound.
    case root
    /// A dive step: the unfixed communities are priced at the master's own duals, by local search
    /// first and by their pricing MIPs only when it finds no entering alliance.
    case dive
    /// A dive step short of time: local search only; when it finds no entering alliance,
    /// generation stops.
    case heuristicDive

    /// Whether rounds are root rounds (smoothed, bounding).
    var isRoot: Bool { self == .root }
    /// Whether local-search pricing runs before the pricing MIPs.
    var heuristicFirst: Bool { self != .root }
    /// Whether the pricing MIPs run (when local search found nothing).
    var exactPricing: Bool { self != .heuristicDive }
}

/// How a call of `DecompositionRun.generate` ended.
enum GenerationEnd {
    /// Exact pricing at the LP duals found no entering alliance (or the root gap closed).
    case optimal
    /// Time or the iteration cap ran out.
    case stopped
}

extension DecompositionRun {
    // MARK: Column generation

    /// Column generation with the master's current fixings. At the root (nothing fixed) every
    /// pricing round that bounds every community updates the proven bound, and pricing is
    /// smoothed; in a dive only the unfixed communities are priced, without smoothing.
    ///
    /// `exactFirst` makes the first root round exact, at the first master's duals, with its
    /// pricing MIPs sharing `TimePlan.probeRoundShare` of the time left so that it bounds: the
    /// block warm start's probe on huge districts, where that bound decides the warm start and
    /// is the first stability center. `sliced` false lets those MIPs run to optimality instead.
    func generate(until deadline: Deadline, mode: GenerationMode, fixed: [Int?], maxIterations: Int,
                  exactFirst: Bool = false, sliced: Bool = true) throws -> (RestrictedMaster.LPSolution?, GenerationEnd) {
        let root = mode.isRoot
        let active = fixed.map { $0 == nil }
        var last: RestrictedMaster.LPSolution? = nil
        var count = 0
        // Root rounds priced by local search alone since the last exact round.
        var heuristicStreak = exactFirst ? options.rootHeuristicRounds : 0
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
            let rootHeuristic = root && heuristicStreak < options.rootHeuristicRounds
            if mode.heuristicFirst || rootHeuristic {
                // Cheap local-search pricing first; the exact MIPs only when it finds nothing.
                let starts = bestStarts(duals: lp.prices)
                var entering: [AllianceColumn] = []
                for c in 0..<problem.communityCount where active[c] {
                    // One community's search can take a while on large instances.
                    if mustStop(deadline) { return (lp, .stopped) }
                    guard let start = starts[c] else { continue }
                    let (units, score) = data.improveAlliance(community: c, from: start, duals: lp.prices)
                    if score - lp.communityDuals[c] > 1e-9 {
                        entering.append(AllianceColumn(community: c, units: units,
                                                       value: data.value(community: c, units: units)))
                    }
                }
                heuristicRounds += 1
                if try master.add(entering) > 0 {
                    if root { heuristicStreak += 1 }
                    continue
                }
                if !mode.exactPricing { return (lp, .stopped) }
            }
            heuristicStreak = 0
            var misprices = 0
            // Tolerant (or sliced) pricing proves no LP optimal: before `.optimal`, one exact round.
            var exact = false
            while true {
                let alpha = stabilization.alpha(smoothing: root ? rootSmoothing : 0, misprices: misprices)
                let subgradientPoint = root && misprices == 0 && subgradientSteps
                    ? stabilization.subgradientPoint(bound: bestBound, target: bestPlan?.objective) : nil
                // With a change limit ρ is projected onto ρ ≥ 0, where the bound is valid.
                let duals = data.projected(subgradientPoint ?? stabilization.smoothed(lp.prices, alpha: alpha))
                let pricingStart = deadline.clock()
                let tolerance = root && !exact ? pricingTolerance(masterLP: lp.objective, active: active) : 0
                let slice = exactFirst && sliced && !exact && !bestBound.isFinite ? probeSlice(deadline: deadline, active: active) : nil
                let outcomes = try price(at: duals, active: active, until: deadline, tolerance: tolerance,
                                         communitySeconds: slice)
                var roundBound: Double? = nil
                if root, let bound = record(duals: duals, outcomes: outcomes) {
                    roundBound = bound
                    if subgradientPoint != nil && bound >= bestBound { stabilization.halveStep() }
                }
                // Not at α = 0: the first round (no center yet) would then pull α down from the
                // start, and M uneven's root took 24.9 s instead of 18.9 s (EXPERIMENTS.md). Once
                // adaptation lowers α to 0 it stays there: on S/M that happens in the root's last
                // few rounds, which then price at the master's duals as exact rounds do anyway.
                if root && options.adaptiveSmoothing && misprices == 0 && subgradientPoint == nil && alpha > 0 {
                    adaptSmoothing(alpha: alpha, duals: duals, lpDuals: lp.prices, outcomes: outcomes)
                }

                var entering: [AllianceColumn] = []
                for outcome in outcomes {
                    for column in outcome.columns {
                        let reduced = data.score(community: column.community, units: column.units,
                                                 value: column.value, duals: lp.prices)
                            - lp.communityDuals[column.community]
                        if reduced > 1e-9 { entering.append(column) }
                    }
                }
                options.roundLog?(DecompositionRound(
                    root: root, alpha: alpha, subgradientStep: subgradientPoint != nil, bound: roundBound,
                    bestBound: bestBound, masterLP: lp.objective,
                    priced: active.filter { $0 }.count,
                    unproven: outcomes.filter { active[$0.community] && !$0.proven }.count,
                    entering: entering.count, seconds: (deadline.clock() - pricingStart).seconds))
                if try master.add(entering) > 0 { break }
                // Pricing cut short proves nothing.
                if mustStop(deadline) { return (lp, .stopped) }
                if alpha == 0 {
                    // Neither a tolerant nor a sliced round proves the master LP optimal.
                    if tolerance > 0 || (slice != nil && outcomes.contains { active[$0.community] && !$0.proven }) {
                        exact = true
                        continue
                    }
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

    /// Auto-adaptive smoothing after a root round priced at `alpha` (`Stabilization.adaptedAlpha`),
    /// from the best alliance each community's pricing found at `duals`; nothing when some
    /// community found none or with a change limit.
    func adaptSmoothing(alpha: Double, duals: [Double], lpDuals: [Double], outcomes: [PricingOutcome]) {
        guard !data.changeLimited, outcomes.count == problem.communityCount,
              outcomes.allSatisfy({ !$0.columns.isEmpty }) else { return }
        let gradient = Stabilization.gradient(duals: duals, alliances: outcomes.map { $0.columns[0].units },
                                              lower: data.unitLower, upper: data.unitUpper)
        rootSmoothing = stabilization.adaptedAlpha(alpha, gradient: gradient, lpDuals: lpDuals)
    }

    /// One pricing round of the `active` communities at `duals`, counted in `pricingRounds` and
    /// `pricingSeconds`. Throws `SolveError.infeasible` when a pricing MIP proved its community
    /// has no alliance.
    func price(at duals: [Double], active: [Bool], until deadline: Deadline, tolerance: Double = 0,
               communitySeconds: Double? = nil) throws -> [PricingOutcome] {
        let start = deadline.clock()
        var round = PricingRound(duals: duals, starts: bestStarts(duals: duals), active: active, deadline: deadline,
                                 cancellation: options.cancellation)
        round.tolerance = tolerance
        round.communitySeconds = communitySeconds
        let outcomes = try pool.price(round)
        pricingSeconds += (deadline.clock() - start).seconds
        pricingRounds += 1
        if let infeasible = outcomes.first(where: { $0.bound == -.infinity }) {
            throw SolveError.infeasible([InfeasibilityReason(
                Message.communityHasNoAlliance(community: problem.communities[infeasible.community].id).text)])
        }
        return outcomes
    }

    /// Seconds each community's pricing MIP may take in the warm-start probe (and in the round at
    /// the street blocks' prices after the warm start): the threads share
    /// `TimePlan.probeRoundShare` of the time left equally among the priced communities (at least
    /// `TimePlan.probeMinimumSeconds` each), so the round ends with a bound even where pricing at
    /// the first master's duals is hard.
    func probeSlice(deadline: Deadline, active: [Bool]) -> Double {
        let priced = Double(max(1, active.filter { $0 }.count))
        return max(TimePlan.probeMinimumSeconds,
                   TimePlan.probeRoundShare * deadline.remaining * Double(max(1, options.threads)) / priced)
    }

    /// How far (absolute) each community's pricing MIP may stop short of its optimum in a root
    /// round: `DecompositionOptions.pricingTolerance` of the gap between the best bound and the
    /// master LP, shared among the priced communities, so a round's bound loses at most that
    /// share of the gap. 0 before the first bound (the gap is unknown) or when the option is 0.
    func pricingTolerance(masterLP: Double, active: [Bool]) -> Double {
        let share = options.pricingTolerance
        guard share > 0, bestBound.isFinite, bestBound > masterLP else { return 0 }
        return share * (bestBound - masterLP) / Double(max(1, active.filter { $0 }.count))
    }

    /// The Lagrangian bound of a root pricing round at `duals` (nil when some community ended
    /// without a bound); a new best bound becomes the stability center and is reported.
    ///
    /// With a change limit the outcomes' bounds include −ρ·changes_c, and ρ ≥ 0 (`duals` are
    /// projected) prices the change row: for a plan with Σ_c changes_c ≤ N − |F∖A| = cap,
    /// Σ_c value ≤ Σ_c [value − π·usage − ρ·changes_c] + Σ_o π_o·t_o + ρ·cap, so ρ·cap is added.
    func record(duals: [Double], outcomes: [PricingOutcome]) -> Double? {
        guard outcomes.allSatisfy({ $0.bound != nil }) else { return nil }
        var bound = outcomes.reduce(0) { $0 + $1.bound! }
        for u in 0..<problem.unitCount {
            bound += max(duals[u] * Double(data.unitLower[u]), duals[u] * Double(data.unitUpper[u]))
        }
        let rho = data.changeDual(duals)
        precondition(rho >= 0, "the change row's price must be projected onto ρ ≥ 0")
        if data.changeLimited { bound += rho * data.changeCapacity }
        if bound < bestBound {
            bestBound = bound
            bestBoundMargin = outcomes.reduce(0) { $0 + $1.margin }
            let alliances = outcomes.map { $0.columns.first?.units ?? [] }
            var gradient = Stabilization.gradient(
                duals: data.changeLimited ? Array(duals.prefix(problem.unitCount)) : duals,
                alliances: alliances, lower: data.unitLower, upper: data.unitUpper)
            if data.changeLimited {
                // Σ_c changes_c − cap, the bound's subgradient in ρ with its sign flipped (like
                // the units'): a step along it raises ρ when the best alliances change too much.
                let changes = outcomes.reduce(0) { total, outcome in
                    total + data.changes(community: outcome.community, units: outcome.columns.first?.units ?? [])
                }
                var g = Double(changes) - data.changeCapacity
                // At ρ = 0 a step cannot go below 0: its component is 0 then.
                if rho == 0 && g < 0 { g = 0 }
                gradient.append(g)
            }
            stabilization.moveCenter(to: duals, gradient: gradient)
            progress?(bestBound, bestPlan?.objective)
        }
        return bound
    }

    /// Column generation on the street blocks (`BlockWarmStart`) for `DecompositionOptions.blockShare`
    /// of the time left, its alliances into the master, then one root pricing round at its
    /// prices, sliced like the probe (`probeSlice`) so that it ends with a bound whatever the
    /// prices; when that bound is the best so far, subgradient steps from there follow. Unsliced,
    /// that round took 102 s of XL uneven's 148 s of root time and bounded nothing.
    func warmUp(until deadline: Deadline) throws {
        guard !mustStop(deadline) else { return }
        let blockDeadline = deadline.share(options.blockShare)
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
        let pricingStart = deadline.clock()
        let all = [Bool](repeating: true, count: problem.communityCount)
        let outcomes = try price(at: warm.duals, active: all, until: deadline,
                                 communitySeconds: probeSlice(deadline: deadline, active: all))
        let bound = record(duals: warm.duals, outcomes: outcomes)
        let columns = outcomes.flatMap(\.columns)
        options.roundLog?(DecompositionRound(
            root: true, alpha: 1, subgradientStep: false, bound: bound, bestBound: bestBound, masterLP: rootLP ?? .nan,
            priced: problem.communityCount, unproven: outcomes.filter { !$0.proven }.count,
            entering: columns.count, seconds: (deadline.clock() - pricingStart).seconds))
        try master.add(columns)
        if bestBound < before { subgradientSteps = true }
    }

    /// Root column generation until the Dantzig–Wolfe bound is reached or `deadline`.
    func rootColumnGeneration(until deadline: Deadline) throws {
        let free = [Int?](repeating: nil, count: problem.communityCount)
        var (lp, end) = (nil as RestrictedMaster.LPSolution?, GenerationEnd.stopped)
        var again = true
        // The street blocks know no change limit (their prices would have no ρ): off with one.
        if options.blockShare > 0 && !data.changeLimited {
            // One exact round first, at the first master's duals: the warm start only runs when
            // its bound leaves a wide gap (no bound at all counts as wide). With local-search
            // rounds first, the XL benchmark's first bound came after them and it ended at 4.66 %
            // after 60 s instead of 0.51 % (benchmarks/EXPERIMENTS.md, "The first root round").
            (lp, end) = try generate(until: deadline, mode: .root, fixed: free, maxIterations: 1, exactFirst: true)
            let gap = bestBound - (rootLP ?? -.infinity)
            let wide = !gap.isFinite || gap > options.warmStartGap * max(1, abs(bestBound))
            if options.warmStartGap < 0 || (end != .optimal && wide) {
                try warmUp(until: deadline)
            } else {
                again = end != .optimal
            }
        } else if options.exactFirstRound {
            (lp, end) = try generate(until: deadline, mode: .root, fixed: free, maxIterations: 1,
                                     exactFirst: true, sliced: false)
            again = end != .optimal
        }
        if again { (lp, end) = try generate(until: deadline, mode: .root, fixed: free, maxIterations: .max) }
        converged = end == .optimal && (lp?.artificial ?? 1) <= 1e-9
        rootSupport = lp.map { lp in lp.weights.indices.filter { lp.weights[$0] > 1e-9 } } ?? []
    }

    /// For every community, the master's alliance with the largest value(P) − π(P) (− ρ·changes
    /// with a change limit) (a start for its pricing MIP), or `nil` when it has none yet.
    func bestStarts(duals: [Double]) -> [[Int]?] {
        var best = [Double](repeating: -.infinity, count: problem.communityCount)
        var starts = [[Int]?](repeating: nil, count: problem.communityCount)
        for (j, column) in master.columns.enumerated() where master.fixings[j] != 0 {
            let reduced = data.score(community: column.community, units: column.units, value: column.value, duals: duals)
            if reduced > best[column.community] {
                best[column.community] = reduced
                starts[column.community] = column.units
            }
        }
        return starts
    }
}
