import AllianceModel

/// Random instances shaped like real districts, for tests and benchmarks: units with strengths
/// and resources, some serving several communities, some bundled into groups, pair rules,
/// planar coordinates and a previous plan. The same parameters and seed give the same instance.
public struct InstanceGenerator: Sendable {
    public var communities: Int
    public var units: Int
    public var categories: Int = 4
    /// Share of units that may serve 2–3 communities (一包多).
    public var multiCommunityShare: Double = 0.2
    /// Share of units bundled into groups of two or three.
    public var groupShare: Double = 0.15
    /// Share of units that may lead.
    public var leadShare: Double = 0.6
    /// Number of each pair rule to draw.
    public var fixPairs: Int = 1
    public var forbidPairs: Int = 2
    public var preferPairs: Int = 2
    public var coordinates: Bool = true
    /// Draw a previous plan (with one stale row naming a unit no longer listed).
    public var previousPlan: Bool = true
    /// The side of the square the points are drawn in, in km.
    public var areaKm: Double = 10
    /// How the instance departs from the base shape (`InstanceFamily`); `.base` draws exactly
    /// what this generator always drew.
    public var family: InstanceFamily = .base

    public init(communities: Int, units: Int) {
        self.communities = communities
        self.units = units
    }

    /// The generator the benchmarks use for every size (`alliance-bench`'s sizes and city
    /// districts, the micro-benchmarks), tuned like a real district: eight need categories, a
    /// fifth of the units serving 2–3 communities (一包多), a tenth bundled into groups, planar
    /// coordinates, pair rules and a previous plan in proportion to the size.
    public static func benchmarkDistrict(communities: Int, units: Int) -> InstanceGenerator {
        var generator = InstanceGenerator(communities: communities, units: units)
        generator.categories = 8
        generator.multiCommunityShare = 0.2
        generator.groupShare = 0.1
        generator.leadShare = 0.6
        generator.fixPairs = max(1, communities / 16)
        generator.forbidPairs = max(2, communities / 8)
        generator.preferPairs = max(2, communities / 16)
        generator.coordinates = true
        generator.previousPlan = true
        return generator
    }

    /// `InstanceGenerator` may draw more `fix` pairs for one unit (or group) than it may serve
    /// (k_o), which makes the instance infeasible; at XL it does. Keeps the first k_o fixes of
    /// each unit and drops the rest.
    public static func droppingExcessFixes(_ instance: Instance) -> Instance {
        var unitKey: [String: String] = [:], limit: [String: Int] = [:]
        for org in instance.organizations {
            let key = org.group ?? org.id
            unitKey[org.id] = key
            if limit[key] == nil { limit[key] = org.maxCommunities }
        }
        var fixed: [String: Set<String>] = [:]
        var copy = instance
        copy.pairs = instance.pairs.filter { pair in
            guard pair.rule == .fix, let key = unitKey[pair.orgID] else { return true }
            var communities = fixed[key, default: []]
            if communities.contains(pair.communityID) { return true }
            guard communities.count < limit[key, default: 1] else { return false }
            communities.insert(pair.communityID)
            fixed[key] = communities
            return true
        }
        return copy
    }

    /// A generator of `family`'s shape: its parameters set as the family says.
    public init(communities: Int, units: Int, family: InstanceFamily) {
        self = InstanceGenerator(communities: communities, units: units).shaped(as: family)
    }

    /// This generator with `family`'s parameters set over its own (`.base` changes nothing).
    public func shaped(as family: InstanceFamily) -> InstanceGenerator {
        var copy = self
        copy.family = family
        family.configure(&copy)
        return copy
    }

    /// The instance and, when asked for, a previous plan for it.
    public func generate(seed: UInt64) -> (instance: Instance, previous: [Assignment]) {
        let (drawn, previous) = generateBase(seed: seed)
        guard family != .base else { return (drawn, previous) }
        // The family's changes draw from their own stream, so the base draws stay as they were.
        var rng = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        return (family.reshape(drawn, generator: self, using: &rng), previous)
    }

