import GLPK
import XCTest

/// Invalid data must throw before reaching GLPK (which would abort the
/// process), and leave the problem unchanged.
final class ValidationTests: XCTestCase {
  func testNonFiniteBoundsAndCoefficients() throws {
    let lp = LinearProgram()
    assertThrowsGLPK(try lp.addColumn(name: "x", bounds: .lower(.nan))) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addColumn(name: "x", bounds: .range(0, .infinity))) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addColumn(name: "x", objective: .nan)) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addRow(name: "r", bounds: .fixed(-.infinity))) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    XCTAssertEqual(lp.columnCount, 0, "nothing is added on error")
    XCTAssertEqual(lp.rowCount, 0)
    let x = try lp.addColumn(name: "x")
    assertThrowsGLPK(try lp.setObjectiveCoefficient(x, .infinity)) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.setObjectiveConstant(.nan)) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.setColumnBounds(x, .upper(.nan))) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
  }

  func testInconsistentBounds() throws {
    let lp = LinearProgram()
    assertThrowsGLPK(try lp.addColumn(name: "x", bounds: .range(5, 1))) {
      $0 == .invalidBounds(name: "x", lower: 5, upper: 1, reason: "lower bound exceeds upper bound")
    }
    assertThrowsGLPK(try lp.addRow(name: "r", bounds: .range(2, 1))) {
      if case .invalidBounds(name: "r", _, _, _) = $0 { true } else { false }
    }
    // Integer columns need integral bounds (GLPK's MIP solver would fail).
    assertThrowsGLPK(try lp.addColumn(name: "n", kind: .integer, bounds: .range(0.5, 3))) {
      if case .invalidBounds(name: "n", _, _, _) = $0 { true } else { false }
    }
    let n = try lp.addColumn(name: "n", kind: .integer, bounds: .range(0, 3))
    assertThrowsGLPK(try lp.setColumnBounds(n, .upper(2.5))) {
      if case .invalidBounds = $0 { true } else { false }
    }
    let c = try lp.addColumn(name: "c", bounds: .upper(2.5))
    assertThrowsGLPK(try lp.setColumnKind(c, .integer)) {
      if case .invalidBounds = $0 { true } else { false }
    }
    XCTAssertEqual(lp.columnKind(c), .continuous)
    try lp.setColumnKind(c, .binary)
    XCTAssertEqual(lp.columnBounds(c), .range(0, 1))
  }

  func testMatrixValidation() throws {
    let lp = try makeSmallLP()
    let before = lp.matrixEntries()
    assertThrowsGLPK(try lp.loadMatrix([MatrixEntry(row: 3, column: 0, value: 1)])) {
      $0 == .matrixEntryOutOfRange(entry: 0, row: 3, column: 0)
    }
    assertThrowsGLPK(try lp.loadMatrix([MatrixEntry(row: 0, column: 0, value: 1), MatrixEntry(row: 0, column: -1, value: 1)])) {
      $0 == .matrixEntryOutOfRange(entry: 1, row: 0, column: -1)
    }
    assertThrowsGLPK(try lp.loadMatrix([MatrixEntry(row: 0, column: 1, value: .nan)])) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(
      try lp.loadMatrix([
        MatrixEntry(row: 1, column: 1, value: 1), MatrixEntry(row: 0, column: 0, value: 1),
        MatrixEntry(row: 1, column: 1, value: 2),
      ])
    ) {
      $0 == .duplicateMatrixEntry(row: NamedIndex(index: 1, name: "c2"), column: NamedIndex(index: 1, name: "y"))
    }
    XCTAssertEqual(lp.matrixEntries(), before, "matrix unchanged on error")
    XCTAssertTrue(
      GLPKError.duplicateMatrixEntry(row: NamedIndex(index: 1, name: "c2"), column: NamedIndex(index: 1, name: "y"))
        .description.contains("'c2'"))
  }

  func testNames() throws {
    let lp = LinearProgram()
    let long = String(repeating: "a", count: 256)
    assertThrowsGLPK(try lp.addColumn(name: long)) {
      if case .invalidName(long, _) = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addRow(name: "bad\nname", bounds: .free)) {
      if case .invalidName = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addRow(name: "tab\there", bounds: .free)) {
      if case .invalidName = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.setName("nul\u{0}byte")) {
      if case .invalidName = $0 { true } else { false }
    }
    // 255 bytes (multi-byte characters counted in bytes) are fine.
    let max = String(repeating: "é", count: 127) + "x"
    XCTAssertEqual(max.utf8.count, 255)
    let j = try lp.addColumn(name: max)
    XCTAssertEqual(lp.columnName(j), max)
    assertThrowsGLPK(try lp.addColumn(name: max + "y")) {
      if case .invalidName = $0 { true } else { false }
    }
    XCTAssertEqual(lp.columnCount, 1)
    let unnamed = try lp.addColumn(name: "")
    XCTAssertEqual(lp.columnName(unnamed), "")
  }

  func testNegativeGapAndParameterErrorsDoNotSolve() throws {
    let lp = try makeKnapsack()
    assertThrowsGLPK(try lp.solveMIP(MIPParameters(relativeGap: -1))) {
      if case .invalidParameter(name: "relativeGap", _) = $0 { true } else { false }
    }
    XCTAssertEqual(try lp.solveMIP().status, .optimal)
  }

  func testInvalidPaths() throws {
    let lp = try makeSmallLP()
    assertThrowsGLPK(try lp.write(.cplexLP, to: "")) {
      if case .invalidPath = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.write(.cplexLP, to: "/tmp/a\u{0}b.lp")) {
      if case .invalidPath = $0 { true } else { false }
    }
    assertThrowsGLPK(try LinearProgram.fromMathProg(model: "x\ny.mod", data: nil)) {
      if case .invalidPath = $0 { true } else { false }
    }
  }
}
