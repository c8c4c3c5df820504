import AllianceModel
import Foundation

/// Shapes of district that the generator can draw besides its base one, each standing for
/// something real districts have and the base shape lacks (benchmarks/README.md lists them
/// with what they stand for). The family's changes are drawn from a stream of their own, so
/// `.base` is exactly the generator's old output.
public enum InstanceFamily: String, Sendable, CaseIterable, Codable {
    /// The generator as it always was: 4 categories drawn uniformly, strengths uniform 1–8,
    /// 60 % of units may lead, a 10 × 10 km square.
    case base
    /// 14 need categories with skewed frequencies (Zipf: the commonest about 14 times as
    /// frequent as the rarest); communities need 1–4, units offer 1–3 — a district whose 需求
    /// and 资源清单 use a fine catalogue, where most categories are scarce.
    case manyCategories = "many-categories"
    /// Resources barely above the needs in total (105 %) and below them in a quarter of the
    /// categories (85 %), so that covering needs competes with balance and distance.
    case tight
    /// A third of the units serve 2–3 communities (一包多) and more units are bundled into
    /// groups (分包组, as 古冶's 64 units in 57 groups).
    case multi
    /// Streets of very different sizes spread over 30 km, a few very strong units (区直大局,
    /// strength 20–40) among many weak ones, strength by kind of unit, and lead eligibility by
    /// kind (机关 and 事业单位 mostly), so leaders are scarce.
    case uneven
    /// All of the above at once.
    case mixed

    private enum Trait { case manyCategories, tight, multi, uneven }

    private var traits: Set<Trait> {
        switch self {
        case .base: []
        case .manyCategories: [.manyCategories]
        case .tight: [.tight]
        case .multi: [.multi]
        case .uneven: [.uneven]
        case .mixed: [.manyCategories, .tight, .multi, .uneven]
        }
    }

    /// The generator parameters the family sets before the base draws.
    func configure(_ generator: inout InstanceGenerator) {
        if traits.contains(.manyCategories) { generator.categories = 14 }
        if traits.contains(.multi) {
            generator.multiCommunityShare = 1.0 / 3
            generator.groupShare = 0.2
        }
        if traits.contains(.uneven) { generator.areaKm = 30 }
    }

    /// The family's changes to the base draws.
    func reshape(_ drawn: Instance, generator: InstanceGenerator, using rng: inout SeededGenerator) -> Instance {
        var instance = drawn
        if traits.contains(.manyCategories) { Self.skewCategories(&instance, count: generator.categories, using: &rng) }
        if traits.contains(.uneven) { Self.makeUneven(&instance, areaKm: generator.areaKm, using: &rng) }
        if traits.contains(.tight) { Self.tighten(&instance, using: &rng) }
        return instance
    }

    // MARK: The changes

    /// Needs and resources redrawn with Zipf-skewed category frequencies.
    private static func skewCategories(_ instance: inout Instance, count: Int, using rng: inout SeededGenerator) {
        let names = InstanceGenerator.categoryNames(count)
        let weights = (0..<count).map { 1 / Double($0 + 1) }
        instance.needs = instance.communities.flatMap { community in
            draw(weights, Int.random(in: 1...min(4, count), using: &rng), using: &rng).map { r in
                Need(communityID: community.id, category: names[r], amount: Double(Int.random(in: 1...5, using: &rng)),
                     priority: Double(Int.random(in: 1...3, using: &rng)))
            }
        }
        instance.resources = instance.organizations.flatMap { org in
            draw(weights, Int.random(in: 1...min(3, count), using: &rng), using: &rng).map { r in
                Resource(orgID: org.id, category: names[r], amount: Double(Int.random(in: 1...6, using: &rng)))
            }
        }
    }

