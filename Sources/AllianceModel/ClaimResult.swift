/// Stage 2 (领单): which member of each alliance claims which of its community's projects.
///
/// Produced by `ProjectClaiming.claim` after stage 1 (or by `alliance claim` on a given plan) and
/// read by every output: `projects.csv`, `plan.json`, the workbook and the HTML report.
public struct ClaimResult: Sendable, Hashable {
    /// Claimed projects, in the order of `projects.csv` (community order, then project id).
    public var claims: [ProjectClaim]
    /// Projects nobody claimed, each with the reason, in the same order.
    public var unclaimed: [UnclaimedProject]
    /// Whether every community's claiming MIP was solved to proven optimality.
    public var allOptimal: Bool

    public init(claims: [ProjectClaim], unclaimed: [UnclaimedProject], allOptimal: Bool) {
        self.claims = claims
        self.unclaimed = unclaimed
        self.allOptimal = allOptimal
    }

    /// Σ value of the claimed projects.
    public var claimedValue: Double { claims.reduce(0) { $0 + $1.value } }
    /// Σ value of all projects (claimed or not).
    public var totalValue: Double { claimedValue + unclaimed.reduce(0) { $0 + $1.value } }
}

/// One project claimed by one organization.
public struct ProjectClaim: Sendable, Hashable {
    public var projectID: String
    public var projectName: String
    public var communityID: String
    /// The claiming organization (for a merged group: its first-listed member).
    public var orgID: String
    public var orgName: String
    public var category: String
    public var amount: Double
    public var value: Double

    public init(projectID: String, projectName: String, communityID: String, orgID: String, orgName: String,
                category: String, amount: Double, value: Double) {
        self.projectID = projectID
        self.projectName = projectName
        self.communityID = communityID
        self.orgID = orgID
        self.orgName = orgName
        self.category = category
        self.amount = amount
        self.value = value
    }
}

/// Why a project stayed unclaimed.
public enum UnclaimedReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// No member of the community's alliance has any of the project's category.
    case noMemberHasCategory = "no_member_has_category"
    /// Members have the category, but their shares are too small or already used by other projects.
    case notEnoughResource = "not_enough_resource"
    /// The community has no alliance in the plan (nobody assigned to it).
    case noAlliance = "no_alliance"
}

/// A project nobody claimed.
public struct UnclaimedProject: Sendable, Hashable {
    public var projectID: String
    public var projectName: String
    public var communityID: String
    public var category: String
    public var amount: Double
    public var value: Double
    public var reason: UnclaimedReason

    public init(projectID: String, projectName: String, communityID: String, category: String,
                amount: Double, value: Double, reason: UnclaimedReason) {
        self.projectID = projectID
        self.projectName = projectName
        self.communityID = communityID
        self.category = category
        self.amount = amount
        self.value = value
        self.reason = reason
    }
}
