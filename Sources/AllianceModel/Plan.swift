/// A stage-1 plan at the level of merged units: who serves where (x) and who leads (y).
///
/// This is what strategies produce and the evaluator judges. `assignments(in:)` expands it to
/// the organization level written to `plan.csv`; `Plan(assignments:in:)` reads such rows back.
public struct Plan: Sendable, Hashable {
    public let unitCount: Int
    public let communityCount: Int
    /// x: `assigned[u * communityCount + c]`.
    public var assigned: [Bool]
    /// y: the lead unit of each community, or `nil`.
    public var lead: [Int?]

    /// An empty plan: nobody assigned, no leads.
    public init(unitCount: Int, communityCount: Int) {
        self.unitCount = unitCount
        self.communityCount = communityCount
        self.assigned = [Bool](repeating: false, count: unitCount * communityCount)
        self.lead = [Int?](repeating: nil, count: communityCount)
    }

    public subscript(unit u: Int, community c: Int) -> Bool {
        get { assigned[u * communityCount + c] }
        set { assigned[u * communityCount + c] = newValue }
    }

    /// Every community's units and every unit's communities, in index order: one pass over the
    /// plan instead of `units(of:)` for every community and `communities(of:)` for every unit.
    public func membership() -> (unitsOf: [[Int]], communitiesOf: [[Int]]) {
        var unitsOf = [[Int]](repeating: [], count: communityCount)
        var communitiesOf = [[Int]](repeating: [], count: unitCount)
        for u in 0..<unitCount {
            let base = u * communityCount
            for c in 0..<communityCount where assigned[base + c] {
                unitsOf[c].append(u)
                communitiesOf[u].append(c)
            }
        }
        return (unitsOf, communitiesOf)
    }

    /// Units serving community `c`, in unit order.
    public func units(of c: Int) -> [Int] {
        (0..<unitCount).filter { assigned[$0 * communityCount + c] }
    }

    /// Communities served by unit `u`, in community order.
    public func communities(of u: Int) -> [Int] {
        (0..<communityCount).filter { assigned[u * communityCount + $0] }
    }

    /// The organization-level rows of this plan, sorted as `plan.csv` wants them: by community
    /// (in listed order), lead first, then by unit id. Every organization of a merged group is
    /// listed; the group's first-listed member takes the lead role.
    public func assignments(in problem: Problem) -> [Assignment] {
        var rows: [Assignment] = []
        let orgs = problem.instance.organizations
        for c in 0..<communityCount {
            let communityID = problem.communities[c].id
            var leadRows: [Assignment] = []
            var memberRows: [Assignment] = []
            for u in units(of: c) {
                for (position, o) in problem.units[u].members.enumerated() {
                    let isLead = lead[c] == u && position == 0
                    let row = Assignment(orgID: orgs[o].id, communityID: communityID,
                                         role: isLead ? .lead : .member)
                    if isLead { leadRows.append(row) } else { memberRows.append(row) }
                }
            }
            memberRows.sort { $0.orgID < $1.orgID }
            rows += leadRows + memberRows
        }
        return rows
    }
}
