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
            return distinct.count > 5 ? shown + " and \(distinct.count - 5) more" : shown
        }
        func fixNote(_ p: Int) -> String {
            guard let source = problem.fixSources[p] else { return "" }
            return source.map { " (fix at \($0))" } ?? " (fix in pairs.csv)"
        }

        // A pin against pairs.csv, --max-distance-km, or another pin on the same pair.
        for p in problem.pinRequired.keys.sorted() {
            let pin = problem.pinRequired[p]!
            if let source = problem.forbidSources[p] {
                reasons.append(InfeasibilityReason(
                    "\(pin) keeps the pair \(pair(p)), but pairs.csv forbids it"
                        + (source.map { " (forbid at \($0))" } ?? "") + ": drop the pin or the forbid row"))
            } else if let other = problem.pinForbidden[p] {
                let why = pin.kind == .lead ? "needs the pair \(pair(p)) for the lead" : "keeps the pair \(pair(p))"
                reasons.append(InfeasibilityReason(
                    "\(pin) \(why), but \(other) removes it (it is not in the start plan)"))
            }
        }
        for p in problem.pinForbidden.keys.sorted() where problem.fixSources[p] != nil && problem.pinRequired[p] == nil {
            reasons.append(InfeasibilityReason(
                "\(problem.pinForbidden[p]!) removes the pair \(pair(p)) (it is not in the start plan), "
                    + "but pairs.csv fixes it\(fixNote(p)): drop the pin or the fix row"))
        }

        // Leads.
        for c in 0..<nC {
            guard let claims = problem.leadClaims[c] else { continue }
            let id = communities[c].id
            let explicit = claims.filter { !$0.fromStart }
            if !problem.options.leadRule {
                for claim in explicit {
                    reasons.append(InfeasibilityReason(
                        "\(claim.pin) names a lead, but the lead rule is off (--no-lead-rule): drop the pin or the option"))
                }
                continue
            }
            if Set(explicit.map(\.unit)).count > 1 {
                reasons.append(InfeasibilityReason(
                    "community \(id) has lead pins for different units: \(list(explicit.map(\.pin))); keep one"))
            }
            for claim in claims where !units[claim.unit].canLead {
                let what = claim.fromStart
                    ? "\(claim.pin) keeps unit \(units[claim.unit].id) as the lead of community \(id) (as in the start plan)"
                    : "\(claim.pin) makes unit \(units[claim.unit].id) the lead of community \(id)"
                reasons.append(InfeasibilityReason("\(what), but the unit may not lead (column can_lead)"))
            }
            for claim in explicit {
                let p = claim.unit * nC + c
                if problem.forbidSources[p] == nil && problem.pinForbidden[p] == nil && !problem.allowed[p] {
                    reasons.append(InfeasibilityReason(
                        "\(claim.pin) needs the pair \(pair(p)), but it is not allowed (--max-distance-km or --candidates)"))
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
                reasons.append(InfeasibilityReason(
                    "community \(id) must keep \(required) units because of \(list(requiring))"
                        + (requiring.count < required ? " and pairs.csv fix rows" : "")
                        + ", but takes at most \(problem.maxSize[c]) (max_orgs): drop a pin or raise max_orgs"))
            }
            if allowedCount < problem.minSize[c] && !forbidding.isEmpty {
                reasons.append(InfeasibilityReason(
                    "community \(id) needs at least \(problem.minSize[c]) units (min_orgs"
                        + "\(problem.options.leadRule ? ", lead rule" : "")), but only \(allowedCount) may serve it "
                        + "because of \(list(forbidding)): drop a pin or lower min_orgs"))
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
                reasons.append(InfeasibilityReason(
                    "unit \(id) must keep \(required) communities because of \(list(requiring))"
                        + (requiring.count < required ? " and pairs.csv fix rows" : "")
                        + ", but serves at most \(units[u].maxCommunities) (max_communities): "
                        + "drop a pin or raise max_communities"))
            }
            if allowedCount < units[u].minCommunities && !forbidding.isEmpty {
                reasons.append(InfeasibilityReason(
                    "unit \(id) must serve at least \(units[u].minCommunities) communities (min_communities), "
                        + "but only \(allowedCount) are allowed because of \(list(forbidding)): "
                        + "drop a pin or lower min_communities"))
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
                reasons.append(InfeasibilityReason(
                    "--max-changes \(limit) is too small: \(forced) pair\(forced == 1 ? "" : "s") must change anyway "
                        + "(start-plan pairs no longer allowed, fix rows and lead pins not in the start plan)"))
            }
        }
        return reasons
    }
}
