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
/// 4. GLPK branch-and-cut on the compact model, warm-started with the best plan, until the
///    optimum is proven or the time is up.
/// The reported bound is the smaller of the two proven bounds (decomposition, branch-and-cut).
/// The result is `optimal` when branch-and-cut finished with a zero gap, or when the
/// decomposition's bound already equals the best plan's objective (within 1e-9 relative). With a
/// requested gap (`SolveSettings.relativeGap`), the solve ends as soon as the decomposition's
/// bound proves the plan within it (inside the decomposition, or after it or the polishing).
public struct ExactStrategy: Strategy {
    public let name = "exact"
    /// A plan to start from (must satisfy every rule); when nil, the local search provides one.
    public var initialPlan: Plan?
    /// Share of the time limit for the local search.
    public var heuristicShare: Double
    /// Share of the time limit the decomposition may use (0 turns it off).
    public var decompositionShare: Double
    /// Threads for the decomposition's pricing problems.
    public var threads: Int
    /// Share of the time limit for polishing the best plan by local search after the
    /// decomposition (`LocalSearchStrategy.improve`, at most `polishRounds` perturbation rounds);
    /// 0 turns it off.
    public var polishShare: Double
    /// Perturbation rounds of the polishing local search.
    public static let polishRounds = 1000
    /// The decomposition's and the polishing's shares on large districts (from
    /// `streetDecompositionThreshold` communities on), replacing `decompositionShare` and
    /// `polishShare` there. GLPK's root LP of the compact model alone takes longer than
    /// branch-and-cut's share of a typical time limit at that size (150 × 600: 57–79 s, glpsol
    /// 40–46 s; benchmarks/LARGE.md), so that time goes to the bound and the plan instead;
    /// branch-and-cut still gets what they leave (column generation converging early, polishing
    /// ending its rounds).
    public var largeDecompositionShare = 0.55
    public var largePolishShare = 0.3
    /// The decomposition's dual smoothing factor (`DecompositionOptions.smoothing`).
    public var smoothing = DecompositionOptions().smoothing

    /// From this many communities on, column generation may warm up street block by street
    /// block (`DecompositionOptions.blockShare`: `hugeBlockShare` of its root time, when its
    /// first round leaves a gap above `DecompositionOptions.warmStartGap`): it then prices the
    /// whole district at the blocks' unit prices and takes subgradient steps from there; the
    /// dive and the master MIP get `hugePlanShare` of its time instead of
    /// `DecompositionOptions.planShare`. On the 600 × 2400 district one pricing round takes
    /// 10–20 s and the first bound, at the master's duals, was 6.5418; at the blocks' prices it
    /// is 6.3290, and two subgradient steps take it to 6.3050 (the plan: 6.2161), while the dive
    /// and the master MIP never improved the plan there. On 150 × 600 the blocks' prices were
    /// worse than the master's (1.9197 against 1.8458); sizes in between were not measured
    /// (benchmarks/EXPERIMENTS.md, "Column generation warmed up by street blocks").
    public static let blockWarmStartThreshold = 300
    public var hugeBlockShare = 0.4
    public var hugePlanShare = 0.1

    /// From this many communities on, the first phase is the street decomposition
    /// (`StreetStrategy`) instead of plain local search: on large districts one local search over
    /// every unit–community pair is slow, and a plan built block by block and then coordinated
    /// is better at the same time share. Measured on 600 × 2400 (60 s: 5.1045 → 5.1155, and a
    /// proven bound) and 150 × 600 (60 s: 2.2139 → 2.2164); smaller instances were not
    /// measured, and there local search finishes its rounds within its share anyway
    /// (benchmarks/EXPERIMENTS.md, "Street decomposition").
    public static let streetDecompositionThreshold = 100

