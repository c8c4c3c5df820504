import Foundation
import GLPK
import XCTest

final class ThreadTests: XCTestCase {
  /// Creates, solves and releases a problem on a secondary thread while the
  /// test thread solves its own problems; then frees the worker's GLPK
  /// environment. Worker: the knapsack of `makeKnapsack` (optimum 23);
  /// test thread: the LP of `makeSmallLP` (optimum 11). Each thread's log
  /// must contain only its own solver's output.
  func testSolveOnSecondaryThreadConcurrently() throws {
    let rounds = 25
    let outcome = LockedBox<[Double]>([])
    let logs = LockedBox<[String]>([])
    let done = DispatchSemaphore(value: 0)
    let worker = Thread {
      for _ in 0..<rounds {
        do {
          let lp = try makeKnapsack()
          let result = try lp.solveMIP(MIPParameters(messageLevel: .all))
          outcome.withValue { $0.append(result.status == .optimal ? result.objective : .nan) }
          logs.withValue { $0.append(result.log) }
        } catch {
          outcome.withValue { $0.append(-1) }
        }
      }
      // All problems of this thread are gone: release its environment.
      precondition(GLPKEnvironment.liveProblemsOnCurrentThread == 0)
      GLPKEnvironment.releaseCurrentThread()
      done.signal()
    }
    worker.start()
    for _ in 0..<rounds {
      let lp = try makeSmallLP()
      let result = try lp.solveLP(SimplexParameters(messageLevel: .all))
      XCTAssertEqual(result.status, .optimal)
      XCTAssertEqual(result.objective, 11, accuracy: 1e-9)
      XCTAssertFalse(result.log.contains("INTEGER OPTIMAL"), "captured the other thread's log")
    }
    XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
    let values = outcome.withValue { $0 }
    XCTAssertEqual(values.count, rounds)
    for v in values { XCTAssertEqual(v, 23, accuracy: 1e-9) }
    for log in logs.withValue({ $0 }) {
      XCTAssertTrue(log.contains("INTEGER OPTIMAL"), log)
    }
  }

  /// Several worker threads at once, each with its own problems (the
  /// 20-item knapsack of `makeLargeKnapsack`); all must agree with the
  /// optimum computed on the test thread.
  func testManyWorkerThreads() throws {
    let group = DispatchGroup()
    let results = LockedBox<[Double]>([])
    for _ in 0..<4 {
      group.enter()
      let thread = Thread {
        for _ in 0..<5 {
          let value: Double
          do {
            let result = try makeLargeKnapsack(items: 20).solveMIP()
            value = result.status == .optimal ? result.objective : .nan
          } catch {
            value = .nan
          }
          results.withValue { $0.append(value) }
        }
        GLPKEnvironment.releaseCurrentThread()
        group.leave()
      }
      thread.start()
    }
    XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
    let values = results.withValue { $0 }
    XCTAssertEqual(values.count, 20)
    let reference = try makeLargeKnapsack(items: 20).solveMIP()
    XCTAssertEqual(reference.status, .optimal)
    let expected = reference.objective
    for v in values { XCTAssertEqual(v, expected, accuracy: 1e-9) }
  }
}
