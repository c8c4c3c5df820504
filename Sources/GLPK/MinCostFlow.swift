import CGLPK

/// An optimal flow found by ``MinCostFlow/solve(_:algorithm:)``.
public struct FlowSolution: Sendable, Equatable {
  /// The flow on each arc, in the network's arc order.
  public var flows: [Int]
  /// Σ flow × cost, computed in Swift with overflow checks (not GLPK's
  /// `double`).
  public var cost: Int
  /// Node potentials (the duals of the conservation constraints), one per
  /// node, in GLPK's sign convention: the reduced cost of arc `i → j` is
  /// `cost − potentials[i] + potentials[j]`; it is ≥ 0 where the flow is
  /// below capacity and ≤ 0 where the flow is above 0.
  public var potentials: [Double]

  /// Creates a solution from its parts.
  public init(flows: [Int], cost: Int, potentials: [Double]) {
    self.flows = flows
    self.cost = cost
    self.potentials = potentials
  }
}

/// Min-cost flow with GLPK's network solvers: the safe entry point
/// (``solve(_:algorithm:)``) and an independent checker (``check(_:_:)``).
public enum MinCostFlow {
  /// The byte offsets of the node and arc data GLPK reads and writes
  /// (`v_rhs`, `v_pi`; `a_cap`, `a_cost`, `a_x`, `a_rc`). The lower bounds
  /// are all 0, so `a_low` is passed as -1.
  private enum Layout {
    static let vertexRHS: Int32 = 0
    static let vertexPi: Int32 = 8
    static let vertexSize: Int32 = 16
    static let arcCap: Int32 = 0
    static let arcCost: Int32 = 8
    static let arcX: Int32 = 16
    static let arcRC: Int32 = 24
    static let arcSize: Int32 = 32
  }

