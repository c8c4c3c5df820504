/// Something a person fixed before re-planning (`--pin-unit`, `--pin-community`, `--pin-lead`,
/// or a row of `pins.csv`), kept by every strategy (MODEL.md, "Re-planning").
///
/// - `unit`: the unit keeps all its pairs of the start plan (`PlanningOptions.from`) and no
///   others, and leads where it led there.
/// - `community`: the community keeps its alliance of the start plan: the same units, the same lead.
/// - `lead`: the unit serves the community and leads it; needs no start plan.
///
/// Ids are as the user wrote them (an organization id, or a group name for a merged group);
/// `Problem.init` maps them onto merged units and reports unknown ones at `source`.
public struct Pin: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case unit, community, lead
    }

    public var kind: Kind
    /// The organization id or group name (`unit` and `lead` pins).
    public var unitID: String?
    /// The community id (`community` and `lead` pins).
    public var communityID: String?
    /// The pins.csv cell the pin came from (its `kind` cell); nil for a command-line option.
    public var source: SourceLocation?
    /// The option as typed (`--pin-lead C1=U3`) for a pin from the command line; nil for a file row.
    public var option: String?
    /// The cells of the unit and community ids in pins.csv, where an unknown id is reported
    /// (`source` when not given).
    public var unitSource: SourceLocation?
    public var communitySource: SourceLocation?

    public init(kind: Kind, unitID: String? = nil, communityID: String? = nil,
                source: SourceLocation? = nil, option: String? = nil,
                unitSource: SourceLocation? = nil, communitySource: SourceLocation? = nil) {
        self.kind = kind
        self.unitID = unitID
        self.communityID = communityID
        self.source = source
        self.option = option
        self.unitSource = unitSource
        self.communitySource = communitySource
    }

    /// A unit pin.
    public static func unit(_ id: String, source: SourceLocation? = nil, option: String? = nil) -> Pin {
        Pin(kind: .unit, unitID: id, source: source, option: option)
    }

    /// A community pin.
    public static func community(_ id: String, source: SourceLocation? = nil, option: String? = nil) -> Pin {
        Pin(kind: .community, communityID: id, source: source, option: option)
    }

    /// A lead pin: `unit` leads `community`.
    public static func lead(community: String, unit: String, source: SourceLocation? = nil, option: String? = nil) -> Pin {
        Pin(kind: .lead, unitID: unit, communityID: community, source: source, option: option)
    }

    /// What the pin names, as a user would write it: `U3`, `C1`, `C1=U3`.
    public var target: String {
        switch kind {
        case .unit: return unitID ?? "?"
        case .community: return communityID ?? "?"
        case .lead: return "\(communityID ?? "?")=\(unitID ?? "?")"
        }
    }

    /// Where an error about this pin is located: its pins.csv cell, or `command line:1:1` for an option.
    public var location: SourceLocation {
        source ?? SourceLocation(file: "command line", line: 1, column: 1)
    }

    /// The pin as messages name it: the option (`--pin-unit U3`) or `unit pin U3 (pins.csv:4:1)`.
    public var description: String {
        if let option { return option }
        return Message.pinName(kind, target: target, at: source.map { "\($0)" }).text
    }
}
