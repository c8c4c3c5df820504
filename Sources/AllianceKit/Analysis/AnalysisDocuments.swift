/// The JSON shapes of `alliance explain --json` and `alliance suggest --json`, named by ids, so
/// scripts and the web app read one shape. Documented in docs/EXPLAIN.md; keys are snake_case.

/// A broken rule: its name, a sentence, and the unit and community involved (either may be null).
public struct RuleDocument: Encodable, Sendable {
    public var rule: String
    public var message: String
    public var orgID: String?
    public var communityID: String?

    enum CodingKeys: String, CodingKey {
        case rule, message
        case orgID = "org_id"
        case communityID = "community_id"
    }

    public init(_ rule: PlanRule, message: String, problem: Problem) {
        self.rule = rule.name
        self.message = message
        orgID = rule.unit.map { problem.units[$0].id }
        communityID = rule.community.map { problem.communities[$0].id }
    }
}

/// `explain --json`.
public struct ExplainDocument: Encodable, Sendable {
    public struct Provider: Encodable, Sendable {
        public var orgID: String
        public var share: Double
        public var covered: Double
        enum CodingKeys: String, CodingKey { case share, covered, orgID = "org_id" }
    }

    public struct NeedDocument: Encodable, Sendable {
        public var category: String
        public var amount: Double
        public var priority: Double
        public var covered: Double
        public var uncovered: Double
        public var reason: PlanExplanation.UncoveredReason?
        public var coverageTerm: Double
        public var providers: [Provider]
        enum CodingKeys: String, CodingKey {
            case category, amount, priority, covered, uncovered, reason, providers
            case coverageTerm = "coverage_term"
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(category, forKey: .category)
            try c.encode(amount, forKey: .amount)
            try c.encode(priority, forKey: .priority)
            try c.encode(covered, forKey: .covered)
            try c.encode(uncovered, forKey: .uncovered)
            try c.encode(reason, forKey: .reason)  // null when fully covered
            try c.encode(coverageTerm, forKey: .coverageTerm)
            try c.encode(providers, forKey: .providers)
        }
    }

    public struct MemberDocument: Encodable, Sendable {
        public var orgID: String
        public var role: String
        public var distanceKm: Double
        public var preference: Double
        public var kept: Bool
        public var strengthShare: Double
        public var objective: Double
        public var terms: Terms
        enum CodingKeys: String, CodingKey {
            case role, preference, kept, objective, terms
            case orgID = "org_id"
            case distanceKm = "distance_km"
            case strengthShare = "strength_share"
        }
    }

    public struct CommunityDocument: Encodable, Sendable {
        public var communityID: String
        public var name: String
        public var strength: Double
        public var bandLow: Double
        public var bandHigh: Double
        public var side: String
        public var excess: Double
        public var cost: Double
        public var objective: Double
        public var terms: Terms
        public var unattributed: Terms
        public var needs: [NeedDocument]
        public var members: [MemberDocument]
        enum CodingKeys: String, CodingKey {
            case name, strength, side, excess, cost, objective, terms, unattributed, needs, members
            case communityID = "community_id"
            case bandLow = "band_low"
            case bandHigh = "band_high"
        }
    }

    public struct UnitDocument: Encodable, Sendable {
        public var orgID: String
        public var name: String
        public var organizations: [String]
        public var communities: [String]
        public var leads: [String]
        public var load: Int
        public var minCommunities: Int
        public var maxCommunities: Int
        public var objective: Double
        public var terms: Terms
        enum CodingKeys: String, CodingKey {
            case name, organizations, communities, leads, load, objective, terms
            case orgID = "org_id"
            case minCommunities = "min_communities"
            case maxCommunities = "max_communities"
        }
    }

    public var objective: Double
    public var terms: Terms
    public var weights: Weights
    public var feasible: Bool
    public var brokenRules: [RuleDocument]
    /// Problems reading the plan's rows (unknown ids, a split group, two leads), as `evaluate` reports them.
    public var planRows: [String]
    public var communities: [CommunityDocument]
    public var units: [UnitDocument]

    enum CodingKeys: String, CodingKey {
        case objective, terms, weights, feasible, communities, units
        case brokenRules = "broken_rules"
        case planRows = "plan_rows"
    }

