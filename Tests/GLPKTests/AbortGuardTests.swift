import Foundation
import GLPK
import XCTest

/// GLPK aborts the whole process on invalid arguments and on some numerical corner cases.
/// Every such path found in an audit of the wrapper (see ValidationTests for names, bounds,
/// NaN, duplicates and parameters) is either refused with a thrown `GLPKError` or, for
/// programmer errors, stopped by a Swift precondition that names the mistake — never by a GLPK
/// abort. The preconditions are checked in a child process running one probe.
final class AbortGuardTests: XCTestCase {
  // MARK: Numbers GLPK's arithmetic cannot take

  func testHugeAndTinyNumbersAreRefused() throws {
    let lp = LinearProgram()
    assertThrowsGLPK(try lp.addColumn(name: "x", objective: 1e101)) {
      if case .valueOutOfRange(_, 1e101, _) = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addColumn(name: "x", bounds: .range(0, 1e200))) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.addRow(name: "r", bounds: .lower(-1e300))) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    let x = try lp.addColumn(name: "x", kind: .binary, objective: 1e100)
    let z = try lp.addColumn(name: "z", kind: .binary)
    let r = try lp.addRow(name: "r", bounds: .upper(1))
    assertThrowsGLPK(try lp.setObjectiveConstant(-1e150)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.loadMatrix([MatrixEntry(row: r, column: x, value: 1e-300)])) {
      if case .valueOutOfRange(_, 1e-300, _) = $0 { true } else { false }
    }
    assertThrowsGLPK(try lp.loadMatrix([MatrixEntry(row: r, column: z, value: -1e101)])) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    XCTAssertEqual(lp.matrixEntries(), [], "nothing loaded on error")
    XCTAssertTrue(
      GLPKError.valueOutOfRange(what: "w", value: 1e200, range: "r").description.contains("out of range"))
  }

  /// `1e300·x + 1e-300·z ≤ 1` with binary z made GLPK's cover-cut generator abort
  /// (`xassert(a != 0)` in covgen.c: the ratio of the two coefficients underflows). It is now
  /// refused, and the most extreme accepted coefficients solve with every cut family.
  func testExtremeAcceptedCoefficientsSolveWithAllCuts() throws {
    for (big, small) in [(1e100, 1e-100), (-1e100, 1e-100), (1e100, -1e-100)] {
      let lp = LinearProgram(direction: .maximize)
      let x = try lp.addColumn(name: "x", kind: .integer, bounds: .range(0, 1), objective: 1)
      let z = try lp.addColumn(name: "z", kind: .binary, objective: 1)
      let y = try lp.addColumn(name: "y", kind: .integer, bounds: .range(0, 5), objective: 1)
      let r1 = try lp.addRow(name: "r1", bounds: .upper(1))
      let r2 = try lp.addRow(name: "r2", bounds: .range(-5, 5))
      try lp.loadMatrix([
        MatrixEntry(row: r1, column: x, value: big), MatrixEntry(row: r1, column: z, value: small),
        MatrixEntry(row: r2, column: x, value: small), MatrixEntry(row: r2, column: y, value: big),
      ])
      let result = try lp.solveMIP(MIPParameters(cuts: Set(CutFamily.allCases), feasibilityPump: true))
      XCTAssertTrue(result.status == .optimal || result.status == .noFeasible, "\(result.status)")
    }
  }

  /// GLPK's presolver can remove every column of a MIP and leave a row behind; the cover-cut
  /// generator then aborts (`glp_add_cols: ncs = 0`, found by fuzzing the wrapper). Cover cuts
  /// are not used with the presolver (nor without columns), so these solve.
  func testCoverCutsWithPresolverOrWithoutColumns() throws {
    // 1e100·(x + y) ≤ 1 fixes the integer x to 0 and squeezes y into [0, 1e-100], which the
    // presolver treats as fixed: one row, no columns.
    let lp = LinearProgram(direction: .maximize)
    let x = try lp.addColumn(name: "x", kind: .integer, bounds: .range(0, 3), objective: 1)
    let y = try lp.addColumn(name: "y", bounds: .range(0, 1), objective: -1)
    let r = try lp.addRow(name: "r", bounds: .upper(1))
    try lp.loadMatrix([MatrixEntry(row: r, column: x, value: 1e100), MatrixEntry(row: r, column: y, value: 1e100)])
    for presolve in [true, false] {
      let result = try lp.solveMIP(
        MIPParameters(cuts: Set(CutFamily.allCases), presolve: presolve, feasibilityPump: true, binarize: presolve))
      XCTAssertEqual(result.status, .optimal)
      XCTAssertEqual(result.objective, 0, accuracy: 1e-9)
    }
    let empty = LinearProgram()
    try empty.addRow(name: "r", bounds: .upper(1))
    XCTAssertEqual(try empty.solveMIP(MIPParameters(cuts: Set(CutFamily.allCases))).status, .optimal)
  }

  // MARK: Programmer errors: Swift preconditions, never GLPK aborts

  func testIndexOutOfRangeTrapsWithASwiftMessage() throws {
    try assertProbeTraps("column", message: "column index 5 out of range 0..<1")
    try assertProbeTraps("row", message: "row index 3 out of range 0..<0")
    try assertProbeTraps("thread", message: "used on a different thread")
  }

  /// Runs `AbortGuardProbe.testProbe` in a child process with `probe` and checks it died of
  /// a Swift trap with `message`, not of GLPK's abort.
  private func assertProbeTraps(_ probe: String, message: String, line: UInt = #line) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
    process.arguments = ["GLPKTests.AbortGuardProbe/testProbe"]
    var environment = ProcessInfo.processInfo.environment
    environment[AbortGuardProbe.variable] = probe
    // Swift's backtracer would attach to the trapped child and, under the sanitizers, can hang
    // holding its stderr open; the trap message is all this test reads.
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // A trap ends the child by its signal, or, under AddressSanitizer, which catches the
    // signal, by a non-zero exit.
    XCTAssertTrue(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0,
                  "probe \(probe) did not trap", line: line)
    XCTAssertTrue(text.contains(message), "probe \(probe): \(text.suffix(2000))", line: line)
    XCTAssertFalse(text.contains("Error detected in file"), "GLPK aborted: \(text.suffix(2000))", line: line)
  }
}

/// The probes `AbortGuardTests` runs in a child process; does nothing in a normal test run.
final class AbortGuardProbe: XCTestCase {
  static let variable = "GLPK_ABORT_GUARD_PROBE"

  func testProbe() throws {
    guard let probe = ProcessInfo.processInfo.environment[Self.variable] else { return }
    let lp = LinearProgram()
    switch probe {
    case "column":
      try lp.addColumn(name: "x")
      try lp.setObjectiveCoefficient(5, 1)
    case "row":
      try lp.setRowBounds(3, .free)
    case "thread":
      nonisolated(unsafe) let shared = lp
      let thread = Thread { _ = shared.columnCount }
      thread.start()
      Thread.sleep(forTimeInterval: 10)
    default:
      XCTFail("unknown probe \(probe)")
    }
  }
}
