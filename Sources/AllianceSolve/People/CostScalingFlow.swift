import AllianceModel
import GLPK

/// A min-cost flow solver of our own: Goldberg's cost-scaling push–relabel algorithm
/// (A. V. Goldberg, "An efficient implementation of a scaling minimum-cost flow algorithm",
/// J. Algorithms 22, 1997), the method OR-tools' and LEMON's fastest codes use.
///
/// Why it exists: stage 3's default. GLPK's out-of-kilter code (`okalg`) rescans the arcs for
/// every augmenting path and took 210 s on the 63,000-member city; GLPK 5.0's RELAX-IV is a stub
/// that aborts. `okalg` stays selectable and the tests check this solver against it and against
/// GLPK's simplex.
///
/// How: costs are multiplied by `nodes + 1`, so a flow that is 1-optimal in the scaled costs is
/// optimal in the original ones (a residual cycle has at most `nodes` arcs). Starting from
/// ε = the largest scaled cost (or, from a start that conserves flow, its largest violation of
/// optimality), each phase divides ε by `alpha`, saturates every residual arc
/// of negative reduced cost and pushes the resulting excesses along admissible arcs (residual,
/// reduced cost < 0), relabelling a node — lowering its price to the most it can keep while
/// every residual arc stays ε-optimal — when it has none; the last phase runs with ε = 1.
/// Prices here follow Goldberg: the reduced cost of `v → w` is `c + p(v) − p(w)`.
///
/// The returned potentials are exact, not ε-optimal: from the final prices (divided by the
/// scale) a label-correcting shortest-path pass over the residual network makes every residual
/// arc's reduced cost ≥ 0, which the flow's optimality guarantees is possible. They follow
/// GLPK's convention (`FlowSolution.potentials`), so `MinCostFlow.check` certifies the result
/// and stage 3's arc pricing uses them unchanged.
enum CostScalingFlow {
    /// ε is divided by this between phases (Goldberg found 8–16 best; OR-tools uses 5).
    static let alpha = 8

    /// An optimal flow of `network`, which must be feasible. Throws `SolveError.solverFailed`
    /// when the network is malformed, its numbers could overflow, or it has no feasible flow.
    ///
    /// `warmStart`: a flow (one value per arc, within the capacities; it need not conserve flow)
    /// and potentials (one per node) to start from. The first phase's ε is then the largest
    /// violation of optimality under those potentials instead of the largest cost, so a start
    /// close to optimal — the previous round of stage 3's pricing, with a few arcs added —
    /// needs few phases and little pushing. Any start gives the same optimum cost.
    static func solve(_ network: FlowNetwork, warmStart: FlowSolution? = nil) throws -> FlowSolution {
        do {
            try network.validate(for: .okalg)
        } catch {
            throw SolveError.solverFailed(error.description)
        }
        var residual = Residual(network)
        if let warmStart {
            guard warmStart.flows.count == network.arcs.count, warmStart.potentials.count == network.nodeCount,
                  zip(warmStart.flows, network.arcs).allSatisfy({ $0 >= 0 && $0 <= $1.capacity }),
                  warmStart.potentials.allSatisfy({ $0.isFinite && $0.magnitude < 5e17 / Double(network.nodeCount + 1) }) else {
                throw SolveError.solverFailed("a warm start needs a flow within the capacities on each of the "
                    + "\(network.arcs.count) arcs and a potential below 5·10^17/(nodes + 1) in magnitude for each of "
                    + "the \(network.nodeCount) nodes")
            }
            residual.start(from: warmStart)
        }
        try residual.run()
        return try residual.solution()
    }

    /// The residual network in compressed rows: arcs leaving node `v` are
    /// `first[v]..<first[v + 1]`; `mate[r]` is the opposite arc of `r`.
    private struct Residual {
        let n: Int
        let scale: Int
        var first: [Int]
        var head: [Int]
        var mate: [Int]
        var cost: [Int]        // scaled
        var capacity: [Int]    // residual capacity
        var forward: [Int]     // network arc → its forward residual arc
        var excess: [Int]
        var price: [Int]
        var current: [Int]
        let arcCosts: [Int]    // network arc costs, for the solution's total

        init(_ network: FlowNetwork) {
            n = network.nodeCount
            scale = n + 1
            let m = network.arcs.count
            first = [Int](repeating: 0, count: n + 1)
            for arc in network.arcs {
                first[arc.from + 1] += 1
                first[arc.to + 1] += 1
            }
            for v in 0..<n { first[v + 1] += first[v] }
            head = [Int](repeating: 0, count: 2 * m)
            mate = [Int](repeating: 0, count: 2 * m)
            cost = [Int](repeating: 0, count: 2 * m)
            capacity = [Int](repeating: 0, count: 2 * m)
            forward = [Int](repeating: 0, count: m)
            var next = first
            for (k, arc) in network.arcs.enumerated() {
                let f = next[arc.from], b = next[arc.to]
                next[arc.from] += 1
                next[arc.to] += 1
                head[f] = arc.to
                head[b] = arc.from
                mate[f] = b
                mate[b] = f
                cost[f] = arc.cost * scale
                cost[b] = -arc.cost * scale
                capacity[f] = arc.capacity
                forward[k] = f
            }
            excess = network.supplies
            price = [Int](repeating: 0, count: n)
            current = Array(first.dropLast())
            arcCosts = network.arcs.map(\.cost)
        }

        /// Puts `start`'s flow on the arcs (excesses where it does not conserve flow) and its
        /// potentials, scaled, into the prices.
        mutating func start(from start: FlowSolution) {
            for (k, flow) in start.flows.enumerated() where flow > 0 {
                let f = forward[k]
                capacity[f] -= flow
                capacity[mate[f]] += flow
                excess[head[mate[f]]] -= flow
                excess[head[f]] += flow
            }
            price = start.potentials.map { -Int($0.rounded()) * scale }
        }

