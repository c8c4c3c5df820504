import CGLPK

/// Why the branch-and-cut solver is calling the `solveMIP` callback.
public enum CallbackReason: Sendable, Equatable {
  /// A subproblem is to be selected (`GLP_ISELECT`).
  case select
  /// The current subproblem is being preprocessed (`GLP_IPREPRO`).
  case preprocess
  /// Lazy constraints may be added (`GLP_IROWGEN`).
  case rowGeneration
  /// The LP relaxation of the current subproblem is solved and fractional;
  /// a heuristic solution may be offered (`GLP_IHEUR`).
  case heuristic
  /// Cutting planes may be added (`GLP_ICUTGEN`).
  case cutGeneration
  /// A branching variable is to be chosen (`GLP_IBRANCH`).
  case branching
  /// A better integer solution was found (`GLP_IBINGO`).
  case improvedSolution
  /// A reason this wrapper does not know.
  case other

  init(glpk reason: Int32) {
    switch reason {
    case GLP_ISELECT: self = .select
    case GLP_IPREPRO: self = .preprocess
    case GLP_IROWGEN: self = .rowGeneration
    case GLP_IHEUR: self = .heuristic
    case GLP_ICUTGEN: self = .cutGeneration
    case GLP_IBRANCH: self = .branching
    case GLP_IBINGO: self = .improvedSolution
    default: self = .other
    }
  }
}

/// The branch-and-cut search, as seen from the `solveMIP` callback.
///
/// An instance is valid only during the callback invocation that received
/// it; using it afterwards (for example after storing it) traps. It reports
/// progress, can stop the search and can inject a heuristic solution.
public final class SearchTree {
  private var tree: OpaquePointer?
  private let context: SearchContext

  init(tree: OpaquePointer, context: SearchContext) {
    self.tree = tree
    self.context = context
  }

  func invalidate() { tree = nil }

  /// The `glp_tree *`, after checking the instance is still valid.
  private var handle: OpaquePointer {
    guard let tree else {
      preconditionFailure("SearchTree used after the solveMIP callback that received it returned")
    }
    context.problem.thread.check("SearchTree")
    return tree
  }

  /// Why the callback is being called.
  ///
  /// The corresponding C function is `glp_ios_reason`.
  public var reason: CallbackReason {
    CallbackReason(glpk: glp_ios_reason(handle))
  }

  /// The objective value of the best integer solution found so far, or `nil`
  /// if there is none yet.
  ///
  /// The corresponding C functions are `glp_mip_status` and `glp_mip_obj_val`.
  public var incumbentObjective: Double? {
    guard let mip = glp_ios_get_prob(handle) else { return nil }
    let status = glp_mip_status(mip)
    guard status == GLP_FEAS || status == GLP_OPT else { return nil }
    return glp_mip_obj_val(mip)
  }

  /// The column values of the best integer solution found so far, by 0-based
  /// column index; `nil` if there is none yet or if the MIP presolver is on
  /// (the search then works on a transformed problem with other columns).
  ///
  /// The corresponding C function is `glp_mip_col_val`.
  public var incumbentValues: [Double]? {
    guard !context.presolve, incumbentObjective != nil, let mip = glp_ios_get_prob(handle) else {
      return nil
    }
    let n = context.columnCount
    return (0..<n).map { glp_mip_col_val(mip, Int32($0 + 1)) }
  }

  /// The best bound over all active subproblems: a lower bound on the optimum
  /// when minimizing, an upper bound when maximizing; `nil` when the tree is
  /// empty or the root relaxation is not solved yet.
  ///
  /// The corresponding C functions are `glp_ios_best_node` and
  /// `glp_ios_node_bound`.
  public var bestBound: Double? {
    let tree = handle
    let p = glp_ios_best_node(tree)
    guard p != 0 else { return nil }
    let bound = glp_ios_node_bound(tree, p)
    return abs(bound) < Double.greatestFiniteMagnitude ? bound : nil
  }

  /// The relative gap between the incumbent and the best bound,
  /// `|incumbent - bound| / (|incumbent| + DBL_EPSILON)`; `nil` without an
  /// incumbent.
  ///
  /// The corresponding C function is `glp_ios_mip_gap`.
  public var relativeGap: Double? {
    guard incumbentObjective != nil else { return nil }
    let gap = glp_ios_mip_gap(handle)
    return gap < Double.greatestFiniteMagnitude ? gap : nil
  }

  /// The number of active (unexplored) subproblems.
  ///
  /// The corresponding C function is `glp_ios_tree_size`.
  public var activeNodeCount: Int {
    var active: Int32 = 0
    glp_ios_tree_size(handle, &active, nil, nil)
    return Int(active)
  }

