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
            let more = group.count > examples ? ", … (\(group.count - examples) more)" : ""
            return "\(group.count) \(family.sentence): \(shown)\(more)"
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
        guard nC > 0 else { return [InfeasibilityReason("there are no communities (communities.csv has no rows)")] }

        // Totals.
        let needMin = problem.minSize.reduce(0, +)
        let offerMax = problem.totalMaxAssignments
        if needMin > offerMax {
            reasons.append(InfeasibilityReason(
                "communities need at least \(needMin) assignments (min_orgs), units offer at most "
                    + "\(offerMax) (max_communities): lower min_orgs or raise max_communities"))
        }
        let offerMin = problem.totalMinAssignments
        let takeMax = problem.maxSize.reduce(0, +)
        if offerMin > takeMax {
            reasons.append(InfeasibilityReason(
                "units must make at least \(offerMin) assignments (min_communities), communities take at most "
                    + "\(takeMax) (max_orgs): lower min_communities or raise max_orgs"))
        }
        if problem.options.leadRule {
            let leaders = (0..<nU).filter { units[$0].canLead }
            let leadCapacity = leaders.reduce(0) { $0 + units[$1].maxCommunities }
            if leadCapacity < nC {
                reasons.append(InfeasibilityReason(
                    "\(nC) communities need a lead, but only \(leaders.count) unit\(leaders.count == 1 ? "" : "s") may lead (column can_lead), "
                        + "serving at most \(leadCapacity) communities in all: mark more units can_lead, "
                        + "raise their max_communities, or use --no-lead-rule"))
            }
        }

        // Per community.
        for c in 0..<nC {
            let id = communities[c].id
            if problem.minSize[c] > problem.maxSize[c] {
                reasons.append(InfeasibilityReason(
                    "community \(id) needs at least \(problem.minSize[c]) units but takes at most "
                        + "\(problem.maxSize[c]) (min_orgs/max_orgs\(problem.options.leadRule ? ", and the lead rule needs 1" : "")): "
                        + "make min_orgs ≤ max_orgs",
                    family: .init(sentence: "communities need more units than they take (min_orgs > max_orgs"
                                      + (problem.options.leadRule ? ", the lead rule needs 1" : "") + "): make min_orgs ≤ max_orgs",
                                  example: "\(id) (\(problem.minSize[c]) > \(problem.maxSize[c]))")))
            }
            let candidates = (0..<nU).filter { problem.allowed[$0 * nC + c] }
            // Bounds that pins break are named by `PinCheck`, with the pins.
            let pinnedOut = (0..<nU).contains { problem.pinForbidden[$0 * nC + c] != nil && !problem.allowed[$0 * nC + c] }
            let pinnedIn = (0..<nU).contains { problem.pinRequired[$0 * nC + c] != nil && problem.fixed[$0 * nC + c] }
            if pinnedOut && candidates.count < problem.minSize[c] {
                // named by PinCheck
            } else if candidates.isEmpty && problem.minSize[c] > 0 {
                reasons.append(InfeasibilityReason(
                    "community \(id) has no allowed unit (pairs.csv forbids or --max-distance-km excludes all)",
                    family: .init(sentence: "communities have no allowed unit (pairs.csv forbids or --max-distance-km "
                                      + "excludes all)", example: id)))
            } else if candidates.count < problem.minSize[c] {
                reasons.append(InfeasibilityReason(
                    "community \(id) needs at least \(problem.minSize[c]) units but only \(candidates.count) "
                        + "are allowed to serve it (pairs.csv forbid, --max-distance-km): allow more or lower min_orgs",
                    family: .init(sentence: "communities need more units than are allowed to serve them (pairs.csv "
                                      + "forbid, --max-distance-km): allow more or lower min_orgs",
                                  example: "\(id) (needs \(problem.minSize[c]), \(candidates.count) allowed)")))
            }
            if problem.options.leadRule && !candidates.isEmpty && !candidates.contains(where: { units[$0].canLead }) {
                reasons.append(InfeasibilityReason(
                    "community \(id) needs a lead, but none of the \(candidates.count) units allowed to serve it "
                        + "may lead (column can_lead)",
                    family: .init(sentence: "communities need a lead, but none of the units allowed to serve them may "
                                      + "lead (column can_lead)", example: id)))
            }
            let fixedHere = (0..<nU).filter { problem.fixed[$0 * nC + c] }.count
            if fixedHere > problem.maxSize[c] && !pinnedIn {
                reasons.append(InfeasibilityReason(
                    "community \(id) has \(fixedHere) units fixed to it in pairs.csv but takes at most "
                        + "\(problem.maxSize[c]) (max_orgs)",
                    family: .init(sentence: "communities have more units fixed to them in pairs.csv than they take (max_orgs)",
                                  example: "\(id) (\(fixedHere) > \(problem.maxSize[c]))")))
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
                    "unit \(id) must serve at least \(units[u].minCommunities) communities (min_communities) "
                        + "but only \(allowedHere) are allowed for it (pairs.csv forbid, --max-distance-km)",
                    family: .init(sentence: "units must serve more communities (min_communities) than are allowed for "
                                      + "them (pairs.csv forbid, --max-distance-km)",
                                  example: "\(id) (needs \(units[u].minCommunities), \(allowedHere) allowed)")))
            }
            let fixedHere = (0..<nC).filter { problem.fixed[u * nC + $0] }.count
            if fixedHere > units[u].maxCommunities && !pinnedIn {
                reasons.append(InfeasibilityReason(
                    "unit \(id) is fixed to \(fixedHere) communities in pairs.csv but serves at most "
                        + "\(units[u].maxCommunities) (max_communities)",
                    family: .init(sentence: "units are fixed to more communities in pairs.csv than they serve (max_communities)",
                                  example: "\(id) (\(fixedHere) > \(units[u].maxCommunities))")))
            }
        }
        // Pins and the change limit (MODEL.md, "Re-planning").
        return reasons + PinCheck.run(problem)
    }
}
