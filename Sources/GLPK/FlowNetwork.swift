import CGLPK

/// A directed network for min-cost flow: nodes with integer supplies (> 0
/// supplies, < 0 demands), arcs with lower bound 0, integer capacity and
/// integer cost. A plain Swift value, validated before any GLPK call (see
/// ``validate(for:)``), solved by ``MinCostFlow/solve(_:algorithm:)``.
///
/// Nodes and arcs are numbered from 0 in the order they were added. Parallel
/// arcs are allowed; self-loops are refused by validation (both GLPK solvers
/// reject them).
public struct FlowNetwork: Sendable {
  /// An arc `from → to` carrying between 0 and `capacity` units at `cost` per
  /// unit.
  public struct Arc: Sendable, Hashable {
    /// The 0-based tail node.
    public var from: Int
    /// The 0-based head node.
    public var to: Int
    /// The upper bound on the flow (the lower bound is 0).
    public var capacity: Int
    /// The cost per unit of flow (any sign).
    public var cost: Int

    /// Creates the arc `from → to`.
    public init(from: Int, to: Int, capacity: Int, cost: Int) {
      self.from = from
      self.to = to
      self.capacity = capacity
      self.cost = cost
    }
  }

  /// The supply of each node: > 0 a source, < 0 a sink (demand), 0 transit.
  public private(set) var supplies: [Int]
  /// The arcs, in the order they were added.
  public private(set) var arcs: [Arc]

  /// An empty network.
  public init() {
    supplies = []
    arcs = []
  }

  /// A network of `nodeCount` nodes with supply 0 and no arcs.
  public init(nodeCount: Int) {
    precondition(nodeCount >= 0, "FlowNetwork(nodeCount:): negative node count \(nodeCount)")
    supplies = Array(repeating: 0, count: nodeCount)
    arcs = []
  }

  /// The number of nodes.
  public var nodeCount: Int { supplies.count }

  /// Adds a node and returns its 0-based index.
  @discardableResult
  public mutating func addNode(supply: Int = 0) -> Int {
    supplies.append(supply)
    return supplies.count - 1
  }

  /// Adds `count` nodes with supply 0 and returns their indices.
  public mutating func addNodes(_ count: Int) -> Range<Int> {
    precondition(count >= 0, "FlowNetwork.addNodes: negative count \(count)")
    let first = supplies.count
    supplies.append(contentsOf: repeatElement(0, count: count))
    return first..<supplies.count
  }

  /// Sets the supply of `node` (> 0 supply, < 0 demand).
  public mutating func setSupply(_ node: Int, _ supply: Int) {
    precondition(node >= 0 && node < supplies.count, "FlowNetwork.setSupply: node \(node) out of range 0..<\(supplies.count)")
    supplies[node] = supply
  }

  /// Adds the arc `from → to` and returns its 0-based index. Capacity and
  /// cost are checked by ``validate(for:)``, not here, so that a network can
  /// be built in one pass and refused with a thrown error.
  @discardableResult
  public mutating func addArc(from: Int, to: Int, capacity: Int, cost: Int) -> Int {
    let n = supplies.count
    precondition(from >= 0 && from < n, "FlowNetwork.addArc: tail node \(from) out of range 0..<\(n)")
    precondition(to >= 0 && to < n, "FlowNetwork.addArc: head node \(to) out of range 0..<\(n)")
    arcs.append(Arc(from: from, to: to, capacity: capacity, cost: cost))
    return arcs.count - 1
  }

  /// Reserves room for `count` arcs in total (for networks of millions of
  /// arcs built in a loop).
  public mutating func reserveArcs(_ count: Int) {
    arcs.reserveCapacity(count)
  }

  // MARK: Validation

