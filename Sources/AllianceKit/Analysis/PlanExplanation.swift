/// The score analysis of one plan (`alliance explain`): every objective term broken down by
/// community, by need, by member and by unit, plus every rule the plan breaks.
///
/// Coefficients (band, shares, scales, weights) come from `problem.coefficients`, never from
/// `Evaluator`, which stays the independent judge; tests hold the breakdown's sums equal to
/// `Evaluator.evaluate` within 1e-9.
///
/// Attribution of the per-community, non-linear terms to units (see docs/EXPLAIN.md):
/// - Coverage: in each need (c, r) a member's part of cov_{c,r} = min(d, supply) is pro rata to
///   the share q_{o,r}/k_o it brings, so the members' parts add up to cov_{c,r} exactly.
/// - Balance: above the band, e_c is split among the members in proportion to the strength they
///   bring (s_o/k_o); below the band (a shortfall no member caused), or above it with no member
///   strength, e_c stays with the community as `unattributed`. Units' parts plus the communities'
///   unattributed parts add up to BAL exactly.
/// - Distance, preference and keep are sums over pairs; each pair belongs to its unit.
public struct PlanExplanation: Sendable {
    /// Why part of a need stays uncovered.
    public enum UncoveredReason: String, Sendable, Hashable, Codable {
        /// No unit of the alliance holds the category.
        case noHolder = "no_holder"
        /// Some units hold it, but their shares (q/k) add up to less than the need.
        case sharesTooSmall = "shares_too_small"
    }

    /// One need (c, r) of a community.
    public struct NeedBreakdown: Sendable {
        public var category: Int
        /// d_{c,r} and π_{c,r}.
        public var amount: Double
        public var priority: Double
        /// cov_{c,r} = min(d, Σ shares) and d − cov.
        public var covered: Double
        public var uncovered: Double
        /// Members holding the category, with the share q/k each brings and its part of `covered`.
        public var providers: [(unit: Int, share: Double, covered: Double)]
        public var reason: UncoveredReason?
        /// π·cov/N_need: this need's part of COV.
        public var coverageTerm: Double
    }

    /// One member of one community's alliance.
    public struct MemberBreakdown: Sendable {
        public var unit: Int
        public var isLead: Bool
        public var distanceKm: Double
        /// The summed `prefer` score of the pair, and whether the pair was in the previous plan.
        public var preference: Double
        public var kept: Bool
        /// s_o/k_o: the strength it brings.
        public var strengthShare: Double
        /// Its parts of the five terms in this community, and their weighted sum.
        public var contribution: Terms
        public var objective: Double
    }

    /// One community's alliance.
    public struct CommunityBreakdown: Sendable {
        public var community: Int
        /// S_c, the band [(1−τ)S̄, (1+τ)S̄], and e_c (signed side: > 0 above, < 0 below, 0 inside).
        public var strength: Double
        public var bandLow: Double
        public var bandHigh: Double
        public var excess: Double
        public var needs: [NeedBreakdown]
        public var members: [MemberBreakdown]
        /// This community's part of each term, its weighted sum, and the part no unit carries (balance only).
        public var contribution: Terms
        public var objective: Double
        public var unattributed: Terms
        /// What this community takes off a perfect score: w_cov·(π-weighted uncovered)/N_need +
        /// w_bal·(its BAL part) + w_dist·(its DIST part). Text output sorts by it.
        public var cost: Double
        /// Where S_c lies: "above", "below" or "inside" the band.
        public var side: String { strength > bandHigh ? "above" : strength < bandLow ? "below" : "inside" }
    }

    /// One unit across its communities.
    public struct UnitBreakdown: Sendable {
        public var unit: Int
        public var communities: [Int]
        /// Communities it leads.
        public var leads: [Int]
        /// Its load Σ_c x against m_o and k_o.
        public var load: Int
        public var minLoad: Int
        public var maxLoad: Int
        public var contribution: Terms
        public var objective: Double
    }

    /// A broken rule with the units and communities involved.
    public struct BrokenRule: Sendable {
        public var rule: PlanRule
        public var message: String
    }

    public var objective: Double
    public var terms: Terms
    public var weights: Weights
    public var communities: [CommunityBreakdown]
    public var units: [UnitBreakdown]
    public var brokenRules: [BrokenRule]

