import AllianceModel

/// Turns a nearly-feasible plan into a feasible one with few changes, or proves that no plan
/// satisfies the stage-1 rules.
///
/// Without the objective, stage 1 is a flow with lower bounds: source → unit [m_o, k_o],
/// unit → community [fix ? 1 : 0, allowed ? 1 : 0], community → sink [L_c, U_c]. The lead rule
/// fits too: units that may lead reach community c only through a node c_L whose edge c_L → c
/// carries at least 1 (and every unit of c that may lead can take the lead role). A plan that
/// respects every upper bound is such a flow; each lower bound it misses is fixed by pushing
/// flow around a cycle through the violated edge (a shortest augmenting path in the residual
/// graph, so the changes are few: add a unit, move one, eject one into another community, …).
/// Lower bounds already met are never broken again. When no cycle exists, the set of nodes the
/// search reached is a cut that proves infeasibility (Hoffman's circulation theorem).
package enum Repair {
    /// The result of a repair: a feasible plan (leads chosen), or why none exists.
    package enum Outcome {
        case feasible(Plan)
        case infeasible(InfeasibilityReason)
    }

    /// Repairs `plan`: drops pairs that are not allowed, adds `fix` pairs, trims units and
    /// communities above their upper bounds, then fixes every missed lower bound (unit minimum,
    /// community minimum, a unit able to lead in every community) and finally chooses leads,
    /// keeping the plan's own leads where they are still valid.
    package static func makeFeasible(_ plan: Plan, in problem: Problem) -> Outcome {
        var graph = ResidualGraph(problem: problem, plan: plan)
        graph.trimToUpperBounds()
        let nU = problem.unitCount, nC = problem.communityCount
        if problem.options.leadRule {
            for c in 0..<nC where graph.leaders[c] < 1 {
                guard graph.augment(violatedFrom: graph.leadNode(c), to: graph.communityNode(c)) else {
                    return .infeasible(InfeasibilityReason(Message.repairNoLead(community: problem.communities[c].id).text))
                }
            }
        }
        for c in 0..<nC {
            while graph.size[c] < problem.minSize[c] {
                guard graph.augment(violatedFrom: graph.communityNode(c), to: ResidualGraph.sink) else {
                    return .infeasible(InfeasibilityReason(
                        Message.repairCommunityMinimum(community: problem.communities[c].id, min: problem.minSize[c]).text))
                }
            }
        }
        for u in 0..<nU {
            while graph.degree[u] < problem.units[u].minCommunities {
                guard graph.augment(violatedFrom: ResidualGraph.source, to: graph.unitNode(u)) else {
                    return .infeasible(InfeasibilityReason(
                        Message.repairUnitMinimum(unit: problem.units[u].id, min: problem.units[u].minCommunities).text))
                }
            }
        }
        var result = graph.plan
        result.lead = plan.lead
        problem.chooseLeads(&result)
        return .feasible(result)
    }
}

/// The flow network of `Repair` with the plan as its flow. Nodes: source, sink, units,
/// communities, and (lead rule) one lead node per community.
private struct ResidualGraph {
    static let source = 0
    static let sink = 1

    let problem: Problem
    let nU: Int
    let nC: Int
    var plan: Plan
    var degree: [Int]
    var size: [Int]
    /// Units that may lead serving each community (the flow on c_L → c).
    var leaders: [Int]

    init(problem: Problem, plan: Plan) {
        self.problem = problem
        nU = problem.unitCount
        nC = problem.communityCount
        var plan = plan
        for p in 0..<(nU * nC) {
            if !problem.allowed[p] { plan.assigned[p] = false }
            if problem.fixed[p] { plan.assigned[p] = true }
        }
        self.plan = plan
        degree = [Int](repeating: 0, count: nU)
        size = [Int](repeating: 0, count: nC)
        leaders = [Int](repeating: 0, count: nC)
        for u in 0..<nU {
            for c in 0..<nC where plan.assigned[u * nC + c] {
                degree[u] += 1
                size[c] += 1
                if problem.mayLead(u) { leaders[c] += 1 }
            }
        }
    }

    func unitNode(_ u: Int) -> Int { 2 + u }
    func communityNode(_ c: Int) -> Int { 2 + nU + c }
    func leadNode(_ c: Int) -> Int { 2 + nU + nC + c }
    var nodeCount: Int { 2 + nU + 2 * nC }

