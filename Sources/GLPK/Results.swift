import CGLPK

/// The return code of GLPK's simplex (`glp_simplex`) or branch-and-cut
/// (`glp_intopt`) routine.
///
/// `solveLP`/`solveMIP` return a result for codes that still describe a
/// usable outcome (success, a limit reached, stopped by the callback, proven
/// infeasibility) and throw ``GLPKError/solverFailed(_:log:)`` for the rest.
public enum SolverReturnCode: Sendable, Equatable, CustomStringConvertible {
  /// The solver finished normally (0). This says nothing about feasibility;
  /// check the status.
  case success
  /// The initial basis is invalid (`GLP_EBADB`).
  case invalidBasis
  /// The basis matrix is singular (`GLP_ESING`).
  case singularMatrix
  /// The basis matrix is ill-conditioned (`GLP_ECOND`).
  case illConditionedMatrix
  /// Some double-bounded variable has lower >= upper, or an integer variable
  /// has fractional bounds (`GLP_EBOUND`).
  case invalidBounds
  /// The solver failed, for example numerically (`GLP_EFAIL`).
  case solverFailure
  /// The objective reached its lower limit (`GLP_EOBJLL`, dual simplex).
  case objectiveLowerLimitReached
  /// The objective reached its upper limit (`GLP_EOBJUL`, dual simplex).
  case objectiveUpperLimitReached
  /// The iteration limit was exceeded (`GLP_EITLIM`).
  case iterationLimitReached
  /// The time limit was exceeded (`GLP_ETMLIM`).
  case timeLimitReached
  /// The LP (relaxation) has no primal feasible solution (`GLP_ENOPFS`).
  case noPrimalFeasible
  /// The LP (relaxation) has no dual feasible solution, i.e. it is unbounded
  /// or infeasible (`GLP_ENODFS`).
  case noDualFeasible
  /// The MIP solver was started without an optimal LP basis (`GLP_EROOT`).
  case noRootLPOptimum
  /// The search was stopped from the callback (`GLP_ESTOP`).
  case stoppedByCallback
  /// The relative MIP gap tolerance was reached (`GLP_EMIPGAP`).
  case mipGapReached
  /// The solver found data it cannot use, e.g. a non-integral or too large
  /// capacity in a flow network (`GLP_EDATA`, network solvers).
  case invalidData
  /// An integer overflow inside the solver (`GLP_ERANGE`, network solvers).
  case resultOutOfRange
  /// A code this wrapper does not know.
  case other(Int32)

  init(glpk code: Int32) {
    switch code {
    case 0: self = .success
    case GLP_EBADB: self = .invalidBasis
    case GLP_ESING: self = .singularMatrix
    case GLP_ECOND: self = .illConditionedMatrix
    case GLP_EBOUND: self = .invalidBounds
    case GLP_EFAIL: self = .solverFailure
    case GLP_EOBJLL: self = .objectiveLowerLimitReached
    case GLP_EOBJUL: self = .objectiveUpperLimitReached
    case GLP_EITLIM: self = .iterationLimitReached
    case GLP_ETMLIM: self = .timeLimitReached
    case GLP_ENOPFS: self = .noPrimalFeasible
    case GLP_ENODFS: self = .noDualFeasible
    case GLP_EROOT: self = .noRootLPOptimum
    case GLP_ESTOP: self = .stoppedByCallback
    case GLP_EMIPGAP: self = .mipGapReached
    case GLP_EDATA: self = .invalidData
    case GLP_ERANGE: self = .resultOutOfRange
    default: self = .other(code)
    }
  }

  /// Whether the code still describes a usable outcome (so the solve returns
  /// a result instead of throwing).
  var isUsableOutcome: Bool {
    switch self {
    case .success, .objectiveLowerLimitReached, .objectiveUpperLimitReached,
      .iterationLimitReached, .timeLimitReached, .noPrimalFeasible, .noDualFeasible,
      .stoppedByCallback, .mipGapReached:
      true
    case .invalidBasis, .singularMatrix, .illConditionedMatrix, .invalidBounds,
      .solverFailure, .noRootLPOptimum, .invalidData, .resultOutOfRange, .other:
      false
    }
  }

