import CGLPK

/// How a running solve notices a stop request (`stopRequested` of
/// ``SimplexParameters`` and ``MIPParameters``) and its wall-clock limit.
///
/// - The branch-and-cut search polls the request, and checks the time limit,
///   every time GLPK calls the search callback (at every node, cut round and
///   heuristic call), and then stops the search with `glp_ios_terminate`,
///   keeping the incumbent. GLPK checks its own time limit less often (between
///   nodes), so this also keeps `timeLimit` on large problems — together with
///   ``StretchWatch``, which stops the search early when GLPK's next stretch
///   without a callback (a root cut round, a node re-solve) would end after it.
/// - GLPK's simplex has no callback. With a stop request installed, the
///   simplex (of `solveLP`, and the root relaxation of `solveMIP`) therefore
///   runs in slices of `stopPollInterval` seconds (longer on large problems,
///   where each slice's set-up takes long: at least ten times the set-up), each
///   one twice as long as the one before up to `longestInterval`: each slice is
///   a `glp_simplex` call with that time limit, continuing from the basis the
///   previous slice left, and the request is polled between slices. A restart
///   loses the primal simplex's state against stalling, so short slices never
///   end on a degenerate LP: the decomposition's master on a 600-community
///   district ran 57,000 pivots at one objective value in quarter-second
///   slices and was cut off after 58 s; doubling slices up to a second solve
///   such LPs in 1–9 s (whole, 0.6–5 s; benchmarks/EXPERIMENTS.md). This
///   needs the basis to survive a slice, so with the LP presolver or an
///   iteration limit the simplex runs in one piece and the request is polled
///   only before it starts.
///
/// A request that is already set when a solve starts stops it before GLPK
/// runs at all.
public enum StopPolling {
  /// The default `stopPollInterval`: a quarter of a second, short enough for
  /// Ctrl-C to feel immediate and long enough that restarting the simplex
  /// (which copies the problem into its working storage) costs little.
  public static let defaultInterval = 0.25
  /// How long slices grow (by doubling from the first): a stop request waits at
  /// most about this long (or the first slice, when that is longer).
  public static let longestInterval = 1.0
}

extension LinearProgram {
  /// Runs `glp_simplex` with `parm` (whose `tm_lim` already holds
  /// `timeLimit`), stopping when `stop` returns true as described in
  /// ``StopPolling``. Returns GLPK's return code, or `GLP_ESTOP` when stopped
  /// by the request.
  func runSimplex(
    _ parm: inout glp_smcp, timeLimit: Double?, stop: (@Sendable () -> Bool)?, pollInterval: Double
  ) -> Int32 {
    guard let stop else { return glp_simplex(problem, &parm) }
    if stop() { return GLP_ESTOP }
    guard parm.presolve == GLP_OFF, parm.it_lim == Int32.max else { return glp_simplex(problem, &parm) }
    let start = ContinuousClock.now
    let fullLimit = parm.tm_lim
    defer {
      parm.tm_lim = fullLimit
      parm.it_lim = Int32.max
    }
    // Every slice first copies the problem into the simplex's working storage and factorizes
    // the basis; on a large problem that takes a good part of a second. An iteration-free call
    // measures it, and slices last at least ten times as long, so restarts cost at most ~10 %.
    parm.it_lim = 0
    let probeStart = ContinuousClock.now
    let probe = glp_simplex(problem, &parm)
    guard probe == GLP_EITLIM else { return probe }  // solved (or failed) without iterating
    parm.it_lim = Int32.max
    var interval = max(pollInterval, 10 * (ContinuousClock.now - probeStart).seconds)
    let longest = max(interval, StopPolling.longestInterval)
    if stop() { return GLP_ESTOP }
    while true {
      var slice = interval
      if let timeLimit {
        let remaining = timeLimit - (ContinuousClock.now - start).seconds
        guard remaining > 0 else { return GLP_ETMLIM }
        slice = min(slice, remaining)
      }
      parm.tm_lim = (try? milliseconds(slice, name: "slice")) ?? 1
      let rc = glp_simplex(problem, &parm)
      guard rc == GLP_ETMLIM else { return rc }
      if stop() { return GLP_ESTOP }
      interval = min(2 * interval, longest)
    }
  }
}
