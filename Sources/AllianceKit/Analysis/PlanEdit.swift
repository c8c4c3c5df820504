/// One single change to a plan, as `alliance suggest` proposes it and as the web app posts it.
///
/// Fields by kind (`from`/`to` are community indices, `other` a unit index):
/// - `move`: `unit` leaves `from` and joins `to` (its load stays); if it led `from`, `from` has no lead afterwards.
/// - `add`: `unit` joins `to` as a member.
/// - `remove`: `unit` leaves `from`; if it led `from`, `from` has no lead afterwards.
/// - `swap`: `unit` (serving `from`) and `other` (serving `to`) exchange places, roles included:
///   if `unit` led `from`, `other` leads it afterwards, and likewise for `to`.
/// - `setLead`: `unit` becomes the lead of `to`, which it serves (`other`: the lead it replaces, if any).
/// - `handLead`: `unit`, the lead of `from`, hands the lead to `other`, which serves `from` too.
///
/// Lead changes never change the objective (no term depends on the lead); they matter for the lead rule.
public struct PlanEdit: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case move, add, remove, swap
        case setLead = "set_lead"
        case handLead = "hand_lead"
    }

    public var kind: Kind
    public var unit: Int
    public var from: Int?
    public var to: Int?
    public var other: Int?

    public init(kind: Kind, unit: Int, from: Int? = nil, to: Int? = nil, other: Int? = nil) {
        self.kind = kind
        self.unit = unit
        self.from = from
        self.to = to
        self.other = other
    }

    /// The communities whose membership or lead the edit changes.
    public var communities: [Int] { [from, to].compactMap { $0 } }
}

/// Why an edit cannot be applied to a plan at all (as opposed to an edit that applies but breaks a rule).
public struct PlanEditError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PlanEdit {
    /// An edit named by ids, the shape `suggest --json` prints and the web app posts:
    /// `org_id` is an organization id or a group name, `other_org_id` likewise.
    public init(kind: String, orgID: String, from: String?, to: String?, otherOrgID: String?,
                in problem: Problem) throws(PlanEditError) {
        guard let kind = Kind(rawValue: kind) else {
            throw PlanEditError("unknown edit kind '\(kind)'; expected one of "
                + Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        func community(_ id: String?) throws(PlanEditError) -> Int? {
            guard let id else { return nil }
            guard let c = problem.communities.firstIndex(where: { $0.id == id }) else {
                throw PlanEditError("unknown community '\(id)'")
            }
            return c
        }
        func unit(_ id: String?) throws(PlanEditError) -> Int? {
            guard let id else { return nil }
            guard let u = problem.unitIndex(ofOrganizationOrGroup: id) else {
                throw PlanEditError("unknown unit '\(id)' (neither an organization id nor a group name)")
            }
            return u
        }
        guard let u = try unit(orgID) else { throw PlanEditError("the edit names no unit") }
        self.init(kind: kind, unit: u, from: try community(from), to: try community(to), other: try unit(otherOrgID))
    }

    /// Applies the edit to `plan`: the new plan, or an error when the edit cannot be made (a unit
    /// moved from a community it does not serve, a lead handed by a unit that does not lead, …).
    /// Whether the new plan breaks a rule is for `Evaluator` to say, not this function.
    public func apply(to plan: Plan) throws(PlanEditError) -> Plan {
        let nU = plan.unitCount, nC = plan.communityCount
        guard unit >= 0 && unit < nU else { throw PlanEditError("unit index \(unit) out of range") }
        for c in communities where c < 0 || c >= nC { throw PlanEditError("community index \(c) out of range") }
        if let other, other < 0 || other >= nU { throw PlanEditError("unit index \(other) out of range") }
        func require(_ value: Int?, _ name: String) throws(PlanEditError) -> Int {
            guard let value else { throw PlanEditError("a \(kind.rawValue) edit needs '\(name)'") }
            return value
        }
        var result = plan
        switch kind {
        case .move:
            let a = try require(from, "from"), b = try require(to, "to")
            guard plan[unit: unit, community: a] else { throw PlanEditError("the unit does not serve the community it is moved from") }
            guard !plan[unit: unit, community: b] else { throw PlanEditError("the unit already serves the community it is moved to") }
            result[unit: unit, community: a] = false
            result[unit: unit, community: b] = true
            if plan.lead[a] == unit { result.lead[a] = nil }
        case .add:
            let b = try require(to, "to")
            guard !plan[unit: unit, community: b] else { throw PlanEditError("the unit already serves the community it is added to") }
            result[unit: unit, community: b] = true
        case .remove:
            let a = try require(from, "from")
            guard plan[unit: unit, community: a] else { throw PlanEditError("the unit does not serve the community it is taken out of") }
            result[unit: unit, community: a] = false
            if plan.lead[a] == unit { result.lead[a] = nil }
        case .swap:
            let a = try require(from, "from"), b = try require(to, "to"), v = try require(other, "other")
            guard v != unit else { throw PlanEditError("a unit cannot be swapped with itself") }
            guard plan[unit: unit, community: a], !plan[unit: unit, community: b] else {
                throw PlanEditError("the unit must serve 'from' and not 'to'")
            }
            guard plan[unit: v, community: b], !plan[unit: v, community: a] else {
                throw PlanEditError("the other unit must serve 'to' and not 'from'")
            }
            result[unit: unit, community: a] = false
            result[unit: v, community: a] = true
            result[unit: v, community: b] = false
            result[unit: unit, community: b] = true
            if plan.lead[a] == unit { result.lead[a] = v }
            if plan.lead[b] == v { result.lead[b] = unit }
        case .setLead:
            let c = try require(to, "to")
            guard plan[unit: unit, community: c] else { throw PlanEditError("a unit can only lead a community it serves") }
            guard plan.lead[c] != unit else { throw PlanEditError("the unit already leads the community") }
            result.lead[c] = unit
        case .handLead:
            let c = try require(from, "from"), v = try require(other, "other")
            guard plan.lead[c] == unit else { throw PlanEditError("the unit does not lead the community") }
            guard v != unit, plan[unit: v, community: c] else {
                throw PlanEditError("the lead can only be handed to another unit serving the community")
            }
            result.lead[c] = v
        }
        return result
    }
}

extension Problem {
    /// The unit of an organization id, or of a group name (a merged group is one unit).
    public func unitIndex(ofOrganizationOrGroup id: String) -> Int? {
        if let o = instance.organizations.firstIndex(where: { $0.id == id }) { return unitOfOrganization[o] }
        return units.firstIndex(where: { $0.id == id })
    }
}