    mutating func set(_ u: Int, _ c: Int, _ value: Bool) {
        let p = u * nC + c
        guard plan.assigned[p] != value else { return }
        plan.assigned[p] = value
        let step = value ? 1 : -1
        degree[u] += step
        size[c] += step
        if problem.mayLead(u) { leaders[c] += step }
    }

    /// Removes non-fixed pairs from units above k_o and communities above U_c (weakest share
    /// first, so a repaired plan loses little), which only outside plans can have.
    mutating func trimToUpperBounds() {
        let units = problem.units
        for u in 0..<nU where degree[u] > units[u].maxCommunities {
            for c in (0..<nC).reversed() where degree[u] > units[u].maxCommunities {
                if plan.assigned[u * nC + c] && !problem.fixed[u * nC + c] { set(u, c, false) }
            }
        }
        for c in 0..<nC where size[c] > problem.maxSize[c] {
            let removable = (0..<nU).filter { plan.assigned[$0 * nC + c] && !problem.fixed[$0 * nC + c] }
                .sorted { units[$0].strength < units[$1].strength || (units[$0].strength == units[$1].strength && $0 > $1) }
            for u in removable where size[c] > problem.maxSize[c] { set(u, c, false) }
        }
    }

    /// Residual successors of a node, in a fixed order (deterministic paths).
    func successors(of node: Int, _ visit: (Int) -> Void) {
        let leadRule = problem.options.leadRule
        switch node {
        case Self.source:
            for u in 0..<nU where degree[u] < problem.units[u].maxCommunities { visit(unitNode(u)) }
            if size.reduce(0, +) > 0 { visit(Self.sink) }  // back along sink → source
        case Self.sink:
            for c in 0..<nC where size[c] > problem.minSize[c] { visit(communityNode(c)) }
            visit(Self.source)
        case 2..<(2 + nU):
            let u = node - 2
            if degree[u] > problem.units[u].minCommunities { visit(Self.source) }
            for c in 0..<nC where problem.allowed[u * nC + c] && !plan.assigned[u * nC + c] {
                visit(problem.mayLead(u) ? leadNode(c) : communityNode(c))
            }
        case (2 + nU)..<(2 + nU + nC):
            let c = node - 2 - nU
            if size[c] < problem.maxSize[c] { visit(Self.sink) }
            if leadRule && leaders[c] > 1 { visit(leadNode(c)) }
            for u in 0..<nU where !problem.mayLead(u) && plan.assigned[u * nC + c] && !problem.fixed[u * nC + c] {
                visit(unitNode(u))
            }
        default:
            let c = node - 2 - nU - nC
            visit(communityNode(c))
            for u in 0..<nU where problem.mayLead(u) && plan.assigned[u * nC + c] && !problem.fixed[u * nC + c] {
                visit(unitNode(u))
            }
        }
    }

    /// Raises the flow on the violated edge `from → to` by one, along a shortest residual path
    /// `to ⇝ from`. Returns false when there is none (no feasible plan exists).
    mutating func augment(violatedFrom from: Int, to: Int) -> Bool {
        var parent = [Int](repeating: -1, count: nodeCount)
        parent[to] = to
        var queue = [to]
        var head = 0
        while head < queue.count, parent[from] < 0 {
            let node = queue[head]
            head += 1
            successors(of: node) { next in
                if parent[next] < 0 {
                    parent[next] = node
                    queue.append(next)
                }
            }
        }
        guard parent[from] >= 0 else { return false }
        // Walk back from `from` to `to`; every unit–community step changes one pair.
        var node = from
        var edges: [(Int, Int)] = []
        while node != to {
            edges.append((parent[node], node))
            node = parent[node]
        }
        for (a, b) in edges {
            if let (u, c, value) = pairChange(a, b) { set(u, c, value) }
        }
        return true
    }

    /// The pair a residual edge changes: unit → community (or lead node) adds it, the reverse removes it.
    private func pairChange(_ a: Int, _ b: Int) -> (Int, Int, Bool)? {
        let unitRange = 2..<(2 + nU)
        func community(_ node: Int) -> Int? {
            if node >= 2 + nU + nC { return node - 2 - nU - nC }
            if node >= 2 + nU { return node - 2 - nU }
            return nil
        }
        if unitRange.contains(a), let c = community(b) { return (a - 2, c, true) }
        if unitRange.contains(b), let c = community(a) { return (b - 2, c, false) }
        return nil
    }
}
