/// Pins that cannot all hold, named before any solve (part of `Prechecks.run`), so that a user
/// hears "community C1 must keep 5 units (community pin C1 (pins.csv:2:1)) but takes at most 4
/// (max_orgs)" instead of "infeasible".
///
/// Each reason names the pins involved and the bound or rule they clash with: a community's size
/// bounds L_c/U_c, a unit's m_o/k_o, can_lead and the lead rule, pairs.csv `fix`/`forbid`,
/// `--max-distance-km`, another pin, and the change limit.
public enum PinCheck {
    public static func run(_ problem: Problem) -> [InfeasibilityReason] {
        var reasons: [InfeasibilityReason] = []
        let nU = problem.unitCount, nC = problem.communityCount
        let units = problem.units, communities = problem.communities
        func pair(_ p: Int) -> String { "(\(units[p / nC].id), \(communities[p % nC].id))" }
        func list(_ pins: [Pin]) -> String {
            var seen = Set<Pin>()
            let distinct = pins.filter { seen.insert($0).inserted }
            let shown = distinct.prefix(5).map(\.description).joined(separator: ", ")
            return distinct.count > 5 ? Message.listAndMore(shown: shown, more: distinct.count - 5).text : shown
        }

        // A pin against pairs.csv, --max-distance-km, or another pin on the same pair.
        for p in problem.pinRequired.keys.sorted() {
            let pin = problem.pinRequired[p]!
            if let source = problem.forbidSources[p] {
                reasons.append(InfeasibilityReason(Message.pinAgainstForbid(pin: "\(pin)", pair: pair(p), forbidAt: source.map { "\($0)" }).text))
            } else if let other = problem.pinForbidden[p] {
                reasons.append(InfeasibilityReason(
                    Message.pinAgainstPin(pin: "\(pin)", forLead: pin.kind == .lead, pair: pair(p), other: "\(other)").text))
            }
        }
        for p in problem.pinForbidden.keys.sorted() where problem.fixSources[p] != nil && problem.pinRequired[p] == nil {
            reasons.append(InfeasibilityReason(Message.pinRemovesFixed(
                pin: "\(problem.pinForbidden[p]!)", pair: pair(p), fixAt: problem.fixSources[p]!.map { "\($0)" }).text))
        }

        // Leads.
        for c in 0..<nC {
            guard let claims = problem.leadClaims[c] else { continue }
            let id = communities[c].id
            let explicit = claims.filter { !$0.fromStart }
            if !problem.options.leadRule {
                for claim in explicit {
                    reasons.append(InfeasibilityReason(Message.leadPinWithoutLeadRule(pin: "\(claim.pin)").text))
                }
                continue
            }
            if Set(explicit.map(\.unit)).count > 1 {
                reasons.append(InfeasibilityReason(Message.leadPinsDisagree(community: id, pins: list(explicit.map(\.pin))).text))
            }
            for claim in claims where !units[claim.unit].canLead {
                reasons.append(InfeasibilityReason(Message.leadPinCannotLead(
                    pin: "\(claim.pin)", unit: units[claim.unit].id, community: id, fromStart: claim.fromStart).text))
            }
            for claim in explicit {
                let p = claim.unit * nC + c
                if problem.forbidSources[p] == nil && problem.pinForbidden[p] == nil && !problem.allowed[p] {
                    reasons.append(InfeasibilityReason(Message.leadPinNotAllowed(pin: "\(claim.pin)", pair: pair(p)).text))
                }
            }
            // A lead pin overrides the start plan's lead of a pinned community (MODEL.md): no clash.
        }

        // Per community: required pairs against U_c, allowed pairs against L_c.
        for c in 0..<nC {
            let id = communities[c].id
            var required = 0, allowedCount = 0
            var requiring: [Pin] = [], forbidding: [Pin] = []
            for u in 0..<nU {
                let p = u * nC + c
                if problem.fixed[p] {
                    required += 1
                    if let pin = problem.pinRequired[p] { requiring.append(pin) }
                }
                if problem.allowed[p] { allowedCount += 1 } else if let pin = problem.pinForbidden[p] { forbidding.append(pin) }
            }
            if required > problem.maxSize[c] && !requiring.isEmpty {
                reasons.append(InfeasibilityReason(Message.pinsOverfillCommunity(
                    community: id, required: required, pins: list(requiring), fixRows: requiring.count < required,
                    max: problem.maxSize[c]).text))
            }
            if allowedCount < problem.minSize[c] && !forbidding.isEmpty {
                reasons.append(InfeasibilityReason(Message.pinsUnderfillCommunity(
                    community: id, min: problem.minSize[c], leadRule: problem.options.leadRule, allowed: allowedCount,
                    pins: list(forbidding)).text))
            }
        }

        // Per unit: required pairs against k_o, allowed pairs against m_o.
        for u in 0..<nU {
            let id = units[u].id
            var required = 0, allowedCount = 0
            var requiring: [Pin] = [], forbidding: [Pin] = []
            for c in 0..<nC {
                let p = u * nC + c
                if problem.fixed[p] {
                    required += 1
                    if let pin = problem.pinRequired[p] { requiring.append(pin) }
                }
                if problem.allowed[p] { allowedCount += 1 } else if let pin = problem.pinForbidden[p] { forbidding.append(pin) }
            }
            if required > units[u].maxCommunities && !requiring.isEmpty {
                reasons.append(InfeasibilityReason(Message.pinsOverfillUnit(
                    unit: id, required: required, pins: list(requiring), fixRows: requiring.count < required,
                    max: units[u].maxCommunities).text))
            }
            if allowedCount < units[u].minCommunities && !forbidding.isEmpty {
                reasons.append(InfeasibilityReason(Message.pinsUnderfillUnit(
                    unit: id, min: units[u].minCommunities, allowed: allowedCount, pins: list(forbidding)).text))
            }
        }

        // The change limit: start pairs that are no longer allowed must go, pinned pairs that are
        // not in the start plan must come.
        if let limit = problem.maxChanges, limit >= 0 {
            var forced = 0
            for p in 0..<problem.from.count where problem.from[p] != problem.fixed[p] {
                if problem.from[p] ? !problem.allowed[p] : problem.fixed[p] { forced += 1 }
            }
            if forced > limit {
                reasons.append(InfeasibilityReason(Message.maxChangesTooSmall(limit: limit, forced: forced).text))
            }
        }
        return reasons
    }
}
