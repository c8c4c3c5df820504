import Foundation
import GLPK
import XCTest

/// The transportation problem
///
///     sources S0 (supply 20), S1 (supply 30); sinks T0 (demand 25), T1 (demand 25)
///     cost  S0→T0 4, S0→T1 6, S1→T0 5, S1→T1 3; capacities 100
///
/// Solved on paper: with a = flow S0→T0 the balances give S0→T1 = 20 − a, S1→T0 = 25 − a,
/// S1→T1 = 5 + a, cost 4a + 6(20 − a) + 5(25 − a) + 3(5 + a) = 260 − 4a, least at a = 20:
/// flows (20, 0, 5, 25), cost 180.
func makeTransportation() -> FlowNetwork {
  var network = FlowNetwork()
  let s0 = network.addNode(supply: 20), s1 = network.addNode(supply: 30)
  let t0 = network.addNode(supply: -25), t1 = network.addNode(supply: -25)
  network.addArc(from: s0, to: t0, capacity: 100, cost: 4)
  network.addArc(from: s0, to: t1, capacity: 100, cost: 6)
  network.addArc(from: s1, to: t0, capacity: 100, cost: 5)
  network.addArc(from: s1, to: t1, capacity: 100, cost: 3)
  return network
}

/// A seeded generator (LCG), so that every run sees the same networks.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return state ^ (state >> 29)
  }
}

/// A random balanced network: a bipartite transportation part (≤ 4 × 4) plus a few transit
/// arcs between sinks, some with negative costs, capacities small enough to bind.
func makeRandomNetwork(_ rng: inout SeededGenerator) -> FlowNetwork {
  var network = FlowNetwork()
  let sources = Int.random(in: 1...4, using: &rng), sinks = Int.random(in: 1...4, using: &rng)
  let s = network.addNodes(sources), t = network.addNodes(sinks)
  var total = 0
  for i in s {
    let supply = Int.random(in: 0...9, using: &rng)
    network.setSupply(i, supply)
    total += supply
  }
  // Spread the demand over the sinks.
  var left = total
  for j in t {
    let demand = j == t.upperBound - 1 ? left : Int.random(in: 0...left, using: &rng)
    network.setSupply(j, -demand)
    left -= demand
  }
  for i in s {
    for j in t where Int.random(in: 0..<4, using: &rng) > 0 {
      network.addArc(from: i, to: j, capacity: Int.random(in: 0...12, using: &rng), cost: Int.random(in: -3...9, using: &rng))
    }
  }
  for _ in 0..<Int.random(in: 0...3, using: &rng) where sinks > 1 {
    let a = Int.random(in: t, using: &rng), b = Int.random(in: t, using: &rng)
    if a != b {
      network.addArc(from: a, to: b, capacity: Int.random(in: 0...6, using: &rng), cost: Int.random(in: -2...5, using: &rng))
    }
  }
  return network
}

/// The same network as an LP for GLPK's simplex: a column per arc (0 ≤ x ≤ capacity, cost),
/// a row per node (outflow − inflow = supply). Returns the optimum, or nil when infeasible.
func lpOptimum(_ network: FlowNetwork) throws -> Double? {
  let lp = LinearProgram()
  for (k, arc) in network.arcs.enumerated() {
    try lp.addColumn(name: "x\(k)", bounds: .range(0, Double(arc.capacity)), objective: Double(arc.cost))
  }
  for (i, supply) in network.supplies.enumerated() {
    try lp.addRow(name: "n\(i)", bounds: .fixed(Double(supply)))
  }
  var entries: [MatrixEntry] = []
  for (k, arc) in network.arcs.enumerated() {
    entries.append(MatrixEntry(row: arc.from, column: k, value: 1))
    entries.append(MatrixEntry(row: arc.to, column: k, value: -1))
  }
  try lp.loadMatrix(entries)
  let result = try lp.solveLP(SimplexParameters(presolve: false))
  return result.status == .optimal ? result.objective : nil
}

