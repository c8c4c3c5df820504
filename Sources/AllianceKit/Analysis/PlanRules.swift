/// The rules of MODEL.md that a unit-level plan can break, one key per rule instance, so that
/// `explain` can name each broken rule with the units and communities involved and `suggest` can
/// tell which rules a single change newly breaks or repairs by re-checking only the keys it touches.
///
/// The checks mirror `Evaluator.evaluate` one for one (the same rules, counted the same way); a
/// test holds the count of broken keys equal to the evaluator's violation count on random plans.
/// The evaluator stays the judge: this file never computes an objective.
public enum PlanRule: Sendable, Hashable, Comparable {
    /// m_o ≤ Σ_c x_{o,c} ≤ k_o for unit `u`.
    case unitLoad(unit: Int)
    /// L_c ≤ Σ_o x_{o,c} ≤ U_c for community `c`.
    case communitySize(community: Int)
    /// Lead rule: community `c` has no lead.
    case leadMissing(community: Int)
    /// Lead rule: the lead of `c` is not one of its units.
    case leadNotMember(community: Int)
    /// Lead rule: the lead of `c` may not lead (column can_lead).
    case leadNotAllowed(community: Int)
    /// x_{o,c} = 1 on a pair outside A (forbidden, or beyond --max-distance-km / --candidates).
    case forbiddenPair(unit: Int, community: Int)
    /// A `fix` pair that the plan leaves out.
    case fixedPairMissing(unit: Int, community: Int)

    /// The rule's name as `explain --json` and `suggest --json` print it.
    public var name: String {
        switch self {
        case .unitLoad: return "unit_load"
        case .communitySize: return "community_size"
        case .leadMissing: return "lead_missing"
        case .leadNotMember: return "lead_not_member"
        case .leadNotAllowed: return "lead_not_allowed"
        case .forbiddenPair: return "forbidden_pair"
        case .fixedPairMissing: return "fixed_pair_missing"
        }
    }

    /// The unit the rule is about, if any.
    public var unit: Int? {
        switch self {
        case .unitLoad(let u), .forbiddenPair(let u, _), .fixedPairMissing(let u, _): return u
        default: return nil
        }
    }

    /// The community the rule is about, if any.
    public var community: Int? {
        switch self {
        case .unitLoad: return nil
        case .communitySize(let c), .leadMissing(let c), .leadNotMember(let c), .leadNotAllowed(let c),
             .forbiddenPair(_, let c), .fixedPairMissing(_, let c): return c
        }
    }

    /// A sentence for people, in the evaluator's words (the same `Message`s), with the plan's numbers.
    public func message(plan: Plan, in problem: Problem) -> String {
        let units = problem.units, communities = problem.communities
        let message: Message
        switch self {
        case .unitLoad(let u):
            message = .unitServesOutOfBounds(unit: units[u].id, served: plan.communities(of: u).count,
                                             min: units[u].minCommunities, max: units[u].maxCommunities)
        case .communitySize(let c):
            message = .communitySizeOutOfBounds(community: communities[c].id, size: plan.units(of: c).count,
                                                min: problem.minSize[c], max: problem.maxSize[c])
        case .leadMissing(let c):
            message = .noLeadUnit(community: communities[c].id)
        case .leadNotMember(let c):
            message = .leadNotMember(community: communities[c].id, lead: plan.lead[c].map { units[$0].id } ?? "?")
        case .leadNotAllowed(let c):
            message = .leadMayNotLead(community: communities[c].id, unit: plan.lead[c].map { units[$0].id } ?? "?")
        case .forbiddenPair(let u, let c):
            message = .pairNotAllowed(unit: units[u].id, community: communities[c].id)
        case .fixedPairMissing(let u, let c):
            message = .fixedPairMissing(unit: units[u].id, community: communities[c].id)
        }
        return message.text
    }
}

/// Checks the rules of a plan, all at once or one key at a time.
public struct PlanRuleChecker: Sendable {
    public let problem: Problem

    public init(_ problem: Problem) { self.problem = problem }

    /// Every rule `plan` breaks, sorted (units' loads, then community rules, then pairs).
    /// One O(|O|·|C|) pass; the count equals `Evaluator.evaluate(plan).violations.count`.
    public func brokenRules(_ plan: Plan) -> [PlanRule] {
        let nU = problem.unitCount, nC = problem.communityCount
        var load = [Int](repeating: 0, count: nU), size = [Int](repeating: 0, count: nC)
        var pairs: [PlanRule] = []
        for u in 0..<nU {
            let base = u * nC
            for c in 0..<nC {
                let p = base + c
                let x = plan.assigned[p]
                if x { load[u] += 1; size[c] += 1 }
                if x && !problem.allowed[p] { pairs.append(.forbiddenPair(unit: u, community: c)) }
                if problem.fixed[p] && !x { pairs.append(.fixedPairMissing(unit: u, community: c)) }
            }
        }
        var rules: [PlanRule] = []
        for u in 0..<nU where !unitLoadHolds(u, load: load[u]) { rules.append(.unitLoad(unit: u)) }
        for c in 0..<nC {
            if !sizeHolds(c, size: size[c]) { rules.append(.communitySize(community: c)) }
            rules += leadRules(c, plan: plan)
        }
        return rules + pairs
    }

    @inline(__always) func unitLoadHolds(_ u: Int, load: Int) -> Bool {
        load >= problem.units[u].minCommunities && load <= problem.units[u].maxCommunities
    }

    @inline(__always) func sizeHolds(_ c: Int, size: Int) -> Bool {
        size >= problem.minSize[c] && size <= problem.maxSize[c]
    }

    /// The lead rules community `c` breaks (none when the lead rule is off).
    func leadRules(_ c: Int, plan: Plan) -> [PlanRule] {
        guard problem.options.leadRule else { return [] }
        guard let lead = plan.lead[c] else { return [.leadMissing(community: c)] }
        var rules: [PlanRule] = []
        if !plan[unit: lead, community: c] { rules.append(.leadNotMember(community: c)) }
        if !problem.units[lead].canLead { rules.append(.leadNotAllowed(community: c)) }
        return rules
    }

    /// The pair rules (u, c) breaks.
    func pairRules(_ u: Int, _ c: Int, assigned x: Bool) -> [PlanRule] {
        let p = u * problem.communityCount + c
        if x && !problem.allowed[p] { return [.forbiddenPair(unit: u, community: c)] }
        if !x && problem.fixed[p] { return [.fixedPairMissing(unit: u, community: c)] }
        return []
    }
}
