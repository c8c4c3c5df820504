extension SuggestionEngine {
    /// A sentence for people about `rule` in the plan after `edit` (or in the plan itself when
    /// `edit` is nil), computed from the engine's counts without building the new plan.
    public func describe(_ rule: PlanRule, after edit: PlanEdit?) -> String {
        let units = problem.units, communities = problem.communities
        let verb = edit == nil ? "" : "would "
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
        switch rule {
        case .unitLoad(let u):
            return "unit \(units[u].id) \(edit == nil ? "serves" : "would serve") \(loadAfter(u)) communities; "
                + "it must serve between \(units[u].minCommunities) and \(units[u].maxCommunities)"
        case .communitySize(let c):
            return "community \(communities[c].id) \(edit == nil ? "has" : "would have") \(sizeAfter(c)) units; "
                + "it must have between \(problem.minSize[c]) and \(problem.maxSize[c])"
        case .leadMissing(let c):
            return "community \(communities[c].id) \(edit == nil ? "has" : "would have") no lead unit"
        case .leadNotMember(let c):
            return "community \(communities[c].id): lead unit \(leadAfter(c).map { units[$0].id } ?? "?") "
                + "\(verb)\(edit == nil ? "is" : "be") not one of its units"
        case .leadNotAllowed(let c):
            return "community \(communities[c].id): unit \(leadAfter(c).map { units[$0].id } ?? "?") may not lead (column can_lead)"
        case .forbiddenPair(let u, let c):
            return "unit \(units[u].id) may not serve community \(communities[c].id) "
                + "(forbidden in pairs.csv or beyond --max-distance-km)"
        case .fixedPairMissing(let u, let c):
            return "unit \(units[u].id) must serve community \(communities[c].id) (fix in pairs.csv)"
        }
    }
}
