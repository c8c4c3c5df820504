import AllianceModel

/// One strategy's solve in progress: its time budget, started once from `SolveSettings.timeLimit`
/// on `SolveSettings.clock`, and its throttled progress reports. Every strategy gets one from
/// `SolveSettings.open(_:prechecks:_:)`, the opening they all share, so that none repeats the
/// pre-checks, the interruption handling, the clock or the throttling.
struct SolveRun: Sendable {
    /// The settings the strategy was called with.
    let settings: SolveSettings
    /// The whole solve's budget: every phase gets a share of it (`TimePlan`), and `solveSeconds`
    /// is its `elapsed`.
    let deadline: Deadline
    /// Progress reports to `settings.progress`, at most one per `settings.progressInterval`.
    let progress: ProgressThrottle

    init(settings: SolveSettings) {
        self.settings = settings
        self.deadline = Deadline(seconds: settings.timeLimit, clock: settings.clock)
        self.progress = ProgressThrottle(settings: settings, deadline: deadline)
    }

    var cancellation: CancellationFlag { settings.cancellation }

    /// The strategy's answer, timed from the start of the solve.
    func outcome(_ status: SolveStatus, plan: Plan?, bound: Double? = nil, log: String = "") -> SolveOutcome {
        SolveOutcome(status: status, plan: plan, bound: bound, solveSeconds: deadline.elapsed, log: log)
    }
}

extension SolveSettings {
    /// The opening every strategy shares: starts the solve's `Deadline`, runs the pre-checks
    /// (unless the strategy leaves them to a callee that runs them itself), then the search,
    /// marked by `interruptible` when the solve is cancelled. The deadline starts before the
    /// pre-checks, so the time limit covers them too.
    func open(_ problem: Problem, prechecks: Bool = true,
              _ search: (SolveRun) throws -> SolveOutcome) throws -> SolveOutcome {
        try interruptible {
            let run = SolveRun(settings: self)
            if prechecks { try Prechecks.require(problem) }
            return try search(run)
        }
    }

    /// A copy for a sub-search (a phase, a block) limited to `seconds`, keeping the clock and the
    /// cancellation flag.
    func limited(to seconds: Double) -> SolveSettings {
        var settings = self
        settings.timeLimit = seconds
        return settings
    }
}

extension Prechecks {
    /// Throws `SolveError.infeasible` with the reasons when a pre-check fails.
    static func require(_ problem: Problem) throws {
        let reasons = run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
    }
}

/// Forwards progress snapshots to `SolveSettings.progress` at most once per
/// `SolveSettings.progressInterval` (the first always), timed by a `Deadline`'s `elapsed`; the
/// one throttle behind every strategy's reports (local search, `exact`'s phases, branch-and-cut).
/// Safe from any thread (the decomposition reports from its pricing threads' caller).
///
/// A snapshot carries the best incumbent (highest) and the best bound (lowest) reported so far,
/// not only the latest report's: every phase's bound is proven for the same problem, and
/// branch-and-cut's own bound starts far above the decomposition's (M uneven: 1.62 after a
/// converged 1.528), so the bar and the workbench's figures would otherwise jump back.
final class ProgressThrottle: Sendable {
    private let sink: (@Sendable (SolveProgress) -> Void)?
    private let interval: Double
    private let deadline: Deadline
    /// `elapsed` of the last report passed on, and the best values reported so far (passed on
    /// or not).
    private let state = Locked<(last: Double, incumbent: Double?, bound: Double?)>((-Double.infinity, nil, nil))

    init(settings: SolveSettings, deadline: Deadline) {
        self.sink = settings.progress
        self.interval = settings.progressInterval
        self.deadline = deadline
    }

    /// Whether anyone listens; callers skip computing snapshots when not.
    var isActive: Bool { sink != nil }

    /// Takes an incumbent and a bound (either may be missing; a bound that is not finite is none
    /// yet) and passes on a snapshot of the best of each so far, with their gap, unless the last
    /// snapshot was less than an interval ago. The sink is called outside the lock.
    func report(incumbent: Double?, bound: Double?) {
        guard let sink else { return }
        let elapsed = deadline.elapsed
        let snapshot: SolveProgress? = state.withLock { state in
            if let incumbent, incumbent.isFinite { state.incumbent = max(state.incumbent ?? incumbent, incumbent) }
            if let bound, bound.isFinite { state.bound = min(state.bound ?? bound, bound) }
            guard elapsed - state.last >= interval else { return nil }
            state.last = elapsed
            let gap = state.incumbent.flatMap { i in state.bound.map { relativeGap(objective: i, bound: max($0, i)) } }
            return SolveProgress(elapsedSeconds: elapsed, incumbent: state.incumbent, bound: state.bound, gap: gap)
        }
        if let snapshot { sink(snapshot) }
    }
}