final class MinCostFlowTests: XCTestCase {
  // MARK: Hand-solved networks

  func testTransportationSolvedOnPaper() throws {
    let network = makeTransportation()
    let solution = try MinCostFlow.solve(network)
    XCTAssertEqual(solution.flows, [20, 0, 5, 25])
    XCTAssertEqual(solution.cost, 180)
    XCTAssertEqual(solution.potentials.count, 4)
    XCTAssertEqual(MinCostFlow.check(network, solution), [])
  }

  /// Two zero-cost paths 0→1→3 and 0→2→3 (capacity 3 each) carry 5 units: any split is
  /// optimal, cost 0.
  func testZeroCostParallelPaths() throws {
    var network = FlowNetwork(nodeCount: 4)
    network.setSupply(0, 5)
    network.setSupply(3, -5)
    network.addArc(from: 0, to: 1, capacity: 3, cost: 0)
    network.addArc(from: 1, to: 3, capacity: 3, cost: 0)
    network.addArc(from: 0, to: 2, capacity: 3, cost: 0)
    network.addArc(from: 2, to: 3, capacity: 3, cost: 0)
    // A parallel arc with a cost is never used.
    network.addArc(from: 0, to: 3, capacity: 10, cost: 1)
    let solution = try MinCostFlow.solve(network)
    XCTAssertEqual(solution.cost, 0)
    XCTAssertEqual(solution.flows[0] + solution.flows[2], 5)
    XCTAssertEqual(solution.flows[4], 0)
    XCTAssertEqual(MinCostFlow.check(network, solution), [])
  }

  /// No supplies: positive-cost arcs carry nothing, and a negative-cost cycle 0→1→0
  /// (costs −2 and +1, capacities 3 and 5) is filled to its bottleneck 3: cost −3.
  func testZeroSupplyNetwork() throws {
    var network = FlowNetwork(nodeCount: 3)
    network.addArc(from: 1, to: 2, capacity: 4, cost: 7)
    let solutionA = try MinCostFlow.solve(network)
    XCTAssertEqual(solutionA.flows, [0])
    XCTAssertEqual(solutionA.cost, 0)
    network.addArc(from: 0, to: 1, capacity: 3, cost: -2)
    network.addArc(from: 1, to: 0, capacity: 5, cost: 1)
    let solutionB = try MinCostFlow.solve(network)
    XCTAssertEqual(solutionB.flows, [0, 3, 3])
    XCTAssertEqual(solutionB.cost, -3)
    XCTAssertEqual(MinCostFlow.check(network, solutionB), [])
    // No nodes at all: nothing to solve, GLPK is not called.
    XCTAssertEqual(try MinCostFlow.solve(FlowNetwork()), FlowSolution(flows: [], cost: 0, potentials: []))
  }

  /// "Uncapacitated" arcs (capacity Int32.max) and the largest accepted costs: 1000 units take
  /// the cheaper of two paths, 0→1→2 (cost 1 + 1) rather than 0→2 (cost 3).
  func testHugeCapacity() throws {
    let big = Int(Int32.max)
    var network = FlowNetwork(nodeCount: 3)
    network.setSupply(0, 1000)
    network.setSupply(2, -1000)
    network.addArc(from: 0, to: 1, capacity: big, cost: 1)
    network.addArc(from: 1, to: 2, capacity: big, cost: 1)
    network.addArc(from: 0, to: 2, capacity: big, cost: 3)
    let solution = try MinCostFlow.solve(network)
    XCTAssertEqual(solution.flows, [1000, 1000, 0])
    XCTAssertEqual(solution.cost, 2000)
    XCTAssertEqual(MinCostFlow.check(network, solution), [])
    // The largest supply okalg takes, on an arc with a large cost.
    var wide = FlowNetwork(nodeCount: 2)
    wide.setSupply(0, big)
    wide.setSupply(1, -big)
    wide.addArc(from: 0, to: 1, capacity: big, cost: 1_000_000)
    let w = try MinCostFlow.solve(wide)
    XCTAssertEqual(w.flows, [big])
    XCTAssertEqual(w.cost, big * 1_000_000, "the cost is summed in Int, beyond a double's exact integers")
    XCTAssertEqual(MinCostFlow.check(wide, w), [])
  }