  /// The total number of subproblems created so far.
  ///
  /// The corresponding C function is `glp_ios_tree_size`.
  public var nodeCount: Int {
    var total: Int32 = 0
    glp_ios_tree_size(handle, nil, nil, &total)
    return Int(total)
  }

  /// Wall-clock seconds since `solveMIP` started.
  public var elapsedSeconds: Double {
    _ = handle
    return (ContinuousClock.now - context.start).seconds
  }

  /// Asks the solver to stop as soon as possible. The incumbent (if any) is
  /// kept and `solveMIP` returns with return code `.stoppedByCallback`.
  ///
  /// The corresponding C function is `glp_ios_terminate`.
  public func terminate() {
    glp_ios_terminate(handle)
  }

  /// Offers an integer feasible solution found by a heuristic of the caller.
  ///
  /// Only allowed when ``reason`` is `.heuristic` and the MIP presolver is off
  /// (`MIPParameters.presolve == false`, so that columns have their original
  /// numbering); `values` must have one value per column. Violating these is
  /// a programmer error and traps.
  ///
  /// The solution is rejected (returning `false`, with the reason written to
  /// the solve's log) when a value is not finite, a value of an integer
  /// column is more than 1e-9 away from an integer, or a column bound or row
  /// constraint of the original problem is violated by more than 1e-6
  /// (relative to the bound's magnitude plus one) — GLPK itself does not check
  /// feasibility. Integer values are rounded before being passed on.
  ///
  /// - Returns: `true` if GLPK accepted the solution as its new incumbent;
  ///   `false` if it was rejected, including when it is not better than the
  ///   current incumbent.
  ///
  /// The corresponding C function is `glp_ios_heur_sol`.
  @discardableResult
  public func offerSolution(_ values: [Double]) -> Bool {
    let tree = handle
    let reason = self.reason
    precondition(reason == .heuristic, "SearchTree.offerSolution is only allowed when reason == .heuristic (it is .\(reason))")
    guard let original = context.original else {
      preconditionFailure("SearchTree.offerSolution requires MIPParameters.presolve == false")
    }
    precondition(
      values.count == original.columnBounds.count,
      "SearchTree.offerSolution: expected \(original.columnBounds.count) values (one per column), got \(values.count)")

    var x = [Double](repeating: 0, count: values.count + 1)  // 1-based for GLPK
    for (j, value) in values.enumerated() {
      guard value.isFinite else {
        return reject("value \(value) of column #\(j) is not finite")
      }
      var v = value
      if original.isInteger[j] {
        let r = value.rounded()
        guard abs(value - r) <= 1e-9 else {
          return reject("value \(value) of integer column #\(j) is not integral")
        }
        v = r
      }
      guard original.columnBounds[j].contains(v, tolerance: 1e-6) else {
        return reject("value \(v) of column #\(j) violates its bounds \(original.columnBounds[j])")
      }
      x[j + 1] = v
    }
    for (i, bounds) in original.rowBounds.enumerated() {
      var activity = 0.0
      for k in original.rowStart[i]..<original.rowStart[i + 1] {
        activity += original.coefficients[k] * x[original.columns[k] + 1]
      }
      guard bounds.contains(activity, tolerance: 1e-6) else {
        return reject("activity \(activity) of row #\(i) violates its bounds \(bounds)")
      }
    }
    let accepted = glp_ios_heur_sol(tree, x) == 0
    if !accepted { context.capture.note("offerSolution: solution not better than the incumbent") }
    return accepted
  }

  private func reject(_ why: String) -> Bool {
    context.capture.note("offerSolution rejected: \(why)")
    return false
  }
}

/// The state shared between `solveMIP` and the C callback, passed through
/// GLPK's `info` pointer.
final class SearchContext {
  let problem: LinearProgram
  let callback: ((SearchTree) throws -> Void)?
  let presolve: Bool
  let start: ContinuousClock.Instant
  let capture: LogCapture
  let columnCount: Int
  /// The original bounds and rows, for checking offered solutions (GLPK
  /// changes bounds of the problem object during the search). Only kept when
  /// a callback is installed and the presolver is off.
  let original: OriginalProblem?
  /// The first error thrown by the callback.
  var userError: (any Error)?
  /// The last finite best-node bound seen.
  var lastBestBound: Double?
  /// The optimum of the root relaxation, when the wrapper knows it (no presolver): the bound
  /// reported when the search stops before GLPK bounded any node.
  var rootBound: Double?
  /// The last total node count seen.
  var lastNodeCount: Int?
  /// Decides when the search must stop to end by `MIPParameters.timeLimit` (nil: no limit).
  var stretches: StretchWatch?
  /// The wrapper's clock (`MIPParameters.clock`).
  let clock: @Sendable () -> ContinuousClock.Instant
  /// `MIPParameters.stopRequested`.
  let stopRequested: (@Sendable () -> Bool)?
  /// Whether the wrapper stopped the search because `deadline` passed.
  var stoppedForTimeLimit = false

