import AllianceModel

/// Reading pairs.csv: forbid / fix / prefer rules on unit–community pairs.
extension InstanceBuilder {
    private struct PairKey: Hashable {
        var unit: String
        var community: String
    }

    /// Rule words accepted in the `rule` column, matched case-insensitively.
    static let ruleWords: [String: String] = [
        "forbid": "forbid", "禁止": "forbid",
        "fix": "fix", "固定": "fix",
        "prefer": "prefer", "优先": "prefer",
    ]

    mutating func readPairs(_ table: CSVTable?) {
        guard let table else { return }
        var fixed: [PairKey: SourceLocation] = [:]
        var forbidden: [PairKey: SourceLocation] = [:]
        for row in table.rows {
            let unit = unitReference(row)
            let community = communityReference(row)
            guard let word = cell({ try row.requiredString("rule") }) else { continue }
            let rule: PairRuleKind
            switch Self.ruleWords[word.lowercased()] {
            case "forbid"?:
                rule = .forbid
            case "fix"?:
                rule = .fix
            case "prefer"?:
                guard row.string("score") != nil else {
                    errors.append(row.error(row.hasColumn("score") ? "score" : "rule", Message.preferNeedsScore.text))
                    continue
                }
                guard let score = cell({ try row.number("score") }) else { continue }
                rule = .prefer(score: score)
            default:
                errors.append(row.error("rule", Message.unknownRule(word: word).text))
                continue
            }
            guard let unit, let community else { continue }
            let key = PairKey(unit: unit, community: community)
            let here = row.location(of: "rule")
            switch rule {
            case .fix:
                if let other = forbidden[key] {
                    errors.append(InputError(here, Message.pairFixedAndForbidden(unit: unit, community: community, forbidFirst: true,
                                                                                   at: other.description).text))
                } else if fixed[key] == nil {
                    fixed[key] = here
                }
            case .forbid:
                if let other = fixed[key] {
                    errors.append(InputError(here, Message.pairFixedAndForbidden(unit: unit, community: community, forbidFirst: false,
                                                                                   at: other.description).text))
                } else if forbidden[key] == nil {
                    forbidden[key] = here
                }
            case .prefer:
                break
            }
            pairs.append(PairRule(orgID: unit, communityID: community, rule: rule, source: row.location(of: "org_id")))
        }
    }
}
