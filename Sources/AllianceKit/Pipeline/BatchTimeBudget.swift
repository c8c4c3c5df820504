import Foundation

/// One wall-clock budget for a whole batch by district (`alliance solve --time-budget S`,
/// `DistrictBatchRun.timeBudget`), shared so that the hard districts get the time the easy ones
/// did not need. Plain arithmetic on seconds: the batch measures, this decides.
///
/// Two passes, `jobs` districts at once in each (`workers` = min(jobs, districts)):
///
/// 1. **Equal shares.** Every district gets `firstShare` = S × `firstPassFraction` × workers /
///    districts seconds (at most `solveLimit`, the `--time-limit` when given too). With a
///    fraction ≤ 0.5, pass 1 ends within S × fraction × (districts + workers − 1) / districts < S
///    (plus the overruns below) however the workers pick the districts, so no first-pass share
///    is ever cut by the budget.
/// 2. **The rest to the hard ones.** A district goes on (`needsSecondPass`) only when it has a
///    plan not proven within the gap (`--gap`), was neither interrupted nor proven optimal, and
///    its solve ran to the end of its share (at least `exhaustedFraction` of it: a solve that
///    stopped on its own, as greedy does or local search at its local optimum, gains nothing from
///    more time), or when it found no plan only because its share ran out; other failures
///    (infeasible, input errors) cost nothing more. These are solved again, hardest first
///    (`secondPassOrder`: largest gap first; no bound at all counts as the largest), each
///    starting from its first-pass plan when it has one. When one starts, `elapsed` seconds
///    into the batch with `waiting` second-pass districts (itself included) not yet started, it
///    gets `secondShare` = (S − elapsed − reserve) /
///    ⌈waiting / workers⌉, at most `solveLimit`: an equal share of what is left for the waves
///    still to come. What is left is the pool: the time the districts proven early, failed or
///    ended on their own did not use in pass 1 comes back to it, and so does the time a second
///    pass leaves by ending within the gap early. A share below `minimumSecondShare` is not worth
///    a solve (building the model alone takes longer on large districts): the district keeps its
///    first-pass result.
///
/// A district's result is the better of its passes' plans, with the smaller (tighter) of their
/// proven bounds (`DistrictBatchRun.combined`); a plan from the second pass is never worse, as
/// every strategy returns a plan at least as good as the plan it starts from.
///
/// **Overrun.** A share is a solve's time limit, which holds within about a second (the model
/// build and a GLPK call polled between slices); reading the lists, the greedy baseline shown
/// beside the plan, claiming the projects and writing the files come on top of it. The batch
/// passes as `reserve` what the district's first pass took beyond its share (the solve's overrun
/// and the baseline and claims), plus the longest a first-pass district took to write its files,
/// so the second-pass shares end early enough for those to fit. The batch then overruns the
/// budget only by how much the last solves overrun their shares beyond what their first passes
/// did (within about a second, as `--time-limit` holds) and by writing files longer than any
/// first-pass district took: 0.1 s for the whole `alliance solve` process on three districts of
/// 12 × 40 with a 6-s budget (README, "Batch planning by district"). Pass 1 is not cut short:
/// the budget must leave time for one first pass per district.
public struct BatchTimeBudget: Sendable, Equatable {
    /// The whole batch's budget, seconds of wall clock.
    public var seconds: Double
    /// The most any one solve may take (`--time-limit` given with `--time-budget`); nil: only the
    /// budget limits a solve.
    public var solveLimit: Double?
    /// The share of the budget divided equally in pass 1 (0…0.5 keeps pass 1 within the budget
    /// whatever the order; see the type's comment).
    public var firstPassFraction: Double

    /// Half the budget in equal shares, half for the districts that need it: a district that needs
    /// a second pass then gets at least as long again, and the easy ones (proven within the gap
    /// in their first share) return their time to the others.
    public static let defaultFirstPassFraction = 0.5
    /// A second-pass share shorter than this (seconds) is not given: the district keeps its first pass.
    public static let minimumSecondShare = 1.0
    /// A first pass that used less than this share of its time limit stopped on its own.
    public static let exhaustedFraction = 0.9