    public init(_ e: PlanExplanation, problem: Problem, planRows: [String] = []) {
        let units = problem.units, communities = problem.communities, orgs = problem.instance.organizations
        objective = e.objective
        terms = e.terms
        weights = e.weights
        feasible = e.brokenRules.isEmpty && planRows.isEmpty
        brokenRules = e.brokenRules.map { RuleDocument($0.rule, message: $0.message, problem: problem) }
        self.planRows = planRows
        self.communities = e.communities.map { c in
            CommunityDocument(
                communityID: communities[c.community].id, name: communities[c.community].name,
                strength: c.strength, bandLow: c.bandLow, bandHigh: c.bandHigh, side: c.side, excess: c.excess,
                cost: c.cost, objective: c.objective, terms: c.contribution, unattributed: c.unattributed,
                needs: c.needs.map { n in
                    NeedDocument(category: problem.categories[n.category], amount: n.amount, priority: n.priority,
                                 covered: n.covered, uncovered: n.uncovered, reason: n.reason,
                                 coverageTerm: n.coverageTerm,
                                 providers: n.providers.map { Provider(orgID: units[$0.unit].id, share: $0.share, covered: $0.covered) })
                },
                members: c.members.map { m in
                    MemberDocument(orgID: units[m.unit].id, role: m.isLead ? "lead" : "member", distanceKm: m.distanceKm,
                                   preference: m.preference, kept: m.kept, strengthShare: m.strengthShare,
                                   objective: m.objective, terms: m.contribution)
                })
        }
        self.units = e.units.map { u in
            UnitDocument(orgID: units[u.unit].id, name: units[u.unit].name,
                         organizations: units[u.unit].members.map { orgs[$0].id },
                         communities: u.communities.map { communities[$0].id },
                         leads: u.leads.map { communities[$0].id }, load: u.load,
                         minCommunities: u.minLoad, maxCommunities: u.maxLoad,
                         objective: u.objective, terms: u.contribution)
        }
    }
}

/// `suggest --json`: the unit (or community) asked about, the plan's objective, and the ranked changes.
public struct SuggestDocument: Encodable, Sendable {
    public struct Entry: Encodable, Sendable {
        public var kind: String
        public var orgID: String
        public var from: String?
        public var to: String?
        public var otherOrgID: String?
        public var delta: Double
        public var termsDelta: Terms
        public var feasible: Bool
        public var brokenRules: [RuleDocument]
        public var repairedRules: [RuleDocument]
        public var remainingBroken: Int

        enum CodingKeys: String, CodingKey {
            case kind, from, to, delta, feasible
            case orgID = "org_id"
            case otherOrgID = "other_org_id"
            case termsDelta = "terms_delta"
            case brokenRules = "broken_rules"
            case repairedRules = "repaired_rules"
            case remainingBroken = "remaining_broken"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(orgID, forKey: .orgID)
            try c.encode(from, forKey: .from)  // explicit nulls: every entry has every key
            try c.encode(to, forKey: .to)
            try c.encode(otherOrgID, forKey: .otherOrgID)
            try c.encode(delta, forKey: .delta)
            try c.encode(termsDelta, forKey: .termsDelta)
            try c.encode(feasible, forKey: .feasible)
            try c.encode(brokenRules, forKey: .brokenRules)
            try c.encode(repairedRules, forKey: .repairedRules)
            try c.encode(remainingBroken, forKey: .remainingBroken)
        }

        public init(_ s: Suggestion, engine: SuggestionEngine) {
            let problem = engine.problem
            kind = s.edit.kind.rawValue
            orgID = problem.units[s.edit.unit].id
            from = s.edit.from.map { problem.communities[$0].id }
            to = s.edit.to.map { problem.communities[$0].id }
            otherOrgID = s.edit.other.map { problem.units[$0].id }
            delta = s.delta
            termsDelta = s.termsDelta
            feasible = s.feasible
            brokenRules = s.brokenRules.map { RuleDocument($0, message: engine.describe($0, after: s.edit), problem: problem) }
            repairedRules = s.repairedRules.map { RuleDocument($0, message: engine.describe($0, after: nil), problem: problem) }
            remainingBroken = s.remainingBroken
        }
    }

    public var orgID: String?
    public var communityID: String?
    public var objective: Double
    public var suggestions: [Entry]

    enum CodingKeys: String, CodingKey {
        case objective, suggestions
        case orgID = "org_id"
        case communityID = "community_id"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(orgID, forKey: .orgID)
        try c.encode(communityID, forKey: .communityID)
        try c.encode(objective, forKey: .objective)
        try c.encode(suggestions, forKey: .suggestions)
    }

    public init(orgID: String?, communityID: String?, objective: Double, suggestions: [Suggestion], engine: SuggestionEngine) {
        self.orgID = orgID
        self.communityID = communityID
        self.objective = objective
        self.suggestions = suggestions.map { Entry($0, engine: engine) }
    }
}
