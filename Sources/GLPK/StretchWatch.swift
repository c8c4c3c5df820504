/// Keeps the branch-and-cut search within `MIPParameters.timeLimit` although GLPK runs long
/// stretches without calling back.
///
/// The search callback is the only place the wrapper can stop `glp_intopt`, and GLPK does
/// uninterruptible work between two calls: a round of cut generation (all enabled families, at
/// the root and after backtracking), the dual simplex re-solving a node's relaxation (GLPK gives
/// it no time limit) and choosing the branching variable (Driebeck–Tomlin evaluates every
/// fractional one). On the city districts' model (1,411 rows × 78,572 columns, root LP 57–107 s
/// on a loaded machine) single stretches took 5–24 s — 10–30 % of the root LP, each up to about
/// twice the longest before it — and a search whose last callback came shortly before its
/// limit ended 6–87 s late.
///
/// So the callback stops the search not only when the limit has passed but as soon as the
/// time left is shorter than the next stretch may be: `margin` × the longest stretch seen so far
/// (measured from one callback to the next, the callback's own work included), and at least
/// `rootShare` of the time the root relaxation took (the first long stretch comes before any was
/// seen, and scales with the relaxation). The search then gives up at most that much time at its
/// end, which on small models is nothing.
struct StretchWatch {
  /// How much longer than the longest stretch so far the next one is assumed to be at most.
  static let margin = 2.0
  /// The share of the root relaxation's solve time a stretch is assumed to take at most before
  /// any long one was measured.
  static let rootShare = 0.35

  /// When the search must have ended.
  let deadline: ContinuousClock.Instant
  /// The stretch assumed before any was measured.
  let initial: Duration
  private(set) var longest: Duration = .zero
  private var previous: ContinuousClock.Instant?

  /// - Parameters:
  ///   - start: when `glp_intopt` is called (the first stretch is measured from there).
  ///   - rootLP: how long the wrapper's simplex took for the root relaxation (zero when the
  ///     basis was already optimal).
  init(deadline: ContinuousClock.Instant, start: ContinuousClock.Instant, rootLP: Duration) {
    self.deadline = deadline
    self.previous = start
    self.initial = rootLP * Self.rootShare
  }

  /// The stretch the next one is assumed not to exceed.
  var anticipated: Duration { max(initial, longest * Self.margin) }

  /// Records a callback at `now`; returns whether the search must stop here because the next
  /// stretch would end after the deadline.
  mutating func callback(at now: ContinuousClock.Instant) -> Bool {
    if let previous { longest = max(longest, now - previous) }
    previous = now
    return now + anticipated >= deadline
  }
}
