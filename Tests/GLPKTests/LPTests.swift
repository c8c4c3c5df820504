import GLPK
import XCTest

final class LPTests: XCTestCase {
  func testSmallLPOptimum() throws {
    // max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3  ->  11 at (3, 1)
    let lp = try makeSmallLP()
    XCTAssertEqual(lp.rowCount, 3)
    XCTAssertEqual(lp.columnCount, 2)
    XCTAssertEqual(lp.nonZeroCount, 5)
    let result = try lp.solveLP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.returnCode, .success)
    XCTAssertEqual(result.objective, 11, accuracy: 1e-9)
    XCTAssertEqual(result.columnValues[0], 3, accuracy: 1e-9)
    XCTAssertEqual(result.columnValues[1], 1, accuracy: 1e-9)
    XCTAssertEqual(result.rowValues[0], 4, accuracy: 1e-9)
    XCTAssertEqual(result.rowDuals.count, 3)
    XCTAssertEqual(result.columnReducedCosts.count, 2)
  }

  func testPresolvedLPAndObjectiveConstant() throws {
    // Same LP plus constant 5: optimum 16.
    let lp = try makeSmallLP()
    try lp.setObjectiveConstant(5)
    XCTAssertEqual(lp.objectiveConstant, 5)
    let result = try lp.solveLP(SimplexParameters(presolve: true, method: .dualThenPrimal))
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 16, accuracy: 1e-9)
  }

  func testMinimizeDualSimplexWithRangeAndFixed() throws {
    // min x + 2y s.t. 2 <= x + y <= 10, y fixed at 1, x in [0, 5]
    //   -> y = 1, x = 1, objective 3
    let lp = LinearProgram(name: "min")
    let x = try lp.addColumn(name: "x", bounds: .range(0, 5), objective: 1)
    let y = try lp.addColumn(name: "y", bounds: .range(1, 1), objective: 2)
    XCTAssertEqual(lp.columnBounds(y), .fixed(1), "range(l, l) becomes fixed")
    let r = try lp.addRow(name: "sum", bounds: .range(2, 10))
    let z = try lp.addRow(name: "zero", bounds: .free)
    try lp.loadMatrix([
      MatrixEntry(row: r, column: x, value: 1), MatrixEntry(row: r, column: y, value: 1),
      MatrixEntry(row: z, column: x, value: 0),  // zeros are dropped
    ])
    XCTAssertEqual(lp.nonZeroCount, 2)
    let result = try lp.solveLP(SimplexParameters(method: .dual))
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 3, accuracy: 1e-9)
    XCTAssertEqual(result.columnValues[x], 1, accuracy: 1e-9)
  }

  func testInfeasibleAndUnboundedLP() throws {
    // x >= 0, x <= -1 (as a row): infeasible.
    let infeasible = LinearProgram()
    let x = try infeasible.addColumn(name: "x", objective: 1)
    let r = try infeasible.addRow(name: "r", bounds: .upper(-1))
    try infeasible.loadMatrix([MatrixEntry(row: r, column: x, value: 1)])
    let a = try infeasible.solveLP()
    XCTAssertEqual(a.status, .noFeasible)
    let b = try infeasible.solveLP(SimplexParameters(presolve: true))
    XCTAssertEqual(b.returnCode, .noPrimalFeasible)
    XCTAssertEqual(b.status, .noFeasible)

    // max x, x >= 0, no constraint: unbounded.
    let unbounded = LinearProgram(direction: .maximize)
    let u = try unbounded.addColumn(name: "u", objective: 1)
    let row = try unbounded.addRow(name: "free", bounds: .free)
    try unbounded.loadMatrix([MatrixEntry(row: row, column: u, value: 1)])
    let c = try unbounded.solveLP()
    XCTAssertEqual(c.status, .unbounded)
  }

  func testLogCaptureAndHandler() throws {
    let lp = try makeSmallLP()
    let fragments = LockedBox<[String]>([])
    let result = try lp.solveLP(
      SimplexParameters(messageLevel: .all, logHandler: { s in fragments.withValue { $0.append(s) } }))
    XCTAssertEqual(result.status, .optimal)
    XCTAssertTrue(result.log.contains("OPTIMAL"), result.log)
    XCTAssertEqual(fragments.withValue { $0.joined() }, result.log)
    // Silent by default.
    XCTAssertEqual(try lp.solveLP().log, "")
  }

  func testAccessorsAndNames() throws {
    let lp = try makeSmallLP()
    XCTAssertEqual(lp.name, "small")
    XCTAssertEqual(lp.direction, .maximize)
    lp.direction = .minimize
    XCTAssertEqual(lp.direction, .minimize)
    XCTAssertEqual(lp.columnName(1), "y")
    XCTAssertEqual(lp.rowName(2), "c3")
    XCTAssertEqual(lp.columnIndex(named: "y"), 1)
    XCTAssertEqual(lp.rowIndex(named: "c2"), 1)
    XCTAssertNil(lp.columnIndex(named: "nope"))
    XCTAssertEqual(lp.objectiveCoefficient(0), 3)
    try lp.setObjectiveCoefficient(0, 4)
    XCTAssertEqual(lp.objectiveCoefficient(0), 4)
    XCTAssertEqual(lp.rowBounds(0), .upper(4))
    XCTAssertEqual(lp.columnBounds(0), .lower(0))
    XCTAssertEqual(lp.columnKind(0), .continuous)
    try lp.setColumnName(0, "xx")
    XCTAssertEqual(lp.columnIndex(named: "xx"), 0)
    XCTAssertEqual(lp.matrixEntries().count, 5)
    // Sanitized name in init (cannot throw).
    let named = LinearProgram(name: "a\nb" + String(repeating: "z", count: 300))
    XCTAssertEqual(named.name.utf8.count, 255)
    XCTAssertFalse(named.name.contains("\n"))
  }

  func testLiveProblemCount() {
    let before = GLPKEnvironment.liveProblemsOnCurrentThread
    do {
      let a = LinearProgram()
      let b = LinearProgram()
      XCTAssertEqual(GLPKEnvironment.liveProblemsOnCurrentThread, before + 2)
      withExtendedLifetime((a, b)) {}
    }
    XCTAssertEqual(GLPKEnvironment.liveProblemsOnCurrentThread, before)
    XCTAssertTrue(GLPKEnvironment.version.hasPrefix("5."))
  }
}
