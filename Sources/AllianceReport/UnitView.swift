import AllianceModel

/// The plan seen from the units, for the people who ask "which communities is my unit in, and
/// how much of what we offer is used?": for every unit (a merged group is one unit), the
/// communities it serves and its role in each, its load against min/max_communities, and per
/// category of its resources the amount it listed and the part its alliances' needs use.
///
/// "Used" is the coverage the model credits to the unit (`Problem.needCoverage`: each need's
/// covered amount shared among the members pro rata to what they bring), summed over the
/// communities it serves, so the units' used amounts add up to the plan's covered needs. Rendered
/// as the 单位视图 sheet of plan.xlsx and the 单位视图 section of report.html.
struct UnitView {
    /// One community a unit serves.
    struct Place {
        var communityID: String
        var communityName: String
        var isLead: Bool
    }

    /// One category of a unit's resources.
    struct Resource {
        var category: String
        /// q_{u,r}: what the unit listed.
        var amount: Double
        /// What its alliances' needs use of it (≤ amount).
        var used: Double
    }

    struct Row {
        var id: String
        var name: String
        /// The organizations of a merged group (empty for a single organization).
        var groupMembers: [String]
        var kind: String
        var strength: Double
        var places: [Place]
        var minCommunities: Int
        var maxCommunities: Int
        var resources: [Resource]

        var load: Int { places.count }
        var leads: Int { places.filter(\.isLead).count }
        var amount: Double { resources.reduce(0) { $0 + $1.amount } }
        var used: Double { resources.reduce(0) { $0 + $1.used } }
        /// Used over listed, over all categories; nil for a unit with no resources.
        var usedShare: Double? { amount > 0 ? used / amount : nil }
    }

    var rows: [Row]

    init(_ report: PlanReport) {
        let problem = report.problem, plan = report.plan
        let orgs = problem.instance.organizations, nR = problem.categoryCount
        let (membersOf, communitiesOf) = plan.membership()
        var used = [Double](repeating: 0, count: problem.unitCount * nR)
        for c in 0..<problem.communityCount {
            for need in problem.needCoverage(community: c, members: membersOf[c]) {
                for provider in need.providers { used[provider.unit * nR + need.category] += provider.covered }
            }
        }
        rows = problem.units.indices.map { u in
            let unit = problem.units[u]
            let first = orgs[unit.members[0]]
            return Row(
                id: unit.id, name: unit.name,
                groupMembers: unit.members.count > 1 ? unit.members.map { orgs[$0].name } : [],
                kind: first.kind ?? "", strength: unit.strength,
                places: communitiesOf[u].map { c in
                    Place(communityID: problem.communities[c].id, communityName: problem.communities[c].name,
                          isLead: plan.lead[c] == u)
                },
                minCommunities: unit.minCommunities, maxCommunities: unit.maxCommunities,
                resources: (0..<nR).compactMap { r in
                    let amount = problem.resource[u * nR + r]
                    return amount > 0 ? Resource(category: problem.categories[r], amount: amount, used: used[u * nR + r]) : nil
                })
        }
    }

    /// "C01 社区名（牵头）、C02 社区名": the communities with the role where the unit leads.
    static func placesText(_ places: [Place]) -> String {
        places.map { "\($0.communityName)\($0.isLead ? "（牵头）" : "")" }.joined(separator: "、")
    }

    /// "医疗 2.5/3；法律 0/2": per category, used over listed.
    static func resourcesText(_ resources: [Resource]) -> String {
        resources.map { "\($0.category) \(formatNumber(rounded($0.used)))/\(formatNumber($0.amount))" }
            .joined(separator: "；")
    }

    /// A used amount to two decimals (the pro-rata parts are fractions).
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