    /// The base shape's draws with this generator's parameters.
    private func generateBase(seed: UInt64) -> (instance: Instance, previous: [Assignment]) {
        var rng = SeededGenerator(seed: seed)
        let names = Self.categoryNames(categories)

        var communityList: [Community] = []
        for c in 0..<communities {
            let location = coordinates ? Location.planar(x: Self.round(Double.random(in: 0...areaKm, using: &rng)),
                                                         y: Self.round(Double.random(in: 0...areaKm, using: &rng))) : nil
            communityList.append(Community(id: "C\(c + 1)", name: "社区\(c + 1)", street: "街道\(c % 3 + 1)",
                                           strength: Double(Int.random(in: 0...6, using: &rng)) / 2,
                                           location: location))
        }
        var orgs: [Organization] = []
        var u = 0
        var groupNumber = 0
        while u < units {
            let groupSize = Double.random(in: 0..<1, using: &rng) < groupShare ? min(units - u, Int.random(in: 2...3, using: &rng)) : 1
            let group: String? = groupSize > 1 ? "G\(groupNumber + 1)" : nil
            if groupSize > 1 { groupNumber += 1 }
            for _ in 0..<groupSize {
                let multi = Double.random(in: 0..<1, using: &rng) < multiCommunityShare
                let k = multi ? Int.random(in: 2...3, using: &rng) : 1
                let m = Int.random(in: 0...1, using: &rng)
                let location = coordinates ? Location.planar(x: Self.round(Double.random(in: 0...areaKm, using: &rng)),
                                                             y: Self.round(Double.random(in: 0...areaKm, using: &rng))) : nil
                orgs.append(Organization(id: "U\(u + 1)", name: "单位\(u + 1)", kind: ["机关", "企业", "事业", "两新", "物业"][u % 5],
                                         strength: Double(Int.random(in: 1...8, using: &rng)),
                                         canLead: Double.random(in: 0..<1, using: &rng) < leadShare,
                                         minCommunities: min(m, k), maxCommunities: k, group: group,
                                         location: location))
                u += 1
            }
        }
        var needs: [Need] = []
        for community in communityList {
            for r in (0..<categories).shuffled(using: &rng).prefix(Int.random(in: 1...min(3, categories), using: &rng)) {
                needs.append(Need(communityID: community.id, category: names[r],
                                  amount: Double(Int.random(in: 1...5, using: &rng)),
                                  priority: Double(Int.random(in: 1...3, using: &rng))))
            }
        }
        var resources: [Resource] = []
        for org in orgs {
            for r in (0..<categories).shuffled(using: &rng).prefix(Int.random(in: 1...min(2, categories), using: &rng)) {
                resources.append(Resource(orgID: org.id, category: names[r], amount: Double(Int.random(in: 1...6, using: &rng))))
            }
        }
        var pairs: [PairRule] = []
        var used = Set<[Int]>()
        func drawPair() -> (Int, Int)? {
            for _ in 0..<20 {
                let pair = [Int.random(in: 0..<orgs.count, using: &rng), Int.random(in: 0..<communityList.count, using: &rng)]
                if used.insert(pair).inserted { return (pair[0], pair[1]) }
            }
            return nil
        }
        for (count, rule) in [(fixPairs, PairRuleKind.fix), (forbidPairs, .forbid), (preferPairs, .prefer(score: 0))] {
            for _ in 0..<count {
                guard let (o, c) = drawPair() else { continue }
                var kind = rule
                if case .prefer = rule { kind = .prefer(score: Double(Int.random(in: -2...3, using: &rng)) / 10) }
                pairs.append(PairRule(orgID: orgs[o].id, communityID: communityList[c].id, rule: kind))
            }
        }
        // A fix and a forbid through two members of one group would be an input error: drop such forbids.
        let groupOf = Dictionary(orgs.map { ($0.id, $0.group ?? $0.id) }, uniquingKeysWith: { a, _ in a })
        // A unit (or group) fixed to more communities than it may serve would be infeasible.
        let limitOf = Dictionary(orgs.map { ($0.group ?? $0.id, $0.maxCommunities) }, uniquingKeysWith: { a, _ in a })
        var fixesOf: [String: Set<String>] = [:]
        pairs.removeAll { pair in
            guard pair.rule == .fix else { return false }
            let unit = groupOf[pair.orgID]!
            var communities = fixesOf[unit, default: []]
            guard !communities.contains(pair.communityID) else { return false }
            guard communities.count < limitOf[unit]! else { return true }
            communities.insert(pair.communityID)
            fixesOf[unit] = communities
            return false
        }
        let fixedKeys = Set(pairs.filter { $0.rule == .fix }.map { [groupOf[$0.orgID]!, $0.communityID] })
        pairs.removeAll { $0.rule == .forbid && fixedKeys.contains([groupOf[$0.orgID]!, $0.communityID]) }

        var previous: [Assignment] = []
        if previousPlan {
            for org in orgs where Double.random(in: 0..<1, using: &rng) < 0.5 {
                previous.append(Assignment(orgID: org.id, communityID: communityList.randomElement(using: &rng)!.id,
                                           role: .member))
            }
            previous.append(Assignment(orgID: "GONE", communityID: communityList[0].id, role: .member))
        }
        let instance = Instance(communities: communityList, organizations: orgs, needs: needs,
                                resources: resources, pairs: pairs)
        return (instance, previous)
    }

    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// The names of the first `count` need categories.
    static func categoryNames(_ count: Int) -> [String] {
        let names = ["就业帮扶", "养老服务", "助学支教", "医疗义诊", "法律咨询", "环境整治", "文化活动", "志愿服务"]
        return (0..<count).map { $0 < names.count ? names[$0] : "类别\($0 + 1)" }
    }
}
