/// One scored single change (`alliance suggest`).
public struct Suggestion: Sendable {
    public var edit: PlanEdit
    /// Change of the objective and of each (unweighted) term if the edit is applied.
    public var delta: Double
    public var termsDelta: Terms
    /// Whether the resulting plan breaks no rule at all (what `Evaluator(...).isFeasible` says).
    public var feasible: Bool
    /// Rules the change newly breaks (broken after, not before).
    public var brokenRules: [PlanRule]
    /// Rules the original plan broke that the change repairs.
    public var repairedRules: [PlanRule]
    /// How many rules the resulting plan breaks in all (0 ⇔ feasible).
    public var remainingBroken: Int

    /// Ranking group: 0 feasible; 1 infeasible but breaking no new rule (the original plan's rules
    /// still broken); 2 breaking a new rule.
    public var rankGroup: Int { feasible ? 0 : brokenRules.isEmpty ? 1 : 2 }
}

/// Scores single changes of a plan incrementally: it keeps every community's strength and supply
/// per category, and for a change recomputes only the touched communities' coverage (in the
/// categories the moved units hold) and balance, the flipped pairs' coefficients and the touched
/// rules. Building it is one O(|O|·|C|) pass over the plan; each change then costs
/// O(touched categories).
///
/// Objective deltas use `problem.coefficients`; term deltas use the same scales. Tests hold both
/// equal to `Evaluator(applied) − Evaluator(plan)` within 1e-9.
public struct SuggestionEngine: Sendable {
    public let problem: Problem
    public let plan: Plan
    let co: ObjectiveCoefficients
    let checker: PlanRuleChecker
    var strength: [Double]
    var supply: [Double]
    var size: [Int]
    var load: [Int]
    var membersOf: [[Int]]
    var communitiesOf: [[Int]]
    /// Per unit, the categories it holds with the share q/k it brings to each community.
    let holdings: [[(r: Int, share: Double)]]
    /// How many rules the plan breaks.
    public let brokenCount: Int

    public init(plan: Plan, problem: Problem) {
        precondition(plan.unitCount == problem.unitCount && plan.communityCount == problem.communityCount,
                     "plan shape does not match the problem")
        self.problem = problem
        self.plan = plan
        let co = problem.coefficients
        self.co = co
        self.checker = PlanRuleChecker(problem)
        let nU = problem.unitCount, nC = problem.communityCount, nR = problem.categoryCount
        var holdings = [[(r: Int, share: Double)]](repeating: [], count: nU)
        for u in 0..<nU {
            for r in 0..<nR where problem.resource[u * nR + r] > 0 {
                holdings[u].append((r, problem.resource[u * nR + r] * co.share[u]))
            }
        }
        self.holdings = holdings
        var strength = problem.communities.map(\.strength)
        var supply = [Double](repeating: 0, count: nC * nR)
        let (membersOf, communitiesOf) = plan.membership()
        for u in 0..<nU {
            for c in communitiesOf[u] {
                strength[c] += co.strengthShare[u]
                for h in holdings[u] { supply[c * nR + h.r] += h.share }
            }
        }
        self.strength = strength
        self.supply = supply
        self.membersOf = membersOf
        self.communitiesOf = communitiesOf
        self.size = membersOf.map(\.count)
        self.load = communitiesOf.map(\.count)
        self.brokenCount = checker.brokenRules(plan).count
    }

    // MARK: Enumeration

    /// Every single change involving unit `u`, ranked (see `rank`): move it from one of its
    /// communities to another, add it to one more, take it out of one, swap it with a unit of
    /// another alliance, make it lead where it serves, hand its lead to another member.
    public func suggestions(forUnit u: Int) -> [Suggestion] {
        let nC = problem.communityCount
        var edits: [PlanEdit] = []
        let mine = communitiesOf[u]
        var serves = [Bool](repeating: false, count: nC)
        for c in mine { serves[c] = true }
        for a in mine {
            for b in 0..<nC where !serves[b] { edits.append(PlanEdit(kind: .move, unit: u, from: a, to: b)) }
        }
        for b in 0..<nC where !serves[b] { edits.append(PlanEdit(kind: .add, unit: u, to: b)) }
        for a in mine { edits.append(PlanEdit(kind: .remove, unit: u, from: a)) }
        for a in mine {
            for b in 0..<nC where !serves[b] {
                for v in membersOf[b] where v != u && !plan[unit: v, community: a] {
                    edits.append(PlanEdit(kind: .swap, unit: u, from: a, to: b, other: v))
                }
            }
        }
        if problem.options.leadRule {
            for c in mine where plan.lead[c] != u {
                edits.append(PlanEdit(kind: .setLead, unit: u, to: c, other: plan.lead[c]))
            }
            for c in mine where plan.lead[c] == u {
                for v in membersOf[c] where v != u { edits.append(PlanEdit(kind: .handLead, unit: u, from: c, other: v)) }
            }
        }
        return rank(edits.map(score))
    }