  /// Throws when a GLPK solver would abort, refuse the data or overflow.
  ///
  /// Both solvers copy the network into C `int` arrays, and their drivers
  /// (`mcfokalg.c` and `mcfrelax.c` of GLPK 5.0) return `GLP_EDATA` for
  /// numbers outside their range and for self-loops. Checking here gives a
  /// message that names the node or arc. The limits:
  ///
  /// - `.okalg`: every |supply|, capacity and |cost| at most `Int32.max`
  ///   (2 147 483 647, the driver's own test `fabs(x) <= INT_MAX`), and the
  ///   total supply at most `Int32.max` (it becomes the capacity of the
  ///   driver's feedback arc). The out-of-kilter code checks every addition
  ///   of costs and potentials for overflow itself and then returns
  ///   `GLP_ERANGE` (reported as ``GLPKError/flowSolverFailed(_:reason:)``),
  ///   so no tighter cost limit is needed to keep the process alive.
  /// - `.relax4`: RELAX-IV uses `large = INT_MAX / 4` (536 870 911) as its
  ///   infinity and the driver refuses |supply|, capacity or |cost| above it.
  ///   Its price updates add reduced costs along paths without overflow
  ///   checks, and a price can reach the length of a path, up to
  ///   `nodeCount × max |cost|`. This wrapper therefore also requires
  ///   `|cost| × (nodeCount + 1) ≤ INT_MAX / 4`, and the total supply
  ///   at most `INT_MAX / 4`. This is a conservative choice, not a
  ///   documented GLPK rule.
  ///
  /// Sizes: at most 100 000 000 nodes (GLPK's `NV_MAX`) and, counting the
  /// artificial arcs okalg adds (one per node with non-zero supply, plus one),
  /// at most 500 000 000 arcs (`NA_MAX`).
  ///
  /// Also thrown: supplies not summing to 0 (GLPK's solvers need a balanced
  /// network; add a dummy node to absorb a surplus), a negative capacity, a
  /// self-loop, an arc end outside the network.
  public func validate(for algorithm: MinCostFlowAlgorithm) throws(GLPKError) {
    let n = supplies.count
    guard n <= FlowLimits.maxNodes else {
      throw .tooLarge("\(n) nodes; GLPK's graphs hold at most \(FlowLimits.maxNodes)")
    }
    let artificialArcs = supplies.reduce(1) { $0 + ($1 != 0 ? 1 : 0) }
    guard arcs.count <= FlowLimits.maxArcs - artificialArcs else {
      throw .tooLarge(
        "\(arcs.count) arcs (+ \(artificialArcs) artificial); GLPK's graphs hold at most \(FlowLimits.maxArcs)")
    }
    let limit = algorithm.numberLimit
    let range = "at most \(limit) in magnitude for \(algorithm.rawValue)"
    var positive = 0, negative = 0
    for (i, s) in supplies.enumerated() {
      guard s.magnitude <= UInt(limit) else {
        throw .valueOutOfRange(what: "supply of node \(i)", value: Double(s), range: range)
      }
      if s > 0 { positive += s } else { negative -= s }
    }
    guard positive == negative else {
      throw .invalidNetwork(
        "supplies sum to \(positive - negative), not 0 (total supply \(positive), total demand \(negative))")
    }
    guard positive <= limit else {
      throw .valueOutOfRange(what: "total supply", value: Double(positive), range: range)
    }
    let costLimit = algorithm == .relax4 ? limit / (n + 1) : limit
    for (k, arc) in arcs.enumerated() {
      guard arc.from >= 0, arc.from < n, arc.to >= 0, arc.to < n else {
        throw .invalidNetwork("arc \(k) (\(arc.from) → \(arc.to)) has an end outside nodes 0..<\(n)")
      }
      guard arc.from != arc.to else {
        throw .invalidNetwork("arc \(k) is a self-loop at node \(arc.from); GLPK's flow solvers refuse self-loops")
      }
      guard arc.capacity >= 0 else {
        throw .invalidNetwork("arc \(k) (\(arc.from) → \(arc.to)) has negative capacity \(arc.capacity)")
      }
      guard arc.capacity <= limit else {
        throw .valueOutOfRange(what: "capacity of arc \(k)", value: Double(arc.capacity), range: range)
      }
      guard arc.cost.magnitude <= UInt(costLimit) else {
        let costRange = algorithm == .relax4
          ? "at most INT_MAX/4/(nodes + 1) = \(costLimit) in magnitude for relax4" : range
        throw .valueOutOfRange(what: "cost of arc \(k)", value: Double(arc.cost), range: costRange)
      }
    }
  }

  // MARK: Decimal costs

  /// The largest number of decimal digits ``scaledCost(_:decimalDigits:)``
  /// accepts.
  public static let maxDecimalDigits = 15