    public init(initialPlan: Plan? = nil, heuristicShare: Double = 0.15, decompositionShare: Double = 0.45,
                threads: Int = 2, polishShare: Double = 0.2) {
        self.initialPlan = initialPlan
        self.heuristicShare = heuristicShare
        self.decompositionShare = decompositionShare
        self.threads = threads
        self.polishShare = polishShare
    }

    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.interruptible { try solvePhases(problem, settings: settings) }
    }

    private func solvePhases(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        let start = Date()
        var incumbent = Incumbent(problem: problem, plan: initialPlan)
        let reporter = ProgressReporter(settings: settings, start: start)
        let large = problem.communityCount >= Self.streetDecompositionThreshold
        let decompositionShare = large && self.decompositionShare > 0 ? largeDecompositionShare : self.decompositionShare
        let polishShare = large && self.polishShare > 0 ? largePolishShare : self.polishShare
        let phases = PhaseClock(settings: settings, start: start)

        if incumbent.plan == nil && heuristicShare > 0 {
            var heuristic = settings
            heuristic.timeLimit = max(0.05, settings.timeLimit * heuristicShare)
            let first: any Strategy = large
                ? StreetStrategy() : LocalSearchStrategy()
            let plan = phases.run(first.name) { try? first.solve(problem, settings: heuristic).plan }
            incumbent.offer(plan)
            reporter.report(incumbent: incumbent.objective, bound: nil)
        }

        var bound: Double?
        if decompositionShare > 0 {
            var options = DecompositionOptions(threads: threads, smoothing: smoothing)
            if problem.communityCount >= Self.blockWarmStartThreshold {
                options.blockShare = hugeBlockShare
                options.planShare = hugePlanShare
            }
            options.masterMIPTimeLimit = max(1, min(30, settings.timeLimit * 0.1))
            options.cancellation = settings.cancellation
            options.planGap = settings.relativeGap
            options.phases = phases
            let deadline = start.addingTimeInterval(settings.timeLimit * (heuristicShare + decompositionShare))
            // Infeasibility is final; a numerical failure in this phase only loses its bound and
            // plans, and branch-and-cut still runs.
            let decomposition: DecompositionResult?
            do {
                decomposition = try phases.run("decomposition") {
                    try CommunityDecomposition.run(
                        problem, initialPlans: incumbent.plan.map { [$0] } ?? [],
                        deadline: Deadline(seconds: deadline.timeIntervalSinceNow), options: options
                    ) { [reporter] bound, plan in reporter.report(incumbent: plan, bound: bound) }
                }
            } catch let error as SolveError {
                if case .infeasible = error { throw error }
                decomposition = nil
            } catch {
                decomposition = nil
            }
            incumbent.offer(decomposition?.plan)
            if let decomposition, decomposition.boundProven { bound = decomposition.bound }
            if let done = finished(incumbent, bound: bound, settings: settings, start: start) { return done }
        }

        if polishShare > 0, let plan = incumbent.plan {
            let deadline = min(Date().addingTimeInterval(settings.timeLimit * polishShare),
                               start.addingTimeInterval(settings.timeLimit))
            incumbent.offer(phases.run("polish") {
                LocalSearchStrategy.improve(plan, in: problem, deadline: deadline,
                                            perturbationRounds: Self.polishRounds, cancellation: settings.cancellation)
            })
            reporter.report(incumbent: incumbent.objective, bound: bound)
            if let done = finished(incumbent, bound: bound, settings: settings, start: start) { return done }
        }

        // Branch-and-cut only when there is time left for it, including for building the model
        // (seconds on large instances): a build the deadline overtakes is abandoned.
        let deadline = start.addingTimeInterval(settings.timeLimit)
        guard deadline.timeIntervalSinceNow > 0.05,
              let model = try phases.run("model", {
                  try StageOneModel.build(problem, deadline: deadline, cancellation: settings.cancellation)
              })
        else {
            guard let plan = incumbent.plan else {
                throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
            }
            return SolveOutcome(status: .feasible, plan: plan, bound: bound,
                                solveSeconds: Date().timeIntervalSince(start))
        }
        let remaining = settings.timeLimit - Date().timeIntervalSince(start)
        let result = try phases.run("branch-and-cut") {
            try BranchAndCut.run(model, settings: settings, timeLimit: max(0.01, remaining),
                                 startPlan: incumbent.plan, started: start, phases: phases)
        }
        incumbent.offer(result.plan)
        guard let plan = incumbent.plan else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
        if result.status == .optimal {
            // Proven: a plan at least as good as GLPK's optimum is optimal too.
            return SolveOutcome(status: .optimal, plan: plan, bound: result.bound,
                                solveSeconds: Date().timeIntervalSince(start), log: result.log)
        }
        let bounds = [bound, result.bound].compactMap { $0 }
        return SolveOutcome(status: .feasible, plan: plan, bound: bounds.min(),
                            solveSeconds: Date().timeIntervalSince(start), log: result.log)
    }
}

extension ExactStrategy {
    /// The outcome when the incumbent is already proven good enough by `bound`: `optimal` when
    /// it meets the bound (within 1e-9 relative), `feasible` when it is within the requested
    /// `--gap`; nil when the search must go on.
    fileprivate func finished(_ incumbent: Incumbent, bound: Double?, settings: SolveSettings,
                              start: Date) -> SolveOutcome? {
        guard let bound, let plan = incumbent.plan, let objective = incumbent.objective else { return nil }
        let gap = relativeGap(objective: objective, bound: max(bound, objective))
        if gap <= 1e-9 {
            return SolveOutcome(status: .optimal, plan: plan, bound: objective,
                                solveSeconds: Date().timeIntervalSince(start))
        }
        guard settings.relativeGap > 0, gap <= settings.relativeGap else { return nil }
        return SolveOutcome(status: .feasible, plan: plan, bound: bound, solveSeconds: Date().timeIntervalSince(start))
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

/// Forwards progress at most once per interval.
private final class ProgressReporter: @unchecked Sendable {
    private let settings: SolveSettings
    private let start: Date
    private let lock = NSLock()
    private var last = -Double.infinity

    init(settings: SolveSettings, start: Date) {
        self.settings = settings
        self.start = start
    }

    /// Reports a snapshot; a bound that is not finite (none proven yet) is reported as none.
    func report(incumbent: Double?, bound: Double?) {
        guard let progress = settings.progress else { return }
        let bound = bound.flatMap { $0.isFinite ? $0 : nil }
        lock.lock()
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed - last >= settings.progressInterval else { lock.unlock(); return }
        last = elapsed
        lock.unlock()
        progress(SolveProgress(elapsedSeconds: elapsed, incumbent: incumbent, bound: bound,
                               gap: incumbent.flatMap { i in bound.map { relativeGap(objective: i, bound: max($0, i)) } }))
    }
}
