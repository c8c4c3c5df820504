import Foundation
import GLPK
import XCTest

/// Builds the LP
///
///     maximize   3x + 2y
///     subject to  x +  y <= 4     (c1)
///                 x + 3y <= 6     (c2)
///                 x      <= 3     (c3)
///                 x, y >= 0
///
/// Optimum 11 at (x, y) = (3, 1).
func makeSmallLP() throws -> LinearProgram {
  let lp = LinearProgram(name: "small", direction: .maximize)
  let x = try lp.addColumn(name: "x", objective: 3)
  let y = try lp.addColumn(name: "y", objective: 2)
  let c1 = try lp.addRow(name: "c1", bounds: .upper(4))
  let c2 = try lp.addRow(name: "c2", bounds: .upper(6))
  let c3 = try lp.addRow(name: "c3", bounds: .upper(3))
  try lp.loadMatrix([
    MatrixEntry(row: c1, column: x, value: 1), MatrixEntry(row: c1, column: y, value: 1),
    MatrixEntry(row: c2, column: x, value: 1), MatrixEntry(row: c2, column: y, value: 3),
    MatrixEntry(row: c3, column: x, value: 1),
  ])
  return lp
}

/// Builds the 0-1 knapsack
///
///     maximize   10a + 13b + 7c + 8d
///     subject to  4a +  6b + 3c + 5d <= 10    (weight)
///                 a, b, c, d binary
///
/// Optimum 23 at (1, 1, 0, 0). The LP relaxation is fractional (23.5 at
/// a = c = 1, b = 1/2), so the search has to branch.
func makeKnapsack() throws -> LinearProgram {
  let lp = LinearProgram(name: "knapsack", direction: .maximize)
  let values: [Double] = [10, 13, 7, 8]
  let weights: [Double] = [4, 6, 3, 5]
  for (k, v) in values.enumerated() {
    try lp.addColumn(name: "item\(k)", kind: .binary, objective: v)
  }
  let row = try lp.addRow(name: "weight", bounds: .upper(10))
  try lp.loadMatrix(weights.enumerated().map { MatrixEntry(row: row, column: $0.offset, value: $0.element) })
  return lp
}

/// Builds a larger 0-1 knapsack with deterministic pseudo-random data, so
/// that the branch-and-bound search runs through many nodes:
///
///     maximize   sum_k v_k x_k
///     subject to sum_k w_k x_k <= capacity,  x binary
func makeLargeKnapsack(items: Int = 40) throws -> LinearProgram {
  let lp = LinearProgram(name: "bigknapsack", direction: .maximize)
  var seed: UInt64 = 12345
  func next() -> Double {
    seed = seed &* 6364136223846793005 &+ 1442695040888963407
    return Double((seed >> 33) % 1000) + 1
  }
  var entries: [MatrixEntry] = []
  let row = try lp.addRow(name: "capacity", bounds: .upper(0))
  var total = 0.0
  for k in 0..<items {
    let w = next(), v = w + next() / 10
    total += w
    let j = try lp.addColumn(name: "x\(k)", kind: .binary, objective: v)
    entries.append(MatrixEntry(row: row, column: j, value: w))
  }
  try lp.setRowBounds(row, .upper((total / 2).rounded()))
  try lp.loadMatrix(entries)
  return lp
}

/// A fresh temporary directory, removed at the end of the test.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("GLPKTests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

/// Asserts that `body` throws a `GLPKError` matching `matches`.
func assertThrowsGLPK(
  _ body: @autoclosure () throws -> some Any, file: StaticString = #filePath, line: UInt = #line,
  _ matches: (GLPKError) -> Bool
) {
  do {
    _ = try body()
    XCTFail("expected a GLPKError", file: file, line: line)
  } catch let error as GLPKError {
    XCTAssertTrue(matches(error), "unexpected error: \(error)", file: file, line: line)
  } catch {
    XCTFail("unexpected error type: \(error)", file: file, line: line)
  }
}

/// A lock-protected box for passing values between threads in tests.
final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value
  init(_ value: Value) { self.value = value }
  func withValue<R>(_ body: (inout Value) -> R) -> R {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
