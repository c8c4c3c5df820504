import AllianceModel

/// What changed between two plans (rows of `plan.csv`), per organization and per community:
/// who joined the plan, who left it, who moved to other communities and whose role changed
/// (lead ↔ member). Works on the plan rows alone, without the lists, so two years' plans can be
/// compared even when units came and went.
public struct PlanDiff: Sendable, Hashable {
    /// How an organization's place in the plan changed.
    public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
        /// In the new plan only.
        case joined
        /// In the old plan only.
        case left
        /// In both, serving a different set of communities.
        case moved
        /// Serving the same communities, with a different role in at least one.
        case roleChanged = "role_changed"
    }

    /// A role that changed in a community the organization serves in both plans.
    public struct RoleChange: Sendable, Hashable, Codable {
        public var community_id: String
        public var old_role: String
        public var new_role: String
    }

    /// One organization whose place changed.
    public struct OrganizationChange: Sendable, Hashable {
        public var orgID: String
        public var change: Change
        /// Communities served in the old plan (old plan's row order), with the role there.
        public var old: [(communityID: String, role: Role)]
        /// Communities served in the new plan (new plan's row order), with the role there.
        public var new: [(communityID: String, role: Role)]
        /// Roles changed where the organization stayed.
        public var roleChanges: [RoleChange]

        public static func == (a: Self, b: Self) -> Bool {
            a.orgID == b.orgID && a.change == b.change && a.roleChanges == b.roleChanges
                && a.old.map(\.communityID) == b.old.map(\.communityID) && a.old.map(\.role) == b.old.map(\.role)
                && a.new.map(\.communityID) == b.new.map(\.communityID) && a.new.map(\.role) == b.new.map(\.role)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(orgID)
            hasher.combine(change)
        }

        /// Communities left (served before, not now) and entered (served now, not before).
        public var leftCommunities: [String] {
            let now = Set(new.map(\.communityID))
            return old.map(\.communityID).filter { !now.contains($0) }
        }
        public var enteredCommunities: [String] {
            let before = Set(old.map(\.communityID))
            return new.map(\.communityID).filter { !before.contains($0) }
        }
    }

    /// One community whose alliance changed.
    public struct CommunityChange: Sendable, Hashable, Codable {
        public var community_id: String
        /// Organizations serving it now that did not before (sorted).
        public var joined: [String]
        /// Organizations that served it before and do not now (sorted).
        public var left: [String]
        /// The lead before and now (nil: none); equal when the lead did not change.
        public var old_lead: String?
        public var new_lead: String?
        /// Organizations that serve it in both plans with a different role.
        public var role_changes: [String]
    }

    /// Changed organizations, sorted by org id.
    public var organizations: [OrganizationChange]
    /// Changed communities, in order of first appearance (old plan, then new plan).
    public var communities: [CommunityChange]
    /// Organizations present in both plans with exactly the same communities and roles.
    public var unchangedCount: Int

    /// Number of organizations with `change`.
    public func count(_ change: Change) -> Int { organizations.filter { $0.change == change }.count }

    /// Compares `old` with `new` rows (as `PlanReader` returns them).
    public init(old: [Assignment], new: [Assignment]) {
        func byOrganization(_ rows: [Assignment]) -> [String: [(communityID: String, role: Role)]] {
            var result: [String: [(communityID: String, role: Role)]] = [:]
            for row in rows { result[row.orgID, default: []].append((row.communityID, row.role)) }
            return result
        }
        let before = byOrganization(old), after = byOrganization(new)
        var organizations: [OrganizationChange] = []
        var unchanged = 0
        for org in Set(before.keys).union(after.keys).sorted() {
            let was = before[org] ?? [], now = after[org] ?? []
            let oldRoles = Dictionary(was.map { ($0.communityID, $0.role) }, uniquingKeysWith: { first, _ in first })
            let roleChanges = now.compactMap { entry -> RoleChange? in
                guard let role = oldRoles[entry.communityID], role != entry.role else { return nil }
                return RoleChange(community_id: entry.communityID, old_role: role.rawValue, new_role: entry.role.rawValue)
            }
            let change: Change
            if was.isEmpty {
                change = .joined
            } else if now.isEmpty {
                change = .left
            } else if Set(was.map(\.communityID)) != Set(now.map(\.communityID)) {
                change = .moved
            } else if !roleChanges.isEmpty {
                change = .roleChanged
            } else {
                unchanged += 1
                continue
            }
            organizations.append(OrganizationChange(orgID: org, change: change, old: was, new: now,
                                                    roleChanges: roleChanges))
        }

        func byCommunity(_ rows: [Assignment]) -> [String: [String: Role]] {
            var result: [String: [String: Role]] = [:]
            for row in rows where result[row.communityID]?[row.orgID] == nil {
                result[row.communityID, default: [:]][row.orgID] = row.role
            }
            return result
        }
        func lead(_ rows: [Assignment], _ community: String) -> String? {
            rows.first { $0.communityID == community && $0.role == .lead }?.orgID
        }
        let oldMembers = byCommunity(old), newMembers = byCommunity(new)
        var order: [String] = [], seen = Set<String>()
        for row in old + new where seen.insert(row.communityID).inserted { order.append(row.communityID) }
        var communities: [CommunityChange] = []
        for community in order {
            let was = oldMembers[community] ?? [:], now = newMembers[community] ?? [:]
            let change = CommunityChange(
                community_id: community,
                joined: now.keys.filter { was[$0] == nil }.sorted(),
                left: was.keys.filter { now[$0] == nil }.sorted(),
                old_lead: lead(old, community), new_lead: lead(new, community),
                role_changes: now.keys.filter { was[$0] != nil && was[$0] != now[$0] }.sorted())
            if !change.joined.isEmpty || !change.left.isEmpty || change.old_lead != change.new_lead
                || !change.role_changes.isEmpty {
                communities.append(change)
            }
        }
        self.organizations = organizations
        self.communities = communities
        self.unchangedCount = unchanged
    }
}

extension PlanDiff {
    /// The diff as `alliance diff --json` writes it (and the workbench's `diff` answer): counts
    /// by change, the unchanged count, every organization's old and new places, every community's
    /// changes. Keys in snake_case.
    public struct Document: Encodable, Sendable {
        public struct Place: Encodable, Sendable {
            public var community_id: String
            public var role: String
        }

        public struct Organization: Encodable, Sendable {
            public var org_id: String
            public var change: String
            public var old: [Place]
            public var new: [Place]
            public var role_changes: [RoleChange]
        }

        public var counts: [String: Int]
        public var unchanged: Int
        public var organizations: [Organization]
        public var communities: [CommunityChange]

        public init(_ diff: PlanDiff) {
            counts = Dictionary(uniqueKeysWithValues: Change.allCases.map { ($0.rawValue, diff.count($0)) })
            unchanged = diff.unchangedCount
            organizations = diff.organizations.map { org in
                Organization(org_id: org.orgID, change: org.change.rawValue,
                             old: org.old.map { Place(community_id: $0.communityID, role: $0.role.rawValue) },
                             new: org.new.map { Place(community_id: $0.communityID, role: $0.role.rawValue) },
                             role_changes: org.roleChanges)
            }
            communities = diff.communities
        }
    }
}
