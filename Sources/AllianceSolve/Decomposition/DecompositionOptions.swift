import AllianceModel

/// `DecompositionOptions`: the tuning of `CommunityDecomposition.run` (threads, smoothing, time
/// shares, phases to run, stopping rules, diagnostics).

/// Tuning of `CommunityDecomposition.run`.
public struct DecompositionOptions: Sendable {
    /// Threads pricing communities in parallel (the calling thread is one of them).
    public var threads: Int
    /// Wentges smoothing factor α ∈ [0, 1): root pricing happens at α·π_stab + (1−α)·π_LP,
    /// where π_stab gave the best bound so far. 0 turns smoothing off. The master's duals jump
    /// between degenerate vertices, so staying close to π_stab pays: on a 150 × 600 district α =
    /// 0.8 reached a bound of 1.8358 in 38 s where 0.5 stayed at 1.8422 after 49 s and 0 at 1.8458
    /// (benchmarks/EXPERIMENTS.md, "Column generation on 150 × 600 and 600 × 2400").
    public var smoothing: Double
    /// Adapt the smoothing factor from round to round (`Stabilization.adaptedAlpha`), starting
    /// at `smoothing`: towards the master's duals while the subgradient at the priced point says
    /// they lie downhill, back towards the center otherwise. Not with a change limit (α stays).
    /// On by default since 2026-12-04: the root converged 1.3–2.9× sooner on S and M of every
    /// family and the bound was tighter on 6 of 8 districts of 150 × 600 (benchmarks/EXPERIMENTS.md,
    /// "150 × 600 on an idle machine").
    public var adaptiveSmoothing = true
    /// Share of the time until the deadline kept for finding plans (dive and master MIP) when
    /// root column generation does not converge earlier.
    public var planShare: Double
    /// Run the dive after root column generation.
    public var dive: Bool
    /// Upper limit in seconds on the restricted master MIP (`nil`: until the deadline);
    /// 0 skips it.
    public var masterMIPTimeLimit: Double?
    /// Root column generation may stop early when bound − master LP ≤ this × max(1, |master LP|)
    /// (plus the bound's tolerance margin); 0 runs it until exact pricing proves the master LP
    /// optimal.
    public var relativeGap: Double
    /// Stops every phase like the deadline does; the result then holds what was found so far.
    public var cancellation = CancellationFlag()
    /// Every phase ends as soon as the best plan is proven within this relative gap
    /// (`relativeGap(objective:bound:)`, `SolveSettings.relativeGap` in `exact`); 0: never.
    public var planGap = 0.0
    /// Price the first time after each master LP at a subgradient step from the best duals so far
    /// instead of the smoothed duals (see `DecompositionRun.subgradientPoint`). Worth it from good
    /// starting prices (`blockShare`), where it lowers the bound step by step; from the master's
    /// first duals it did not beat smoothing (benchmarks/EXPERIMENTS.md).
    public var subgradient = false
    /// Share of root column generation's time (what is left after its first round) spent on
    /// column generation street block by street block (`BlockWarmStart`) when the first round
    /// leaves a gap above `warmStartGap`: the blocks' alliances enter the master, the whole
    /// district is priced at their unit prices, and when that bound is the better one, root
    /// column generation goes on with subgradient steps from there. 0 turns it off; districts
    /// that are one block never use it.
    public var blockShare = TimePlan.decompositionBlockShare
    /// The relative gap between the first round's bound and the master LP above which the
    /// blocks warm the run up (negative: always, even when the first round converged).
    /// 600 × 2400 started at 5.0 % and gained (6.5418 → 6.3290); the XL benchmark (also
    /// 600 × 2400) started at 0.56 % and lost (5.1448 → 6.4889 at 60 s, when the blocks
    /// replaced the first round); a 150 × 600 district started at 1.7 % (benchmarks/EXPERIMENTS.md).
    public var warmStartGap = 0.02
    /// Share of the gap between the best bound and the master LP that root pricing may leave
    /// unproven (`DecompositionRun.pricingTolerance`): each community's pricing MIP stops once
    /// it is within its part of that share, and its best bound (still valid) enters the
    /// Lagrangian bound. Before the run may end as converged, one round prices exactly. 0: every
    /// root pricing MIP is solved to optimality.
    public var pricingTolerance = 0.3
    /// Root rounds priced by local search alone (at the master LP's duals, from each community's
    /// best alliance in the master, as the dive prices) between two exact, bounding rounds: cheap
    /// columns that move the master LP, whose duals the next exact round then prices at. A round
    /// where local search finds no entering alliance goes on to exact pricing at once. On huge
    /// districts (`blockShare` > 0) the first root round is exact all the same (the warm start's
    /// probe). 0: every root round is exact.
    public var rootHeuristicRounds = 3
    /// Below the block warm start's size (`blockShare` = 0): make the first root round exact, at
    /// the first master's duals, with no time slice, before any local-search round (on huge
    /// districts the warm start's probe does so, sliced, whatever this says). An experiment switch
    /// of issue #18 (benchmarks/EXPERIMENTS.md, "150 × 600 on an idle machine": no gain, kept off).
    public var exactFirstRound = false
    /// Called on the calling thread after every pricing round (for benchmarks and diagnosis).
    public var roundLog: (@Sendable (DecompositionRound) -> Void)? = nil
    /// Reports the start and end of the root column generation, the dive and the master MIP.
    var phases: PhaseClock? = nil

    public init(threads: Int = 2, smoothing: Double = 0.8, planShare: Double = TimePlan.decompositionPlanShare,
                dive: Bool = true, masterMIPTimeLimit: Double? = TimePlan.masterMIPDefaultSeconds, relativeGap: Double = 0) {
        self.threads = threads
        self.smoothing = smoothing
        self.planShare = planShare
        self.dive = dive
        self.masterMIPTimeLimit = masterMIPTimeLimit
        self.relativeGap = relativeGap
    }
}