  // MARK: Against the simplex method

  /// 300 seeded random networks: okalg's optimum equals GLPK's simplex optimum on the LP of
  /// the same network (infeasible exactly when the LP is), and `check` accepts the solution.
  func testRandomNetworksMatchSimplex() throws {
    var rng = SeededGenerator(state: 20_240_611)
    var solved = 0, infeasible = 0
    for round in 0..<300 {
      let network = makeRandomNetwork(&rng)
      let expected = try lpOptimum(network)
      do {
        let solution = try MinCostFlow.solve(network)
        guard let expected else {
          XCTFail("round \(round): okalg solved an LP-infeasible network")
          continue
        }
        XCTAssertEqual(Double(solution.cost), expected, accuracy: 1e-6, "round \(round)")
        XCTAssertEqual(MinCostFlow.check(network, solution), [], "round \(round)")
        solved += 1
      } catch let error {
        guard case .infeasibleFlow = error else { throw error }
        XCTAssertNil(expected, "round \(round): okalg said infeasible, simplex found \(expected ?? 0)")
        infeasible += 1
      }
    }
    XCTAssertGreaterThan(solved, 50)
    XCTAssertGreaterThan(infeasible, 10)
  }

  // MARK: The checker

  func testCheckRejectsTamperedSolutions() throws {
    let network = makeTransportation()
    let good = try MinCostFlow.solve(network)

    var overCapacity = good
    overCapacity.flows[3] = 101
    XCTAssertTrue(MinCostFlow.check(network, overCapacity).contains { $0.contains("outside 0...100") })

    var broken = good
    broken.flows[0] -= 1
    broken.cost -= 4
    let brokenReport = MinCostFlow.check(network, broken)
    XCTAssertTrue(brokenReport.contains { $0.contains("node 0") }, "\(brokenReport)")
    XCTAssertTrue(brokenReport.contains { $0.contains("node 2") }, "\(brokenReport)")

    var wrongCost = good
    wrongCost.cost = 179
    XCTAssertTrue(MinCostFlow.check(network, wrongCost).contains { $0.contains("Σ flow × cost = 180") })

    // Feasible but not optimal: a = 0 in the paper solution, cost 260.
    let worse = [0, 20, 25, 5]
    let withPotentials = FlowSolution(flows: worse, cost: 260, potentials: good.potentials)
    let report = MinCostFlow.check(network, withPotentials)
    XCTAssertTrue(report.contains { $0.contains("not optimal") }, "\(report)")
    XCTAssertTrue(report.contains { $0.contains("negative-cost cycle") }, "\(report)")
    // Without potentials the independent search alone finds the improving cycle.
    let bare = MinCostFlow.check(network, FlowSolution(flows: worse, cost: 260, potentials: []))
    XCTAssertEqual(bare.count, 1, "\(bare)")
    XCTAssertTrue(bare[0].contains("negative-cost cycle"), "\(bare)")
    // …and accepts the optimal flows without potentials too.
    XCTAssertEqual(MinCostFlow.check(network, FlowSolution(flows: good.flows, cost: 180, potentials: [])), [])

    XCTAssertEqual(MinCostFlow.check(network, FlowSolution(flows: [1], cost: 0, potentials: [])).count, 1)
  }

