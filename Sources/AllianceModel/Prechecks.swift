/// A reason the model cannot have a feasible plan, found by counting before any solve.
public struct InfeasibilityReason: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the numbers and what to change.
    public var message: String
    /// For a reason that repeats per community or unit, what the repeats share, so that a
    /// list of them can be said in one line (`summarized`); nil for a reason said once.
    public var family: Family?

    /// The part of a per-community or per-unit reason that its repeats share.
    public struct Family: Sendable, Hashable {
        /// The sentence for several, after their count: "communities need a lead, but none of
        /// the units allowed to serve them may lead (column can_lead)".
        public var sentence: String
        /// This one's id, with a short detail when the sentence needs one: "C01 (3 > 2)".
        public var example: String

        public init(sentence: String, example: String) {
            self.sentence = sentence
            self.example = example
        }
    }

    public init(_ message: String, family: Family? = nil) {
        self.message = message
        self.family = family
    }

    /// A reason of a family, both from the message table, rendered in `Language.current`.
    init(_ message: Message, family: Message, example: String) {
        self.init(message.text, family: Family(sentence: family.text, example: example))
    }

    public var description: String { message }
}

extension Array where Element == InfeasibilityReason {
    /// One line per kind of problem, for people: the reasons of one family (the same problem in
    /// several communities or units) become "150 communities need a lead, but …: C001, C002,
    /// C003, … (147 more)", with the first `examples` ids; the others keep their message. Lines
    /// in the order each kind first appears.
    public func summarized(examples: Int = 5) -> [String] {
        var order: [String] = [], members: [String: [InfeasibilityReason]] = [:]
        for (index, reason) in enumerated() {
            let key = reason.family.map { "family:" + $0.sentence } ?? "single:\(index)"
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(reason)
        }
        return order.map { key in
            let group = members[key]!
            guard group.count > 1, let family = group[0].family else { return group[0].message }
            let shown = group.prefix(examples).map { $0.family!.example }.joined(separator: ", ")
            return Message.reasonFamily(count: group.count, sentence: family.sentence, examples: shown,
                                        more: Swift.max(0, group.count - examples)).text
        }
    }
}

/// Necessary conditions for a feasible plan, checked in milliseconds so that a user hears
/// "32 communities need a lead, but only 20 units may lead" instead of "GLPK: no solution".
///
/// Passing them does not prove feasibility (the solver decides that), but each failure proves
/// infeasibility, so the solve is skipped. Clashing pins are named by `PinCheck`, run from here.
public enum Prechecks {
    public static func run(_ problem: Problem) -> [InfeasibilityReason] {
        var reasons: [InfeasibilityReason] = []
        let nU = problem.unitCount, nC = problem.communityCount
        let units = problem.units, communities = problem.communities
        guard nC > 0 else { return [InfeasibilityReason(Message.noCommunities.text)] }

        // Totals.
        let needMin = problem.minSize.reduce(0, +)
        let offerMax = problem.totalMaxAssignments
        if needMin > offerMax {
            reasons.append(InfeasibilityReason(Message.assignmentsShort(needed: needMin, offered: offerMax).text))
        }
        let offerMin = problem.totalMinAssignments
        let takeMax = problem.maxSize.reduce(0, +)
        if offerMin > takeMax {
            reasons.append(InfeasibilityReason(Message.assignmentsSurplus(required: offerMin, taken: takeMax).text))
        }
        if problem.options.leadRule {
            let leaders = (0..<nU).filter { units[$0].canLead }
            let leadCapacity = leaders.reduce(0) { $0 + units[$1].maxCommunities }
            if leadCapacity < nC {
                reasons.append(InfeasibilityReason(
                    Message.leadsShort(communities: nC, leaders: leaders.count, capacity: leadCapacity).text))
            }
        }

        // Per community.
        let leadRule = problem.options.leadRule
        for c in 0..<nC {
            let id = communities[c].id
            if problem.minSize[c] > problem.maxSize[c] {
                reasons.append(InfeasibilityReason(
                    Message.communityMinAboveMax(id: id, min: problem.minSize[c], max: problem.maxSize[c], leadRule: leadRule),
                    family: .communitiesMinAboveMax(leadRule: leadRule),
                    example: Message.countAboveExample(id: id, count: problem.minSize[c], limit: problem.maxSize[c]).text))
            }
            let candidates = (0..<nU).filter { problem.allowed[$0 * nC + c] }
            // Bounds that pins break are named by `PinCheck`, with the pins.
            let pinnedOut = (0..<nU).contains { problem.pinForbidden[$0 * nC + c] != nil && !problem.allowed[$0 * nC + c] }
            let pinnedIn = (0..<nU).contains { problem.pinRequired[$0 * nC + c] != nil && problem.fixed[$0 * nC + c] }
            if pinnedOut && candidates.count < problem.minSize[c] {
                // named by PinCheck
            } else if candidates.isEmpty && problem.minSize[c] > 0 {
                reasons.append(InfeasibilityReason(.communityNoAllowedUnit(id: id), family: .communitiesNoAllowedUnit,
                                                   example: id))
            } else if candidates.count < problem.minSize[c] {
                reasons.append(InfeasibilityReason(
                    .communityTooFewAllowed(id: id, needs: problem.minSize[c], allowed: candidates.count),
                    family: .communitiesTooFewAllowed,
                    example: Message.needsAllowedExample(id: id, needs: problem.minSize[c], allowed: candidates.count).text))
            }
            if leadRule && !candidates.isEmpty && !candidates.contains(where: { units[$0].canLead }) {
                reasons.append(InfeasibilityReason(.communityNoLead(id: id, candidates: candidates.count),
                                                   family: .communitiesNoLead, example: id))
            }
            let fixedHere = (0..<nU).filter { problem.fixed[$0 * nC + c] }.count
            if fixedHere > problem.maxSize[c] && !pinnedIn {
                reasons.append(InfeasibilityReason(
                    .communityTooManyFixed(id: id, fixed: fixedHere, max: problem.maxSize[c]),
                    family: .communitiesTooManyFixed,
                    example: Message.countAboveExample(id: id, count: fixedHere, limit: problem.maxSize[c]).text))
            }
        }

        // Per unit.
        for u in 0..<nU {
            let id = units[u].id
            let allowedHere = (0..<nC).filter { problem.allowed[u * nC + $0] }.count
            let pinnedOut = (0..<nC).contains { problem.pinForbidden[u * nC + $0] != nil && !problem.allowed[u * nC + $0] }
            let pinnedIn = (0..<nC).contains { problem.pinRequired[u * nC + $0] != nil && problem.fixed[u * nC + $0] }
            if allowedHere < units[u].minCommunities && !pinnedOut {
                reasons.append(InfeasibilityReason(
                    .unitTooFewAllowed(id: id, min: units[u].minCommunities, allowed: allowedHere),
                    family: .unitsTooFewAllowed,
                    example: Message.needsAllowedExample(id: id, needs: units[u].minCommunities, allowed: allowedHere).text))
            }
            let fixedHere = (0..<nC).filter { problem.fixed[u * nC + $0] }.count
            if fixedHere > units[u].maxCommunities && !pinnedIn {
                reasons.append(InfeasibilityReason(
                    .unitTooManyFixed(id: id, fixed: fixedHere, max: units[u].maxCommunities),
                    family: .unitsTooManyFixed,
                    example: Message.countAboveExample(id: id, count: fixedHere, limit: units[u].maxCommunities).text))
            }
        }
        // Pins and the change limit (MODEL.md, "Re-planning").
        return reasons + PinCheck.run(problem)
    }
}
