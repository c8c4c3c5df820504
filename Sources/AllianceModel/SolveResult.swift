/// What a solve reports, as data every layer reads: how it ended, its progress, its answer
/// and the gap between plan and bound. The strategies (AllianceSolve) produce these; the
/// writers (AllianceReport) and front ends read them without depending on the solvers.

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

    public init(elapsedSeconds: Double, incumbent: Double? = nil, bound: Double? = nil, gap: Double? = nil) {
        self.elapsedSeconds = elapsedSeconds
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
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
    /// Figures of the search for those who study it (the benchmark harness): named numbers,
    /// e.g. the exact strategy's `cg_bound`, `cg_master_lp`, `cg_pricing_rounds`; empty for most.
    public var statistics: [String: Double] = [:]

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