  /// The potentials follow GLPK's convention (reduced cost = cost − π(from) + π(to)), and on a
  /// network above the independent-check limit the check relies on them alone.
  func testPotentialsProveOptimalityOnALargerNetwork() throws {
    var rng = SeededGenerator(state: 7)
    let layers = 30, width = 30
    var network = FlowNetwork(nodeCount: layers * width)
    network.reserveArcs(layers * width * width)
    for layer in 0..<(layers - 1) {
      for i in 0..<width {
        for j in 0..<width {
          network.addArc(
            from: layer * width + i, to: (layer + 1) * width + j, capacity: Int.random(in: 1...20, using: &rng),
            cost: Int.random(in: 1...100, using: &rng))
        }
      }
    }
    for i in 0..<width {
      network.setSupply(i, 10)
      network.setSupply((layers - 1) * width + i, -10)
    }
    XCTAssertGreaterThan(network.arcs.count, MinCostFlow.independentCheckArcLimit)
    let start = Date()
    let solution = try MinCostFlow.solve(network)
    let solveTime = Date().timeIntervalSince(start)
    let checkStart = Date()
    XCTAssertEqual(MinCostFlow.check(network, solution), [])
    print("min-cost flow: \(network.nodeCount) nodes, \(network.arcs.count) arcs: solve \(solveTime) s, check \(Date().timeIntervalSince(checkStart)) s")
    for (k, arc) in network.arcs.enumerated() {
      let reduced = Double(arc.cost) - solution.potentials[arc.from] + solution.potentials[arc.to]
      if solution.flows[k] < arc.capacity { XCTAssertGreaterThanOrEqual(reduced, 0) }
      if solution.flows[k] > 0 { XCTAssertLessThanOrEqual(reduced, 0) }
    }
    var tampered = solution
    tampered.potentials = Array(repeating: 0, count: network.nodeCount)
    let report = MinCostFlow.check(network, tampered)
    XCTAssertTrue(report.contains { $0.contains("more violations") }, "\(report.suffix(3))")
    XCTAssertTrue(report.last?.contains("optimality not proved") == true, "\(report.suffix(3))")
  }

  // MARK: Validation before GLPK

