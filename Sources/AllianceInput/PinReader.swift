import AllianceModel
import Foundation

/// Reads the pins of re-planning (MODEL.md, "Re-planning"): a `pins.csv` file given on its own
/// (not part of the lists folder), `kind,org_id,community_id` (类型, 单位编号, 社区编号), and the
/// command-line forms `--pin-unit ID`, `--pin-community ID`, `--pin-lead COMMUNITY=UNIT`.
///
/// Ids are not checked against an instance here (`Problem.init` does, at each pin's cell;
/// `unknownReferences` reports the same earlier, e.g. for `alliance check`).
public enum PinReader {
    /// Kind words accepted in the `kind` column, matched case-insensitively.
    public static let kindWords: [String: Pin.Kind] = [
        "unit": .unit, "单位": .unit,
        "community": .community, "社区": .community,
        "lead": .lead, "牵头": .lead,
    ]

    /// Reads the pins in `file`. Each pin's source is its `kind` cell; its ids keep their own cells.
    public static func read(file: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> [Pin] {
        try read(CSVTable.read(file: file, encoding: encoding, required: requiredColumns,
                                     optional: optionalColumns, missing: .pinsFileMissing))
    }

    /// Reads pins given as text, `file` naming it in messages.
    public static func read(text: String, file: String = "pins.csv") throws(InputErrors) -> [Pin] {
        try read(CSVTable(text: text, file: file, required: requiredColumns, optional: optionalColumns))
    }

    private static let requiredColumns = ["kind"]
    private static let optionalColumns = ["org_id", "community_id"]

    /// The pins of a table: a unit pin needs `org_id` only, a community pin `community_id` only,
    /// a lead pin both; a repeated pin is an error at its second row.
    private static func read(_ table: CSVTable) throws(InputErrors) -> [Pin] {
        var errors = table.errors
        var pins: [Pin] = []
        var seen: [Pin: SourceLocation] = [:]
        for row in table.missingColumns.isEmpty ? table.rows : [] {
            guard let word = row.string("kind") else {
                errors.append(row.missing("kind"))
                continue
            }
            guard let kind = kindWords[word.lowercased()] else {
                errors.append(row.error("kind", Message.unknownPinKind(word: word).text))
                continue
            }
            let unit = row.string("org_id"), community = row.string("community_id")
            var rowErrors: [InputError] = []
            func require(_ column: String, _ value: String?, _ why: Message.PinRule) {
                guard value == nil else { return }
                rowErrors.append(row.hasColumn(column)
                    ? row.error(column, Message.pinValueMissing(header: row.header(column), why).text)
                    : row.error("kind", Message.pinColumnMissing(
                        why, column: column, alias: ColumnNames.aliases[column]?.first ?? column).text))
            }
            func forbid(_ column: String, _ value: String?, _ why: Message.PinRule) {
                guard let value else { return }
                rowErrors.append(row.error(column, Message.pinValueUnexpected(why, header: row.header(column), found: value).text))
            }
            switch kind {
            case .unit:
                require("org_id", unit, .unitNamesUnit)
                forbid("community_id", community, .unitKeepsAllPairs)
            case .community:
                require("community_id", community, .communityNamesCommunity)
                forbid("org_id", unit, .communityKeepsAlliance)
            case .lead:
                require("community_id", community, .leadNamesCommunity)
                require("org_id", unit, .leadNamesUnit)
            }
            guard rowErrors.isEmpty else {
                errors += rowErrors
                continue
            }
            let pin = Pin(kind: kind, unitID: unit, communityID: community, source: row.location(of: "kind"),
                          unitSource: unit.map { _ in row.location(of: "org_id") },
                          communitySource: community.map { _ in row.location(of: "community_id") })
            var key = pin
            key.source = nil
            key.unitSource = nil
            key.communitySource = nil
            if let first = seen[key] {
                errors.append(InputError(row.location(of: "kind"), Message.pinListedTwice(kind, target: pin.target, first: "\(first)").text))
                continue
            }
            seen[key] = row.location(of: "kind")
            pins.append(pin)
        }
        if !errors.isEmpty { throw InputErrors(InstanceReader.sorted(errors)) }
        return pins
    }

    /// One error per pin naming a unit (organization id or group name) or community that
    /// `instance` does not list, at the pin's id cell (or its option).
    public static func unknownReferences(in pins: [Pin], instance: Instance) -> [InputError] {
        let units = Set(instance.organizations.map(\.id) + instance.organizations.compactMap(\.group))
        let communities = Set(instance.communities.map(\.id))
        var errors: [InputError] = []
        for pin in pins {
            let prefix = pin.option.map { "\($0): " } ?? ""
            if let id = pin.unitID, !units.contains(id) {
                errors.append(InputError(pin.unitSource ?? pin.location, prefix + Message.unknownPinUnit(id: id).text))
            }
            if let id = pin.communityID, !communities.contains(id) {
                errors.append(InputError(pin.communitySource ?? pin.location,
                    prefix + Message.unknownID(.community, id: id, list: "communities.csv").text))
            }
        }
        return errors
    }

    /// A command-line pin option that cannot be read, naming the option as typed.
    public struct OptionError: Error, Sendable, Hashable, CustomStringConvertible {
        public var option: String
        public var message: String
        public var description: String { "\(option): \(message)" }
    }

    /// The pins of the options `--pin-unit ID`, `--pin-community ID` and `--pin-lead COMMUNITY=UNIT`
    /// (each repeatable), in that order; each pin remembers its option for messages.
    public static func pins(units: [String] = [], communities: [String] = [], leads: [String] = []) throws(OptionError) -> [Pin] {
        var pins: [Pin] = []
        for value in units {
            let id = value.trimmingWhitespace(), option = "--pin-unit \(value)"
            guard !id.isEmpty else { throw OptionError(option: "--pin-unit", message: Message.pinExpectsUnit.text) }
            pins.append(.unit(id, option: option))
        }
        for value in communities {
            let id = value.trimmingWhitespace(), option = "--pin-community \(value)"
            guard !id.isEmpty else { throw OptionError(option: "--pin-community", message: Message.pinExpectsCommunity.text) }
            pins.append(.community(id, option: option))
        }
        for value in leads {
            let option = "--pin-lead \(value)"
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw OptionError(option: option, message: Message.pinLeadForm.text)
            }
            let community = String(parts[0]).trimmingWhitespace(), unit = String(parts[1]).trimmingWhitespace()
            guard !community.isEmpty, !unit.isEmpty else {
                throw OptionError(option: option, message: Message.pinLeadBothIDs.text)
            }
            guard !unit.contains("=") else {
                throw OptionError(option: option, message: Message.pinLeadOneEquals.text)
            }
            pins.append(.lead(community: community, unit: unit, option: option))
        }
        return pins
    }
}
