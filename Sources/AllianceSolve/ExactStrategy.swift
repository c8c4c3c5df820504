import AllianceModel
import Foundation
import GLPK

/// The optimum of MODEL.md, proven — or, when the time limit comes first, the best plan found
/// with a proven bound on how much better any plan could be.
///
/// Four phases, each handing its best plan to the next:
/// 1. local search (`LocalSearchStrategy`; on large instances the street decomposition,
///    `StreetStrategy`): a good plan within a second;
/// 2. column generation by community (`CommunityDecomposition`): a bound much stronger than the
///    LP relaxation, and plans from diving and the restricted master MIP; on very large
///    districts warmed up street block by street block (`blockWarmStartThreshold`);
/// 3. polishing the best plan by local search with many perturbation rounds: on large
///    instances neither column generation nor branch-and-cut improves plans much, and this does
///    (150 × 600: benchmarks/EXPERIMENTS.md, "Column generation on 150 × 600 and 600 × 2400");
///    on large districts, when `TimePlan.largeNeighbourhoodShare` is set (off by default), then
///    re-solving neighbourhoods of communities exactly (`NeighbourhoodSearch`);
/// 4. GLPK branch-and-cut on the compact model, warm-started with the best plan, until the
///    optimum is proven or the time is up.
///
/// Re-planning (MODEL.md, "Re-planning"): pins are `allowed` and `fixed` pairs and pinned leads
/// (`Problem.pinnedLead`), which every phase honours as it honours pairs.csv. The start plan
/// (`SolveSettings.startPlan`, see `StartingPoint.resolve`; `initialPlan` wins over it) is the first
/// incumbent, so the result is never worse; the heuristic phase starts from it. The change limit
/// (`Problem.maxChanges`) is kept by the local searches (`SearchState`), by the street phase
/// (which then only improves the start plan) and by branch-and-cut (`StageOneModel`'s change
/// row, warm-started with an incumbent that keeps it: `Incumbent` takes only plans the evaluator
/// finds feasible) and by column generation (its restricted master has the change row, pricing
/// prices it, so its bound is the restricted model's; the street blocks' warm start is off with
/// a change limit). The start plan seeds the decomposition's master like any incumbent.
/// The reported bound is the smaller of the two proven bounds (decomposition, branch-and-cut).
/// The result is `optimal` when branch-and-cut finished with a zero gap, or when the
/// decomposition's bound already equals the best plan's objective (within 1e-9 relative). With a
/// requested gap (`SolveSettings.relativeGap`), the solve ends as soon as the decomposition's
/// bound proves the plan within it (inside the decomposition, or after it or the polishing).
public struct ExactStrategy: Strategy {
    public let name = "exact"
    /// A plan to start from (must satisfy every rule); when nil, the local search provides one.
    public var initialPlan: Plan?
    /// How the time limit is divided between the phases (all the shares, documented there).
    public var timePlan: TimePlan
    /// Threads for the decomposition's pricing problems.
    public var threads: Int
    /// Perturbation rounds of the polishing local search.
    public static let polishRounds = 1000
    /// The decomposition's dual smoothing factor (`DecompositionOptions.smoothing`).
    public var smoothing = DecompositionOptions().smoothing
    /// The decomposition's tolerant root pricing (`DecompositionOptions.pricingTolerance`).
    public var pricingTolerance = DecompositionOptions().pricingTolerance
    /// The decomposition's exact first root round below the block warm start's size
    /// (`DecompositionOptions.exactFirstRound`).
    public var exactFirstRound = DecompositionOptions().exactFirstRound
    /// The decomposition's auto-adaptive smoothing (`DecompositionOptions.adaptiveSmoothing`).
    public var adaptiveSmoothing = DecompositionOptions().adaptiveSmoothing

    /// From this many communities on, column generation may warm up street block by street
    /// block (`DecompositionOptions.blockShare`: `TimePlan.hugeBlockShare` of its root time, when
    /// its first round leaves a gap above `DecompositionOptions.warmStartGap`): it then prices the
    /// whole district at the blocks' unit prices and takes subgradient steps from there; the
    /// dive and the master MIP get `TimePlan.hugePlanShare` of its time instead of
    /// `DecompositionOptions.planShare`. On the 600 × 2400 district one pricing round takes
    /// 10–20 s and the first bound, at the master's duals, was 6.5418; at the blocks' prices it
    /// is 6.3290, and two subgradient steps take it to 6.3050 (the plan: 6.2161), while the dive
    /// and the master MIP never improved the plan there. On 150 × 600 the blocks' prices were
    /// worse than the master's (1.9197 against 1.8458); sizes in between were not measured
    /// (benchmarks/EXPERIMENTS.md, "Column generation warmed up by street blocks").
    public static let blockWarmStartThreshold = 300