  /// Every refusal happens in Swift; were any of these handed to GLPK, the process (this test
  /// runner) would not be guaranteed to survive.
  func testInvalidNetworksThrowBeforeGLPK() throws {
    var unbalanced = makeTransportation()
    unbalanced.setSupply(0, 21)
    assertThrowsGLPK(try MinCostFlow.solve(unbalanced)) {
      if case let .invalidNetwork(reason) = $0 { reason.contains("sum to 1") } else { false }
    }

    var negative = makeTransportation()
    negative.addArc(from: 0, to: 2, capacity: -1, cost: 0)
    assertThrowsGLPK(try MinCostFlow.solve(negative)) {
      if case let .invalidNetwork(reason) = $0 { reason.contains("negative capacity") } else { false }
    }

    var loop = makeTransportation()
    loop.addArc(from: 1, to: 1, capacity: 1, cost: -5)
    assertThrowsGLPK(try MinCostFlow.solve(loop)) {
      if case let .invalidNetwork(reason) = $0 { reason.contains("self-loop") } else { false }
    }

    var bigCost = makeTransportation()
    bigCost.addArc(from: 0, to: 2, capacity: 1, cost: Int(Int32.max) + 1)
    assertThrowsGLPK(try MinCostFlow.solve(bigCost)) {
      if case let .valueOutOfRange(what, _, _) = $0 { what == "cost of arc 4" } else { false }
    }
    var negativeCost = makeTransportation()
    negativeCost.addArc(from: 0, to: 2, capacity: 1, cost: -Int(Int32.max) - 1)
    assertThrowsGLPK(try MinCostFlow.solve(negativeCost)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }

    var bigCapacity = makeTransportation()
    bigCapacity.addArc(from: 0, to: 2, capacity: Int(Int32.max) + 1, cost: 1)
    assertThrowsGLPK(try MinCostFlow.solve(bigCapacity)) {
      if case let .valueOutOfRange(what, _, _) = $0 { what == "capacity of arc 4" } else { false }
    }

    var bigSupply = FlowNetwork(nodeCount: 3)
    bigSupply.setSupply(0, Int(Int32.max))
    bigSupply.setSupply(1, 1)
    bigSupply.setSupply(2, -Int(Int32.max) - 1)
    assertThrowsGLPK(try MinCostFlow.solve(bigSupply)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    var hugeSupply = FlowNetwork(nodeCount: 2)
    hugeSupply.setSupply(0, Int.max)
    hugeSupply.setSupply(1, Int.min)
    assertThrowsGLPK(try MinCostFlow.solve(hugeSupply)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }

    // RELAX-IV's tighter limits (checked even where RELAX-IV is unavailable).
    let transport = makeTransportation()
    XCTAssertNoThrow(try transport.validate(for: .relax4))
    var relaxCost = makeTransportation()
    relaxCost.addArc(from: 0, to: 2, capacity: 1, cost: Int(Int32.max) / 4 / 5 + 1)
    XCTAssertNoThrow(try relaxCost.validate(for: .okalg))
    assertThrowsGLPK(try relaxCost.validate(for: .relax4)) {
      if case let .valueOutOfRange(_, _, range) = $0 { range.contains("relax4") } else { false }
    }
    var relaxCapacity = makeTransportation()
    relaxCapacity.addArc(from: 0, to: 2, capacity: Int(Int32.max) / 4 + 1, cost: 1)
    assertThrowsGLPK(try relaxCapacity.validate(for: .relax4)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    XCTAssertTrue(GLPKError.invalidNetwork("x").description.contains("invalid flow network"))
  }

  func testInfeasibleNetworkThrowsAClearError() throws {
    // 5 units must cross an arc of capacity 3.
    var network = FlowNetwork(nodeCount: 3)
    network.setSupply(0, 5)
    network.setSupply(2, -5)
    network.addArc(from: 0, to: 1, capacity: 3, cost: 1)
    network.addArc(from: 1, to: 2, capacity: 10, cost: 1)
    assertThrowsGLPK(try MinCostFlow.solve(network)) {
      if case let .infeasibleFlow(reason) = $0 { reason.contains("cannot be routed") } else { false }
    }
    // A demand with no arc into it.
    var isolated = FlowNetwork(nodeCount: 2)
    isolated.setSupply(0, 1)
    isolated.setSupply(1, -1)
    do {
      _ = try MinCostFlow.solve(isolated)
      XCTFail("expected infeasible")
    } catch {
      XCTAssertTrue(error.description.hasPrefix("infeasible flow network: the supplies cannot be routed"), error.description)
    }
  }

  // MARK: RELAX-IV

  /// GLPK 5.0 ships RELAX-IV as a stub that aborts ("relax4_inidat: sorry, this routine is
  /// temporarily disabled due to licensing problems"). On such a GLPK the algorithm is
  /// unavailable and solving with it throws without calling GLPK (this runner survives);
  /// where it works, both algorithms must agree.
  func testRelax4AvailabilityOrAgreement() throws {
    let version = GLPKEnvironment.version
    let parts = version.split(separator: ".").compactMap { Int($0) }
    let expected = parts.count >= 2 && (parts[0], parts[1]) >= (4, 49) && (parts[0], parts[1]) < (5, 0)
    XCTAssertEqual(MinCostFlowAlgorithm.relax4.isAvailable, expected, "GLPK \(version)")
    XCTAssertTrue(MinCostFlowAlgorithm.okalg.isAvailable)
    if !MinCostFlowAlgorithm.relax4.isAvailable {
      assertThrowsGLPK(try MinCostFlow.solve(makeTransportation(), algorithm: .relax4)) {
        if case let .unavailable(what) = $0 { what.contains("RELAX-IV") && what.contains(version) } else { false }
      }
      return
    }
    var rng = SeededGenerator(state: 99)
    for round in 0..<100 {
      let network = makeRandomNetwork(&rng)
      let ok = Result { () throws(GLPKError) in try MinCostFlow.solve(network, algorithm: .okalg) }
      let relax = Result { () throws(GLPKError) in try MinCostFlow.solve(network, algorithm: .relax4) }
      switch (ok, relax) {
      case let (.success(a), .success(b)):
        XCTAssertEqual(a.cost, b.cost, "round \(round)")
        XCTAssertEqual(MinCostFlow.check(network, b), [], "round \(round)")
      case (.failure(.infeasibleFlow), .failure(.infeasibleFlow)):
        break
      default:
        XCTFail("round \(round): okalg \(ok), relax4 \(relax)")
      }
    }
  }

  // MARK: Threads

  /// Four threads solve random networks at once (each solve owns its graph); the results equal
  /// those computed on the test thread.
  func testSolvesOnSeveralThreadsAtOnce() throws {
    var rng = SeededGenerator(state: 4242)
    let networks = (0..<40).map { _ in makeRandomNetwork(&rng) }
    let expected = networks.map { try? MinCostFlow.solve($0).cost }
    let results = LockedBox<[Int: [Int?]]>([:])
    let group = DispatchGroup()
    for t in 0..<4 {
      group.enter()
      let thread = Thread {
        var costs: [Int?] = []
        for _ in 0..<5 {
          costs = networks.map { try? MinCostFlow.solve($0).cost }
        }
        precondition(GLPKEnvironment.liveProblemsOnCurrentThread == 0)
        GLPKEnvironment.releaseCurrentThread()
        results.withValue { $0[t] = costs }
        group.leave()
      }
      thread.start()
    }
    XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
    let all = results.withValue { $0 }
    XCTAssertEqual(all.count, 4)
    for (_, costs) in all { XCTAssertEqual(costs, expected) }
  }

  // MARK: Decimal costs

  func testScaledCostRounding() throws {
    XCTAssertEqual(try FlowNetwork.scaledCost(1.2345, decimalDigits: 3), 1235, "the decimal 1.2345, half up")
    XCTAssertEqual(try FlowNetwork.scaledCost(-1.2345, decimalDigits: 3), -1235, "half away from zero")
    XCTAssertEqual(try FlowNetwork.scaledCost(2.5, decimalDigits: 0), 3)
    XCTAssertEqual(try FlowNetwork.scaledCost(-2.5, decimalDigits: 0), -3)
    XCTAssertEqual(try FlowNetwork.scaledCost(-2.4999, decimalDigits: 0), -2)
    XCTAssertEqual(try FlowNetwork.scaledCost(-0.0005, decimalDigits: 3), -1)
    XCTAssertEqual(try FlowNetwork.scaledCost(0.0004, decimalDigits: 3), 0)
    XCTAssertEqual(try FlowNetwork.scaledCost(1e-5, decimalDigits: 5), 1)
    XCTAssertEqual(try FlowNetwork.scaledCost(4e-6, decimalDigits: 5), 0)
    XCTAssertEqual(try FlowNetwork.scaledCost(12.3456789, decimalDigits: 2), 1235)
    XCTAssertEqual(try FlowNetwork.scaledCost(0.1 + 0.2, decimalDigits: 1), 3)
    XCTAssertEqual(try FlowNetwork.scaledCost(7, decimalDigits: 4), 70_000)
    XCTAssertEqual(try FlowNetwork.scaledCost(-0.0, decimalDigits: 2), 0)
    XCTAssertEqual(try FlowNetwork.scaledCost(2_147_483_647.4, decimalDigits: 0), 2_147_483_647)
    XCTAssertEqual(try FlowNetwork.scaledCost(1.5e9, decimalDigits: 0), 1_500_000_000)
    assertThrowsGLPK(try FlowNetwork.scaledCost(2_147_483_647.5, decimalDigits: 0)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(3, decimalDigits: 9)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(-1e300, decimalDigits: 0)) {
      if case .valueOutOfRange = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(.nan, decimalDigits: 2)) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(-.infinity, decimalDigits: 2)) {
      if case .nonFiniteValue = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(1, decimalDigits: -1)) {
      if case .invalidParameter = $0 { true } else { false }
    }
    assertThrowsGLPK(try FlowNetwork.scaledCost(1, decimalDigits: 16)) {
      if case .invalidParameter = $0 { true } else { false }
    }
  }
}