  /// Solves the network on the calling thread: the `glp_graph` is created,
  /// used and deleted inside this call, so solves on different threads are
  /// independent.
  ///
  /// Throws ``GLPKError/unavailable(_:)`` for an algorithm this GLPK does not
  /// provide (RELAX-IV in GLPK 5.0, see ``MinCostFlowAlgorithm/isAvailable``;
  /// GLPK is not called), the errors of ``FlowNetwork/validate(for:)``
  /// (before GLPK is called), ``GLPKError/infeasibleFlow(_:)`` when the
  /// supplies cannot be routed within the capacities (`GLP_ENOPFS`), and
  /// ``GLPKError/flowSolverFailed(_:reason:)`` for `GLP_EDATA`, `GLP_ERANGE`
  /// (an integer overflow inside the solver: scale the costs down),
  /// `GLP_EFAIL` or another code, or when Σ flow × cost overflows `Int`.
  ///
  /// The graph is built with one `glp_add_arc` per arc and no Swift
  /// allocation per arc (one array of arc handles, reserved up front), so
  /// networks of millions of arcs cost little beyond GLPK's own memory
  /// (about 100 bytes per arc).
  ///
  /// The corresponding C functions are `glp_mincost_okalg` and
  /// `glp_mincost_relax4`.
  public static func solve(
    _ network: FlowNetwork, algorithm: MinCostFlowAlgorithm = .okalg
  ) throws(GLPKError) -> FlowSolution {
    guard algorithm.isAvailable else {
      throw .unavailable(
        "RELAX-IV (glp_mincost_relax4) is not available in GLPK \(GLPKEnvironment.version): GLPK 5.0 disabled it "
          + "for licensing reasons and the call would abort the process; use .okalg")
    }
    try network.validate(for: algorithm)
    let n = network.nodeCount, m = network.arcs.count
    // glp_add_vertices refuses 0 vertices; with no nodes there are no arcs.
    if n == 0 { return FlowSolution(flows: [], cost: 0, potentials: []) }

    let capture = LogCapture()
    defer { capture.end() }
    guard let graph = glp_create_graph(Layout.vertexSize, Layout.arcSize) else {
      preconditionFailure("glp_create_graph returned NULL")
    }
    defer { glp_delete_graph(graph) }
    _ = glp_add_vertices(graph, Int32(n))
    let vertices = graph.pointee.v!
    for (i, supply) in network.supplies.enumerated() where supply != 0 {
      vertices[i + 1]!.pointee.data.storeBytes(of: Double(supply), toByteOffset: Int(Layout.vertexRHS), as: Double.self)
    }
    var handles: [UnsafeMutablePointer<glp_arc>] = []
    handles.reserveCapacity(m)
    for arc in network.arcs {
      let a = glp_add_arc(graph, Int32(arc.from + 1), Int32(arc.to + 1))!
      let data = a.pointee.data!
      data.storeBytes(of: Double(arc.capacity), toByteOffset: Int(Layout.arcCap), as: Double.self)
      data.storeBytes(of: Double(arc.cost), toByteOffset: Int(Layout.arcCost), as: Double.self)
      handles.append(a)
    }

    var objective = 0.0
    let rc: Int32
    switch algorithm {
    case .okalg:
      rc = glp_mincost_okalg(
        graph, Layout.vertexRHS, -1, Layout.arcCap, Layout.arcCost, &objective, Layout.arcX, Layout.vertexPi)
    case .relax4:
      rc = glp_mincost_relax4(
        graph, Layout.vertexRHS, -1, Layout.arcCap, Layout.arcCost, 0, &objective, Layout.arcX, Layout.arcRC)
    }
    let name = algorithm == .okalg ? "glp_mincost_okalg" : "glp_mincost_relax4"
    switch rc {
    case 0: break
    case GLP_ENOPFS:
      throw .infeasibleFlow(
        "the supplies cannot be routed to the demands within the arc capacities (\(name) found no feasible flow)")
    case GLP_EDATA:
      throw .flowSolverFailed(
        .invalidData, reason: "\(name) refused the data (a self-loop or a number outside its int range)")
    case GLP_ERANGE:
      throw .flowSolverFailed(
        .resultOutOfRange,
        reason: "integer overflow inside \(name) (costs or capacities too large for its int arithmetic; scale them down)")
    case GLP_EFAIL:
      throw .flowSolverFailed(.solverFailure, reason: "\(name) failed its own optimality test (an internal error)")
    default:
      throw .flowSolverFailed(SolverReturnCode(glpk: rc), reason: "\(name) returned \(rc)")
    }

    var flows = [Int](repeating: 0, count: m)
    var reducedCosts: [Double] = []
    if algorithm == .relax4 { reducedCosts.reserveCapacity(m) }
    var cost = 0
    for (k, a) in handles.enumerated() {
      let data = UnsafeRawPointer(a.pointee.data!)
      let x = data.loadUnaligned(fromByteOffset: Int(Layout.arcX), as: Double.self)
      let flow = Int(x)  // integral and within 0...capacity ≤ Int32.max
      flows[k] = flow
      let (product, o1) = flow.multipliedReportingOverflow(by: network.arcs[k].cost)
      let (sum, o2) = cost.addingReportingOverflow(product)
      if o1 || o2 {
        throw .flowSolverFailed(.resultOutOfRange, reason: "the total cost Σ flow × cost overflows Int")
      }
      cost = sum
      if algorithm == .relax4 {
        reducedCosts.append(data.loadUnaligned(fromByteOffset: Int(Layout.arcRC), as: Double.self))
      }
    }
    let potentials: [Double]
    if algorithm == .okalg {
      potentials = (1...n).map {
        UnsafeRawPointer(vertices[$0]!.pointee.data!).loadUnaligned(
          fromByteOffset: Int(Layout.vertexPi), as: Double.self)
      }
    } else {
      potentials = potentialsFromReducedCosts(network, reducedCosts)
    }
    return FlowSolution(flows: flows, cost: cost, potentials: potentials)
  }

  /// Node potentials from per-arc reduced costs `rc = cost − π(from) + π(to)`
  /// (RELAX-IV reports reduced costs, not potentials): π is 0 at one node of
  /// each connected component and spreads along a spanning forest.
  static func potentialsFromReducedCosts(_ network: FlowNetwork, _ reducedCosts: [Double]) -> [Double] {
    let n = network.nodeCount
    let adjacency = Adjacency(network)
    var potentials = [Double](repeating: 0, count: n)
    var seen = [Bool](repeating: false, count: n)
    var stack: [Int] = []
    for root in 0..<n where !seen[root] {
      seen[root] = true
      stack.append(root)
      while let i = stack.popLast() {
        for k in adjacency.arcs(at: i) {
          let arc = network.arcs[k]
          let j = arc.from == i ? arc.to : arc.from
          guard !seen[j] else { continue }
          seen[j] = true
          // π(to) = π(from) + rc − cost
          let delta = reducedCosts[k] - Double(arc.cost)
          potentials[j] = arc.from == i ? potentials[i] + delta : potentials[i] - delta
          stack.append(j)
        }
      }
    }
    return potentials
  }