        /// The phases, from the largest violation of optimality (the largest scaled cost from a
        /// cold start) down to ε = 1.
        mutating func run() throws {
            let largest = cost.lazy.map(\.magnitude).max() ?? 0
            // In a feasible network a price falls by less than 3·n·ε' in a phase (Goldberg's bound,
            // ε' = α·ε the phase's starting ε); `refine` allows twice that before it calls the
            // network infeasible, and prices, costs and their sums must stay in range.
            let (room, overflow) = Int(largest).multipliedReportingOverflow(by: 8 * CostScalingFlow.alpha * (n + 1))
            guard !overflow, room < Int.max / 4 else {
                throw SolveError.solverFailed("costs up to \(largest / UInt(scale)) on \(n) nodes could overflow the cost-scaling solver's prices")
            }
            // A start that conserves flow (a warm start, or a circulation from zero) is ε-optimal
            // for its largest violation, and the phases' bounds hold from there. Otherwise (the
            // zero flow of a network with supplies) the phases start from the largest cost.
            var epsilon = max(1, Int(largest))
            if excess.allSatisfy({ $0 == 0 }) {
                var violation = 1
                for v in 0..<n {
                    for r in first[v]..<first[v + 1] where capacity[r] > 0 {
                        violation = max(violation, -(cost[r] + price[v] - price[head[r]]))
                    }
                }
                epsilon = min(epsilon, violation)
            }
            while true {
                epsilon = max(1, epsilon / CostScalingFlow.alpha)
                try refine(epsilon)
                if epsilon == 1 { return }
            }
        }

        /// One phase: turns a flow that is (α·ε)-optimal into one that is ε-optimal.
        private mutating func refine(_ epsilon: Int) throws {
            // Saturate every residual arc of negative reduced cost: the flow becomes 0-optimal
            // with excesses and deficits.
            for v in 0..<n {
                let pv = price[v]
                for r in first[v]..<first[v + 1] where capacity[r] > 0 && cost[r] + pv - price[head[r]] < 0 {
                    let delta = capacity[r]
                    capacity[r] = 0
                    capacity[mate[r]] += delta
                    excess[v] -= delta
                    excess[head[r]] += delta
                }
            }
            let floor = price.map { $0 - 6 * n * CostScalingFlow.alpha * epsilon }
            var queue = (0..<n).filter { excess[$0] > 0 }
            var position = 0
            for v in 0..<n { current[v] = first[v] }
            while position < queue.count {
                let v = queue[position]
                position += 1
                try discharge(v, epsilon, floor[v], &queue)
                if position > 1 << 20, position * 2 > queue.count {
                    queue.removeFirst(position)
                    position = 0
                }
            }
        }

        /// Pushes `v`'s excess along admissible arcs, relabelling `v` when it has none left.
        private mutating func discharge(_ v: Int, _ epsilon: Int, _ floor: Int, _ queue: inout [Int]) throws {
            while excess[v] > 0 {
                let end = first[v + 1]
                var r = current[v]
                let pv = price[v]
                while r < end {
                    let w = head[r]
                    if capacity[r] > 0, cost[r] + pv - price[w] < 0 {
                        let delta = min(excess[v], capacity[r])
                        capacity[r] -= delta
                        capacity[mate[r]] += delta
                        excess[v] -= delta
                        let before = excess[w]
                        excess[w] += delta
                        if before <= 0, excess[w] > 0 { queue.append(w) }
                        if excess[v] == 0 { break }
                    }
                    r += 1
                }
                current[v] = r
                guard excess[v] > 0 else { return }
                // Relabel: the highest price that leaves one residual arc admissible and every
                // residual arc ε-optimal.
                var best = Int.min
                for r in first[v]..<end where capacity[r] > 0 {
                    best = max(best, price[head[r]] - cost[r])
                }
                guard best != Int.min, best - epsilon >= floor else {
                    throw SolveError.solverFailed("the network has no feasible flow (node \(v)'s excess cannot reach a deficit)")
                }
                price[v] = best - epsilon
                current[v] = first[v]
            }
        }

        /// The flow, its cost and exact potentials.
        func solution() throws -> FlowSolution {
            let flows = forward.map { capacity[mate[$0]] }
            var total = 0
            for (k, flow) in flows.enumerated() { total += flow * arcCosts[k] }
            // Exact distances d with d(w) ≤ d(v) + c for every residual arc v → w, corrected from
            // the scaled prices by a FIFO label-correcting pass (no negative cycle: the flow is
            // optimal, so it ends; more than n passes over a node would prove otherwise).
            var distance = price.map { Int((Double($0) / Double(scale)).rounded(.down)) }
            var queued = [Bool](repeating: true, count: n)
            var queue = Array(0..<n)
            var passes = [Int](repeating: 0, count: n)
            var position = 0
            while position < queue.count {
                let v = queue[position]
                position += 1
                queued[v] = false
                let dv = distance[v]
                for r in first[v]..<first[v + 1] where capacity[r] > 0 {
                    let w = head[r], through = dv + cost[r] / scale
                    if through < distance[w] {
                        distance[w] = through
                        if !queued[w] {
                            passes[w] += 1
                            guard passes[w] <= n else {
                                throw SolveError.solverFailed("cost scaling ended with a negative residual cycle (node \(w))")
                            }
                            queued[w] = true
                            queue.append(w)
                        }
                    }
                }
                if position > 1 << 20, position * 2 > queue.count {
                    queue.removeFirst(position)
                    position = 0
                }
            }
            return FlowSolution(flows: flows, cost: total, potentials: distance.map { -Double($0) })
        }
    }
}
