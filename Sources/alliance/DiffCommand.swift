import AllianceKit
import ArgumentParser
import Foundation

/// `alliance diff`: what changed between two plans — who moved, joined, left or changed role.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two plans: organizations that moved, joined, left or changed role.",
        discussion: HelpText.discussion("""
            Reads two plan.csv files (community_id, org_id, role; other columns ignored); no lists \
            are needed. Prints a table for people, or --json / --csv for programs. The CSV has one \
            row per change: org_id, change (joined, left, moved_in, moved_out, role_changed), \
            community_id, old_role, new_role.
            """,
            examples: [
                "alliance diff last-year/plan.csv plan/plan.csv",
                "alliance diff old.csv new.csv --csv > changes.csv",
            ],
            exits: [.success, .inputError]))

    @Argument(help: ArgumentHelp("The old plan (plan.csv).", valueName: "old-plan.csv"), completion: .file(extensions: ["csv"]))
    var oldPlan: String

    @Argument(help: ArgumentHelp("The new plan (plan.csv).", valueName: "new-plan.csv"), completion: .file(extensions: ["csv"]))
    var newPlan: String

    @Flag(help: "Print the changes as JSON.")
    var json = false

    @Flag(help: "Print the changes as CSV, one row per change.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError(Message.jsonCsvExclusive.text) }
    }

    func run() throws {
        var errors: [InputError] = []
        var plans: [[Assignment]] = []
        for path in [oldPlan, newPlan] {
            do {
                plans.append(try PlanningInput.readPlan(path))
            } catch let failure as InputErrors {
                errors += failure.errors
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        let diff = PlanDiff(old: plans[0], new: plans[1])
        if json {
            print(try DiffFormat.json(diff), terminator: "")
        } else if csv {
            print(DiffFormat.csv(diff), terminator: "")
        } else {
            print(DiffFormat.text(diff))
        }
    }
}

/// The three ways `diff` prints a `PlanDiff`.
enum DiffFormat {
    /// Tables for people: the counts, the changed organizations, the changed communities (in `Language.current`).
    static func text(_ diff: PlanDiff) -> String {
        var lines = [Message.diffCounts(joined: diff.count(.joined), left: diff.count(.left), moved: diff.count(.moved),
                                        roleChanged: diff.count(.roleChanged), unchanged: diff.unchangedCount).text]
        guard !diff.organizations.isEmpty || !diff.communities.isEmpty else {
            lines.append(Message.diffNoChanges.text)
            return lines.joined(separator: "\n")
        }
        if !diff.organizations.isEmpty {
            lines.append("")
            lines += table([.organization, .change, .before, .after], diff.organizations.map { org in
                [org.orgID, org.change.word, placeList(org.old), placeList(org.new)]
            })
        }
        if !diff.communities.isEmpty {
            lines.append("")
            lines += table([.community, .joined, .left, .lead, .roleChanged], diff.communities.map { c in
                let lead = c.old_lead == c.new_lead ? "" : "\(c.old_lead ?? "—") → \(c.new_lead ?? "—")"
                return [c.community_id, c.joined.joined(separator: " "), c.left.joined(separator: " "), lead,
                        c.role_changes.joined(separator: " ")]
            })
        }
        return lines.joined(separator: "\n")
    }

    /// "C1 (lead), C2" (“C1（牵头）、C2”) — communities with the lead role marked; "—" for none.
    private static func placeList(_ places: [(communityID: String, role: Role)]) -> String {
        places.isEmpty ? "—" : Message.list(places.map { $0.role == .lead ? Message.leadMark($0.communityID).text : $0.communityID }).text
    }

    /// Left-aligned columns under `header`, padded to the widest cell by terminal columns
    /// (`Message.columns`: a Chinese character takes two), as the per-district tables are.
    private static func table(_ header: [Message.Column], _ rows: [[String]]) -> [String] {
        let all = [header.map { Message.column($0).text }] + rows
        let widths = header.indices.map { i in all.map { Message.columns($0[i]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : Message.padded(cell, to: widths[i] + 2)
            }.joined().trimmingCharacters(in: .whitespaces)
        }
    }

    /// One row per change: org_id, change, community_id, old_role, new_role.
    static func csv(_ diff: PlanDiff) -> String {
        var rows: [[String]] = []
        for org in diff.organizations {
            switch org.change {
            case .joined:
                rows += org.new.map { [org.orgID, "joined", $0.communityID, "", $0.role.rawValue] }
            case .left:
                rows += org.old.map { [org.orgID, "left", $0.communityID, $0.role.rawValue, ""] }
            case .moved, .roleChanged:
                let newRole = Dictionary(org.new.map { ($0.communityID, $0.role) }, uniquingKeysWith: { a, _ in a })
                let oldRole = Dictionary(org.old.map { ($0.communityID, $0.role) }, uniquingKeysWith: { a, _ in a })
                rows += org.leftCommunities.map { [org.orgID, "moved_out", $0, oldRole[$0]!.rawValue, ""] }
                rows += org.enteredCommunities.map { [org.orgID, "moved_in", $0, "", newRole[$0]!.rawValue] }
                rows += org.roleChanges.map { [org.orgID, "role_changed", $0.community_id, $0.old_role, $0.new_role] }
            }
        }
        return CSVWriter.encode(header: ["org_id", "change", "community_id", "old_role", "new_role"], rows: rows)
    }

    /// The whole diff as pretty, key-sorted JSON.
    static func json(_ diff: PlanDiff) throws -> String {
        try JSONOutput.text(PlanDiff.Document(diff), as: .diff)
    }
}

extension PlanDiff.Change {
    /// The change in words, for people (in `Language.current`).
    var word: String {
        switch self {
        case .joined: Message.diffChange(.joined).text
        case .left: Message.diffChange(.left).text
        case .moved: Message.diffChange(.moved).text
        case .roleChanged: Message.diffChange(.roleChanged).text
        }
    }
}
