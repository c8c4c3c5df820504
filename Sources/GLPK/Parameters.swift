import CGLPK

/// Whether the objective is minimized or maximized.
public enum OptimizationDirection: Sendable, Equatable {
  /// Look for the smallest objective value.
  case minimize
  /// Look for the largest objective value.
  case maximize

  var glpk: Int32 { self == .minimize ? GLP_MIN : GLP_MAX }
}

/// The kind of a structural variable (column).
public enum VariableKind: Sendable, Equatable {
  /// A real-valued variable.
  case continuous
  /// An integer variable.
  case integer
  /// An integer variable with bounds [0, 1].
  case binary
}

/// How much GLPK prints (into the captured log) while solving.
public enum MessageLevel: Sendable, Equatable {
  /// Nothing.
  case off
  /// Errors and warnings only.
  case error
  /// Normal progress output.
  case normal
  /// Everything, including informational messages.
  case all

  var glpk: Int32 {
    switch self {
    case .off: GLP_MSG_OFF
    case .error: GLP_MSG_ERR
    case .normal: GLP_MSG_ON
    case .all: GLP_MSG_ALL
    }
  }
}

/// Which simplex method `solveLP` uses.
public enum SimplexMethod: Sendable, Equatable {
  /// Two-phase primal simplex (GLPK's default).
  case primal
  /// Dual simplex, falling back to the primal simplex if it fails.
  case dualThenPrimal
  /// Dual simplex.
  case dual

  var glpk: Int32 {
    switch self {
    case .primal: GLP_PRIMAL
    case .dualThenPrimal: GLP_DUALP
    case .dual: GLP_DUAL
    }
  }
}

/// Control parameters of the simplex solver (`solveLP`).
///
/// Values are validated when the solve starts; an out-of-range value throws
/// ``GLPKError/invalidParameter(name:reason:)`` instead of reaching GLPK.
public struct SimplexParameters: Sendable {
  /// Wall-clock limit in seconds; `nil` means none. Must be positive and
  /// finite. GLPK counts whole milliseconds, so it is rounded up to 1 ms and
  /// capped at `Int32.max` ms (about 24 days).
  public var timeLimit: Double?
  /// Maximum number of simplex iterations; `nil` means none. Must be >= 0.
  public var iterationLimit: Int?
  /// Use GLPK's LP presolver. With the presolver, an infeasible or unbounded
  /// problem is reported through the return code (``SolverReturnCode/noPrimalFeasible``
  /// or ``SolverReturnCode/noDualFeasible``) and no basis is kept.
  public var presolve: Bool
  /// How much GLPK writes to the log.
  public var messageLevel: MessageLevel
  /// Primal or dual simplex.
  public var method: SimplexMethod
  /// Polled while the solver runs, from the solving thread; once it returns
  /// `true` the solve stops as soon as it can and the result has return code
  /// ``SolverReturnCode/stoppedByCallback``. Use it to cancel a solve from
  /// another thread (e.g. on Ctrl-C): the closure typically reads an atomic
  /// flag. See ``StopPolling`` for how often it is polled.
  public var stopRequested: (@Sendable () -> Bool)?
  /// At most how many seconds the simplex runs between two polls of
  /// ``stopRequested`` (see ``StopPolling``). Must be positive and finite.
  public var stopPollInterval: Double = StopPolling.defaultInterval
  /// Receives each fragment of GLPK's output as it is produced, in addition
  /// to it being collected into the result's `log`. Called on the solving
  /// thread.
  public var logHandler: (@Sendable (String) -> Void)?

  /// Creates simplex parameters; every argument defaults to the value
  /// documented on the property (no limits, no presolver, silent, primal).
  public init(
    timeLimit: Double? = nil,
    iterationLimit: Int? = nil,
    presolve: Bool = false,
    messageLevel: MessageLevel = .off,
    method: SimplexMethod = .primal,
    logHandler: (@Sendable (String) -> Void)? = nil,
    stopRequested: (@Sendable () -> Bool)? = nil
  ) {
    self.timeLimit = timeLimit
    self.iterationLimit = iterationLimit
    self.presolve = presolve
    self.messageLevel = messageLevel
    self.method = method
    self.logHandler = logHandler
    self.stopRequested = stopRequested
  }