  /// A decimal cost turned into the integer the solvers need:
  /// `value × 10^decimalDigits`, rounded to the nearest integer (half away
  /// from zero).
  ///
  /// The rounding works on the decimal the `Double` prints as (its shortest
  /// round-trip representation), not on the binary fraction: `1.2345` with 3
  /// digits is 1235 although the nearest double is slightly below 1.2345, and
  /// `-0.0005` with 3 digits is -1. Throws for NaN or infinite values, for
  /// `decimalDigits` outside 0...15, and for results above `Int32.max` in
  /// magnitude (no solver takes larger costs).
  public static func scaledCost(_ value: Double, decimalDigits: Int) throws(GLPKError) -> Int {
    guard value.isFinite else { throw .nonFiniteValue(what: "cost", value: value) }
    guard (0...maxDecimalDigits).contains(decimalDigits) else {
      throw .invalidParameter(name: "decimalDigits", reason: "\(decimalDigits) is not in 0...\(maxDecimalDigits)")
    }
    let range = "at most \(Int32.max) in magnitude after scaling by 10^\(decimalDigits)"
    // A quick refusal that also keeps the digit arithmetic below in Int.
    guard value.magnitude <= 1e12 else {
      throw .valueOutOfRange(what: "cost", value: value, range: range)
    }
    // Digits and decimal exponent of the shortest representation:
    // value = ±0.d1d2d3… × 10^exponent.
    var text = Substring(value.magnitude.description)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...])!
      text = text[..<e]
    }
    var digits: [Int] = []
    var pointSeen = false
    for character in text {
      if character == "." {
        pointSeen = true
        continue
      }
      guard let d = character.wholeNumberValue else { continue }
      digits.append(d)
      if !pointSeen { exponent += 1 }
    }
    // Keep exponent + decimalDigits digits before the decimal point.
    let kept = exponent + decimalDigits
    var magnitude = 0
    for index in 0..<max(kept, 0) {
      magnitude = magnitude * 10 + (index < digits.count ? digits[index] : 0)
      guard magnitude <= Int(Int32.max) else {
        throw .valueOutOfRange(what: "cost", value: value, range: range)
      }
    }
    if kept >= 0, kept < digits.count, digits[kept] >= 5 { magnitude += 1 }
    guard magnitude <= Int(Int32.max) else {
      throw .valueOutOfRange(what: "cost", value: value, range: range)
    }
    return value < 0 ? -magnitude : magnitude
  }
}

/// The min-cost-flow algorithms of GLPK.
public enum MinCostFlowAlgorithm: String, Sendable, CaseIterable {
  /// `glp_mincost_okalg`: the out-of-kilter algorithm (Ford–Fulkerson).
  case okalg
  /// `glp_mincost_relax4`: Bertsekas–Tseng RELAX-IV.
  case relax4

  /// Whether this build of GLPK provides the algorithm.
  ///
  /// `glp_mincost_okalg` exists in every GLPK this wrapper builds against.
  /// `glp_mincost_relax4` was added in GLPK 4.49, and GLPK 5.0 replaced its
  /// code (`src/misc/relax4.c`) with a stub that prints "sorry, this routine
  /// is temporarily disabled due to licensing problems" and aborts the
  /// process (upstream ChangeLog for 5.0; checked against Debian's
  /// libglpk40 5.0-1, where a call dies with SIGABRT). So it counts as
  /// available only for versions 4.49 up to, not including, 5.0.
  public var isAvailable: Bool {
    switch self {
    case .okalg: true
    case .relax4: Self.relax4Works(version: GLPKEnvironment.version)
    }
  }

  /// Whether a GLPK of version `version` ("major.minor") has a working
  /// RELAX-IV.
  static func relax4Works(version: String) -> Bool {
    let parts = version.split(separator: ".").compactMap { Int($0) }
    guard parts.count >= 2 else { return false }
    let v = (parts[0], parts[1])
    return v >= (4, 49) && v < (5, 0)
  }

  /// The largest magnitude the algorithm accepts for a supply, capacity or
  /// cost (see ``FlowNetwork/validate(for:)``).
  var numberLimit: Int {
    switch self {
    case .okalg: Int(Int32.max)
    case .relax4: Int(Int32.max) / 4
    }
  }
}

/// GLPK's graph size limits (`NV_MAX`, `NA_MAX` in `src/api/graph.c`).
enum FlowLimits {
  static let maxNodes = 100_000_000
  static let maxArcs = 500_000_000
}
