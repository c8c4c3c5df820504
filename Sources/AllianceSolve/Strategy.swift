import AllianceModel

/// What every strategy is given besides the problem.
public struct SolveSettings: Sendable {
    /// Wall-clock limit in seconds for the search.
    public var timeLimit: Double
    /// Stop when the relative gap between plan and bound is at most this (0: prove optimality).
    public var relativeGap: Double
    /// Called from the solving thread with progress snapshots.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Interval between progress snapshots, in seconds.
    public var progressInterval: Double
    /// Set it (from any thread) to stop the search early with the best plan so far.
    public var cancellation: CancellationFlag
    /// Receives the start and end of each phase (and GLPK's output during branch-and-cut) with
    /// the time left, from the solving thread; for `alliance solve --log-phases`. Strategies
    /// without phases report nothing.
    public var phaseLog: (@Sendable (PhaseEvent) -> Void)? = nil
    /// The clock every deadline and elapsed time of the solve reads (`Deadline.Clock`):
    /// `{ .now }` except in tests, which drive time by hand.
    public var clock: Deadline.Clock = { .now }
    /// The plan every strategy starts from (`alliance solve --from`), already checked against
    /// every rule by the caller (the pipeline repairs a broken one and warns per repair): a
    /// strategy never returns a plan worse than this one. `nil`: each strategy builds its own.
    public var startPlan: Plan? = nil

    public init(timeLimit: Double = 60, relativeGap: Double = 0,
                progress: (@Sendable (SolveProgress) -> Void)? = nil, progressInterval: Double = 1,
                cancellation: CancellationFlag = CancellationFlag()) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.progress = progress
        self.progressInterval = progressInterval
        self.cancellation = cancellation
    }
}

/// A way of producing a plan for a problem. Every strategy's plan is judged by `Evaluator`.
public protocol Strategy {
    var name: String { get }
    func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome
}

/// Raised when a strategy ends without any plan.
public enum SolveError: Error, Sendable, CustomStringConvertible {
    /// The pre-checks or the solver proved that no plan satisfies the rules.
    case infeasible([InfeasibilityReason])
    /// The time limit ran out before any plan was found.
    case noPlanWithinTimeLimit(seconds: Double)
    /// GLPK failed for a numerical or internal reason.
    case solverFailed(String)
    /// The search was stopped on request (`SolveSettings.cancellation`) before any plan was found.
    case interrupted

    public var description: String {
        switch self {
        case .infeasible(let reasons):
            return Message.noPlanSatisfiesRules.text + "\n" + reasons.summarized().map { "  - \($0)" }.joined(separator: "\n")
        case .noPlanWithinTimeLimit(let seconds):
            return Message.noPlanWithinTimeLimit(seconds: formatSeconds(seconds)).text
        case .solverFailed(let message):
            return Message.solverFailed(message).text
        case .interrupted:
            return Message.interruptedBeforeAnyPlan.text
        }
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
}
