import Foundation

/// Where a row came from, so every later message can point a user back to the spreadsheet cell.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the user gave it (e.g. `organizations.csv`); in a workbook, the sheet name
    /// (empty for the workbook as a whole).
    public var file: String
    /// 1-based physical line in the file (a quoted field spanning lines counts every line); in a
    /// workbook, the row number.
    public var line: Int
    /// 1-based column, counted in characters; in a workbook, the column number (A = 1).
    public var column: Int
    /// The workbook (`lists.xlsx`) when the location is a cell of its sheet `file`; nil for CSV files.
    public var workbook: String?

    public init(file: String, line: Int, column: Int, workbook: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.workbook = workbook
    }

    /// `file:line:column` for a CSV file; `workbook:sheet!C12` for a cell, `workbook` alone for the whole workbook.
    public var description: String {
        guard let workbook else { return "\(file):\(line):\(column)" }
        if file.isEmpty { return workbook }
        return "\(workbook):\(CellReference.sheetPrefix(file))\(CellReference.name(row: line, column: column))"
    }
}

/// A point on the map: planar kilometres, or latitude/longitude in degrees.
public enum Location: Sendable, Hashable {
    case planar(x: Double, y: Double)
    case geographic(lat: Double, lon: Double)

    /// Mean Earth radius used for haversine distances, in kilometres.
    public static let earthRadiusKm = 6371.0088

    /// Distance in kilometres: Euclidean for two planar points, haversine for two
    /// geographic ones, and `nil` when the kinds differ (the model then uses 0).
    public func distance(to other: Location) -> Double? {
        switch (self, other) {
        case let (.planar(x1, y1), .planar(x2, y2)):
            let dx = x1 - x2, dy = y1 - y2
            return (dx * dx + dy * dy).squareRoot()
        case let (.geographic(lat1, lon1), .geographic(lat2, lon2)):
            let toRad = Double.pi / 180
            let phi1 = lat1 * toRad, phi2 = lat2 * toRad
            let dPhi = (lat2 - lat1) * toRad, dLambda = (lon2 - lon1) * toRad
            let s1 = sin(dPhi / 2), s2 = sin(dLambda / 2)
            let a = s1 * s1 + cos(phi1) * cos(phi2) * s2 * s2
            return 2 * Location.earthRadiusKm * asin(min(1, a.squareRoot()))
        default:
            return nil
        }
    }
}

/// A community (社区) that receives an alliance, as listed in `communities.csv`.
public struct Community: Sendable, Hashable {
    public var id: String
    public var name: String
    public var street: String?
    /// b_c: strength of the community's own party organization.
    public var strength: Double
    /// Explicit lower bound on units assigned (lead included); `nil` means the balance rule decides.
    public var minOrgs: Int?
    /// Explicit upper bound on units assigned (lead included); `nil` means the balance rule decides.
    public var maxOrgs: Int?
    public var location: Location?
    /// Optional district (区县) for batch planning.
    public var district: String?
    public var source: SourceLocation?

    public init(id: String, name: String? = nil, street: String? = nil, strength: Double = 0,
                minOrgs: Int? = nil, maxOrgs: Int? = nil, location: Location? = nil,
                district: String? = nil, source: SourceLocation? = nil) {
        self.id = id
        self.name = name ?? id
        self.street = street
        self.strength = strength
        self.minOrgs = minOrgs
        self.maxOrgs = maxOrgs
        self.location = location
        self.district = district
        self.source = source
    }
}

/// A unit (单位): a government body, enterprise, institution or other organization, as listed in `organizations.csv`.
public struct Organization: Sendable, Hashable {
    public var id: String
    public var name: String
    /// 机关 / 企业 / 事业 / 两新 / 物业 …: reported, never used by the model.
    public var kind: String?
    /// s_o.
    public var strength: Double
    public var canLead: Bool
    /// m_o: the fewest communities this unit must serve.
    public var minCommunities: Int
    /// k_o: the most communities this unit may serve (一包一 = 1, 一包多 > 1).
    public var maxCommunities: Int
    /// Units sharing a group are merged into one before solving.
    public var group: String?
    public var location: Location?
    public var district: String?
    public var source: SourceLocation?

