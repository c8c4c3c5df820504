import Foundation

/// The plan a re-plan starts from (`alliance solve --from plan.csv`, `PlanningOptions.from`),
/// made ready for the strategies (`SolveSettings.startPlan`): turned into a unit-level plan and,
/// when it breaks a rule (a hand edit, lists changed since, a pin or a `fix` row it does not
/// follow), repaired with few changes (`Repair`), each repair told as one line naming the pair or
/// lead and the rule it broke. So a user who edited a plan by hand learns what had to change, and
/// every strategy starts from a plan that satisfies the rules (MODEL.md, "Re-planning").
public struct StartPlan: Sendable {
    /// The plan as repaired: every strategy starts from it when `usable`.
    public var plan: Plan
    /// Its evaluation on the problem.
    public var evaluation: Evaluation
    /// One line per repair, e.g. `removed unit U3 from community C1: pairs.csv forbids the pair`.
    public var repairs: [String]

    /// Whether the repaired plan satisfies every rule, the change limit included. A repair may
    /// change more pairs than `--max-changes` allows; the strategies then start without it (the
    /// limit itself still holds for the plan they return).
    public var usable: Bool { evaluation.isFeasible }

    /// What the report and plan.json say about it.
    public var summary: StartPlanSummary {
        StartPlanSummary(objective: evaluation.objective, repairs: repairs, usable: usable)
    }

    /// The start plan of `problem` (nil without `--from`), repaired when it breaks a rule.
    /// Throws `SolveError.infeasible` when no plan satisfies the rules: the pre-checks' reasons
    /// (clashing pins named by `PinCheck`) or why the repair found none.
    public static func prepare(_ problem: Problem) throws -> StartPlan? {
        guard let rows = problem.options.from else { return nil }
        // Rows naming ids no longer listed were reported by `Problem` (a warning) and are ignored.
        let orgIDs = Set(problem.instance.organizations.map(\.id)), communityIDs = Set(problem.communities.map(\.id))
        let known = rows.filter { orgIDs.contains($0.orgID) && communityIDs.contains($0.communityID) }
        var (plan, conversion) = Evaluator.plan(from: known, in: problem)
        var repairs = conversion.map { "start plan: \($0)" }
        if !problem.options.leadRule { plan.lead = [Int?](repeating: nil, count: problem.communityCount) }
        let evaluation = Evaluator.evaluate(plan, in: problem)
        if evaluation.isFeasible { return StartPlan(plan: plan, evaluation: evaluation, repairs: repairs) }

        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        switch Repair.makeFeasible(plan, in: problem) {
        case .infeasible(let reason):
            throw SolveError.infeasible([InfeasibilityReason(Message.startPlanCannotBeRepaired(reason: reason.message).text)])
        case .feasible(let repaired):
            repairs += describeRepairs(from: plan, to: repaired, in: problem)
            return StartPlan(plan: repaired, evaluation: Evaluator.evaluate(repaired, in: problem), repairs: repairs)
        }
    }

    /// One line per pair added or removed and per lead changed between the start plan as given
    /// and as repaired, with the rule the start plan broke there.
    static func describeRepairs(from original: Plan, to repaired: Plan, in problem: Problem) -> [String] {
        let nU = problem.unitCount, nC = problem.communityCount
        let unitList = problem.units, communityList = problem.communities
        var degree = [Int](repeating: 0, count: nU), size = [Int](repeating: 0, count: nC)
        var hasLeader = [Bool](repeating: false, count: nC)
        for u in 0..<nU {
            for c in 0..<nC where original.assigned[u * nC + c] {
                degree[u] += 1
                size[c] += 1
                if problem.mayLead(u) { hasLeader[c] = true }
            }
        }
        func units(_ n: Int) -> String { n == 1 ? "1 unit" : "\(n) units" }
        func communities(_ n: Int) -> String { n == 1 ? "1 community" : "\(n) communities" }
        var lines: [String] = []
        for u in 0..<nU {
            let added = (0..<nC).filter { repaired.assigned[u * nC + $0] && !original.assigned[u * nC + $0] }
            let removed = (0..<nC).filter { !repaired.assigned[u * nC + $0] && original.assigned[u * nC + $0] }
            let unit = "unit \(unitList[u].id)"
            for c in removed {
                let p = u * nC + c, community = "community \(communityList[c].id)"
                let why: String
                if let source = problem.forbidSources[p] {
                    why = "pairs.csv forbids the pair" + (source.map { " (forbid at \($0))" } ?? "")
                } else if !problem.allowed[p] {
                    why = "the pair is not allowed (--max-distance-km or --candidates)"
                } else if degree[u] > unitList[u].maxCommunities {
                    why = "\(unit) serves \(communities(degree[u])) in the start plan, more than max_communities \(unitList[u].maxCommunities)"
                } else if size[c] > problem.maxSize[c] {
                    why = "\(community) has \(units(size[c])) in the start plan, more than max_orgs \(problem.maxSize[c])"
                } else if let target = added.first {
                    why = "the unit is needed in community \(communityList[target].id) (see there)"
                } else {
                    why = "to meet another rule after the repairs above"
                }
                lines.append("start plan: removed \(unit) from \(community): \(why)")
            }
            for c in added {
                let p = u * nC + c, community = "community \(communityList[c].id)"
                let why: String
                if problem.fixed[p] {
                    if let pin = problem.pinRequired[p], problem.fixSources[p] == nil {
                        why = "\(pin) requires the pair"
                    } else {
                        why = "pairs.csv fixes the pair" + (problem.fixSources[p].flatMap { $0 }.map { " (fix at \($0))" } ?? "")
                    }
                } else if size[c] < problem.minSize[c] {
                    why = "\(community) has \(units(size[c])) in the start plan, fewer than its minimum \(problem.minSize[c]) (min_orgs)"
                } else if problem.mayLead(u) && !hasLeader[c] {
                    why = "\(community) has no unit that may lead in the start plan (lead rule)"
                } else if degree[u] < unitList[u].minCommunities {
                    why = "\(unit) serves \(communities(degree[u])) in the start plan, fewer than min_communities \(unitList[u].minCommunities)"
                } else if let source = removed.first {
                    why = "moved from community \(communityList[source].id) to meet another rule"
                } else {
                    why = "to meet another rule after the repairs above"
                }
                lines.append("start plan: added \(unit) to \(community): \(why)")
            }
        }
        guard problem.options.leadRule else { return lines }
        for c in 0..<nC where original.lead[c] != repaired.lead[c] {
            let community = "community \(communityList[c].id)"
            let now = repaired.lead[c].map { "unit \(unitList[$0].id)" } ?? "no unit"
            let why: String
            if let wanted = problem.pinnedLead[c], repaired.lead[c] == wanted, let claim = problem.leadClaims[c]?.first(where: { $0.unit == wanted }) {
                why = "\(claim.pin) names it"
            } else if let old = original.lead[c] {
                if !original.assigned[old * nC + c] {
                    why = "unit \(unitList[old].id) led it but was not one of its units"
                } else if !unitList[old].canLead {
                    why = "unit \(unitList[old].id) led it but may not lead (column can_lead)"
                } else if !repaired.assigned[old * nC + c] {
                    why = "unit \(unitList[old].id) no longer serves it (see above)"
                } else {
                    why = "a pin names another lead"
                }
            } else {
                why = "it had no lead unit in the start plan"
            }
            let before = original.lead[c].map { "unit \(unitList[$0].id)" } ?? "no unit"
            lines.append("start plan: \(community) is now led by \(now) instead of \(before): \(why)")
        }
        return lines
    }
}
