import AllianceModel
import Foundation

/// Reads a plan CSV as this tool writes it (`community_id,community_name,org_id,org_name,role`),
/// for `--previous` and `evaluate`. Ids are not checked against an instance here: the caller decides
/// whether unknown ids are warnings (a previous year's plan) or errors (see `unknownReferences`).
public enum PlanReader {
    /// One row of a plan: the assignment, and the district named in the optional `district`
    /// column (as a batch solve's combined plan.csv has it) with that cell's location.
    public struct Row: Sendable {
        public var assignment: Assignment
        public var district: String?
        public var districtSource: SourceLocation?
    }

    /// Reads the plan in `file`. Each assignment's source is its `org_id` cell.
    public static func read(file: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> [Assignment] {
        try readRows(file: file, encoding: encoding).map(\.assignment)
    }

    /// Reads a plan given as text, `file` naming it in messages (see `readRows(text:file:)`).
    public static func read(text: String, file: String) throws(InputErrors) -> [Assignment] {
        try readRows(text: text, file: file).map(\.assignment)
    }

    /// Reads the plan in `file` with its `district` column, if any.
    public static func readRows(file: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> [Row] {
        try readRows(CSVTable.read(file: file, encoding: encoding, required: requiredColumns,
                                     optional: optionalColumns, missing: .planFileMissing))
    }

    /// Reads a plan given as text, `file` naming it in messages. Role is `lead`/`member`
    /// (or 牵头/成员), empty meaning member; a repeated (unit, community) row is an error.
    public static func readRows(text: String, file: String) throws(InputErrors) -> [Row] {
        try readRows(CSVTable(text: text, file: file, required: requiredColumns, optional: optionalColumns))
    }

    private static let requiredColumns = ["community_id", "org_id"]
    private static let optionalColumns = ["district", "community_name", "org_name", "role"]

    /// The rows of a plan's table.
    private static func readRows(_ table: CSVTable) throws(InputErrors) -> [Row] {
        var errors = table.errors
        var assignments: [Row] = []
        var seen: [String: SourceLocation] = [:]
        for row in table.missingColumns.isEmpty ? table.rows : [] {
            var unit: String?, community: String?, role = Role.member
            do throws(InputError) {
                community = try row.requiredString("community_id")
                unit = try row.requiredString("org_id")
            } catch {
                errors.append(error)
            }
            if let word = row.string("role") {
                if let parsed = roleWords[word.lowercased()] {
                    role = parsed
                } else {
                    errors.append(row.error("role", Message.unknownRole(word: word).text))
                }
            }
            guard let unit, let community else { continue }
            let here = row.location(of: "org_id")
            let key = unit + "\u{0}" + community
            if let first = seen[key] {
                errors.append(InputError(here, Message.unitListedTwice(unit: unit, community: community, first: first.description).text))
                continue
            }
            seen[key] = here
            let district = row.string("district")
            assignments.append(Row(assignment: Assignment(orgID: unit, communityID: community, role: role, source: here),
                                   district: district, districtSource: district.map { _ in row.location(of: "district") }))
        }
        if !errors.isEmpty { throw InputErrors(InstanceReader.sorted(errors)) }
        return assignments
    }

    /// Role words accepted in the `role` column, matched case-insensitively.
    public static let roleWords: [String: Role] = [
        "lead": .lead, "牵头": .lead, "牵头单位": .lead,
        "member": .member, "成员": .member, "成员单位": .member,
    ]

    /// One error per assignment naming a unit or community that `instance` does not list, located
    /// at the assignment's source (the plan row's `org_id` cell).
    public static func unknownReferences(in assignments: [Assignment], instance: Instance) -> [InputError] {
        let units = Set(instance.organizations.map(\.id))
        let communities = Set(instance.communities.map(\.id))
        var errors: [InputError] = []
        for assignment in assignments {
            let location = assignment.source ?? SourceLocation(file: "plan", line: 1, column: 1)
            if !units.contains(assignment.orgID) {
                errors.append(InputError(location, Message.unknownID(.unit, id: assignment.orgID, list: "organizations.csv").text))
            }
            if !communities.contains(assignment.communityID) {
                errors.append(InputError(location, Message.unknownID(.community, id: assignment.communityID, list: "communities.csv").text))
            }
        }
        return errors
    }
}
