import AllianceModel

/// The public outcome of `CommunityDecomposition.run`: `DecompositionResult` (bound, plan, statistics)
/// and `DecompositionPlanSource` (which phase found the plan).

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
