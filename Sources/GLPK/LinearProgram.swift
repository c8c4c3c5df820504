import CGLPK

/// A coefficient of the constraint matrix, addressed by 0-based row and
/// column indices.
public struct MatrixEntry: Sendable, Equatable {
  /// 0-based row index.
  public var row: Int
  /// 0-based column index.
  public var column: Int
  /// The coefficient: 0 (accepted and dropped) or between 1e-100 and 1e100 in
  /// magnitude.
  public var value: Double

  /// Creates the entry `value` at 0-based (`row`, `column`).
  public init(row: Int, column: Int, value: Double) {
    self.row = row
    self.column = column
    self.value = value
  }
}

/// An LP or MIP problem: columns (variables) with bounds, kinds and objective
/// coefficients, rows (constraints) with bounds, and a sparse constraint
/// matrix. Wraps a GLPK problem object (`glp_prob`).
///
/// All indices are 0-based. Data that GLPK would reject by aborting the
/// process (non-finite numbers, inconsistent bounds, over-long names,
/// duplicate matrix entries, out-of-range parameters) is validated first and
/// reported by throwing ``GLPKError``. Numbers are also kept in a range where
/// GLPK's arithmetic cannot overflow or underflow into an internal assertion:
/// bounds and objective coefficients at most 1e100 in magnitude, non-zero
/// matrix coefficients between 1e-100 and 1e100. Indices out of range are programmer
/// errors and trap.
///
/// ## Threads
///
/// GLPK keeps its state per OS thread, so a `LinearProgram` must be created,
/// used and released on one thread; every call, including `deinit`, checks
/// this and traps otherwise. The type is deliberately not `Sendable`. Inside
/// Swift concurrency do not hold it across an `await` (the task may resume on
/// another thread); build and solve it within one synchronous function, or on
/// a dedicated `Thread`. A worker thread that is done with GLPK should call
/// ``GLPKEnvironment/releaseCurrentThread()`` after its last problem is gone.
///
/// While ``solveMIP(_:callback:)`` runs, the problem cannot be modified or
/// solved again (for example from the callback); only names and counts can be
/// read.
public final class LinearProgram {
  /// The GLPK problem object (`glp_prob *`).
  let problem: OpaquePointer
  let thread: OwningThread
  /// The number of rows when the running `solveMIP` started; `nil` when idle.
  /// During the search GLPK appends cut rows to the problem object.
  var rowCountDuringSolve: Int?
  /// Whether the basic solution is optimal for the current, unmodified data,
  /// so that `solveMIP` without presolver can skip the root simplex.
  var hasFreshOptimalBasis = false

  /// Creates an empty problem.
  ///
  /// - Parameters:
  ///   - name: The problem name, used in model files. Control characters are
  ///     removed and it is truncated to 255 UTF-8 bytes (use ``setName(_:)``
  ///     for a checked assignment).
  ///   - direction: Whether to minimize or maximize the objective.
  ///
  /// The corresponding C function is `glp_create_prob`.
  public init(name: String = "", direction: OptimizationDirection = .minimize) {
    thread = .current
    guard let problem = glp_create_prob() else {
      preconditionFailure("glp_create_prob returned NULL")
    }
    self.problem = problem
    ThreadState.problemCreated()
    let safeName = Self.sanitizedName(name)
    if !safeName.isEmpty { glp_set_prob_name(problem, safeName) }
    glp_set_obj_dir(problem, direction.glpk)
  }

  deinit {
    thread.check("LinearProgram (deinit)")
    glp_delete_prob(problem)
    ThreadState.problemDeleted()
  }

  // MARK: Access checks

  /// Traps unless on the owning thread.
  @inline(__always)
  func checkThread() {
    thread.check("LinearProgram")
  }

  /// Traps unless on the owning thread and no solve is running; a
  /// modification also invalidates the remembered optimal basis.
  @inline(__always)
  func checkIdle(modifying: Bool = false) {
    thread.check("LinearProgram")
    precondition(
      rowCountDuringSolve == nil,
      "LinearProgram cannot be modified, solved or written while solveMIP is running (e.g. from its callback)")
    if modifying { hasFreshOptimalBasis = false }
  }