  // MARK: Checking a solution

  /// The largest number of arcs for which ``check(_:_:)`` also runs its own
  /// negative-cycle search (Bellman–Ford on the residual network, at worst
  /// nodes × arcs steps).
  public static let independentCheckArcLimit = 20_000

  /// An independent check of a solution, from the network and the flows
  /// alone. Returns the violations found (empty: feasible and optimal).
  ///
  /// - Feasibility: one flow per arc, 0 ≤ flow ≤ capacity on every arc, and
  ///   at every node outflow − inflow = supply.
  /// - Cost: Σ flow × cost recomputed (with overflow checks) equals
  ///   `solution.cost`.
  /// - Optimality, primarily by complementary slackness with the given
  ///   potentials: every residual arc has a non-negative reduced cost
  ///   (`cost − π(from) + π(to) ≥ −ε` where flow < capacity, and ≤ ε where
  ///   flow > 0, ε = 1e-9 relative). Such potentials prove that the residual
  ///   network has no negative cycle, i.e. that the flow is optimal, in one
  ///   pass over the arcs, whatever the network size.
  /// - Optimality, independently of the solver: for networks of at most
  ///   ``independentCheckArcLimit`` arcs (or when the potentials are missing
  ///   or do not prove optimality), a Bellman–Ford search for a negative
  ///   cycle in the residual network, in exact integer arithmetic. Above the
  ///   limit this search is skipped, because on millions of arcs it can take
  ///   nodes × arcs steps.
  ///
  /// At most 50 violations of single arcs and nodes are listed, then a count
  /// of the rest, then the conclusions of the optimality checks.
  public static func check(_ network: FlowNetwork, _ solution: FlowSolution) -> [String] {
    var report = ViolationReport()
    let n = network.nodeCount, m = network.arcs.count
    guard solution.flows.count == m else {
      return ["\(solution.flows.count) flows for \(m) arcs"]
    }
    // Feasibility and cost.
    var balance = [Int](repeating: 0, count: n)
    var cost = 0, costOverflow = false
    for (k, arc) in network.arcs.enumerated() {
      let flow = solution.flows[k]
      if flow < 0 || flow > arc.capacity {
        report.add("arc \(k) (\(arc.from) → \(arc.to)): flow \(flow) outside 0...\(arc.capacity)")
      }
      let (out, o1) = balance[arc.from].addingReportingOverflow(flow)
      let (into, o2) = balance[arc.to].subtractingReportingOverflow(flow)
      let (product, o3) = flow.multipliedReportingOverflow(by: arc.cost)
      let (sum, o4) = cost.addingReportingOverflow(product)
      if o1 || o2 || o3 || o4 {
        report.add("arc \(k): flow \(flow) overflows Int in the sums")
        costOverflow = true
        continue
      }
      balance[arc.from] = out
      balance[arc.to] = into
      cost = sum
    }
    for i in 0..<n where balance[i] != network.supplies[i] {
      report.add("node \(i): outflow − inflow = \(balance[i]), supply \(network.supplies[i])")
    }
    if !costOverflow, cost != solution.cost {
      report.add("cost \(solution.cost) reported, Σ flow × cost = \(cost)")
    }
    let feasible = report.isEmpty

    // Optimality by complementary slackness with the solver's potentials.
    var provedByPotentials = false
    if solution.potentials.count == n {
      let pi = solution.potentials
      var slacknessHolds = true
      for (k, arc) in network.arcs.enumerated() {
        let flow = solution.flows[k]
        let reduced = Double(arc.cost) - pi[arc.from] + pi[arc.to]
        let epsilon = 1e-9 * max(1, Double(arc.cost.magnitude), pi[arc.from].magnitude, pi[arc.to].magnitude)
        guard reduced.isFinite else {
          report.add("arc \(k): non-finite reduced cost from potentials \(pi[arc.from]), \(pi[arc.to])")
          slacknessHolds = false
          continue
        }
        if flow < arc.capacity, reduced < -epsilon {
          report.add(
            "arc \(k) (\(arc.from) → \(arc.to)): reduced cost \(reduced) < 0 but flow \(flow) below capacity \(arc.capacity) (not optimal)")
          slacknessHolds = false
        } else if flow > 0, reduced > epsilon {
          report.add("arc \(k) (\(arc.from) → \(arc.to)): reduced cost \(reduced) > 0 but flow \(flow) > 0 (not optimal)")
          slacknessHolds = false
        }
      }
      provedByPotentials = slacknessHolds
    } else if !solution.potentials.isEmpty {
      report.add("\(solution.potentials.count) potentials for \(n) nodes")
    }

    // Optimality without trusting the solver: no negative residual cycle.
    if feasible, m <= independentCheckArcLimit || !provedByPotentials {
      if network.arcs.contains(where: { $0.cost.magnitude > UInt(Int32.max) }) || n > FlowLimits.maxNodes {
        report.summary("optimality not checked independently: a cost above \(Int32.max) in magnitude or too many nodes")
      } else if m > independentCheckArcLimit {
        report.summary("optimality not proved: no valid potentials, and \(m) arcs exceed the \(independentCheckArcLimit)-arc limit of the independent check")
      } else if let cycle = negativeResidualCycle(network, solution.flows) {
        report.summary("negative-cost cycle in the residual network (reaching node \(cycle)) (flow not optimal)")
      }
    }
    return report.messages
  }