  init(
    problem: LinearProgram, callback: ((SearchTree) throws -> Void)?, presolve: Bool,
    start: ContinuousClock.Instant, capture: LogCapture, timeLimit: Double? = nil,
    stopRequested: (@Sendable () -> Bool)? = nil, rootLP: Duration = .zero,
    clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
  ) {
    self.problem = problem
    self.callback = callback
    self.presolve = presolve
    self.start = start
    self.capture = capture
    self.clock = clock
    self.stretches = timeLimit.map {
      StretchWatch(deadline: start + .nanoseconds(Int64(min($0, 1e9) * 1e9)), start: clock(), rootLP: rootLP)
    }
    self.stopRequested = stopRequested
    self.columnCount = Int(glp_get_num_cols(problem.problem))
    self.original = callback != nil && !presolve ? OriginalProblem(problem.problem) : nil
  }

  /// Handles one callback invocation from GLPK.
  func handle(_ tree: OpaquePointer) {
    let p = glp_ios_best_node(tree)
    if p != 0 {
      let bound = glp_ios_node_bound(tree, p)
      if abs(bound) < Double.greatestFiniteMagnitude { lastBestBound = bound }
    }
    var total: Int32 = 0
    glp_ios_tree_size(tree, nil, nil, &total)
    lastNodeCount = Int(total)

    // Stop requests and the time limit (see StopPolling and StretchWatch), before the user's
    // callback.
    let now = clock()
    if var watch = stretches {
      let stop = watch.callback(at: now)
      stretches = watch
      if stop {
        stoppedForTimeLimit = true
        let left = (watch.deadline - now).seconds, next = watch.anticipated.seconds
        capture.note(left <= 0 ? "Time limit reached; the wrapper terminates the search"
          : "The wrapper terminates the search \(rounded(left)) s before the time limit: GLPK may run "
            + "\(rounded(next)) s before it calls back again (longest so far \(rounded(watch.longest.seconds)) s)")
        glp_ios_terminate(tree)
        return
      }
    }
    if let stopRequested, stopRequested() {
      glp_ios_terminate(tree)
      return
    }
    guard let callback else { return }
    if userError != nil {
      glp_ios_terminate(tree)
      return
    }
    let searchTree = SearchTree(tree: tree, context: self)
    defer { searchTree.invalidate() }
    do {
      try callback(searchTree)
    } catch {
      userError = error
      glp_ios_terminate(tree)
    }
  }
}

/// `seconds` with three decimals, for log notes.
private func rounded(_ seconds: Double) -> String {
  let millis = Int((seconds * 1000).rounded())
  let fraction = String(abs(millis) % 1000)
  return "\(millis < 0 ? "-" : "")\(abs(millis) / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

/// The C callback installed in `glp_iocp.cb_func`; `info` is the
/// `SearchContext`.
func glpkSearchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
  guard let tree, let info else { return }
  Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
}

/// A copy of the column bounds, integrality and rows of a problem, taken
/// before the search modifies the problem object.
struct OriginalProblem {
  var columnBounds: [Bounds]
  var isInteger: [Bool]
  var rowBounds: [Bounds]
  /// Compressed sparse rows: row `i` has entries `rowStart[i]..<rowStart[i+1]`.
  var rowStart: [Int]
  var columns: [Int]
  var coefficients: [Double]

  init(_ p: OpaquePointer) {
    let m = Int(glp_get_num_rows(p)), n = Int(glp_get_num_cols(p))
    columnBounds = (0..<n).map { j in
      let c = Int32(j + 1)
      return GLPKBounds(type: glp_get_col_type(p, c), lower: glp_get_col_lb(p, c), upper: glp_get_col_ub(p, c)).bounds
    }
    isInteger = (0..<n).map { glp_get_col_kind(p, Int32($0 + 1)) != GLP_CV }
    rowBounds = (0..<m).map { i in
      let r = Int32(i + 1)
      return GLPKBounds(type: glp_get_row_type(p, r), lower: glp_get_row_lb(p, r), upper: glp_get_row_ub(p, r)).bounds
    }
    rowStart = [0]
    columns = []
    coefficients = []
    var ind = [Int32](repeating: 0, count: n + 1)
    var val = [Double](repeating: 0, count: n + 1)
    for i in 0..<m {
      let len = Int(glp_get_mat_row(p, Int32(i + 1), &ind, &val))
      for t in stride(from: 1, through: len, by: 1) {
        columns.append(Int(ind[t]) - 1)
        coefficients.append(val[t])
      }
      rowStart.append(columns.count)
    }
  }
}