    /// Streets of very different sizes, clustered over the area; strengths and lead
    /// eligibility by kind, a few very strong units.
    private static func makeUneven(_ instance: inout Instance, areaKm: Double, using rng: inout SeededGenerator) {
        // Streets: weights 1/(i+1)^1.2, every street with at least one community.
        let streetCount = max(3, min(12, instance.communities.count / 8))
        let streetWeights = (0..<streetCount).map { 1 / pow(Double($0 + 1), 1.2) }
        var streetOf = instance.communities.indices.map { _ in draw(streetWeights, 1, using: &rng)[0] }
        // An empty street takes a community from the largest one.
        for s in 0..<streetCount where !streetOf.contains(s) && streetOf.count >= streetCount {
            let sizes = (0..<streetCount).map { t in streetOf.filter { $0 == t }.count }
            let largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
            streetOf[streetOf.lastIndex(of: largest)!] = s
        }
        let centres = (0..<streetCount).map { _ in
            (Double.random(in: 0.15...0.85, using: &rng) * areaKm, Double.random(in: 0.15...0.85, using: &rng) * areaKm)
        }
        // A point near a centre: the mean of three uniform draws, about 2.5 km from it.
        func near(_ centre: (Double, Double)) -> Location {
            func coordinate(_ c: Double) -> Double {
                let spread = (0..<3).map { _ in Double.random(in: -4.5...4.5, using: &rng) }.reduce(0, +) / 3 * 1.7
                return InstanceGenerator.round(min(areaKm, max(0, c + spread)))
            }
            return .planar(x: coordinate(centre.0), y: coordinate(centre.1))
        }
        for c in instance.communities.indices {
            instance.communities[c].street = "街道\(streetOf[c] + 1)"
            if instance.communities[c].location != nil { instance.communities[c].location = near(centres[streetOf[c]]) }
        }
        // Units: near the centre of a street drawn by size; strength and leading by kind.
        let strong = Set((0..<instance.organizations.count).shuffled(using: &rng)
            .prefix(max(2, instance.organizations.count / 20)))
        let leadChance = ["机关": 0.6, "事业": 0.4, "企业": 0.1, "两新": 0.0, "物业": 0.0]
        let strengthRange = ["机关": 3...6, "事业": 2...5, "企业": 1...4, "两新": 1...2, "物业": 1...2]
        for o in instance.organizations.indices {
            let kind = instance.organizations[o].kind ?? "企业"
            if instance.organizations[o].location != nil {
                instance.organizations[o].location = near(centres[draw(streetWeights, 1, using: &rng)[0]])
            }
            if strong.contains(o) {
                instance.organizations[o].kind = "机关"
                instance.organizations[o].strength = Double(Int.random(in: 20...40, using: &rng))
                instance.organizations[o].canLead = true
            } else {
                instance.organizations[o].strength = Double(Int.random(in: strengthRange[kind] ?? 1...4, using: &rng))
                instance.organizations[o].canLead = Double.random(in: 0..<1, using: &rng) < (leadChance[kind] ?? 0.1)
            }
        }
        // Scarce, not missing: leading capacity (by group, as the model merges them) at least
        // 1.1 × the communities; units of other kinds are promoted until it is.
        var order = Array(instance.organizations.indices.filter { !instance.organizations[$0].canLead }.shuffled(using: &rng))
        while leadCapacity(instance) < Int((1.1 * Double(instance.communities.count)).rounded(.up)), let o = order.popLast() {
            instance.organizations[o].canLead = true
        }
    }

    /// How many communities lead-eligible units (groups merged) can serve in all.
    private static func leadCapacity(_ instance: Instance) -> Int {
        var capacity: [String: Int] = [:], leads: Set<String> = []
        for org in instance.organizations {
            let unit = org.group ?? org.id
            if capacity[unit] == nil { capacity[unit] = org.maxCommunities }
            if org.canLead { leads.insert(unit) }
        }
        return leads.reduce(0) { $0 + capacity[$1]! }
    }

    /// Resources scaled per category (to hundredths): a quarter of the needed categories (at least one) to 85 %
    /// of their needs, the others so that all resources come to 105 % of all needs.
    private static func tighten(_ instance: inout Instance, using rng: inout SeededGenerator) {
        var need: [String: Double] = [:], have: [String: Double] = [:]
        for row in instance.needs { need[row.category, default: 0] += row.amount }
        for row in instance.resources { have[row.category, default: 0] += row.amount }
        let needed = need.keys.filter { (have[$0] ?? 0) > 0 }.sorted()
        guard !needed.isEmpty else { return }
        let short = Set(needed.shuffled(using: &rng).prefix(max(1, needed.count / 4)))
        let totalNeed = need.values.reduce(0, +)
        let shortNeed = short.reduce(0) { $0 + need[$1]! }
        let restNeed = needed.filter { !short.contains($0) }.reduce(0) { $0 + need[$1]! }
        let restFactor = restNeed > 0 ? (1.05 * totalNeed - 0.85 * shortNeed) / restNeed : 1
        var factor: [String: Double] = [:]
        for category in needed {
            factor[category] = (short.contains(category) ? 0.85 : restFactor) * need[category]! / have[category]!
        }
        for r in instance.resources.indices {
            guard let f = factor[instance.resources[r].category] else { continue }
            instance.resources[r].amount = max(0.01, InstanceGenerator.round(instance.resources[r].amount * f))
        }
    }

    /// `count` distinct indices drawn with probability proportional to `weights`.
    private static func draw(_ weights: [Double], _ count: Int, using rng: inout SeededGenerator) -> [Int] {
        var left = Array(weights.indices), chosen: [Int] = []
        while chosen.count < count, !left.isEmpty {
            let total = left.reduce(0) { $0 + weights[$1] }
            var x = Double.random(in: 0..<total, using: &rng)
            var pick = left.count - 1
            for (i, index) in left.enumerated() {
                x -= weights[index]
                if x < 0 {
                    pick = i
                    break
                }
            }
            chosen.append(left.remove(at: pick))
        }
        return chosen
    }
}