  /// A node reached by a negative-cost cycle of the residual network, or nil. Bellman–
  /// Ford from a virtual source joined to every node by 0-cost arcs; a
  /// relaxation in round `n` proves a negative cycle. Exact in `Int`
  /// (distances are bounded by nodes × max |cost| ≤ 2^31 × 2^27).
  static func negativeResidualCycle(_ network: FlowNetwork, _ flows: [Int]) -> Int? {
    let n = network.nodeCount
    var distance = [Int](repeating: 0, count: n)
    var last: Int?
    for _ in 0...n {
      last = nil
      for (k, arc) in network.arcs.enumerated() {
        let flow = flows[k]
        if flow < arc.capacity, distance[arc.from] + arc.cost < distance[arc.to] {
          distance[arc.to] = distance[arc.from] + arc.cost
          last = arc.to
        }
        if flow > 0, distance[arc.to] - arc.cost < distance[arc.from] {
          distance[arc.from] = distance[arc.to] - arc.cost
          last = arc.from
        }
      }
      if last == nil { return nil }
    }
    return last
  }
}

/// Arc indices incident to each node (compressed rows), built in two passes.
struct Adjacency {
  private var start: [Int]
  private var list: [Int]

  init(_ network: FlowNetwork) {
    let n = network.nodeCount
    start = [Int](repeating: 0, count: n + 1)
    for arc in network.arcs {
      start[arc.from + 1] += 1
      start[arc.to + 1] += 1
    }
    for i in 0..<n { start[i + 1] += start[i] }
    list = [Int](repeating: 0, count: start[n])
    var next = start
    for (k, arc) in network.arcs.enumerated() {
      list[next[arc.from]] = k
      next[arc.from] += 1
      list[next[arc.to]] = k
      next[arc.to] += 1
    }
  }

  func arcs(at node: Int) -> ArraySlice<Int> { list[start[node]..<start[node + 1]] }
}

/// Collects violation messages, keeping the first 50 per-item messages; the
/// conclusions (`summary`) are always kept and listed last.
private struct ViolationReport {
  private var kept: [String] = []
  private var conclusions: [String] = []
  private var dropped = 0
  var isEmpty: Bool { kept.isEmpty && conclusions.isEmpty }

  mutating func add(_ message: @autoclosure () -> String) {
    if kept.count < 50 { kept.append(message()) } else { dropped += 1 }
  }

  mutating func summary(_ message: String) {
    conclusions.append(message)
  }

  var messages: [String] {
    (dropped == 0 ? kept : kept + ["… and \(dropped) more violations"]) + conclusions
  }
}
