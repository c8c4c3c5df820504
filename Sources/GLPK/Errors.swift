/// A row or column identified by its 0-based index and its name.
///
/// Used in errors so that a message can point at the offending item both by
/// position and by the name the model builder gave it.
public struct NamedIndex: Sendable, Equatable, CustomStringConvertible {
  /// The 0-based index.
  public var index: Int
  /// The name, or an empty string when the item has no name.
  public var name: String

  /// Creates a reference to item `index` named `name`.
  public init(index: Int, name: String) {
    self.index = index
    self.name = name
  }

  /// `'name' (#index)`, or `#index` for an unnamed item.
  public var description: String {
    name.isEmpty ? "#\(index)" : "'\(name)' (#\(index))"
  }
}

/// The step of MathProg translation that failed.
public enum MathProgStage: Sendable, Equatable, CustomStringConvertible {
  /// Reading and translating the model section (`glp_mpl_read_model`).
  case model
  /// Reading and translating the data section (`glp_mpl_read_data`).
  case data
  /// Generating the model instance (`glp_mpl_generate`).
  case generate

  /// The stage name as used in messages.
  public var description: String {
    switch self {
    case .model: "model"
    case .data: "data"
    case .generate: "generate"
    }
  }
}

/// A runtime failure reported by the GLPK wrapper.
///
/// These are failures caused by data (a bound that is not a number, a name
/// that GLPK would refuse, a duplicate matrix entry, a file that cannot be
/// written) or by the solver. They are thrown *before* GLPK is called whenever
/// GLPK itself would abort the process. Programmer errors, such as a row index
/// out of range, trap with a precondition failure instead.
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A name GLPK does not accept: longer than 255 UTF-8 bytes or containing a
  /// control character.
  case invalidName(String, reason: String)
  /// Bounds that are inconsistent: lower above upper, or non-integral bounds
  /// for an integer column. `name` identifies the row or column.
  case invalidBounds(name: String, lower: Double, upper: Double, reason: String)
  /// A NaN or infinite number where GLPK needs a finite one. `what` says where.
  case nonFiniteValue(what: String, value: Double)
  /// A finite number too large or too small for GLPK to compute with safely
  /// (see the type's documentation of limits). `range` says what is accepted.
  case valueOutOfRange(what: String, value: Double, range: String)
  /// A matrix entry whose row or column index is outside the problem.
  /// `entry` is the 0-based position in the array passed to `loadMatrix`.
  case matrixEntryOutOfRange(entry: Int, row: Int, column: Int)
  /// Two matrix entries for the same row and column.
  case duplicateMatrixEntry(row: NamedIndex, column: NamedIndex)
  /// A control parameter outside its valid range.
  case invalidParameter(name: String, reason: String)
  /// The problem would exceed a GLPK size limit.
  case tooLarge(String)
  /// A file path GLPK cannot receive (empty, or containing a NUL byte or a
  /// control character).
  case invalidPath(String)
  /// Writing a model file failed; `log` is GLPK's or the system's message.
  case fileWriteFailed(path: String, log: String)
  /// Reading a model file failed; `log` is GLPK's message.
  case fileReadFailed(path: String, log: String)
  /// The MathProg translator rejected the model or data. `message` holds the
  /// translator's error lines, `log` its complete output.
  case mathProg(stage: MathProgStage, message: String, log: String)
  /// The solver could not solve the problem (for example a singular basis or
  /// an integer column with non-integral bounds). `log` is GLPK's output.
  case solverFailed(SolverReturnCode, log: String)
  /// A flow network that cannot be given to GLPK's min-cost-flow solvers:
  /// supplies not summing to zero, a negative capacity, a self-loop, an arc
  /// end outside the network (see ``FlowNetwork/validate(for:)``).
  case invalidNetwork(String)
  /// The supplies cannot be routed to the demands within the arc capacities
  /// (`GLP_ENOPFS` from a min-cost-flow solver).
  case infeasibleFlow(String)
  /// The requested feature is not provided by the GLPK library in use (for
  /// example RELAX-IV, which GLPK 5.0 ships as a stub that aborts).
  case unavailable(String)
  /// A min-cost-flow solver returned an error code other than "infeasible";
  /// `reason` says what the code means there.
  case flowSolverFailed(SolverReturnCode, reason: String)

  /// A one-line, human-readable message (the last lines of a GLPK log are
  /// included where there is one).
  public var description: String {
    switch self {
    case let .invalidName(name, reason):
      return "invalid name \(String(reflecting: name)): \(reason)"
    case let .invalidBounds(name, lower, upper, reason):
      return "invalid bounds for '\(name)' [\(lower), \(upper)]: \(reason)"
    case let .nonFiniteValue(what, value):
      return "non-finite value \(value) for \(what)"
    case let .valueOutOfRange(what, value, range):
      return "value \(value) for \(what) is out of range (\(range))"
    case let .matrixEntryOutOfRange(entry, row, column):
      return "matrix entry \(entry) at (row \(row), column \(column)) is outside the problem"
    case let .duplicateMatrixEntry(row, column):
      return "duplicate matrix entry at row \(row), column \(column)"
    case let .invalidParameter(name, reason):
      return "invalid parameter \(name): \(reason)"
    case let .tooLarge(what):
      return "problem too large: \(what)"
    case let .invalidPath(path):
      return "invalid file path \(String(reflecting: path))"
    case let .fileWriteFailed(path, log):
      return "cannot write '\(path)'" + Self.suffix(log)
    case let .fileReadFailed(path, log):
      return "cannot read '\(path)'" + Self.suffix(log)
    case let .mathProg(stage, message, _):
      return "MathProg \(stage) error: \(message)"
    case let .solverFailed(code, log):
      return "solver failed (\(code))" + Self.suffix(log)
    case let .invalidNetwork(reason):
      return "invalid flow network: \(reason)"
    case let .infeasibleFlow(reason):
      return "infeasible flow network: \(reason)"
    case let .unavailable(what):
      return "not available: \(what)"
    case let .flowSolverFailed(code, reason):
      return "min-cost flow solver failed (\(code)): \(reason)"
    }
  }

  private static func suffix(_ log: String) -> String {
    let trimmed = log.split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
    return trimmed.isEmpty ? "" : ": \(trimmed)"
  }
}
