import GLPK
import XCTest

/// `stopRequested` stops the simplex (run in slices) and the branch-and-cut (through the
/// search callback) without losing what was found, and slicing never changes the answer.
final class StopRequestTests: XCTestCase {
  /// A dense random LP (maximize c·x, Ax ≤ b, 0 ≤ x ≤ 10) that takes the primal simplex
  /// hundreds of iterations, i.e. many 1 ms slices.
  private func makeDenseLP(size: Int = 250) throws -> LinearProgram {
    let lp = LinearProgram(name: "dense", direction: .maximize)
    var state: UInt64 = 99
    func next() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double((state >> 33) % 1000) / 100 + 0.01
    }
    for j in 0..<size { try lp.addColumn(name: "x\(j)", bounds: .range(0, 10), objective: next()) }
    var entries: [MatrixEntry] = []
    for i in 0..<size {
      try lp.addRow(name: "r\(i)", bounds: .upper(100 + next()))
      for j in 0..<size { entries.append(MatrixEntry(row: i, column: j, value: next())) }
    }
    try lp.loadMatrix(entries)
    return lp
  }

  /// A sparse random LP (maximize c·x, Ax ≤ b, 0 ≤ x ≤ 10; five entries per column) whose
  /// primal simplex takes hundreds of times longer than its set-up (copying the problem into
  /// the simplex's storage): hundreds of iterations on 400 rows against 8,000 nonzeros. Slices
  /// last ten times the set-up, so the solve spans many slices even where the set-up is slow
  /// (under AddressSanitizer, or on a loaded machine), which a dense LP of similar solve time
  /// does not guarantee (its set-up grows with its nonzeros, like its iterations do).
  private func makeSparseLP(rows: Int = 400, columns: Int = 1600, perColumn: Int = 5) throws -> LinearProgram {
    let lp = LinearProgram(name: "sparse", direction: .maximize)
    var state: UInt64 = 99
    func next() -> UInt64 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return state >> 33
    }
    func value() -> Double { Double(next() % 1000) / 100 + 0.01 }
    for i in 0..<rows { try lp.addRow(name: "r\(i)", bounds: .upper(10 + value())) }
    var entries: [MatrixEntry] = []
    for j in 0..<columns {
      try lp.addColumn(name: "x\(j)", bounds: .range(0, 10), objective: value())
      var used: Set<Int> = []
      while used.count < perColumn {
        let row = Int(next() % UInt64(rows))
        if used.insert(row).inserted { entries.append(MatrixEntry(row: row, column: j, value: value())) }
      }
    }
    try lp.loadMatrix(entries)
    return lp
  }

  /// Counts polls; requests a stop from poll number `stopAt` on.
  private final class Poller: @unchecked Sendable {
    private let box = LockedBox(0)
    let stopAt: Int
    init(stopAt: Int) { self.stopAt = stopAt }
    var polls: Int { box.withValue { $0 } }
    var request: @Sendable () -> Bool { { [self] in box.withValue { $0 += 1; return $0 >= stopAt } } }
  }

  func testSlicedSimplexReachesTheSameOptimum() throws {
    let reference = try makeDenseLP().solveLP()
    XCTAssertEqual(reference.status, .optimal)
    let poller = Poller(stopAt: .max)
    var parameters = SimplexParameters(stopRequested: poller.request)
    parameters.stopPollInterval = 0.001
    let sliced = try makeDenseLP().solveLP(parameters)
    XCTAssertEqual(sliced.status, .optimal)
    XCTAssertEqual(sliced.returnCode, .success)
    XCTAssertEqual(sliced.objective, reference.objective, accuracy: 1e-7 * (1 + abs(reference.objective)))
    XCTAssertGreaterThan(poller.polls, 1, "the simplex ran in several slices")
  }

  /// Slices double from the first up to `StopPolling.longestInterval`, so a solve of T seconds
  /// has at most as many slices ending by their time limit (each followed by a poll, besides the
  /// polls before the start and after the set-up probe) as such a schedule from 1 ms fits into
  /// T. Slices of one length would give T / (first slice) of them, and each restart loses the
  /// simplex's state against stalling (StopPolling).
  func testSlicesGrowSoARestartDoesNotComeEveryInterval() throws {
    let lp = try makeSparseLP()
    let poller = Poller(stopAt: .max)
    var parameters = SimplexParameters(stopRequested: poller.request)
    parameters.stopPollInterval = 0.001
    let start = Date()
    let result = try lp.solveLP(parameters)
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(result.status, .optimal)
    var fitting = 0, used = 0.0, slice = 0.001
    while used + slice <= seconds {
      used += slice
      fitting += 1
      slice = min(2 * slice, StopPolling.longestInterval)
    }
    let timedOut = poller.polls - 2
    XCTAssertGreaterThan(timedOut, 0, "the solve took more than one slice")
    XCTAssertLessThanOrEqual(timedOut, fitting, "\(seconds) s")
  }

  /// Also under AddressSanitizer (scripts/sanitizers.sh): the LP needs many slices there too.
  func testStopRequestStopsTheSimplexAndKeepsTheBasis() throws {
    let lp = try makeSparseLP()
    let poller = Poller(stopAt: 3)
    var parameters = SimplexParameters(stopRequested: poller.request)
    parameters.stopPollInterval = 0.001
    let stopped = try lp.solveLP(parameters)
    XCTAssertEqual(stopped.returnCode, .stoppedByCallback)
    XCTAssertNotEqual(stopped.status, .optimal)
    XCTAssertEqual(poller.polls, 3)
    // Solving again continues from the basis the stop left and reaches the optimum.
    let resumed = try lp.solveLP()
    XCTAssertEqual(resumed.status, .optimal)
    let reference = try makeSparseLP().solveLP()
    XCTAssertEqual(resumed.objective, reference.objective, accuracy: 1e-7 * (1 + abs(reference.objective)))
  }

  func testStopRequestedBeforeTheStartSolvesNothing() throws {
    let lp = try makeDenseLP(size: 20)
    let lpResult = try lp.solveLP(SimplexParameters(stopRequested: { true }))
    XCTAssertEqual(lpResult.returnCode, .stoppedByCallback)
    XCTAssertEqual(lpResult.status, .undefined)

    let knapsack = try makeLargeKnapsack()
    var callbacks = 0
    let mip = try knapsack.solveMIP(MIPParameters(stopRequested: { true })) { _ in callbacks += 1 }
    XCTAssertEqual(mip.returnCode, .stoppedByCallback)
    XCTAssertEqual(mip.status, .undefined)
    XCTAssertEqual(callbacks, 0)
    XCTAssertEqual(try knapsack.solveMIP().status, .optimal, "the problem is still usable")
  }

  func testStopRequestStopsTheSearchKeepingTheIncumbent() throws {
    let reference = try makeLargeKnapsack().solveMIP()
    XCTAssertEqual(reference.status, .optimal)
    let nodes = try XCTUnwrap(reference.nodeCount)
    XCTAssertGreaterThan(nodes, 20)

    let lp = try makeLargeKnapsack()
    let sawIncumbent = LockedBox(false)
    var parameters = MIPParameters()
    parameters.stopRequested = { sawIncumbent.withValue { $0 } }
    let result = try lp.solveMIP(parameters) { tree in
      if tree.incumbentObjective != nil { sawIncumbent.withValue { $0 = true } }
    }
    XCTAssertEqual(result.returnCode, .stoppedByCallback)
    XCTAssertEqual(result.status, .feasible)
    XCTAssertLessThan(try XCTUnwrap(result.nodeCount), nodes)
    // The incumbent is a true solution, and the bound still bounds the optimum.
    XCTAssertLessThanOrEqual(result.objective, reference.objective + 1e-9)
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.bestBound), reference.objective - 1e-9)
  }

  func testInvalidPollInterval() throws {
    let lp = try makeSmallLP()
    for bad in [0, -1, Double.nan, .infinity] {
      var simplex = SimplexParameters()
      simplex.stopPollInterval = bad
      assertThrowsGLPK(try lp.solveLP(simplex)) {
        if case .invalidParameter(name: "stopPollInterval", _) = $0 { true } else { false }
      }
      var mip = MIPParameters()
      mip.stopPollInterval = bad
      assertThrowsGLPK(try lp.solveMIP(mip)) {
        if case .invalidParameter(name: "stopPollInterval", _) = $0 { true } else { false }
      }
    }
  }
}