  /// The case name with GLPK's symbolic code, for messages.
  public var description: String {
    switch self {
    case .success: "success"
    case .invalidBasis: "invalid basis (GLP_EBADB)"
    case .singularMatrix: "singular matrix (GLP_ESING)"
    case .illConditionedMatrix: "ill-conditioned matrix (GLP_ECOND)"
    case .invalidBounds: "invalid bounds (GLP_EBOUND)"
    case .solverFailure: "solver failure (GLP_EFAIL)"
    case .objectiveLowerLimitReached: "objective lower limit reached (GLP_EOBJLL)"
    case .objectiveUpperLimitReached: "objective upper limit reached (GLP_EOBJUL)"
    case .iterationLimitReached: "iteration limit reached (GLP_EITLIM)"
    case .timeLimitReached: "time limit reached (GLP_ETMLIM)"
    case .noPrimalFeasible: "no primal feasible solution (GLP_ENOPFS)"
    case .noDualFeasible: "no dual feasible solution (GLP_ENODFS)"
    case .noRootLPOptimum: "no optimal root LP basis (GLP_EROOT)"
    case .stoppedByCallback: "stopped by callback (GLP_ESTOP)"
    case .mipGapReached: "relative MIP gap reached (GLP_EMIPGAP)"
    case .invalidData: "invalid data (GLP_EDATA)"
    case .resultOutOfRange: "result out of range (GLP_ERANGE)"
    case let .other(code): "GLPK return code \(code)"
    }
  }
}

/// The status of a basic (LP) or integer (MIP) solution.
public enum SolutionStatus: Sendable, Equatable {
  /// Optimal (`GLP_OPT`).
  case optimal
  /// Feasible, optimality not proven (`GLP_FEAS`).
  case feasible
  /// Infeasible, i.e. the current basic solution is not feasible
  /// (`GLP_INFEAS`, LP only).
  case infeasible
  /// The problem has no feasible solution (`GLP_NOFEAS`).
  case noFeasible
  /// The problem is unbounded (`GLP_UNBND`, LP only).
  case unbounded
  /// No solution is known (`GLP_UNDEF`).
  case undefined

  init(glpk status: Int32) {
    switch status {
    case GLP_OPT: self = .optimal
    case GLP_FEAS: self = .feasible
    case GLP_INFEAS: self = .infeasible
    case GLP_NOFEAS: self = .noFeasible
    case GLP_UNBND: self = .unbounded
    default: self = .undefined  // GLP_UNDEF; GLPK defines no other status
    }
  }

  /// Whether the status carries a usable solution (optimal or feasible).
  public var hasSolution: Bool { self == .optimal || self == .feasible }
}

/// The outcome of `solveLP`.
public struct LPResult: Sendable {
  /// How the simplex routine finished.
  public var returnCode: SolverReturnCode
  /// Status of the basic solution.
  public var status: SolutionStatus
  /// Objective value (meaningful when `status` is optimal or feasible).
  public var objective: Double
  /// Primal values of the columns, by 0-based column index.
  public var columnValues: [Double]
  /// Activities of the rows, by 0-based row index.
  public var rowValues: [Double]
  /// Dual values (shadow prices) of the rows.
  public var rowDuals: [Double]
  /// Reduced costs of the columns.
  public var columnReducedCosts: [Double]
  /// GLPK's output during the solve.
  public var log: String
}

/// The outcome of `solveMIP`.
public struct MIPResult: Sendable {
  /// How the solve finished.
  public var returnCode: SolverReturnCode
  /// Status of the integer solution.
  public var status: SolutionStatus
  /// Objective value of the incumbent (meaningful when `status` is optimal
  /// or feasible).
  public var objective: Double
  /// Values of the columns in the incumbent, by 0-based column index.
  public var columnValues: [Double]
  /// Row activities of the incumbent, by 0-based row index.
  public var rowValues: [Double]
  /// The best proven bound on the optimum: a lower bound when minimizing,
  /// an upper bound when maximizing. It is the objective itself when the
  /// search completed, otherwise the last best-node bound observed during the
  /// search; `nil` if unknown.
  public var bestBound: Double?
  /// Relative gap `|objective - bestBound| / (|objective| + DBL_EPSILON)`
  /// (GLPK's formula); `nil` without an incumbent or a bound.
  public var relativeGap: Double?
  /// Total number of branch-and-bound nodes created, as last observed during
  /// the search; `nil` if the search did not start.
  public var nodeCount: Int?
  /// GLPK's output during the solve (root LP included).
  public var log: String
}
