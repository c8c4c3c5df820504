import AllianceModel

/// How many of each unit's k_o places go to each block of `StreetDecomposition`, decided before
/// the blocks are solved so that they can be solved independently.
///
/// A transportation problem from the units' capacity to the blocks' demand, solved greedily by
/// the unit's value in a block (its best pairs there by the pair terms of the objective:
/// `prefer` scores, previous-plan pairs kept, distance), best first, in stages that each
/// serve one kind of demand before any surplus is spread:
/// 1. `fix` pairs: a unit gets a place in the block of every community it is fixed to;
/// 2. lead rule: every block gets as many places of units that may lead as it has communities;
/// 3. every block gets Σ L_c places (its communities' minimum sizes);
/// 4. every unit gets m_o places in all (its minimum);
/// 5. the remaining places go to the best blocks, up to Σ U_c per block.
/// A unit never gets more places in a block than it has allowed communities there. When the
/// whole problem is feasible the greedy usually meets every demand; what it misses, the
/// coordinating step's repair restores on the whole problem.
struct UnitAllocation {
    /// `share[u][b]`: places of unit u in block b (Σ_b ≤ k_o).
    var share: [[Int]]
    /// `minimum[u][b]`: how much of m_o unit u must serve in block b (≤ share).
    var minimum: [[Int]]

    /// An allocation given place by place (`NeighbourhoodSearch`'s one block).
    init(share: [[Int]], minimum: [[Int]]) {
        self.share = share
        self.minimum = minimum
    }

    init(problem: Problem, blocks: [[Int]]) {
        let nU = problem.unitCount, nB = blocks.count
        var blockOf = [Int](repeating: 0, count: problem.communityCount)
        for (b, block) in blocks.enumerated() { for c in block { blockOf[c] = b } }

        // Allowed communities, and the unit's value in the block: the mean over its best
        // min(3, k_o) allowed communities of the pair's own objective terms (PREF, KEEP, DIST).
        // The same terms as `ObjectiveCoefficients.pair`, with its keep bonus and distance scale,
        // but summed in their own order (preference, keep, distance): the allocation has always
        // ranked by this sum, and the two orders can differ in the last bit.
        let w = problem.options.weights, k = problem.coefficients
        let hasPrevious = problem.previousPairCount > 0
        func value(_ p: Int) -> Double {
            var v = w.preference * problem.preference[p]
            if problem.previous[p] && hasPrevious { v += k.keepBonus }
            if k.distanceScale > 0 { v -= w.distance * problem.distance[p] / k.distanceScale }
            return v
        }
        var room = [[Int]](repeating: [Int](repeating: 0, count: nB), count: nU)
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: nB), count: nU)
        for u in 0..<nU {
            let best = min(3, problem.units[u].maxCommunities)
            for (b, block) in blocks.enumerated() {
                var values: [Double] = []
                for c in block where problem.allowed[problem.pair(u, c)] {
                    room[u][b] += 1
                    values.append(value(problem.pair(u, c)))
                }
                guard !values.isEmpty else { continue }
                values.sort(by: >)
                let top = values.prefix(best)
                cost[u][b] = -top.reduce(0, +) / Double(top.count)
            }
        }
        // Every (unit, block) pair with room, best first; ties by unit, then block.
        var order: [(u: Int, b: Int)] = []
        for u in 0..<nU { for b in 0..<nB where room[u][b] > 0 { order.append((u, b)) } }
        order.sort { x, y in
            let (cx, cy) = (cost[x.u][x.b], cost[y.u][y.b])
            return cx < cy || (cx == cy && (x.u, x.b) < (y.u, y.b))
        }

        var share = [[Int]](repeating: [Int](repeating: 0, count: nB), count: nU)
        var used = [Int](repeating: 0, count: nU)
        var places = [Int](repeating: 0, count: nB)
        var leadPlaces = [Int](repeating: 0, count: nB)
        func give(_ u: Int, _ b: Int) {
            share[u][b] += 1
            used[u] += 1
            places[b] += 1
            if problem.mayLead(u) { leadPlaces[b] += 1 }
        }
        func free(_ u: Int, _ b: Int) -> Bool {
            used[u] < problem.units[u].maxCommunities && share[u][b] < room[u][b]
        }

        // 1. Fixed pairs.
        for u in 0..<nU {
            for c in 0..<problem.communityCount where problem.fixed[problem.pair(u, c)] && used[u] < problem.units[u].maxCommunities {
                give(u, blockOf[c])
            }
        }
        let demand = blocks.map { $0.reduce(0) { $0 + problem.minSize[$1] } }
        let capacity = blocks.map { $0.reduce(0) { $0 + problem.maxSize[$1] } }
        // 2. Units that may lead, one place per community.
        if problem.options.leadRule {
            for (u, b) in order where problem.mayLead(u) && leadPlaces[b] < blocks[b].count && places[b] < capacity[b] {
                while free(u, b) && leadPlaces[b] < blocks[b].count && places[b] < capacity[b] { give(u, b) }
            }
        }
        // 3. Minimum sizes.
        for (u, b) in order where places[b] < demand[b] {
            while free(u, b) && places[b] < demand[b] { give(u, b) }
        }
        // 4. Unit minimums, then 5. the surplus, best blocks first.
        for (u, b) in order where used[u] < problem.units[u].minCommunities && places[b] < capacity[b] {
            while free(u, b) && used[u] < problem.units[u].minCommunities && places[b] < capacity[b] { give(u, b) }
        }
        for (u, b) in order where places[b] < capacity[b] {
            while free(u, b) && places[b] < capacity[b] { give(u, b) }
        }

        // m_o goes to the blocks in order of the unit's places, best first.
        var minimum = [[Int]](repeating: [Int](repeating: 0, count: nB), count: nU)
        var owed = problem.units.map(\.minCommunities)
        for (u, b) in order where owed[u] > 0 && share[u][b] > 0 {
            let part = min(owed[u], share[u][b])
            minimum[u][b] = part
            owed[u] -= part
        }
        self.share = share
        self.minimum = minimum
    }
}
