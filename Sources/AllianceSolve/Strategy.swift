import AllianceModel

/// How a solve ended, as written to `plan.json`.
public enum SolveStatus: String, Sendable, Codable {
    /// The plan is proven optimal (within the requested gap, 0 by default).
    case optimal
    /// A plan that satisfies every rule, not proven optimal (time limit); its gap is reported.
    case feasible
    /// No plan can satisfy the rules.
    case infeasible
    /// The search was stopped on request (Ctrl-C) before it finished; the plan is the best found
    /// so far and the bound, when reported, is proven.
    case interrupted
}

/// A snapshot of a running solve, reported at most about once a second.
public struct SolveProgress: Sendable {
    public var elapsedSeconds: Double
    /// Objective of the best plan found so far.
    public var incumbent: Double?
    /// Best proven upper bound on the objective; `nil` (never infinite) until one is proven.
    public var bound: Double?
    /// Relative gap between the two.
    public var gap: Double?
}

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

/// A strategy's answer: a plan (unless none was found), and what is proven about it.
public struct SolveOutcome: Sendable {
    public var status: SolveStatus
    public var plan: Plan?
    /// The best proven upper bound on the objective, when the strategy proves one.
    public var bound: Double?
    public var solveSeconds: Double
    /// GLPK's terminal output, for `--verbose` and bug reports.
    public var log: String

    public init(status: SolveStatus, plan: Plan?, bound: Double?, solveSeconds: Double, log: String = "") {
        self.status = status
        self.plan = plan
        self.bound = bound
        self.solveSeconds = solveSeconds
        self.log = log
    }
}

/// Relative gap as GLPK defines it: |bound − objective| / (|objective| + ε).
public func relativeGap(objective: Double, bound: Double) -> Double {
    abs(bound - objective) / (abs(objective) + Double.ulpOfOne)
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
            return "no plan satisfies the rules:\n" + reasons.map { "  - \($0.message)" }.joined(separator: "\n")
        case .noPlanWithinTimeLimit(let seconds):
            return "no plan was found within the time limit of \(formatSeconds(seconds)); raise --time-limit"
        case .solverFailed(let message):
            return "the solver failed: \(message)"
        case .interrupted:
            return "interrupted before any plan was found"
        }
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
}