    /// The best units to bring into community `c`, ranked: add a unit, move a unit there from one
    /// of its communities, or swap a unit of another alliance with a member of `c`.
    public func suggestions(forCommunity c: Int) -> [Suggestion] {
        var edits: [PlanEdit] = []
        for v in 0..<problem.unitCount where !plan[unit: v, community: c] {
            edits.append(PlanEdit(kind: .add, unit: v, to: c))
            for b in communitiesOf[v] {
                edits.append(PlanEdit(kind: .move, unit: v, from: b, to: c))
                for w in membersOf[c] where !plan[unit: w, community: b] {
                    edits.append(PlanEdit(kind: .swap, unit: v, from: b, to: c, other: w))
                }
            }
        }
        return rank(edits.map(score))
    }

    /// Feasible changes first by delta, best first; then infeasible ones that break no new rule
    /// (most rules repaired first, then by delta); then those that break a new rule, by delta.
    /// Ties keep the enumeration order.
    public func rank(_ suggestions: [Suggestion]) -> [Suggestion] {
        suggestions.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.rankGroup != b.rankGroup { return a.rankGroup < b.rankGroup }
            if a.rankGroup == 1 && a.repairedRules.count != b.repairedRules.count {
                return a.repairedRules.count > b.repairedRules.count
            }
            if a.delta != b.delta { return a.delta > b.delta }
            return x.offset < y.offset
        }.map(\.element)
    }

    // MARK: Scoring

    /// Scores `edit` after checking it can be applied (the same checks as `PlanEdit.apply`).
    public func suggestion(for edit: PlanEdit) throws(PlanEditError) -> Suggestion {
        _ = try edit.apply(to: plan)
        return score(edit)
    }

    /// Scores an edit known to apply. O(categories of the moved units) for the objective.
    func score(_ edit: PlanEdit) -> Suggestion {
        let u = edit.unit
        var obj = 0.0
        var terms = Terms()
        // Pair flips and per-community membership changes (at most one unit out and one in each).
        var flips: [(u: Int, c: Int, on: Bool)] = []
        var changes: [(c: Int, out: Int?, in: Int?)] = []
        var newLead: [(c: Int, lead: Int?)] = []
        switch edit.kind {
        case .move:
            let a = edit.from!, b = edit.to!
            flips = [(u, a, false), (u, b, true)]
            changes = [(a, u, nil), (b, nil, u)]
            if plan.lead[a] == u { newLead.append((a, nil)) }
        case .add:
            flips = [(u, edit.to!, true)]
            changes = [(edit.to!, nil, u)]
        case .remove:
            let a = edit.from!
            flips = [(u, a, false)]
            changes = [(a, u, nil)]
            if plan.lead[a] == u { newLead.append((a, nil)) }
        case .swap:
            let a = edit.from!, b = edit.to!, v = edit.other!
            flips = [(u, a, false), (v, a, true), (v, b, false), (u, b, true)]
            changes = [(a, u, v), (b, v, u)]
            if plan.lead[a] == u { newLead.append((a, v)) }
            if plan.lead[b] == v { newLead.append((b, u)) }
        case .setLead:
            newLead.append((edit.to!, u))
        case .handLead:
            newLead.append((edit.from!, edit.other!))
        }
        let nC = problem.communityCount
        let keepUnit = problem.previousPairCount > 0 ? 1.0 / Double(problem.previousPairCount) : 0
        for f in flips {
            let p = f.u * nC + f.c
            let sign = f.on ? 1.0 : -1.0
            obj += sign * co.pair[p]
            if co.distanceScale > 0 { terms.distance += sign * problem.distance[p] / co.distanceScale }
            terms.preference += sign * problem.preference[p]
            if problem.previous[p] { terms.keep += sign * keepUnit }
        }
        for change in changes { communityDelta(change.c, out: change.out, in: change.in, objective: &obj, terms: &terms) }
        let (broken, repaired) = ruleDelta(edit, flips: flips, newLead: newLead)
        let remaining = brokenCount - repaired.count + broken.count
        return Suggestion(edit: edit, delta: obj, termsDelta: terms, feasible: remaining == 0,
                          brokenRules: broken, repairedRules: repaired, remainingBroken: remaining)
    }

    /// Coverage and balance change of community `c` when `out` leaves and `in` joins.
    private func communityDelta(_ c: Int, out: Int?, in joining: Int?, objective: inout Double, terms: inout Terms) {
        let nR = problem.categoryCount
        var s = strength[c]
        if let out { s -= co.strengthShare[out] }
        if let joining { s += co.strengthShare[joining] }
        let de = co.excess(s) - co.excess(strength[c])
        objective -= co.excessWeight * de
        if co.balanceScale > 0 { terms.balance += de / co.balanceScale }
        // Touched categories: those the leaving or joining unit holds.
        var touched: [(r: Int, d: Double)] = []
        if let out { for h in holdings[out] { touched.append((h.r, -h.share)) } }
        if let joining {
            for h in holdings[joining] {
                if let k = touched.firstIndex(where: { $0.r == h.r }) { touched[k].d += h.share } else { touched.append((h.r, h.share)) }
            }
        }
        let needScale = problem.totalWeightedNeed
        for t in touched {
            let i = c * nR + t.r
            let d = problem.need[i]
            guard d > 0 else { continue }
            let old = min(d, supply[i]), new = min(d, max(0, supply[i] + t.d))
            let dc = new - old
            objective += co.coverage[i] * dc
            if needScale > 0 { terms.coverage += problem.priority[i] * dc / needScale }
        }
    }

    /// The rules an edit newly breaks and the ones it repairs, re-checking only the touched keys:
    /// loads of units whose load changes, sizes and lead rules of touched communities, flipped pairs.
    private func ruleDelta(_ edit: PlanEdit, flips: [(u: Int, c: Int, on: Bool)],
                           newLead: [(c: Int, lead: Int?)]) -> (broken: [PlanRule], repaired: [PlanRule]) {
        var before: [PlanRule] = [], after: [PlanRule] = []
        var loadChange: [(u: Int, by: Int)] = [], sizeChange: [(c: Int, by: Int)] = []
        switch edit.kind {
        case .add: loadChange = [(edit.unit, 1)]; sizeChange = [(edit.to!, 1)]
        case .remove: loadChange = [(edit.unit, -1)]; sizeChange = [(edit.from!, -1)]
        case .move: sizeChange = [(edit.from!, -1), (edit.to!, 1)]
        case .swap, .setLead, .handLead: break
        }
        for l in loadChange {
            if !checker.unitLoadHolds(l.u, load: load[l.u]) { before.append(.unitLoad(unit: l.u)) }
            if !checker.unitLoadHolds(l.u, load: load[l.u] + l.by) { after.append(.unitLoad(unit: l.u)) }
        }
        for s in sizeChange {
            if !checker.sizeHolds(s.c, size: size[s.c]) { before.append(.communitySize(community: s.c)) }
            if !checker.sizeHolds(s.c, size: size[s.c] + s.by) { after.append(.communitySize(community: s.c)) }
        }
        for f in flips {
            before += checker.pairRules(f.u, f.c, assigned: !f.on)
            after += checker.pairRules(f.u, f.c, assigned: f.on)
        }
        if problem.options.leadRule {
            for c in edit.communities {
                before += checker.leadRules(c, plan: plan)
                let lead = newLead.first(where: { $0.c == c }).map(\.lead) ?? plan.lead[c]
                guard let lead else { after.append(.leadMissing(community: c)); continue }
                var member = plan[unit: lead, community: c]
                for f in flips where f.u == lead && f.c == c { member = f.on }
                if !member { after.append(.leadNotMember(community: c)) }
                if !problem.units[lead].canLead { after.append(.leadNotAllowed(community: c)) }
            }
        }
        // A handful of keys each: linear scans beat hashing here (this runs once per candidate).
        return (after.filter { !before.contains($0) }, before.filter { !after.contains($0) })
    }
}