  @inline(__always)
  func checkColumn(_ j: Int, _ function: StaticString = #function) {
    let n = columnCount
    precondition(j >= 0 && j < n, "\(function): column index \(j) out of range 0..<\(n)")
  }

  @inline(__always)
  func checkRow(_ i: Int, _ function: StaticString = #function) {
    let m = rowCount
    precondition(i >= 0 && i < m, "\(function): row index \(i) out of range 0..<\(m)")
  }

  static func sanitizedName(_ name: String) -> String {
    var bytes: [UInt8] = []
    for scalar in name.unicodeScalars where !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
      let utf8 = Array(String(scalar).utf8)
      if bytes.count + utf8.count > 255 { break }
      bytes += utf8
    }
    let result = String(decoding: bytes, as: UTF8.self)
    return (try? validateName(result)) == nil ? "" : result
  }

  // MARK: Problem attributes

  /// The problem name ("" when unnamed).
  ///
  /// The corresponding C function is `glp_get_prob_name`.
  public var name: String {
    checkThread()
    return glp_get_prob_name(problem).map { String(cString: $0) } ?? ""
  }

  /// Sets the problem name; throws ``GLPKError/invalidName(_:reason:)`` for a
  /// name longer than 255 bytes or containing control characters.
  ///
  /// The corresponding C function is `glp_set_prob_name`.
  public func setName(_ name: String) throws {
    checkIdle()
    try validateName(name)
    glp_set_prob_name(problem, name)
  }

  /// Whether the objective is minimized or maximized.
  ///
  /// The corresponding C functions are `glp_get_obj_dir` and `glp_set_obj_dir`.
  public var direction: OptimizationDirection {
    get {
      checkThread()
      return glp_get_obj_dir(problem) == GLP_MAX ? .maximize : .minimize
    }
    set {
      checkIdle(modifying: true)
      glp_set_obj_dir(problem, newValue.glpk)
    }
  }

  /// The number of rows (constraints).
  ///
  /// The corresponding C function is `glp_get_num_rows`.
  public var rowCount: Int {
    checkThread()
    return rowCountDuringSolve ?? Int(glp_get_num_rows(problem))
  }

  /// The number of columns (variables).
  ///
  /// The corresponding C function is `glp_get_num_cols`.
  public var columnCount: Int {
    checkThread()
    return Int(glp_get_num_cols(problem))
  }

  /// The number of non-zero constraint coefficients.
  ///
  /// The corresponding C function is `glp_get_num_nz`.
  public var nonZeroCount: Int {
    checkIdle()
    return Int(glp_get_num_nz(problem))
  }

  // MARK: Columns

  /// Adds a column (variable) and returns its 0-based index.
  ///
  /// Everything is validated before the column is created, so on error the
  /// problem is unchanged.
  ///
  /// - Parameters:
  ///   - name: The column name ("" for none): at most 255 UTF-8 bytes, no
  ///     control characters.
  ///   - kind: Continuous, integer, or binary. For `.binary` the column is
  ///     integer with bounds [0, 1] and `bounds` is ignored.
  ///   - bounds: Finite bounds; integral for `.integer` columns.
  ///   - objective: The objective coefficient (finite, at most 1e100 in
  ///     magnitude).
  ///
  /// The corresponding C functions are `glp_add_cols`, `glp_set_col_name`,
  /// `glp_set_col_kind`, `glp_set_col_bnds` and `glp_set_obj_coef`.
  @discardableResult
  public func addColumn(
    name: String, kind: VariableKind = .continuous, bounds: Bounds = .lower(0), objective: Double = 0
  ) throws -> Int {
    checkIdle(modifying: true)
    try validateName(name)
    let glpkBounds = kind == .binary ? nil : try GLPKBounds(bounds, name: name, integral: kind == .integer)
    try requireFinite(objective, "objective coefficient of column '\(name)'")
    guard columnCount < GLPKLimits.maxColumns else {
      throw GLPKError.tooLarge("more than \(GLPKLimits.maxColumns) columns")
    }
    let j = glp_add_cols(problem, 1)
    if !name.isEmpty { glp_set_col_name(problem, j, name) }
    switch kind {
    case .continuous: glp_set_col_kind(problem, j, GLP_CV)
    case .integer: glp_set_col_kind(problem, j, GLP_IV)
    case .binary: glp_set_col_kind(problem, j, GLP_BV)
    }
    if let glpkBounds {
      glp_set_col_bnds(problem, j, glpkBounds.type, glpkBounds.lower, glpkBounds.upper)
    }
    glp_set_obj_coef(problem, j, objective)
    return Int(j) - 1
  }

  /// The name of column `column` ("" when unnamed).
  ///
  /// The corresponding C function is `glp_get_col_name`.
  public func columnName(_ column: Int) -> String {
    checkThread()
    checkColumn(column)
    return glp_get_col_name(problem, Int32(column + 1)).map { String(cString: $0) } ?? ""
  }

  /// Renames column `column` ("" removes the name).
  ///
  /// The corresponding C function is `glp_set_col_name`.
  public func setColumnName(_ column: Int, _ name: String) throws {
    checkIdle()
    checkColumn(column)
    try validateName(name)
    glp_set_col_name(problem, Int32(column + 1), name)
  }

  /// The bounds of column `column`.
  ///
  /// The corresponding C functions are `glp_get_col_type`, `glp_get_col_lb`
  /// and `glp_get_col_ub`.
  public func columnBounds(_ column: Int) -> Bounds {
    checkIdle()
    checkColumn(column)
    let j = Int32(column + 1)
    return GLPKBounds(
      type: glp_get_col_type(problem, j), lower: glp_get_col_lb(problem, j),
      upper: glp_get_col_ub(problem, j)
    ).bounds
  }

  /// Changes the bounds of column `column`. Bounds must be finite (at most
  /// 1e100 in magnitude) and, for an
  /// integer or binary column, integral (a binary column with bounds other
  /// than [0, 1] becomes a general integer column).
  ///
  /// The corresponding C function is `glp_set_col_bnds`.
  public func setColumnBounds(_ column: Int, _ bounds: Bounds) throws {
    checkIdle(modifying: true)
    checkColumn(column)
    let j = Int32(column + 1)
    let integral = glp_get_col_kind(problem, j) != GLP_CV
    let b = try GLPKBounds(bounds, name: columnName(column), integral: integral)
    glp_set_col_bnds(problem, j, b.type, b.lower, b.upper)
  }

  /// The kind of column `column`; an integer column with bounds exactly
  /// [0, 1] is reported as `.binary`.
  ///
  /// The corresponding C function is `glp_get_col_kind`.
  public func columnKind(_ column: Int) -> VariableKind {
    checkIdle()
    checkColumn(column)
    switch glp_get_col_kind(problem, Int32(column + 1)) {
    case GLP_BV: return .binary
    case GLP_IV: return .integer
    default: return .continuous
    }
  }

  /// Changes the kind of column `column`. Making a column `.integer` requires
  /// its current bounds to be integral; `.binary` also sets bounds [0, 1].
  ///
  /// The corresponding C function is `glp_set_col_kind`.
  public func setColumnKind(_ column: Int, _ kind: VariableKind) throws {
    checkIdle(modifying: true)
    checkColumn(column)
    let j = Int32(column + 1)
    switch kind {
    case .continuous:
      glp_set_col_kind(problem, j, GLP_CV)
    case .integer:
      _ = try GLPKBounds(columnBounds(column), name: columnName(column), integral: true)
      glp_set_col_kind(problem, j, GLP_IV)
    case .binary:
      glp_set_col_kind(problem, j, GLP_BV)
    }
  }

  // MARK: Objective

  /// The objective coefficient of column `column`.
  ///
  /// The corresponding C function is `glp_get_obj_coef`.
  public func objectiveCoefficient(_ column: Int) -> Double {
    checkIdle()
    checkColumn(column)
    return glp_get_obj_coef(problem, Int32(column + 1))
  }

  /// Sets the objective coefficient of column `column`; it must be finite and
  /// at most 1e100 in magnitude.
  ///
  /// The corresponding C function is `glp_set_obj_coef`.
  public func setObjectiveCoefficient(_ column: Int, _ value: Double) throws {
    checkIdle(modifying: true)
    checkColumn(column)
    try requireFinite(value, "objective coefficient of column \(NamedIndex(index: column, name: columnName(column)))")
    glp_set_obj_coef(problem, Int32(column + 1), value)
  }

  /// The constant term of the objective.
  ///
  /// The corresponding C function is `glp_get_obj_coef` with index 0.
  public var objectiveConstant: Double {
    checkIdle()
    return glp_get_obj_coef(problem, 0)
  }

  /// Sets the constant term of the objective; it must be finite and at most
  /// 1e100 in magnitude.
  ///
  /// The corresponding C function is `glp_set_obj_coef` with index 0.
  public func setObjectiveConstant(_ value: Double) throws {
    checkIdle(modifying: true)
    try requireFinite(value, "objective constant")
    glp_set_obj_coef(problem, 0, value)
  }

  // MARK: Rows

  /// Adds a row (constraint) with an empty coefficient list and returns its
  /// 0-based index. Coefficients are set with ``loadMatrix(_:)``.
  ///
  /// - Parameters:
  ///   - name: The row name ("" for none): at most 255 UTF-8 bytes, no
  ///     control characters.
  ///   - bounds: Finite bounds on the row activity.
  ///
  /// The corresponding C functions are `glp_add_rows`, `glp_set_row_name` and
  /// `glp_set_row_bnds`.
  @discardableResult
  public func addRow(name: String, bounds: Bounds) throws -> Int {
    checkIdle(modifying: true)
    try validateName(name)
    let b = try GLPKBounds(bounds, name: name)
    guard rowCount < GLPKLimits.maxRows else {
      throw GLPKError.tooLarge("more than \(GLPKLimits.maxRows) rows")
    }
    let i = glp_add_rows(problem, 1)
    if !name.isEmpty { glp_set_row_name(problem, i, name) }
    glp_set_row_bnds(problem, i, b.type, b.lower, b.upper)
    return Int(i) - 1
  }

  /// The name of row `row` ("" when unnamed).
  ///
  /// The corresponding C function is `glp_get_row_name`.
  public func rowName(_ row: Int) -> String {
    checkThread()
    checkRow(row)
    return glp_get_row_name(problem, Int32(row + 1)).map { String(cString: $0) } ?? ""
  }

  /// Renames row `row` ("" removes the name).
  ///
  /// The corresponding C function is `glp_set_row_name`.
  public func setRowName(_ row: Int, _ name: String) throws {
    checkIdle()
    checkRow(row)
    try validateName(name)
    glp_set_row_name(problem, Int32(row + 1), name)
  }

  /// The bounds of row `row`.
  ///
  /// The corresponding C functions are `glp_get_row_type`, `glp_get_row_lb`
  /// and `glp_get_row_ub`.
  public func rowBounds(_ row: Int) -> Bounds {
    checkIdle()
    checkRow(row)
    let i = Int32(row + 1)
    return GLPKBounds(
      type: glp_get_row_type(problem, i), lower: glp_get_row_lb(problem, i),
      upper: glp_get_row_ub(problem, i)
    ).bounds
  }

  /// Changes the bounds of row `row`; they must be finite and at most 1e100
  /// in magnitude.
  ///
  /// The corresponding C function is `glp_set_row_bnds`.
  public func setRowBounds(_ row: Int, _ bounds: Bounds) throws {
    checkIdle(modifying: true)
    checkRow(row)
    let b = try GLPKBounds(bounds, name: rowName(row))
    glp_set_row_bnds(problem, Int32(row + 1), b.type, b.lower, b.upper)
  }

  // MARK: Names

  /// The index of the column named `name`, or `nil` if there is none (with
  /// duplicate names, any one of them).
  ///
  /// The corresponding C functions are `glp_create_index` and `glp_find_col`.
  public func columnIndex(named name: String) -> Int? {
    checkIdle()
    guard !name.isEmpty, (try? validateName(name)) != nil else { return nil }
    glp_create_index(problem)
    let j = Int(glp_find_col(problem, name))
    return j == 0 ? nil : j - 1
  }

  /// The index of the row named `name`, or `nil` if there is none (with
  /// duplicate names, any one of them).
  ///
  /// The corresponding C functions are `glp_create_index` and `glp_find_row`.
  public func rowIndex(named name: String) -> Int? {
    checkIdle()
    guard !name.isEmpty, (try? validateName(name)) != nil else { return nil }
    glp_create_index(problem)
    let i = Int(glp_find_row(problem, name))
    return i == 0 ? nil : i - 1
  }

  // MARK: Constraint matrix

  /// Replaces the whole constraint matrix.
  ///
  /// Every entry is checked before GLPK sees any: indices must be in range,
  /// values 0 or between 1e-100 and 1e100 in magnitude, and each (row,
  /// column) pair may appear once (a duplicate
  /// is reported with both names). Zero values are dropped. On error the
  /// matrix is unchanged.
  ///
  /// The corresponding C function is `glp_load_matrix`.
  public func loadMatrix(_ entries: [MatrixEntry]) throws {
    checkIdle(modifying: true)
    let m = rowCount, n = columnCount
    guard entries.count <= GLPKLimits.maxNonZeros else {
      throw GLPKError.tooLarge("more than \(GLPKLimits.maxNonZeros) matrix entries")
    }
    var seen = Set<Int>(minimumCapacity: entries.count)
    var nonZeros = 0
    for (k, e) in entries.enumerated() {
      guard e.row >= 0, e.row < m, e.column >= 0, e.column < n else {
        throw GLPKError.matrixEntryOutOfRange(entry: k, row: e.row, column: e.column)
      }
      try requireCoefficient(
        e.value,
        "matrix entry \(k) at row \(NamedIndex(index: e.row, name: rowName(e.row))), column \(NamedIndex(index: e.column, name: columnName(e.column)))"
      )
      guard seen.insert(e.row * n + e.column).inserted else {
        throw GLPKError.duplicateMatrixEntry(
          row: NamedIndex(index: e.row, name: rowName(e.row)),
          column: NamedIndex(index: e.column, name: columnName(e.column)))
      }
      if e.value != 0 { nonZeros += 1 }
    }
    // GLPK arrays are 1-based: element 0 is unused.
    var ia = [Int32](repeating: 0, count: nonZeros + 1)
    var ja = [Int32](repeating: 0, count: nonZeros + 1)
    var ar = [Double](repeating: 0, count: nonZeros + 1)
    var k = 1
    for e in entries where e.value != 0 {
      ia[k] = Int32(e.row + 1)
      ja[k] = Int32(e.column + 1)
      ar[k] = e.value
      k += 1
    }
    // Second line of defence: GLPK's own check of exactly what glp_load_matrix
    // would abort on (an index out of range or a duplicate). After the checks
    // above it cannot fail; if it does, the wrapper has a bug.
    let check = glp_check_dup(Int32(m), Int32(n), Int32(nonZeros), ia, ja)
    precondition(check == 0, "loadMatrix: glp_check_dup found a bad entry (\(check)) the validation missed")
    glp_load_matrix(problem, Int32(nonZeros), ia, ja, ar)
  }

  /// The non-zero coefficients of the constraint matrix, row by row.
  ///
  /// The corresponding C function is `glp_get_mat_row`.
  public func matrixEntries() -> [MatrixEntry] {
    checkIdle()
    let m = rowCount, n = columnCount
    var ind = [Int32](repeating: 0, count: n + 1)
    var val = [Double](repeating: 0, count: n + 1)
    var result: [MatrixEntry] = []
    result.reserveCapacity(nonZeroCount)
    for i in 0..<m {
      let len = Int(glp_get_mat_row(problem, Int32(i + 1), &ind, &val))
      for t in stride(from: 1, through: len, by: 1) {
        result.append(MatrixEntry(row: i, column: Int(ind[t]) - 1, value: val[t]))
      }
    }
    return result
  }
}