    public init(id: String, name: String? = nil, kind: String? = nil, strength: Double = 1,
                canLead: Bool = true, minCommunities: Int = 1, maxCommunities: Int = 1,
                group: String? = nil, location: Location? = nil, district: String? = nil,
                source: SourceLocation? = nil) {
        self.id = id
        self.name = name ?? id
        self.kind = kind
        self.strength = strength
        self.canLead = canLead
        self.minCommunities = minCommunities
        self.maxCommunities = maxCommunities
        self.group = group
        self.location = location
        self.district = district
        self.source = source
    }
}

/// One row of the needs list (需求清单): community c needs `amount` of category r.
public struct Need: Sendable, Hashable {
    public var communityID: String
    public var category: String
    public var amount: Double
    public var priority: Double
    public var source: SourceLocation?

    public init(communityID: String, category: String, amount: Double, priority: Double = 1,
                source: SourceLocation? = nil) {
        self.communityID = communityID
        self.category = category
        self.amount = amount
        self.priority = priority
        self.source = source
    }
}

/// One row of the resources list (资源清单): unit o offers `amount` of category r.
public struct Resource: Sendable, Hashable {
    public var orgID: String
    public var category: String
    public var amount: Double
    public var source: SourceLocation?

    public init(orgID: String, category: String, amount: Double, source: SourceLocation? = nil) {
        self.orgID = orgID
        self.category = category
        self.amount = amount
        self.source = source
    }
}

/// One row of the projects list (项目清单), claimed in stage 2.
public struct Project: Sendable, Hashable {
    public var id: String
    public var communityID: String
    public var name: String
    public var category: String
    public var amount: Double
    public var value: Double
    public var source: SourceLocation?

    public init(id: String, communityID: String, name: String? = nil, category: String,
                amount: Double, value: Double = 1, source: SourceLocation? = nil) {
        self.id = id
        self.communityID = communityID
        self.name = name ?? id
        self.category = category
        self.amount = amount
        self.value = value
        self.source = source
    }
}

/// What `pairs.csv` says about one unit–community pair.
public enum PairRuleKind: Sendable, Hashable {
    /// The pair is not allowed.
    case forbid
    /// The pair is required.
    case fix
    /// The pair adds `score` (possibly negative) to PREF when chosen.
    case prefer(score: Double)
}

/// One row of `pairs.csv`.
public struct PairRule: Sendable, Hashable {
    public var orgID: String
    public var communityID: String
    public var rule: PairRuleKind
    public var source: SourceLocation?

    public init(orgID: String, communityID: String, rule: PairRuleKind, source: SourceLocation? = nil) {
        self.orgID = orgID
        self.communityID = communityID
        self.rule = rule
        self.source = source
    }
}

/// The role a unit plays in a community's alliance.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case lead
    case member
}

/// One row of a plan: unit `orgID` serves community `communityID` in `role`.
public struct Assignment: Sendable, Hashable {
    public var orgID: String
    public var communityID: String
    public var role: Role
    public var source: SourceLocation?

    public init(orgID: String, communityID: String, role: Role, source: SourceLocation? = nil) {
        self.orgID = orgID
        self.communityID = communityID
        self.role = role
        self.source = source
    }
}

/// Everything the lists say, validated: ids unique, references resolved, numbers in range.
/// This is the input as the user wrote it, before group merging and options.
public struct Instance: Sendable {
    public var communities: [Community]
    public var organizations: [Organization]
    public var needs: [Need]
    public var resources: [Resource]
    public var projects: [Project]
    public var pairs: [PairRule]
    /// Non-fatal remarks found while reading (e.g. an ignored unknown column), for `alliance check`.
    public var warnings: [String]

    public init(communities: [Community], organizations: [Organization], needs: [Need] = [],
                resources: [Resource] = [], projects: [Project] = [], pairs: [PairRule] = [],
                warnings: [String] = []) {
        self.communities = communities
        self.organizations = organizations
        self.needs = needs
        self.resources = resources
        self.projects = projects
        self.pairs = pairs
        self.warnings = warnings
    }
}
