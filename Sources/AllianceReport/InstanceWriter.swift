import AllianceModel
import Foundation

/// Writes an `Instance` as the CSV lists `InstanceReader` reads, with canonical headers:
/// how generated instances become folders a user (or a test of the command line) can solve.
public enum InstanceWriter {
    /// The files, name → contents; `projects.csv` and `pairs.csv` only when there are rows.
    public static func files(_ instance: Instance) -> [(name: String, contents: Data)] {
        func number(_ value: Double) -> String { formatNumber(value) }
        func coordinates(_ location: Location?) -> [String] {
            switch location {
            case .planar(let x, let y)?: return [number(x), number(y), "", ""]
            case .geographic(let lat, let lon)?: return ["", "", number(lat), number(lon)]
            case nil: return ["", "", "", ""]
            }
        }
        // The district column (batch planning) only when some row names a district.
        let districts = DistrictSplit.hasDistricts(instance)
        func district(_ name: String?) -> [String] { districts ? [name ?? ""] : [] }
        var files: [(String, String)] = []
        files.append(("communities.csv", CSVWriter.encode(
            header: ["id", "name", "street", "strength", "min_orgs", "max_orgs", "x", "y", "lat", "lon"]
                + (districts ? ["district"] : []),
            rows: instance.communities.map { c in
                [c.id, c.name, c.street ?? "", number(c.strength), c.minOrgs.map(String.init) ?? "",
                 c.maxOrgs.map(String.init) ?? ""] + coordinates(c.location) + district(c.district)
            })))
        files.append(("organizations.csv", CSVWriter.encode(
            header: ["id", "name", "kind", "strength", "can_lead", "min_communities", "max_communities", "group",
                     "x", "y", "lat", "lon"] + (districts ? ["district"] : []),
            rows: instance.organizations.map { o in
                [o.id, o.name, o.kind ?? "", number(o.strength), o.canLead ? "true" : "false",
                 String(o.minCommunities), String(o.maxCommunities), o.group ?? ""] + coordinates(o.location)
                    + district(o.district)
            })))
        files.append(("needs.csv", CSVWriter.encode(
            header: ["community_id", "category", "amount", "priority"],
            rows: instance.needs.map { [$0.communityID, $0.category, number($0.amount), number($0.priority)] })))
        files.append(("resources.csv", CSVWriter.encode(
            header: ["org_id", "category", "amount"],
            rows: instance.resources.map { [$0.orgID, $0.category, number($0.amount)] })))
        if !instance.projects.isEmpty {
            files.append(("projects.csv", CSVWriter.encode(
                header: ["id", "community_id", "name", "category", "amount", "value"],
                rows: instance.projects.map {
                    [$0.id, $0.communityID, $0.name, $0.category, number($0.amount), number($0.value)]
                })))
        }
        if !instance.pairs.isEmpty {
            files.append(("pairs.csv", CSVWriter.encode(
                header: ["org_id", "community_id", "rule", "score"],
                rows: instance.pairs.map { pair in
                    switch pair.rule {
                    case .forbid: return [pair.orgID, pair.communityID, "forbid", ""]
                    case .fix: return [pair.orgID, pair.communityID, "fix", ""]
                    case .prefer(let score): return [pair.orgID, pair.communityID, "prefer", number(score)]
                    }
                })))
        }
        return files.map { ($0.0, Data($0.1.utf8)) }
    }

    /// A plan file (`community_id,org_id,role`) for `--previous` or `evaluate`.
    public static func planCSV(_ assignments: [Assignment]) -> String {
        CSVWriter.encode(header: ["community_id", "org_id", "role"],
                         rows: assignments.map { [$0.communityID, $0.orgID, $0.role.rawValue] })
    }

    /// Writes the lists into `folder`.
    public static func write(_ instance: Instance, to folder: URL) throws {
        try AtomicFiles.write(files(instance), into: folder)
    }
}
