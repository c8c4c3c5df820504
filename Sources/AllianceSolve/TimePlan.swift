import AllianceModel

/// How `exact` (and the searches it calls) divides one time limit between its phases: every
/// share of the time in the solvers, in one place. Each is a fraction of the time limit (the
/// whole `Deadline` of the solve, `Deadline.total`) unless its comment says "of what is left"
/// (`Deadline.share(_:)`) or names another base.
///
/// With the defaults and time limit T on a district below `ExactStrategy.streetDecompositionThreshold`
/// communities:
///
///     0 ──── 0.15 T ──────────────── 0.6 T ──────── 0.8 T ────────── T
///     heuristic │ decomposition (to 0.6 T) │ polish (0.2 T) │ branch-and-cut (the rest)
///
/// Each phase may end early and leave its time to the next; the decomposition ends at 0.6 T
/// from the start whatever the heuristic used, the polish gets 0.2 T from when it starts (never
/// past T), and branch-and-cut gets everything left.
public struct TimePlan: Sendable, Equatable {
    // MARK: exact's phases

    /// The first phase's plan (local search, or the street decomposition on large districts),
    /// at least `heuristicMinimumSeconds`. 0 skips it.
    public var heuristicShare = 0.15
    /// Column generation by community (`CommunityDecomposition`) ends at
    /// `heuristicShare + decompositionShare` of the time limit from the start. 0 turns it off.
    public var decompositionShare = 0.45
    /// Polishing the best plan by local search after the decomposition, from when it starts and
    /// never past the time limit. 0 turns it off.
    public var polishShare = 0.2
    /// The decomposition's and the polishing's shares on large districts (from
    /// `ExactStrategy.streetDecompositionThreshold` communities on), replacing
    /// `decompositionShare` and `polishShare` there (unless those are 0: off stays off). GLPK's
    /// root LP of the compact model alone takes longer than branch-and-cut's share of a typical
    /// time limit at that size (150 × 600: 57–79 s, glpsol 40–46 s; benchmarks/LARGE.md), so that
    /// time goes to the bound and the plan instead; branch-and-cut still gets what they leave
    /// (column generation converging early, polishing ending its rounds).
    public var largeDecompositionShare = 0.55
    public var largePolishShare = 0.3
    /// On large districts, after the polishing: re-solving neighbourhoods of a dozen communities
    /// exactly with the rest of the plan fixed (`NeighbourhoodSearch`), from when it starts and
    /// never past the time limit. Off (0) by default: on the mixed city (ten 150 × 600 districts,
    /// 120 s) 0.15 taken from the polishing improved 0–1 of 10–12 neighbourhoods per district and
    /// left the plans slightly worse than the polishing alone (benchmarks/EXPERIMENTS.md,
    /// "Instance families: making both sides robust").
    public var largeNeighbourhoodShare = 0.0
    /// On very large districts (from `ExactStrategy.blockWarmStartThreshold` communities on):
    /// the share of root column generation's time (what is left after its first round) spent
    /// warming up street block by street block (`DecompositionOptions.blockShare`), and the share
    /// of the decomposition's time kept for the dive and the master MIP
    /// (`DecompositionOptions.planShare`, replacing `decompositionPlanShare`). Measurements:
    /// `ExactStrategy.blockWarmStartThreshold`.
    public var hugeBlockShare = 0.4
    public var hugePlanShare = 0.1
    /// The decomposition's restricted master MIP gets this share of the time limit, within
    /// `masterMIPSeconds` (`DecompositionOptions.masterMIPTimeLimit`).
    public var masterMIPShare = 0.1
    public var masterMIPSeconds: ClosedRange<Double> = 1...30

    /// The heuristic phase's least time, however small the time limit.
    public static let heuristicMinimumSeconds = 0.05
    /// Branch-and-cut (with building its model) runs only when more than this is left.
    public static let branchAndCutMinimumSeconds = 0.05
    /// Branch-and-cut's least GLPK time limit once it runs (and each lexicographic stage's).
    public static let branchAndCutFloorSeconds = 0.01

    // MARK: inside the decomposition (`Solve/Decomposition/`)

    /// Default `DecompositionOptions.planShare`: the share of the decomposition's own time
    /// (from its start to its deadline) kept for finding plans (dive and master MIP) when root
    /// column generation does not converge earlier.
    public static let decompositionPlanShare = 0.3
    /// The dive leaves this share of what is left at its start to the master MIP (at most the
    /// master MIP's own limit).
    public static let diveMasterMIPReserve = 0.25
    /// Default `DecompositionOptions.masterMIPTimeLimit`, in seconds, when the caller sets none.
    public static let masterMIPDefaultSeconds = 30.0
    /// Default `DecompositionOptions.blockShare`: the block warm start is off unless `exact`
    /// turns it on (`hugeBlockShare`). Within it, each wave of blocks gets an equal share of what
    /// is left (`BlockWarmStart`).
    public static let decompositionBlockShare = 0.0

    /// The block warm start's probe on huge districts (the first root round, exact, at the first
    /// master's duals; its bound decides the warm start and is the first stability center) may
    /// take this share of the time left: each community's pricing MIP gets an equal slice
    /// (threads × share × time left ÷ communities, at least `probeMinimumSeconds`) and ends with
    /// its best bound, so the round always bounds. Without slices the tight XL district's probe
    /// took 148 of 150 s and bounded nothing (benchmarks/EXPERIMENTS.md, "The first root round").
    /// The round at the street blocks' prices after the warm start is sliced the same way.
    public static let probeRoundShare = 0.25
    public static let probeMinimumSeconds = 0.1

    // MARK: other strategies

    /// `StreetDecomposition.blockShare`: the street blocks' share of the time limit, divided
    /// equally between the waves of blocks (threads at once), each block at least
    /// `streetBlockMinimumSeconds`; the coordinating local search gets what is left.
    public static let streetBlockShare = 0.4
    public static let streetBlockMinimumSeconds = 0.05
    // The lexicographic strategy gives each remaining stage an equal share of what is left
    // (`Deadline.share(1 / stages left)`), at least `branchAndCutFloorSeconds`.

    public init() {}

    /// The decomposition's share for a district of `communities` communities.
    func decompositionShare(communities: Int) -> Double {
        communities >= ExactStrategy.streetDecompositionThreshold && decompositionShare > 0
            ? largeDecompositionShare : decompositionShare
    }

    /// The polishing's share for a district of `communities` communities.
    func polishShare(communities: Int) -> Double {
        communities >= ExactStrategy.streetDecompositionThreshold && polishShare > 0
            ? largePolishShare : polishShare
    }

    /// The master MIP's limit in seconds for a time limit of `total` seconds.
    /// The neighbourhood search's share on a district of `communities` (0 below
    /// `ExactStrategy.streetDecompositionThreshold`, or when polishing is off).
    func neighbourhoodShare(communities: Int) -> Double {
        communities >= ExactStrategy.streetDecompositionThreshold && polishShare > 0 ? largeNeighbourhoodShare : 0
    }

    func masterMIPSeconds(total: Double) -> Double {
        max(masterMIPSeconds.lowerBound, min(masterMIPSeconds.upperBound, total * masterMIPShare))
    }
}
