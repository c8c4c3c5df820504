import AllianceModel

/// Cities of several districts for batch planning: each district drawn by `InstanceGenerator`
/// with its own seed, ids prefixed with the district number (`D3-C12`, `D3-U40`, groups
/// `D3-G2`), every community and unit carrying its district's name.
extension InstanceGenerator {
    /// The combined lists of `districts` districts, each shaped by this generator's parameters,
    /// and the combined previous plan (empty unless `previousPlan` is set).
    public func generateCity(districts: Int, seed: UInt64) -> (instance: Instance, previous: [Assignment]) {
        var city = Instance(communities: [], organizations: [])
        var previous: [Assignment] = []
        for d in 0..<districts {
            let (part, partPrevious) = generate(seed: seed &+ UInt64(d) &* 7919)
            let name = "区\(d + 1)", prefix = "D\(d + 1)-"
            city.communities += part.communities.map { community in
                var copy = community
                copy.id = prefix + community.id
                copy.district = name
                return copy
            }
            city.organizations += part.organizations.map { org in
                var copy = org
                copy.id = prefix + org.id
                copy.group = org.group.map { prefix + $0 }
                copy.district = name
                return copy
            }
            city.needs += part.needs.map { var row = $0; row.communityID = prefix + row.communityID; return row }
            city.resources += part.resources.map { var row = $0; row.orgID = prefix + row.orgID; return row }
            city.projects += part.projects.map { var row = $0; row.id = prefix + row.id; row.communityID = prefix + row.communityID; return row }
            city.pairs += part.pairs.map { var row = $0; row.orgID = prefix + row.orgID; row.communityID = prefix + row.communityID; return row }
            previous += partPrevious.map { var row = $0; row.orgID = prefix + row.orgID; row.communityID = prefix + row.communityID; return row }
        }
        return (city, previous)
    }
}
