import AllianceModel

/// One block of `StreetDecomposition` as a problem of its own: the block's communities and the
/// units that have places there (`UnitAllocation`), each unit cut to its share.
///
/// A unit with `share` of its k_o places serves at most `share` communities of the block and
/// brings `share / k_o` of its strength and resources, so each community it serves still gets
/// s_o / k_o and q_o / k_o as in the whole problem. Pair rules (pins as the fix and forbid pairs
/// they became), distances, sizes L_c and U_c and previous-plan pairs are carried over; the mean
/// strength is the whole problem's S̄, and the
/// weights are rescaled so that the block's objective is exactly its communities' part of the
/// whole objective (COV by the block's share of N_need, BAL by |block| / |C|, DIST by
/// T_max·D_max of the block over the whole, KEEP by its share of previous pairs).
struct BlockProblem {
    /// Community indices of the whole problem, in sub-problem order.
    let communities: [Int]
    /// Unit indices of the whole problem, in sub-problem order.
    let units: [Int]
    let problem: Problem

    /// Nil when no unit has a place in the block (the coordinating step must fill it).
    init?(_ whole: Problem, block: [Int], blockIndex b: Int, allocation: UnitAllocation) throws {
        let units = (0..<whole.unitCount).filter { allocation.share[$0][b] > 0 }
        guard !units.isEmpty, !block.isEmpty else { return nil }
        self.communities = block
        self.units = units
        let nR = whole.categoryCount
        let unitID = { (u: Int) in "u\(u)" }

        let communityList = block.map { c -> Community in
            let original = whole.communities[c]
            return Community(id: original.id, name: original.name, street: original.street, strength: original.strength,
                             minOrgs: whole.minSize[c], maxOrgs: whole.maxSize[c], location: original.location)
        }
        var organizations: [Organization] = [], resources: [Resource] = []
        var totalMax = 0
        for u in units {
            let unit = whole.units[u], share = allocation.share[u][b]
            let part = Double(share) / Double(unit.maxCommunities)
            totalMax += share
            organizations.append(Organization(id: unitID(u), name: unit.name, strength: unit.strength * part,
                                              canLead: unit.canLead, minCommunities: allocation.minimum[u][b],
                                              maxCommunities: share, location: unit.location))
            for r in 0..<nR where whole.resource[u * nR + r] > 0 {
                resources.append(Resource(orgID: unitID(u), category: whole.categories[r],
                                          amount: whole.resource[u * nR + r] * part))
            }
        }
        var needs: [Need] = []
        var weightedNeed = 0.0
        for c in block {
            for r in 0..<nR where whole.need[c * nR + r] > 0 {
                let i = c * nR + r
                needs.append(Need(communityID: whole.communities[c].id, category: whole.categories[r],
                                  amount: whole.need[i], priority: whole.priority[i]))
                weightedNeed += whole.need[i] * whole.priority[i]
            }
        }
        var pairs: [PairRule] = [], previous: [Assignment] = []
        var maxDistance = 0.0
        for u in units {
            for c in block {
                let p = whole.pair(u, c), id = whole.communities[c].id
                maxDistance = max(maxDistance, whole.distance[p])
                if !whole.allowed[p] { pairs.append(PairRule(orgID: unitID(u), communityID: id, rule: .forbid)) }
                if whole.fixed[p] { pairs.append(PairRule(orgID: unitID(u), communityID: id, rule: .fix)) }
                if whole.preference[p] != 0 {
                    pairs.append(PairRule(orgID: unitID(u), communityID: id, rule: .prefer(score: whole.preference[p])))
                }
                if whole.previous[p] { previous.append(Assignment(orgID: unitID(u), communityID: id, role: .member)) }
            }
        }

        var options = whole.options
        options.maxDistanceKm = nil  // already forbidden pair by pair
        options.candidates = nil
        options.previousPlan = previous.isEmpty ? nil : previous
        options.meanStrengthOverride = whole.meanStrength
        // Re-planning: pins are already fix and forbid pairs above (and pinned leads are chosen
        // on the whole plan); the start plan and the change limit belong to the whole problem,
        // whose phases handle them (`StreetDecomposition.run`, `ExactStrategy`).
        options.from = nil
        options.pins = []
        options.maxChanges = nil
        func ratio(_ part: Double, _ total: Double) -> Double { total > 0 ? part / total : 0 }
        let w = whole.options.weights
        options.weights = Weights(
            coverage: w.coverage * ratio(weightedNeed, whole.totalWeightedNeed),
            balance: w.balance * ratio(Double(block.count), Double(whole.communityCount)),
            distance: w.distance * ratio(Double(totalMax) * maxDistance, whole.coefficients.distanceScale),
            preference: w.preference,
            keep: w.keep * ratio(Double(previous.count), Double(whole.previousPairCount)))
        let instance = Instance(communities: communityList, organizations: organizations, needs: needs,
                                resources: resources, pairs: pairs)
        problem = try Problem(instance: instance, options: options)
    }

    /// Writes the block's plan into the whole plan (assignments and leads of its communities).
    func place(_ plan: Plan, into whole: inout Plan) {
        let nC = communities.count
        for (i, u) in units.enumerated() {
            for (j, c) in communities.enumerated() where plan.assigned[i * nC + j] {
                whole[unit: u, community: c] = true
            }
        }
        for (j, c) in communities.enumerated() {
            if let lead = plan.lead[j] { whole.lead[c] = units[lead] }
        }
    }
}
