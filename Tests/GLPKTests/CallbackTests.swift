import GLPK
import XCTest

private struct CallbackFailure: Error, Equatable {
  let code: Int
}

final class CallbackTests: XCTestCase {
  func testProgressValues() throws {
    // Large knapsack (see makeLargeKnapsack): observe the search.
    let lp = try makeLargeKnapsack()
    var reasons: [CallbackReason] = []
    var bounds: [Double] = []
    var incumbents: [Double] = []
    var maxActive = 0
    var lastElapsed = 0.0
    let result = try lp.solveMIP { tree in
      reasons.append(tree.reason)
      if let b = tree.bestBound { bounds.append(b) }
      if let obj = tree.incumbentObjective {
        incumbents.append(obj)
        XCTAssertNotNil(tree.relativeGap)
        XCTAssertEqual(tree.incumbentValues?.count, 40)
      }
      maxActive = max(maxActive, tree.activeNodeCount)
      XCTAssertGreaterThanOrEqual(tree.elapsedSeconds, lastElapsed)
      lastElapsed = tree.elapsedSeconds
      XCTAssertGreaterThanOrEqual(tree.nodeCount, 1)
    }
    XCTAssertEqual(result.status, .optimal)
    XCTAssertTrue(reasons.contains(.heuristic))
    XCTAssertTrue(reasons.contains(.branching))
    XCTAssertTrue(reasons.contains(.select))
    XCTAssertFalse(bounds.isEmpty)
    XCTAssertFalse(incumbents.isEmpty)
    XCTAssertGreaterThan(maxActive, 0)
    // Maximization: every best bound is an upper bound on the optimum and
    // every incumbent a lower bound.
    for b in bounds { XCTAssertGreaterThanOrEqual(b, result.objective - 1e-6) }
    for v in incumbents { XCTAssertLessThanOrEqual(v, result.objective + 1e-6) }
    XCTAssertEqual(try XCTUnwrap(result.bestBound), result.objective, accuracy: 1e-9)
    XCTAssertGreaterThan(try XCTUnwrap(result.nodeCount), 1)
  }

  func testTerminateStopsSearch() throws {
    let lp = try makeLargeKnapsack()
    var calls = 0
    let result = try lp.solveMIP { tree in
      calls += 1
      if tree.incumbentObjective != nil || calls >= 5 { tree.terminate() }
    }
    XCTAssertEqual(result.returnCode, .stoppedByCallback)
    XCTAssertTrue(result.status == .feasible || result.status == .undefined, "\(result.status)")
    if result.status == .feasible {
      let bound = try XCTUnwrap(result.bestBound)
      XCTAssertGreaterThanOrEqual(bound, result.objective - 1e-9)
      XCTAssertNotNil(result.relativeGap)
    }
  }

  func testOfferSolutionAccepted() throws {
    // Knapsack (optimum 23); offer (1, 0, 1, 0) with value 17 at the first
    // heuristic call, before GLPK has any incumbent.
    let lp = try makeKnapsack()
    var offered: Bool? = nil
    var incumbentAfterOffer: Double? = nil
    var rejectedInfeasible: Bool? = nil
    var rejectedFractional: Bool? = nil
    let result = try lp.solveMIP { tree in
      guard tree.reason == .heuristic, offered == nil else { return }
      XCTAssertNil(tree.incumbentObjective)
      rejectedInfeasible = tree.offerSolution([1, 1, 1, 0])  // weight 13 > 10
      rejectedFractional = tree.offerSolution([1, 0.5, 1, 0])
      offered = tree.offerSolution([1, 0, 1, 1e-12])  // within 1e-9 of integral
      incumbentAfterOffer = tree.incumbentObjective
      XCTAssertEqual(tree.incumbentValues, [1, 0, 1, 0])
      XCTAssertFalse(tree.offerSolution([1, 0, 1, 0]), "not better than the incumbent")
    }
    XCTAssertEqual(rejectedInfeasible, false)
    XCTAssertEqual(rejectedFractional, false)
    XCTAssertEqual(offered, true)
    XCTAssertEqual(try XCTUnwrap(incumbentAfterOffer), 17, accuracy: 1e-9)
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
    XCTAssertTrue(result.log.contains("offerSolution rejected"), result.log)
  }

  func testOfferedOptimumIsReportedWhenStopped() throws {
    // Offer the known optimum (1, 1, 0, 0) = 23, then stop: the incumbent we
    // gave is the reported solution.
    let lp = try makeKnapsack()
    let result = try lp.solveMIP { tree in
      if tree.reason == .heuristic {
        XCTAssertTrue(tree.offerSolution([1, 1, 0, 0]))
        XCTAssertEqual(tree.incumbentObjective, 23)
        tree.terminate()
      }
    }
    XCTAssertEqual(result.returnCode, .stoppedByCallback)
    XCTAssertTrue(result.status.hasSolution)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
    XCTAssertEqual(result.columnValues, [1, 1, 0, 0])
  }

  func testErrorInCallbackIsRethrown() throws {
    let lp = try makeLargeKnapsack()
    var callsAfterError = 0
    var thrown = false
    XCTAssertThrowsError(
      try lp.solveMIP { tree in
        if thrown { callsAfterError += 1 }
        if tree.reason == .heuristic || tree.incumbentObjective != nil {
          thrown = true
          throw CallbackFailure(code: 42)
        }
      }
    ) { error in
      XCTAssertEqual(error as? CallbackFailure, CallbackFailure(code: 42))
    }
    XCTAssertTrue(thrown)
    XCTAssertEqual(callsAfterError, 0, "the callback is not called again after throwing")
    // The problem is usable afterwards.
    XCTAssertEqual(try lp.solveMIP().status, .optimal)
  }

  func testCallbackWithPresolve() throws {
    // With the MIP presolver the callback still reports progress.
    let lp = try makeLargeKnapsack()
    var sawBound = false
    let result = try lp.solveMIP(MIPParameters(presolve: true)) { tree in
      if tree.bestBound != nil { sawBound = true }
      XCTAssertNil(tree.incumbentValues)
    }
    XCTAssertEqual(result.status, .optimal)
    XCTAssertTrue(sawBound)
  }
}
