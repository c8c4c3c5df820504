import Foundation

/// The plan a re-plan starts from (`alliance solve --from plan.csv`, `PlanningOptions.from`),
/// made ready for the strategies (`SolveSettings.startPlan`): turned into a unit-level plan and,
/// when it breaks a rule (a hand edit, lists changed since, a pin or a `fix` row it does not
/// follow), repaired with few changes (`Repair`), each repair told as one line naming the pair or
/// lead and the rule it broke (a `Message`, so in Chinese in a Chinese run). So a user who edited a plan by hand learns what had to change, and
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
        var repairs = conversion.map { Message.startPlanNote("\($0)").text }
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
        var lines: [String] = []
        for u in 0..<nU {
            let added = (0..<nC).filter { repaired.assigned[u * nC + $0] && !original.assigned[u * nC + $0] }
            let removed = (0..<nC).filter { !repaired.assigned[u * nC + $0] && original.assigned[u * nC + $0] }
            let unit = unitList[u].id
            for c in removed {
                let p = u * nC + c, community = communityList[c].id
                let why: Message
                if let source = problem.forbidSources[p] {
                    why = .whyForbidden(at: source.map { "\($0)" })
                } else if !problem.allowed[p] {
                    why = .whyNotAllowed
                } else if degree[u] > unitList[u].maxCommunities {
                    why = .whyUnitAboveMax(unit: unit, served: degree[u], max: unitList[u].maxCommunities)
                } else if size[c] > problem.maxSize[c] {
                    why = .whyCommunityAboveMax(community: community, size: size[c], max: problem.maxSize[c])
                } else if let target = added.first {
                    why = .whyNeededIn(community: communityList[target].id)
                } else {
                    why = .whyAnotherRule
                }
                lines.append(Message.repairRemoved(unit: unit, community: community, why: why.text).text)
            }
            for c in added {
                let p = u * nC + c, community = communityList[c].id
                let why: Message
                if problem.fixed[p] {
                    if let pin = problem.pinRequired[p], problem.fixSources[p] == nil {
                        why = .whyPinRequires(pin: "\(pin)")
                    } else {
                        why = .whyFixed(at: problem.fixSources[p].flatMap { $0 }.map { "\($0)" })
                    }
                } else if size[c] < problem.minSize[c] {
                    why = .whyCommunityBelowMin(community: community, size: size[c], min: problem.minSize[c])
                } else if problem.mayLead(u) && !hasLeader[c] {
                    why = .whyNoLeader(community: community)
                } else if degree[u] < unitList[u].minCommunities {
                    why = .whyUnitBelowMin(unit: unit, served: degree[u], min: unitList[u].minCommunities)
                } else if let source = removed.first {
                    why = .whyMovedFrom(community: communityList[source].id)
                } else {
                    why = .whyAnotherRule
                }
                lines.append(Message.repairAdded(unit: unit, community: community, why: why.text).text)
            }
        }
        guard problem.options.leadRule else { return lines }
        for c in 0..<nC where original.lead[c] != repaired.lead[c] {
            let why: Message
            if let wanted = problem.pinnedLead[c], repaired.lead[c] == wanted, let claim = problem.leadClaims[c]?.first(where: { $0.unit == wanted }) {
                why = .whyPinNamesLead(pin: "\(claim.pin)")
            } else if let old = original.lead[c] {
                if !original.assigned[old * nC + c] {
                    why = .whyLeadNotMember(unit: unitList[old].id)
                } else if !unitList[old].canLead {
                    why = .whyLeadMayNotLead(unit: unitList[old].id)
                } else if !repaired.assigned[old * nC + c] {
                    why = .whyLeadLeft(unit: unitList[old].id)
                } else {
                    why = .whyPinNamesOtherLead
                }
            } else {
                why = .whyHadNoLead
            }
            lines.append(Message.repairLead(community: communityList[c].id, now: repaired.lead[c].map { unitList[$0].id },
                                            before: original.lead[c].map { unitList[$0].id }, why: why.text).text)
        }
        return lines
    }
}
