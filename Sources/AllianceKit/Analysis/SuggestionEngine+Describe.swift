extension SuggestionEngine {
    /// A sentence for people about `rule` in the plan after `edit` (or in the plan itself when
    /// `edit` is nil), computed from the engine's counts without building the new plan.
    public func describe(_ rule: PlanRule, after edit: PlanEdit?) -> String {
        let units = problem.units, communities = problem.communities
        func loadAfter(_ u: Int) -> Int {
            guard let edit, edit.unit == u else { return load[u] }
            switch edit.kind {
            case .add: return load[u] + 1
            case .remove: return load[u] - 1
            default: return load[u]
            }
        }
        func sizeAfter(_ c: Int) -> Int {
            guard let edit else { return size[c] }
            switch edit.kind {
            case .add where edit.to == c, .move where edit.to == c: return size[c] + 1
            case .remove where edit.from == c, .move where edit.from == c: return size[c] - 1
            default: return size[c]
            }
        }
        func leadAfter(_ c: Int) -> Int? {
            guard let edit else { return plan.lead[c] }
            switch edit.kind {
            case .move, .remove: return edit.from == c && plan.lead[c] == edit.unit ? nil : plan.lead[c]
            case .swap:
                if edit.from == c && plan.lead[c] == edit.unit { return edit.other }
                if edit.to == c && plan.lead[c] == edit.other { return edit.unit }
                return plan.lead[c]
            case .setLead: return edit.to == c ? edit.unit : plan.lead[c]
            case .handLead: return edit.from == c ? edit.other : plan.lead[c]
            case .add: return plan.lead[c]
            }
        }
        // Without an edit, the plan itself: the evaluator's sentences (`PlanRule.message`).
        let message: Message
        switch rule {
        case .unitLoad(let u):
            let (id, min, max) = (units[u].id, units[u].minCommunities, units[u].maxCommunities)
            message = edit == nil ? .unitServesOutOfBounds(unit: id, served: loadAfter(u), min: min, max: max)
                : .unitWouldServe(unit: id, served: loadAfter(u), min: min, max: max)
        case .communitySize(let c):
            let (id, min, max) = (communities[c].id, problem.minSize[c], problem.maxSize[c])
            message = edit == nil ? .communitySizeOutOfBounds(community: id, size: sizeAfter(c), min: min, max: max)
                : .communityWouldHave(community: id, size: sizeAfter(c), min: min, max: max)
        case .leadMissing(let c):
            message = edit == nil ? .noLeadUnit(community: communities[c].id) : .communityWouldHaveNoLead(community: communities[c].id)
        case .leadNotMember(let c):
            let lead = leadAfter(c).map { units[$0].id } ?? "?"
            message = edit == nil ? .leadNotMember(community: communities[c].id, lead: lead)
                : .leadWouldNotBeMember(community: communities[c].id, lead: lead)
        case .leadNotAllowed(let c):
            message = .leadMayNotLead(community: communities[c].id, unit: leadAfter(c).map { units[$0].id } ?? "?")
        case .forbiddenPair(let u, let c):
            message = .pairNotAllowed(unit: units[u].id, community: communities[c].id)
        case .fixedPairMissing(let u, let c):
            message = .fixedPairMissing(unit: units[u].id, community: communities[c].id)
        }
        return message.text
    }
}