    /// From this many communities on, the first phase is the street decomposition
    /// (`StreetStrategy`) instead of plain local search, and the decomposition and the polishing
    /// get `TimePlan.largeDecompositionShare` and `TimePlan.largePolishShare`: on large districts
    /// one local search over every unit–community pair is slow, and a plan built block by block
    /// and then coordinated is better at the same time share. Measured on 600 × 2400 (60 s:
    /// 5.1045 → 5.1155, and a proven bound) and 150 × 600 (60 s: 2.2139 → 2.2164); smaller
    /// instances were not measured, and there local search finishes its rounds within its share
    /// anyway (benchmarks/EXPERIMENTS.md, "Street decomposition").
    public static let streetDecompositionThreshold = 100

    public init(initialPlan: Plan? = nil, heuristicShare: Double = TimePlan().heuristicShare,
                decompositionShare: Double = TimePlan().decompositionShare,
                threads: Int = 2, polishShare: Double = TimePlan().polishShare) {
        self.initialPlan = initialPlan
        self.timePlan = TimePlan()
        self.threads = threads
        timePlan.heuristicShare = heuristicShare
        timePlan.decompositionShare = decompositionShare
        timePlan.polishShare = polishShare
    }

    /// The outcome's `statistics` tell where the bound and the plan came from: the column
    /// generation's bound, last master LP value, convergence, rounds, columns and phase seconds
    /// (`cg_…`), branch-and-cut's bound (`bc_bound`) and each phase's seconds (`phase_…`).
    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        var statistics: [String: Double] = [:]
        var outcome = try settings.open(problem) { run in try solvePhases(problem, run: run, statistics: &statistics) }
        outcome.statistics = statistics
        return outcome
    }

    private func solvePhases(_ problem: Problem, run: SolveRun, statistics: inout [String: Double]) throws -> SolveOutcome {
        let settings = run.settings, deadline = run.deadline, total = deadline.total
        let start = initialPlan == nil ? StartingPoint.resolve(problem, settings: settings) : nil
        var incumbent = Incumbent(problem: problem, plan: initialPlan ?? start)
        let reporter = run.progress
        if start != nil { reporter.report(incumbent: incumbent.objective, bound: nil) }
        let large = problem.communityCount >= Self.streetDecompositionThreshold
        let heuristicShare = timePlan.heuristicShare
        let decompositionShare = timePlan.decompositionShare(communities: problem.communityCount)
        let polishShare = timePlan.polishShare(communities: problem.communityCount)
        let phases = PhaseClock(settings: settings, deadline: deadline)

        // The heuristic phase builds the first plan; from a start plan (not from `initialPlan`)
        // it improves that one, within the change limit.
        if (initialPlan == nil || incumbent.plan == nil) && heuristicShare > 0 {
            var heuristic = settings.limited(to: max(TimePlan.heuristicMinimumSeconds, total * heuristicShare))
            heuristic.startPlan = start
            let first: any Strategy = large
                ? StreetStrategy() : LocalSearchStrategy()
            let plan = phases.run(first.name) { try? first.solve(problem, settings: heuristic).plan }
            incumbent.offer(plan)
            reporter.report(incumbent: incumbent.objective, bound: nil)
        }

        var bound: Double?
        if decompositionShare > 0 {
            var options = DecompositionOptions(threads: threads, smoothing: smoothing)
            options.pricingTolerance = pricingTolerance
            options.exactFirstRound = exactFirstRound
            options.adaptiveSmoothing = adaptiveSmoothing
            // The street blocks know no change limit: no block warm start with one.
            if problem.communityCount >= Self.blockWarmStartThreshold && problem.maxChanges == nil {
                options.blockShare = timePlan.hugeBlockShare
                options.planShare = timePlan.hugePlanShare
            }
            options.masterMIPTimeLimit = timePlan.masterMIPSeconds(total: total)
            options.cancellation = settings.cancellation
            options.planGap = settings.relativeGap
            options.phases = phases
            let until = deadline.portion(heuristicShare + decompositionShare)
            // Infeasibility is final; a numerical failure in this phase only loses its bound and
            // plans, and branch-and-cut still runs.
            let decomposition: DecompositionResult?
            do {
                decomposition = try phases.run("decomposition") {
                    try CommunityDecomposition.run(
                        problem, initialPlans: incumbent.plan.map { [$0] } ?? [], deadline: until, options: options
                    ) { [reporter] bound, plan in reporter.report(incumbent: plan, bound: bound) }
                }
            } catch let error as SolveError {
                if case .infeasible = error { throw error }
                decomposition = nil
            } catch {
                decomposition = nil
            }
            incumbent.offer(decomposition?.plan)
            if let decomposition { statistics.merge(Self.statistics(of: decomposition)) { _, new in new } }
            if let decomposition, decomposition.boundProven { bound = decomposition.bound }
            if let done = finished(incumbent, bound: bound, run: run) { return done }
        }

        if polishShare > 0, let plan = incumbent.plan {
            let until = deadline.capped(seconds: total * polishShare)
            incumbent.offer(phases.run("polish") {
                LocalSearchStrategy.improve(plan, in: problem, deadline: until,
                                            perturbationRounds: Self.polishRounds, cancellation: settings.cancellation)
            })
            reporter.report(incumbent: incumbent.objective, bound: bound)
            if let done = finished(incumbent, bound: bound, run: run) { return done }
        }

        let neighbourhoodShare = timePlan.neighbourhoodShare(communities: problem.communityCount)
        if neighbourhoodShare > 0, let plan = incumbent.plan {
            let until = deadline.capped(seconds: total * neighbourhoodShare)
            let search = NeighbourhoodSearch(threads: threads)
            let found = phases.run("neighbourhoods") {
                search.improve(plan, in: problem, deadline: until, cancellation: settings.cancellation)
            }
            statistics["lns_solved"] = Double(found.solved)
            statistics["lns_improved"] = Double(found.improved)
            incumbent.offer(found.plan)
            reporter.report(incumbent: incumbent.objective, bound: bound)
            if let done = finished(incumbent, bound: bound, run: run) { return done }
        }

        // Branch-and-cut only when there is time left for it, including for building the model
        // (seconds on large instances): a build the deadline overtakes is abandoned.
        guard deadline.remaining > TimePlan.branchAndCutMinimumSeconds,
              let model = try phases.run("model", {
                  try StageOneModel.build(problem, deadline: deadline, cancellation: settings.cancellation)
              })
        else {
            guard let plan = incumbent.plan else {
                throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
            }
            return run.outcome(.feasible, plan: plan, bound: bound)
        }
        let result = try phases.run("branch-and-cut") {
            try BranchAndCut.run(model, run: run, deadline: deadline, startPlan: incumbent.plan, phases: phases)
        }
        incumbent.offer(result.plan)
        if let bcBound = result.bound { statistics["bc_bound"] = bcBound }
        guard let plan = incumbent.plan else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
        if result.status == .optimal {
            // Proven: a plan at least as good as GLPK's optimum is optimal too.
            return run.outcome(.optimal, plan: plan, bound: result.bound, log: result.log)
        }
        let bounds = [bound, result.bound].compactMap { $0 }
        return run.outcome(.feasible, plan: plan, bound: bounds.min(), log: result.log)
    }
}