    /// Analyses `plan` (unit level) under `problem`. O(|O|·|C| + assignments·|R|).
    public init(plan: Plan, problem: Problem) {
        precondition(plan.unitCount == problem.unitCount && plan.communityCount == problem.communityCount,
                     "plan shape does not match the problem")
        let co = problem.coefficients, w = problem.options.weights
        let nU = problem.unitCount, nC = problem.communityCount, nR = problem.categoryCount
        let (membersOf, communitiesOf) = plan.membership()
        let needScale = problem.totalWeightedNeed
        let keepUnit = problem.previousPairCount > 0 ? 1.0 / Double(problem.previousPairCount) : 0
        var unitTerms = [Terms](repeating: Terms(), count: nU)
        var breakdowns: [CommunityBreakdown] = []
        breakdowns.reserveCapacity(nC)
        var total = Terms()
        for c in 0..<nC {
            let members = membersOf[c]
            var memberTerms = [Terms](repeating: Terms(), count: members.count)
            // Pair terms.
            var memberRows: [MemberBreakdown] = []
            for (i, u) in members.enumerated() {
                let p = u * nC + c
                if co.distanceScale > 0 { memberTerms[i].distance = problem.distance[p] / co.distanceScale }
                memberTerms[i].preference = problem.preference[p]
                if problem.previous[p] { memberTerms[i].keep = keepUnit }
                memberRows.append(MemberBreakdown(
                    unit: u, isLead: plan.lead[c] == u, distanceKm: problem.distance[p],
                    preference: problem.preference[p], kept: problem.previous[p],
                    strengthShare: co.strengthShare[u], contribution: Terms(), objective: 0))
            }
            // Coverage, need by need, pro rata to the shares.
            var needs: [NeedBreakdown] = []
            var uncoveredWeighted = 0.0
            for need in problem.needCoverage(community: c, members: members) {
                let i = c * nR + need.category
                let perNeed = needScale > 0 ? problem.priority[i] / needScale : 0
                for provider in need.providers {
                    let m = members.firstIndex(of: provider.unit)!
                    memberTerms[m].coverage += perNeed * provider.covered
                }
                uncoveredWeighted += problem.priority[i] * need.uncovered
                needs.append(NeedBreakdown(
                    category: need.category, amount: need.amount, priority: problem.priority[i], covered: need.covered,
                    uncovered: need.uncovered, providers: need.providers.map { ($0.unit, $0.share, $0.covered) },
                    reason: need.uncovered > 0 ? (need.providers.isEmpty ? .noHolder : .sharesTooSmall) : nil,
                    coverageTerm: perNeed * need.covered))
            }
            // Balance.
            var strength = problem.communities[c].strength
            var memberStrength = 0.0
            for u in members { strength += co.strengthShare[u]; memberStrength += co.strengthShare[u] }
            let excess = co.excess(strength)
            let balanceTerm = co.balanceScale > 0 ? excess / co.balanceScale : 0
            var unattributed = Terms()
            if balanceTerm > 0 {
                if strength > co.bandHigh && memberStrength > 0 {
                    for (i, u) in members.enumerated() {
                        memberTerms[i].balance = balanceTerm * co.strengthShare[u] / memberStrength
                    }
                } else {
                    unattributed.balance = balanceTerm
                }
            }
            var contribution = unattributed
            for (i, u) in members.enumerated() {
                memberRows[i].contribution = memberTerms[i]
                memberRows[i].objective = memberTerms[i].objective(w)
                contribution = contribution.adding(memberTerms[i])
                unitTerms[u] = unitTerms[u].adding(memberTerms[i])
            }
            total = total.adding(contribution)
            let lost = needScale > 0 ? uncoveredWeighted / needScale : 0
            breakdowns.append(CommunityBreakdown(
                community: c, strength: strength, bandLow: co.bandLow, bandHigh: co.bandHigh, excess: excess,
                needs: needs, members: memberRows, contribution: contribution,
                objective: contribution.objective(w), unattributed: unattributed,
                cost: w.coverage * lost + w.balance * contribution.balance + w.distance * contribution.distance))
        }
        self.communities = breakdowns
        self.units = (0..<nU).map { u in
            UnitBreakdown(unit: u, communities: communitiesOf[u],
                          leads: communitiesOf[u].filter { plan.lead[$0] == u },
                          load: communitiesOf[u].count, minLoad: problem.units[u].minCommunities,
                          maxLoad: problem.units[u].maxCommunities,
                          contribution: unitTerms[u], objective: unitTerms[u].objective(w))
        }
        self.terms = total
        self.objective = total.objective(w)
        self.weights = w
        self.brokenRules = PlanRuleChecker(problem).brokenRules(plan).map {
            BrokenRule(rule: $0, message: $0.message(plan: plan, in: problem))
        }
    }
}

extension Terms {
    /// Term by term sum (the terms are linear in their parts, so breakdowns add up).
    public func adding(_ other: Terms) -> Terms {
        Terms(coverage: coverage + other.coverage, balance: balance + other.balance,
              distance: distance + other.distance, preference: preference + other.preference, keep: keep + other.keep)
    }

    /// Term by term difference.
    public func subtracting(_ other: Terms) -> Terms {
        Terms(coverage: coverage - other.coverage, balance: balance - other.balance,
              distance: distance - other.distance, preference: preference - other.preference, keep: keep - other.keep)
    }
}
