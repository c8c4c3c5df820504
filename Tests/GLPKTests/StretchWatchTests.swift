import XCTest
@testable import GLPK

/// The search stops early enough for GLPK's longest stretch without a callback to end before
/// the time limit (`StretchWatch`), and reports the root relaxation's bound when it stops before
/// GLPK bounded a node. Long stretches are played out on a fake clock, not waited for.
final class StretchWatchTests: XCTestCase {
  private let t0 = ContinuousClock.now

  private func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }

  func testStopsWhenTheNextStretchWouldEndAfterTheDeadline() {
    // Root LP 10 s: the first stretches are assumed to take up to 3.5 s.
    var watch = StretchWatch(deadline: at(10_000), start: t0, rootLP: .seconds(10))
    XCTAssertEqual(watch.anticipated / .seconds(1), 3.5, accuracy: 1e-9)
    XCTAssertFalse(watch.callback(at: at(500)))  // 0.5 + max(3.5, 2 × 0.5) < 10
    XCTAssertFalse(watch.callback(at: at(1000)))
    XCTAssertEqual(watch.anticipated / .seconds(1), 3.5, accuracy: 1e-9)
    // A 4 s stretch (a cut round): the next may take 8 s, which does not fit in the 5 s left.
    XCTAssertTrue(watch.callback(at: at(5000)))
    XCTAssertEqual(watch.longest, .seconds(4))
  }

  func testShortStretchesRunToTheDeadline() {
    var watch = StretchWatch(deadline: at(10_000), start: t0, rootLP: .zero)
    for ms in stride(from: 100, through: 9700, by: 100) {
      XCTAssertFalse(watch.callback(at: at(ms)), "\(ms) ms")
    }
    XCTAssertTrue(watch.callback(at: at(9800)), "9.8 s + 2 × 0.1 s reaches the deadline")
  }

  func testDeadlinePassed() {
    var watch = StretchWatch(deadline: at(1000), start: t0, rootLP: .zero)
    XCTAssertTrue(watch.callback(at: at(1000)))
  }

  /// A clock that moves only when told to.
  private final class FakeClock: @unchecked Sendable {
    private let offset = LockedBox(Duration.zero)
    let origin = ContinuousClock.now
    func advance(_ d: Duration) { offset.withValue { $0 += d } }
    var read: @Sendable () -> ContinuousClock.Instant { { [self] in origin + offset.withValue { $0 } } }
  }

  /// The search as `solveMIP` runs it: each callback "takes" 0.3 s of a 1 s limit. The wrapper
  /// stops at the callback where the next stretch (up to 2 × 0.3 s) would end after the limit
  /// — at 0.6 s, after two callbacks — not at the first callback past the limit (1.2 s, after
  /// four).
  func testSearchStopsBeforeAStretchThatWouldEndLate() throws {
    let reference = try makeLargeKnapsack().solveMIP()
    XCTAssertGreaterThan(try XCTUnwrap(reference.nodeCount), 20, "the search needs many callbacks")

    let clock = FakeClock()
    var parameters = MIPParameters(timeLimit: 1)
    parameters.clock = clock.read
    var calls = 0
    let result = try makeLargeKnapsack().solveMIP(parameters) { _ in
      calls += 1
      clock.advance(.milliseconds(300))
    }
    XCTAssertEqual(calls, 2)
    XCTAssertEqual(result.returnCode, .timeLimitReached)
    XCTAssertTrue(result.log.contains("before the time limit"), result.log)
  }

  /// Stopped at its second callback, before GLPK bounded the root node: the bound is the root
  /// relaxation's, which bounds the optimum.
  func testSearchStoppedAtOnceKeepsTheRootBound() throws {
    let optimum = try makeLargeKnapsack().solveMIP().objective
    let relaxation = try makeLargeKnapsack().solveLP().objective

    let clock = FakeClock()
    var parameters = MIPParameters(timeLimit: 1)
    parameters.clock = clock.read
    let result = try makeLargeKnapsack().solveMIP(parameters) { _ in clock.advance(.seconds(5)) }
    XCTAssertEqual(result.returnCode, .timeLimitReached)
    let bound = try XCTUnwrap(result.bestBound)
    XCTAssertGreaterThanOrEqual(bound, optimum - 1e-9)
    XCTAssertLessThanOrEqual(bound, relaxation + 1e-9)
  }
}