extension ExactStrategy {
    /// The decomposition's figures as `cg_…` statistics.
    static func statistics(of d: DecompositionResult) -> [String: Double] {
        var figures: [String: Double] = [
            "cg_converged": d.converged ? 1 : 0, "cg_iterations": Double(d.iterations),
            "cg_pricing_rounds": Double(d.pricingRounds), "cg_columns": Double(d.columns), "cg_seconds": d.seconds,
            "cg_root_seconds": d.rootSeconds, "cg_pricing_seconds": d.pricingSeconds, "cg_dive_seconds": d.diveSeconds,
            "cg_mip_seconds": d.mipSeconds,
        ]
        if d.boundProven { figures["cg_bound"] = d.bound }
        if let lp = d.masterLP { figures["cg_master_lp"] = lp }
        if let objective = d.planObjective { figures["cg_plan"] = objective }
        return figures
    }

    /// The outcome when the incumbent is already proven good enough by `bound`: `optimal` when
    /// it meets the bound (within 1e-9 relative), `feasible` when it is within the requested
    /// `--gap`; nil when the search must go on.
    fileprivate func finished(_ incumbent: Incumbent, bound: Double?, run: SolveRun) -> SolveOutcome? {
        guard let bound, let plan = incumbent.plan, let objective = incumbent.objective else { return nil }
        let gap = relativeGap(objective: objective, bound: max(bound, objective))
        if gap <= 1e-9 {
            return run.outcome(.optimal, plan: plan, bound: objective)
        }
        guard run.settings.relativeGap > 0, gap <= run.settings.relativeGap else { return nil }
        return run.outcome(.feasible, plan: plan, bound: bound)
    }
}

/// The best plan so far, judged by the evaluator.
private struct Incumbent {
    let problem: Problem
    private(set) var plan: Plan?
    private(set) var objective: Double?

    init(problem: Problem, plan: Plan?) {
        self.problem = problem
        offer(plan)
    }

    /// Keeps `candidate` if it breaks no rule and beats the incumbent.
    mutating func offer(_ candidate: Plan?) {
        guard let candidate else { return }
        let evaluation = Evaluator.evaluate(candidate, in: problem)
        guard evaluation.isFeasible, objective.map({ evaluation.objective > $0 }) ?? true else { return }
        plan = candidate
        objective = evaluation.objective
    }
}