  /// Validated GLPK control parameters.
  func makeControl() throws -> glp_smcp {
    var parm = glp_smcp()
    glp_init_smcp(&parm)
    parm.msg_lev = messageLevel.glpk
    parm.meth = method.glpk
    parm.presolve = presolve ? GLP_ON : GLP_OFF
    if let timeLimit {
      parm.tm_lim = try milliseconds(timeLimit, name: "timeLimit")
    }
    _ = try milliseconds(stopPollInterval, name: "stopPollInterval")
    if let iterationLimit {
      guard iterationLimit >= 0 else {
        throw GLPKError.invalidParameter(name: "iterationLimit", reason: "must be >= 0, got \(iterationLimit)")
      }
      parm.it_lim = Int32(clamping: iterationLimit)
    }
    return parm
  }
}

/// A family of cutting planes GLPK's branch-and-cut can generate.
public enum CutFamily: Sendable, Hashable, CaseIterable {
  /// Gomory's mixed integer cuts.
  case gomory
  /// Mixed integer rounding cuts.
  case mixedIntegerRounding
  /// Mixed cover cuts.
  case cover
  /// Clique cuts.
  case clique
}

/// How the branch-and-bound search chooses the variable to branch on.
public enum BranchingRule: Sendable, Equatable {
  /// The first fractional integer variable.
  case firstFractional
  /// The last fractional integer variable.
  case lastFractional
  /// The integer variable whose value is most fractional.
  case mostFractional
  /// The heuristic of Driebeck and Tomlin (GLPK's default).
  case driebeckTomlin
  /// Hybrid pseudo-cost heuristic.
  case hybridPseudocost

  var glpk: Int32 {
    switch self {
    case .firstFractional: GLP_BR_FFV
    case .lastFractional: GLP_BR_LFV
    case .mostFractional: GLP_BR_MFV
    case .driebeckTomlin: GLP_BR_DTH
    case .hybridPseudocost: GLP_BR_PCH
    }
  }
}

/// How the branch-and-bound search chooses the next subproblem.
public enum BacktrackingRule: Sendable, Equatable {
  /// Depth-first search.
  case depthFirst
  /// Breadth-first search.
  case breadthFirst
  /// The subproblem with the best local bound (GLPK's default).
  case bestLocalBound
  /// Best projection heuristic.
  case bestProjection

  var glpk: Int32 {
    switch self {
    case .depthFirst: GLP_BT_DFS
    case .breadthFirst: GLP_BT_BFS
    case .bestLocalBound: GLP_BT_BLB
    case .bestProjection: GLP_BT_BPH
    }
  }
}

/// Control parameters of the branch-and-cut solver (`solveMIP`).
///
/// Values are validated when the solve starts; an out-of-range value throws
/// ``GLPKError/invalidParameter(name:reason:)`` instead of reaching GLPK.
public struct MIPParameters: Sendable {
  /// Wall-clock limit in seconds for the whole `solveMIP` call (root LP
  /// included); `nil` means none. Must be positive and finite. GLPK counts
  /// whole milliseconds, so it is rounded up to 1 ms and capped at
  /// `Int32.max` ms.
  public var timeLimit: Double?
  /// Stop when the relative gap between the incumbent and the best bound is
  /// at most this value (GLPK's `mip_gap`). Must be finite and >= 0.
  public var relativeGap: Double
  /// Cutting planes to generate. Cover cuts are not generated with the
  /// presolver on, nor for a problem without columns: GLPK 5.0's cover-cut
  /// generator aborts the process on a problem with rows but no columns,
  /// which is what the presolver leaves when it fixes every column.
  public var cuts: Set<CutFamily>
  /// Use GLPK's MIP presolver. When `false`, `solveMIP` first solves the LP
  /// relaxation with the simplex method (unless an optimal basis from an
  /// unchanged problem is already present), as GLPK then requires. Only
  /// without the presolver does the callback see the original column
  /// numbering, so ``SearchTree/offerSolution(_:)`` requires `false`.
  public var presolve: Bool
  /// Run the feasibility pump heuristic.
  public var feasibilityPump: Bool
  /// Run the proximity search heuristic.
  public var proximitySearch: Bool
  /// Time limit of the proximity search in seconds; `nil` keeps GLPK's
  /// default (60 s). Must be positive and finite.
  public var proximityTimeLimit: Double?
  /// Branching variable selection.
  public var branching: BranchingRule
  /// Subproblem selection.
  public var backtracking: BacktrackingRule
  /// How much GLPK writes to the log.
  public var messageLevel: MessageLevel
  /// Replace general integer variables by binary ones (presolver only).
  public var binarize: Bool
  /// Polled while the solver runs, from the solving thread; once it returns
  /// `true` the solve stops as soon as it can and the result has return code
  /// ``SolverReturnCode/stoppedByCallback``. Use it to cancel a solve from
  /// another thread (e.g. on Ctrl-C): the closure typically reads an atomic
  /// flag. See ``StopPolling`` for how often it is polled.
  public var stopRequested: (@Sendable () -> Bool)?
  /// At most how many seconds the simplex runs between two polls of
  /// ``stopRequested`` (see ``StopPolling``). Must be positive and finite.
  public var stopPollInterval: Double = StopPolling.defaultInterval
  /// Receives each fragment of GLPK's output as it is produced, in addition
  /// to it being collected into the result's `log`. Called on the solving
  /// thread.
  public var logHandler: (@Sendable (String) -> Void)?
  /// The clock the search callback reads to keep `timeLimit` (see ``StretchWatch``); tests
  /// replace it to play out long stretches without waiting for them.
  var clock: @Sendable () -> ContinuousClock.Instant = { .now }

