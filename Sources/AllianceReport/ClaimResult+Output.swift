import AllianceModel
import Foundation

/// The numbers `plan.json` and `claims.json` give about stage 2.
public struct ClaimSummary: Encodable, Sendable, Hashable {
    public var claimed_value: Double
    public var total_value: Double
    public var claimed_count: Int
    public var unclaimed_count: Int
    /// Unclaimed projects per reason (`no_member_has_category`, `not_enough_resource`, `no_alliance`),
    /// every reason listed.
    public var unclaimed_by_reason: [String: Int]
    /// Whether every community's claiming MIP was proven optimal.
    public var all_optimal: Bool
}

extension ClaimResult {
    /// Header of `projects.csv`: the project, who claimed it (empty when nobody did) and its
    /// status — `claimed`, or the reason it was not.
    public static let projectsHeader = ["project_id", "project_name", "community_id", "org_id", "org_name",
                                        "category", "amount", "value", "status"]

    /// The word in the `status` column for a claimed project.
    public static let claimedStatus = "claimed"

    /// Number of unclaimed projects with `reason`.
    public func unclaimedCount(_ reason: UnclaimedReason) -> Int {
        unclaimed.filter { $0.reason == reason }.count
    }

    public var summary: ClaimSummary {
        let byReason = Dictionary(uniqueKeysWithValues: UnclaimedReason.allCases.map { ($0.rawValue, unclaimedCount($0)) })
        return ClaimSummary(claimed_value: claimedValue, total_value: totalValue, claimed_count: claims.count,
                            unclaimed_count: unclaimed.count, unclaimed_by_reason: byReason,
                            all_optimal: allOptimal)
    }

    /// `projects.csv`: one row per project, by community (in the order of `communities`), then
    /// project id.
    public func projectsCSV(communities: [Community]) -> String {
        let position = Dictionary(communities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [(key: (Int, String), cells: [String])] = []
        for claim in claims {
            rows.append(((position[claim.communityID] ?? Int.max, claim.projectID),
                         [claim.projectID, claim.projectName, claim.communityID, claim.orgID, claim.orgName,
                          claim.category, formatNumber(claim.amount), formatNumber(claim.value), Self.claimedStatus]))
        }
        for project in unclaimed {
            rows.append(((position[project.communityID] ?? Int.max, project.projectID),
                         [project.projectID, project.projectName, project.communityID, "", "",
                          project.category, formatNumber(project.amount), formatNumber(project.value),
                          project.reason.rawValue]))
        }
        rows.sort { $0.key < $1.key }
        return CSVWriter.encode(header: Self.projectsHeader, rows: rows.map(\.cells))
    }

    /// The summary as pretty, key-sorted JSON ending in a newline.
    public func summaryJSON() throws -> Data {
        try JSONOutput.encode(summary, as: .claims)
    }
}