    public init(seconds: Double, solveLimit: Double? = nil, firstPassFraction: Double = defaultFirstPassFraction) {
        self.seconds = seconds
        self.solveLimit = solveLimit
        self.firstPassFraction = firstPassFraction
    }

    /// The districts solved at once: `jobs`, but no more than there are districts (at least 1).
    public static func workers(jobs: Int, districts: Int) -> Int { max(1, min(jobs, districts)) }

    /// Pass 1: every district's time limit, S × `firstPassFraction` × workers / districts, at
    /// most `solveLimit`.
    public func firstShare(districts: Int, jobs: Int) -> Double {
        guard districts > 0 else { return 0 }
        let workers = Self.workers(jobs: jobs, districts: districts)
        let share = seconds * min(max(firstPassFraction, 0), 1) * Double(workers) / Double(districts)
        return solveLimit.map { min(share, $0) } ?? share
    }

    /// How a district's pass ended, as far as the budget cares.
    public struct PassEnd: Sendable, Equatable {
        /// How the solve ended; nil when it failed (no plan: infeasible, input errors).
        public var status: SolveStatus?
        /// The proven relative gap of its plan; nil without a bound.
        public var gap: Double?
        /// How long the solve took.
        public var solveSeconds: Double
        /// Its time limit in this pass.
        public var share: Double
        /// Whether it failed only because its share ran out before any plan was found
        /// (`SolveError.noPlanWithinTimeLimit`: a large district on a small budget).
        public var ranOutOfTime: Bool

        public init(status: SolveStatus?, gap: Double?, solveSeconds: Double, share: Double, ranOutOfTime: Bool = false) {
            self.status = status
            self.gap = gap
            self.solveSeconds = solveSeconds
            self.share = share
            self.ranOutOfTime = ranOutOfTime
        }

        /// A failed district: no plan; nothing to improve unless it `ranOutOfTime`.
        public static func failed(share: Double, ranOutOfTime: Bool = false) -> PassEnd {
            PassEnd(status: nil, gap: nil, solveSeconds: 0, share: share, ranOutOfTime: ranOutOfTime)
        }
    }

    /// Whether a first pass ending so, with `relativeGap` the stopping gap (`--gap`), is worth
    /// more time: a plan, not optimal, not interrupted, not within the gap, and the solve ran to
    /// (nearly) the end of its share; or no plan only because the share ran out (it then comes
    /// first in `secondPassOrder`, as it has no bound). Other failures cost nothing more.
    public func needsSecondPass(_ end: PassEnd, relativeGap: Double) -> Bool {
        guard end.status != nil else { return end.ranOutOfTime }
        guard end.status == .feasible else { return false }
        if let gap = end.gap, gap <= max(relativeGap, 1e-9) { return false }
        return end.solveSeconds >= Self.exhaustedFraction * end.share
    }

    /// The districts of a second pass in the order it takes them, hardest first: the indices of
    /// `ends` whose district `needsSecondPass`, by gap from the largest (no bound first), ties in
    /// district order. Nil entries (districts already done) are left out.
    public func secondPassOrder(_ ends: [PassEnd?], relativeGap: Double) -> [Int] {
        let candidates = ends.indices.filter { ends[$0].map { needsSecondPass($0, relativeGap: relativeGap) } ?? false }
        return candidates.sorted { a, b in
            let gapA = ends[a]?.gap ?? .infinity, gapB = ends[b]?.gap ?? .infinity
            return gapA != gapB ? gapA > gapB : a < b
        }
    }

    /// A second-pass district's time limit when it starts `elapsed` seconds into the batch,
    /// `waiting` second-pass districts (itself included) not yet started on `workers` threads,
    /// ending `reserve` seconds before the budget: (S − elapsed − reserve) / ⌈waiting / workers⌉,
    /// at most `solveLimit`; nil when that is below `minimumSecondShare`.
    public func secondShare(elapsed: Double, waiting: Int, workers: Int, reserve: Double) -> Double? {
        let left = seconds - elapsed - max(reserve, 0)
        let waves = (max(waiting, 1) + max(workers, 1) - 1) / max(workers, 1)
        var share = left / Double(waves)
        if let solveLimit { share = min(share, solveLimit) }
        return share >= Self.minimumSecondShare ? share : nil
    }
}
