/// Recomputes a plan's objective and checks every constraint of MODEL.md from the plan alone.
///
/// This is deliberately a separate code path from the model builder: it never looks at solver
/// variables. Given who serves where and who leads, the best coverage and the band excess are
/// determined (cov = min(d, supply), e = distance of S_c outside the band), so the objective
/// follows directly. Every strategy's result and every hand-edited plan is judged here.
public enum Evaluator {
    /// Judges a unit-level plan.
    public static func evaluate(_ plan: Plan, in problem: Problem) -> Evaluation {
        precondition(plan.unitCount == problem.unitCount && plan.communityCount == problem.communityCount,
                     "plan shape does not match the problem")
        var violations: [Violation] = []
        let nU = problem.unitCount, nC = problem.communityCount, nR = problem.categoryCount
        let units = problem.units, communities = problem.communities

        // Unit bounds m_o ≤ Σ_c x ≤ k_o.
        for u in 0..<nU {
            let served = plan.communities(of: u).count
            if served < units[u].minCommunities || served > units[u].maxCommunities {
                violations.append(Violation(Message.unitServesOutOfBounds(
                    unit: units[u].id, served: served, min: units[u].minCommunities, max: units[u].maxCommunities).text))
            }
        }
        for c in 0..<nC {
            let members = plan.units(of: c)
            // Size bounds L_c ≤ Σ_o x ≤ U_c.
            if members.count < problem.minSize[c] || members.count > problem.maxSize[c] {
                violations.append(Violation(Message.communitySizeOutOfBounds(
                    community: communities[c].id, size: members.count, min: problem.minSize[c], max: problem.maxSize[c]).text))
            }
            // Lead rule.
            if problem.options.leadRule {
                if let lead = plan.lead[c] {
                    if !plan[unit: lead, community: c] {
                        violations.append(Violation(Message.leadNotMember(community: communities[c].id, lead: units[lead].id).text))
                    }
                    if !units[lead].canLead {
                        violations.append(Violation(Message.leadMayNotLead(community: communities[c].id, unit: units[lead].id).text))
                    }
                } else {
                    violations.append(Violation(Message.noLeadUnit(community: communities[c].id).text))
                }
            }
            // Allowed and fixed pairs.
            for u in 0..<nU {
                let p = u * nC + c
                if plan.assigned[p] && !problem.allowed[p] {
                    violations.append(Violation(Message.pairNotAllowed(unit: units[u].id, community: communities[c].id).text))
                }
                if problem.fixed[p] && !plan.assigned[p] && (problem.pinRequired[p] == nil || problem.fixSources[p] != nil) {
                    violations.append(Violation(Message.fixedPairMissing(unit: units[u].id, community: communities[c].id).text))
                }
            }
        }

        // Re-planning: pins and the change limit.
        let changes = replanning(plan, in: problem, violations: &violations)

        // Strength, band excess, coverage, distance, preference, keep.
        let mean = problem.meanStrength, tau = problem.options.balanceBand
        var outcomes: [CommunityOutcome] = []
        var excessSum = 0.0, coveredWeighted = 0.0
        var distanceSum = 0.0, preferenceSum = 0.0, kept = 0
        for c in 0..<nC {
            var strength = communities[c].strength
            var supply = [Double](repeating: 0, count: nR)
            for u in plan.units(of: c) {
                let share = 1.0 / Double(units[u].maxCommunities)
                strength += units[u].strength * share
                for r in 0..<nR { supply[r] += problem.resource[u * nR + r] * share }
                let p = u * nC + c
                distanceSum += problem.distance[p]
                preferenceSum += problem.preference[p]
                if problem.previous[p] { kept += 1 }
            }
            excessSum += max(0, strength - (1 + tau) * mean, (1 - tau) * mean - strength)
            var communityNeed = 0.0, communityCovered = 0.0
            var unmet: [(category: String, amount: Double)] = []
            for r in 0..<nR {
                let d = problem.need[c * nR + r]
                guard d > 0 else { continue }
                let pi = problem.priority[c * nR + r]
                let covered = min(d, supply[r])
                communityNeed += pi * d
                communityCovered += pi * covered
                if covered < d { unmet.append((problem.categories[r], d - covered)) }
            }
            coveredWeighted += communityCovered
            outcomes.append(CommunityOutcome(
                strength: strength,
                coverageShare: communityNeed > 0 ? communityCovered / communityNeed : 1,
                unmet: unmet))
        }
        var terms = Terms()
        if problem.totalWeightedNeed > 0 { terms.coverage = coveredWeighted / problem.totalWeightedNeed }
        if mean > 0 && nC > 0 { terms.balance = excessSum / (Double(nC) * mean) }
        let distanceScale = Double(problem.totalMaxAssignments) * problem.maxDistance
        if distanceScale > 0 { terms.distance = distanceSum / distanceScale }
        terms.preference = preferenceSum
        if problem.previousPairCount > 0 { terms.keep = Double(kept) / Double(problem.previousPairCount) }

        let strengths = outcomes.map(\.strength)
        return Evaluation(
            terms: terms, objective: terms.objective(problem.options.weights),
            communities: outcomes, violations: violations,
            strengthMin: strengths.min() ?? 0, strengthMax: strengths.max() ?? 0,
            strengthMean: strengths.isEmpty ? 0 : strengths.reduce(0, +) / Double(strengths.count),
            changesFromStart: changes)
    }