  /// Creates MIP parameters; every argument defaults to the value shown in
  /// the property list (no time limit, gap 0, no cuts, no presolver, GLPK's
  /// default branching and backtracking, silent).
  public init(
    timeLimit: Double? = nil,
    relativeGap: Double = 0,
    cuts: Set<CutFamily> = [],
    presolve: Bool = false,
    feasibilityPump: Bool = false,
    proximitySearch: Bool = false,
    proximityTimeLimit: Double? = nil,
    branching: BranchingRule = .driebeckTomlin,
    backtracking: BacktrackingRule = .bestLocalBound,
    messageLevel: MessageLevel = .off,
    binarize: Bool = false,
    logHandler: (@Sendable (String) -> Void)? = nil,
    stopRequested: (@Sendable () -> Bool)? = nil
  ) {
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.cuts = cuts
    self.presolve = presolve
    self.feasibilityPump = feasibilityPump
    self.proximitySearch = proximitySearch
    self.proximityTimeLimit = proximityTimeLimit
    self.branching = branching
    self.backtracking = backtracking
    self.messageLevel = messageLevel
    self.binarize = binarize
    self.logHandler = logHandler
    self.stopRequested = stopRequested
  }

  /// Validates every value; throws on the first invalid one.
  func validate() throws {
    if let timeLimit { _ = try milliseconds(timeLimit, name: "timeLimit") }
    if let proximityTimeLimit { _ = try milliseconds(proximityTimeLimit, name: "proximityTimeLimit") }
    _ = try milliseconds(stopPollInterval, name: "stopPollInterval")
    guard relativeGap.isFinite, relativeGap >= 0 else {
      throw GLPKError.invalidParameter(
        name: "relativeGap", reason: "must be finite and >= 0, got \(relativeGap)")
    }
  }

  /// Validated GLPK control parameters (without time limit and callback,
  /// which `solveMIP` fills in).
  func makeControl() throws -> glp_iocp {
    try validate()
    var parm = glp_iocp()
    glp_init_iocp(&parm)
    parm.msg_lev = messageLevel.glpk
    parm.br_tech = branching.glpk
    parm.bt_tech = backtracking.glpk
    parm.mip_gap = relativeGap
    parm.gmi_cuts = cuts.contains(.gomory) ? GLP_ON : GLP_OFF
    parm.mir_cuts = cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
    parm.cov_cuts = cuts.contains(.cover) && !presolve ? GLP_ON : GLP_OFF
    parm.clq_cuts = cuts.contains(.clique) ? GLP_ON : GLP_OFF
    parm.presolve = presolve ? GLP_ON : GLP_OFF
    parm.binarize = binarize ? GLP_ON : GLP_OFF
    parm.fp_heur = feasibilityPump ? GLP_ON : GLP_OFF
    parm.ps_heur = proximitySearch ? GLP_ON : GLP_OFF
    if let proximityTimeLimit {
      parm.ps_tm_lim = try milliseconds(proximityTimeLimit, name: "proximityTimeLimit")
    }
    return parm
  }
}

/// Converts a time limit in seconds to GLPK's milliseconds, validating it.
func milliseconds(_ seconds: Double, name: String) throws -> Int32 {
  guard seconds.isFinite, seconds > 0 else {
    throw GLPKError.invalidParameter(name: name, reason: "must be a positive finite number of seconds, got \(seconds)")
  }
  let ms = (seconds * 1000).rounded(.up)
  return ms >= Double(Int32.max) ? Int32.max : max(1, Int32(ms))
}
