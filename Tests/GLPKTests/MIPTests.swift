import GLPK
import XCTest

final class MIPTests: XCTestCase {
  func testKnapsackOptimum() throws {
    // max 10a + 13b + 7c + 8d s.t. 4a + 6b + 3c + 5d <= 10, binary -> 23 at (1,1,0,0)
    let lp = try makeKnapsack()
    XCTAssertEqual(lp.columnKind(0), .binary)
    let result = try lp.solveMIP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.returnCode, .success)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
    XCTAssertEqual(result.columnValues, [1, 1, 0, 0])
    XCTAssertEqual(result.rowValues[0], 10, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(result.bestBound), 23, accuracy: 1e-9)
    XCTAssertEqual(result.relativeGap, 0)
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.nodeCount), 1)
  }

  func testKnapsackWithPresolveCutsAndHeuristics() throws {
    // Same knapsack, all solver features on: same optimum 23.
    let lp = try makeKnapsack()
    let params = MIPParameters(
      timeLimit: 60, cuts: Set(CutFamily.allCases), presolve: true, feasibilityPump: true,
      proximitySearch: true, proximityTimeLimit: 5, branching: .mostFractional,
      backtracking: .depthFirst, messageLevel: .all, binarize: true)
    let result = try lp.solveMIP(params)
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
    XCTAssertTrue(result.log.contains("INTEGER OPTIMAL"), result.log)
  }

  func testIntegerColumnAndLPThenMIP() throws {
    // min -x - y s.t. 2x + 2y <= 7, x, y integer >= 0
    //   LP optimum -3.5; MIP optimum -3 (x + y = 3).
    let lp = LinearProgram()
    let x = try lp.addColumn(name: "x", kind: .integer, objective: -1)
    let y = try lp.addColumn(name: "y", kind: .integer, objective: -1)
    let r = try lp.addRow(name: "r", bounds: .upper(7))
    try lp.loadMatrix([MatrixEntry(row: r, column: x, value: 2), MatrixEntry(row: r, column: y, value: 2)])
    let relaxation = try lp.solveLP()
    XCTAssertEqual(relaxation.status, .optimal)
    XCTAssertEqual(relaxation.objective, -3.5, accuracy: 1e-9)
    // The optimal basis is reused: solveMIP skips its own root simplex.
    let result = try lp.solveMIP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, -3, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(result.bestBound), -3, accuracy: 1e-9)
    // Solving again after a change works too.
    try lp.setRowBounds(r, .upper(9))
    let again = try lp.solveMIP()
    XCTAssertEqual(again.status, .optimal)
    XCTAssertEqual(again.objective, -4, accuracy: 1e-9)
  }

  func testIntegerInfeasibleMIP() throws {
    // x + y == 1.5 with x, y binary: the LP relaxation is feasible
    // (x = 1, y = 0.5) but no integer point satisfies it.
    let lp = LinearProgram()
    let x = try lp.addColumn(name: "x", kind: .binary, objective: 1)
    let y = try lp.addColumn(name: "y", kind: .binary, objective: 1)
    let r = try lp.addRow(name: "r", bounds: .fixed(1.5))
    try lp.loadMatrix([MatrixEntry(row: r, column: x, value: 1), MatrixEntry(row: r, column: y, value: 1)])
    let result = try lp.solveMIP()
    XCTAssertEqual(result.status, .noFeasible)
    XCTAssertEqual(result.returnCode, .success)
    XCTAssertNil(result.bestBound)
  }

  func testLPInfeasibleMIP() throws {
    // x + y >= 3 with x, y binary: even the LP relaxation is infeasible.
    for presolve in [false, true] {
      let lp = LinearProgram()
      let x = try lp.addColumn(name: "x", kind: .binary, objective: 1)
      let y = try lp.addColumn(name: "y", kind: .binary, objective: 1)
      let r = try lp.addRow(name: "r", bounds: .lower(3))
      try lp.loadMatrix([MatrixEntry(row: r, column: x, value: 1), MatrixEntry(row: r, column: y, value: 1)])
      let result = try lp.solveMIP(MIPParameters(presolve: presolve))
      XCTAssertTrue(result.status == .noFeasible || result.status == .infeasible, "presolve \(presolve): \(result.status)")
      XCTAssertEqual(result.returnCode, .noPrimalFeasible, "presolve \(presolve)")
    }
  }

  func testTimeLimitValidation() throws {
    let lp = try makeKnapsack()
    for bad in [0, -1, Double.nan, Double.infinity, -Double.infinity] {
      assertThrowsGLPK(try lp.solveMIP(MIPParameters(timeLimit: bad))) {
        if case .invalidParameter(name: "timeLimit", _) = $0 { true } else { false }
      }
      assertThrowsGLPK(try lp.solveLP(SimplexParameters(timeLimit: bad))) {
        if case .invalidParameter(name: "timeLimit", _) = $0 { true } else { false }
      }
      assertThrowsGLPK(try lp.solveMIP(MIPParameters(proximityTimeLimit: bad))) {
        if case .invalidParameter(name: "proximityTimeLimit", _) = $0 { true } else { false }
      }
    }
    // Huge and tiny limits are clamped, not rejected.
    XCTAssertEqual(try lp.solveMIP(MIPParameters(timeLimit: 1e300)).status, .optimal)
    let tiny = try lp.solveMIP(MIPParameters(timeLimit: 1e-9))  // rounded up to 1 ms
    XCTAssertTrue(tiny.returnCode == .success || tiny.returnCode == .timeLimitReached, "\(tiny.returnCode)")
    XCTAssertEqual(try lp.solveLP(SimplexParameters(timeLimit: 1e12)).status, .optimal)
    assertThrowsGLPK(try lp.solveLP(SimplexParameters(iterationLimit: -1))) {
      if case .invalidParameter(name: "iterationLimit", _) = $0 { true } else { false }
    }
  }

  func testGapValidation() throws {
    let lp = try makeKnapsack()
    for bad in [-0.1, Double.nan, Double.infinity] {
      assertThrowsGLPK(try lp.solveMIP(MIPParameters(relativeGap: bad))) {
        if case .invalidParameter(name: "relativeGap", _) = $0 { true } else { false }
      }
    }
    // A generous gap is accepted and yields a proven bound.
    let result = try lp.solveMIP(MIPParameters(relativeGap: 0.5))
    XCTAssertTrue(result.status.hasSolution)
    if result.returnCode == .mipGapReached {
      let bound = try XCTUnwrap(result.bestBound)
      XCTAssertGreaterThanOrEqual(bound, result.objective - 1e-9)
      XCTAssertLessThanOrEqual(try XCTUnwrap(result.relativeGap), 0.5 + 1e-12)
    }
  }

  func testEmptyProblems() throws {
    // No rows and no columns: objective is the constant 2.
    let empty = LinearProgram()
    try empty.setObjectiveConstant(2)
    let lp = try empty.solveLP()
    XCTAssertEqual(lp.status, .optimal)
    XCTAssertEqual(lp.objective, 2, accuracy: 1e-9)
    let mip = try empty.solveMIP()
    XCTAssertEqual(mip.status, .optimal)
    XCTAssertEqual(mip.objective, 2, accuracy: 1e-9)
    try empty.loadMatrix([])

    // A row but no columns: 0 <= 1 holds.
    let rowOnly = LinearProgram()
    try rowOnly.addRow(name: "r", bounds: .upper(1))
    XCTAssertEqual(try rowOnly.solveMIP().status, .optimal)
    XCTAssertEqual(try rowOnly.solveMIP(MIPParameters(presolve: true)).status, .optimal)
  }

  func testPresolvedLPThenMIP() throws {
    // Knapsack: presolved LP relaxation 23.5, then the MIP reuses the basis: 23.
    let lp = try makeKnapsack()
    let relaxation = try lp.solveLP(SimplexParameters(presolve: true))
    XCTAssertEqual(relaxation.status, .optimal)
    XCTAssertEqual(relaxation.objective, 23.5, accuracy: 1e-9)
    let result = try lp.solveMIP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
  }

  func testFractionalIntegerBoundsFromFileThrowSolverFailed() throws {
    // A model file may give an integer variable fractional bounds
    // (0 <= n <= 2.5); GLPK's MIP solver refuses it with GLP_EBOUND.
    let dir = try makeTemporaryDirectory(self)
    let path = dir.appendingPathComponent("frac.lp").path
    try """
      Maximize
       obj: n
      Subject To
       c: n <= 10
      Bounds
       0 <= n <= 2.5
      General
       n
      End
      """.write(toFile: path, atomically: true, encoding: .utf8)
    let lp = try LinearProgram.read(.cplexLP, from: path)
    XCTAssertEqual(lp.columnKind(0), .integer)
    assertThrowsGLPK(try lp.solveMIP(MIPParameters(messageLevel: .error))) {
      if case let .solverFailed(.invalidBounds, log) = $0 { log.contains("non-integer") } else { false }
    }
    assertThrowsGLPK(try lp.solveMIP(MIPParameters(presolve: true))) {
      if case .solverFailed(.invalidBounds, _) = $0 { true } else { false }
    }
    // The LP relaxation is fine.
    let relaxation = try lp.solveLP()
    XCTAssertEqual(relaxation.status, .optimal)
    XCTAssertEqual(relaxation.objective, 2.5, accuracy: 1e-9)
  }
}