    /// Checks the pins and the change limit (MODEL.md, "Re-planning") and returns the number of
    /// changed pairs. Worked out here from the start-plan rows and the pins as the user gave them,
    /// not from `Problem`'s derived arrays (`fixed`, `allowed`, `pinnedLead`, `from`), so that the
    /// derivation is checked too. A lead pin wins over the start plan's lead of a pinned community
    /// or unit; without the lead rule only lead pins are judged (no plan can satisfy them).
    static func replanning(_ plan: Plan, in problem: Problem, violations: inout [Violation]) -> Int? {
        let options = problem.options
        guard options.from != nil || !options.pins.isEmpty else { return nil }
        let nU = problem.unitCount, nC = problem.communityCount
        let units = problem.units, communities = problem.communities
        let orgIndex = Dictionary(problem.instance.organizations.enumerated().map { ($1.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let communityIndex = Dictionary(communities.enumerated().map { ($1.id, $0) },
                                        uniquingKeysWith: { first, _ in first })
        let unitIndex = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func unit(_ id: String?) -> Int? {
            guard let id else { return nil }
            return orgIndex[id].map { problem.unitOfOrganization[$0] } ?? unitIndex[id]
        }

        var start = Set<Int>()
        var startLead: [Int: Int] = [:]
        for row in options.from ?? [] {
            guard let u = unit(row.orgID), orgIndex[row.orgID] != nil, let c = communityIndex[row.communityID] else { continue }
            start.insert(u * nC + c)
            if row.role == .lead && startLead[c] == nil { startLead[c] = u }
        }

        var checked = Set<Int>()  // pairs already reported, so two pins on one pair report it once
        func keep(_ u: Int, _ c: Int, _ pin: Pin) {
            let p = u * nC + c
            guard plan.assigned[p] != start.contains(p), checked.insert(p).inserted else { return }
            violations.append(Violation(Message.pinnedPairChanged(
                unit: units[u].id, community: communities[c].id, pin: "\(pin)", serves: plan.assigned[p]).text))
        }
        var leadWanted: [Int: (unit: Int, pin: Pin, fromStart: Bool)] = [:]
        for pin in options.pins {
            switch pin.kind {
            case .unit:
                guard let u = unit(pin.unitID) else { continue }
                for c in 0..<nC {
                    keep(u, c, pin)
                    if startLead[c] == u && leadWanted[c] == nil { leadWanted[c] = (u, pin, true) }
                }
            case .community:
                guard let c = pin.communityID.flatMap({ communityIndex[$0] }) else { continue }
                for u in 0..<nU { keep(u, c, pin) }
                if let u = startLead[c], leadWanted[c] == nil { leadWanted[c] = (u, pin, true) }
            case .lead:
                guard let u = unit(pin.unitID), let c = pin.communityID.flatMap({ communityIndex[$0] }) else { continue }
                if leadWanted[c].map({ $0.fromStart }) ?? true { leadWanted[c] = (u, pin, false) }
            }
        }
        for c in leadWanted.keys.sorted() {
            let wanted = leadWanted[c]!
            guard options.leadRule || !wanted.fromStart, plan.lead[c] != wanted.unit else { continue }
            violations.append(Violation(Message.leadPinOverridden(
                community: communities[c].id, lead: plan.lead[c].map { units[$0].id }, pin: "\(wanted.pin)",
                unit: units[wanted.unit].id).text))
        }

        guard options.from != nil else { return nil }
        var changes = 0
        for p in 0..<(nU * nC) where plan.assigned[p] != start.contains(p) { changes += 1 }
        if let limit = options.maxChanges, changes > limit {
            violations.append(Violation(Message.tooManyChanges(changes: changes, limit: limit).text))
        }
        return changes
    }

    /// Reads organization-level rows (a plan CSV, possibly edited by hand) into a unit-level plan,
    /// reporting what cannot be expressed as one: unknown ids, repeated rows, a group whose
    /// members are split, two leads in one community.
    public static func plan(from assignments: [Assignment], in problem: Problem) -> (Plan, [Violation]) {
        var plan = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        var violations: [Violation] = []
        let orgIndex = Dictionary(problem.instance.organizations.enumerated().map { ($1.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let communityIndex = Dictionary(problem.communities.enumerated().map { ($1.id, $0) },
                                        uniquingKeysWith: { first, _ in first })
        var listed = Set<[Int]>()  // [org, community]
        var leadSource = [SourceLocation?](repeating: nil, count: problem.communityCount)
        for row in assignments {
            guard let o = orgIndex[row.orgID] else {
                violations.append(Violation(Message.planUnknownID(.unit, id: row.orgID).text, source: row.source))
                continue
            }
            guard let c = communityIndex[row.communityID] else {
                violations.append(Violation(Message.planUnknownID(.community, id: row.communityID).text, source: row.source))
                continue
            }
            guard listed.insert([o, c]).inserted else {
                violations.append(Violation(Message.planUnitListedTwice(unit: row.orgID, community: row.communityID).text,
                                            source: row.source))
                continue
            }
            let u = problem.unitOfOrganization[o]
            plan[unit: u, community: c] = true
            if row.role == .lead {
                if let other = plan.lead[c], other != u {
                    violations.append(Violation(
                        Message.secondLead(community: row.communityID, unit: row.orgID).text, source: row.source))
                } else if plan.lead[c] == nil {
                    plan.lead[c] = u
                    leadSource[c] = row.source
                }
            }
        }
        // Every organization of a merged group must be listed where its group serves.
        for u in 0..<problem.unitCount where problem.units[u].members.count > 1 {
            for c in plan.communities(of: u) {
                let missing = problem.units[u].members.filter { !listed.contains([$0, c]) }
                if !missing.isEmpty {
                    let names = missing.map { problem.instance.organizations[$0].id }.joined(separator: ", ")
                    violations.append(Violation(Message.groupPartlyListed(
                        group: problem.units[u].id, community: problem.communities[c].id, missing: names,
                        several: missing.count > 1).text))
                }
            }
        }
        return (plan, violations)
    }

    /// Judges organization-level rows: conversion problems plus every model violation.
    public static func evaluate(_ assignments: [Assignment], in problem: Problem) -> (Plan, Evaluation) {
        let (plan, conversion) = plan(from: assignments, in: problem)
        var evaluation = evaluate(plan, in: problem)
        evaluation.violations = conversion + evaluation.violations
        return (plan, evaluation)
    }
}
