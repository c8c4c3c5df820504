import AllianceModel
import Foundation

/// Random stage-3 lists (`members.csv`, `posts.csv`) for the communities and units of an
/// `Instance`, shaped like a real city's 双报到 lists, for tests, benchmarks and examples. The same
/// generator, instance and seed give the same lists.
///
/// - Members live in communities of very different sizes (log-normal weights: a few communities
///   have several times the average), within about 1 km of their community (planar or lat/lon, as
///   the communities are), with 1–3 skills drawn with skewed frequencies (志愿服务 and 政策宣传
///   common, 法律咨询, 心理疏导, 医疗保健 … rare), capacity 1 for about 85 %, 2–3 for the rest,
///   and a unit (`org_id`) for about 60 %, preferably one near their community.
/// - Posts are spread over the communities (bigger ones get more, less than in proportion), their
///   categories flatter than the members' skills and shifted per category, so that the rare
///   skills are short of members and the common ones have plenty; 1 seat for about 75 %, 2–4 for
///   the rest (about 1.5 seats a post), priority 1–3, about 30 % orders (接单) rather than posts.
public struct PeopleGenerator: Sendable {
    public var members: Int
    public var posts: Int
    /// The number of categories (skills and post categories); the first 12 have Chinese names.
    public var categories: Int = 12
    /// How much rarer each next category is among the members' skills (weights 1 / rank^skew).
    public var skillSkew: Double = 2.5
    /// The post categories' weights are the skills' raised to this power (flatter: rare skills are wanted).
    public var postFlattening: Double = 0.15
    /// Share of members with capacity 2–3.
    public var multiSeatMemberShare: Double = 0.15
    /// Share of members who name their unit.
    public var orgShare: Double = 0.6
    /// Share of posts with 2–4 seats.
    public var multiSeatPostShare: Double = 0.25
    /// Share of rows of kind `order` (接单).
    public var orderShare: Double = 0.3
    /// How far from their community's point members live, at most, in km.
    public var spreadKm: Double = 1

    public init(members: Int, posts: Int) {
        self.members = members
        self.posts = posts
    }

    /// The city of issue #17: 63,000 members and 8,000 posts.
    public static let cityMembers = 63_000
    public static let cityPosts = 8_000
    /// Communities of the city.
    public static let cityCommunities = 84
    /// The seed of the city's communities and units (the benchmarks' M size).
    public static let citySeed: UInt64 = 20_250_102

    /// A generator for `members` members with posts in the city's proportion (8,000 for 63,000).
    public static func scaled(members: Int) -> PeopleGenerator {
        PeopleGenerator(members: members, posts: max(1, (members * cityPosts + cityMembers / 2) / cityMembers))
    }

    /// The city's communities and units: 84 communities and 300 units with planar coordinates in a
    /// 10 × 10 km square (`InstanceGenerator.benchmarkDistrict`, the benchmarks' M size).
    public static func cityInstance(seed: UInt64 = citySeed) -> Instance {
        InstanceGenerator.droppingExcessFixes(
            InstanceGenerator.benchmarkDistrict(communities: cityCommunities, units: 300).generate(seed: seed).instance)
    }

    /// The city of issue #17: its 84 communities and units, 63,000 members and 8,000 posts
    /// (or `members` members and posts in proportion).
    public static func city(members: Int = cityMembers, seed: UInt64 = 1) -> (instance: Instance, lists: PeopleLists) {
        let instance = cityInstance()
        let generator = members == cityMembers ? PeopleGenerator(members: cityMembers, posts: cityPosts) : scaled(members: members)
        return (instance, generator.generate(for: instance, seed: seed))
    }

    /// The names of the first `count` categories, commonest first.
    public static func categoryNames(_ count: Int) -> [String] {
        let names = ["志愿服务", "政策宣传", "环境整治", "文化活动", "助老助残", "治安巡逻",
                     "助学支教", "就业帮扶", "矛盾调解", "法律咨询", "心理疏导", "医疗保健"]
        return (0..<count).map { $0 < names.count ? names[$0] : "类别\($0 + 1)" }
    }

    /// The members' skill weights by category (commonest first).
    public var skillWeights: [Double] { (0..<categories).map { 1 / pow(Double($0 + 1), skillSkew) } }

    /// The lists for `instance`'s communities and units.
    public func generate(for instance: Instance, seed: UInt64) -> PeopleLists {
        var rng = SeededGenerator(seed: seed ^ 0x5EED_0F_9E0_91E)
        let communities = instance.communities
        guard !communities.isEmpty else { return PeopleLists(members: [], posts: []) }
        let names = Self.categoryNames(categories)

        // Community sizes: log-normal, so some communities are several times the average.
        let size = communities.map { _ in exp(0.8 * Self.gaussian(using: &rng)) }
        let memberPick = WeightedPick(size)
        let postPick = WeightedPick(size.map { $0.squareRoot() })
        let skills = WeightedPick(skillWeights)
        // Posts: flatter than the skills, each category shifted by a factor of 0.7–1.5.
        let postPickCategory = WeightedPick(skillWeights.map {
            pow($0, postFlattening) * exp(Double.random(in: log(0.7)...log(1.5), using: &rng))
        })

        // Each community's nearest units (by the community's point), for the members' org_id.
        let nearUnits = Self.nearUnits(instance, count: 8)

        let memberDigits = String(members).count
        var memberList: [Member] = []
        memberList.reserveCapacity(members)
        for i in 0..<members {
            let c = memberPick.draw(using: &rng)
            let community = communities[c]
            let location = community.location.map { Self.near($0, withinKm: spreadKm, using: &rng) }
            let skillCount = Self.draw([0.5, 0.35, 0.15], using: &rng) + 1
            var chosen: [Int] = []
            var attempts = 0
            while chosen.count < min(skillCount, categories), attempts < 50 {
                let r = skills.draw(using: &rng)
                if !chosen.contains(r) { chosen.append(r) }
                attempts += 1
            }
            let capacity = Double.random(in: 0..<1, using: &rng) < multiSeatMemberShare ? Int.random(in: 2...3, using: &rng) : 1
            var orgID: String?
            if Double.random(in: 0..<1, using: &rng) < orgShare, !nearUnits[c].isEmpty {
                // The nearer the unit, the likelier (weights 1, 1/2, 1/3 …).
                let units = nearUnits[c]
                let rank = Self.draw(units.indices.map { 1 / Double($0 + 1) }, using: &rng)
                orgID = instance.organizations[units[rank]].id
            }
            let id = "M" + Self.padded(i + 1, memberDigits)
            memberList.append(Member(id: id, name: Self.personName(using: &rng), homeCommunityID: community.id,
                                     location: location, skills: chosen.sorted().map { names[$0] },
                                     capacity: capacity, orgID: orgID))
        }

        let postDigits = String(posts).count
        var postList: [Post] = []
        postList.reserveCapacity(posts)
        for i in 0..<posts {
            let community = communities[postPick.draw(using: &rng)]
            let category = names[postPickCategory.draw(using: &rng)]
            let seats = Double.random(in: 0..<1, using: &rng) < multiSeatPostShare ? Int.random(in: 2...4, using: &rng) : 1
            let priority = Double(Self.draw([0.6, 0.3, 0.1], using: &rng) + 1)
            let kind: PostKind = Double.random(in: 0..<1, using: &rng) < orderShare ? .order : .post
            let name = community.name + category + (kind == .order ? "服务单" : "岗")
            postList.append(Post(id: "P" + Self.padded(i + 1, postDigits), name: name, communityID: community.id,
                                 category: category, seats: seats, priority: priority, kind: kind))
        }
        return PeopleLists(members: memberList, posts: postList)
    }

    // MARK: Drawing

    /// Draws indexes with given weights by bisection of the cumulative sums.
    struct WeightedPick {
        let cumulative: [Double]

        init(_ weights: [Double]) {
            var total = 0.0
            cumulative = weights.map { total += $0; return total }
        }

        func draw(using rng: inout SeededGenerator) -> Int {
            let x = Double.random(in: 0..<cumulative[cumulative.count - 1], using: &rng)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] <= x { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    static func draw(_ weights: [Double], using rng: inout SeededGenerator) -> Int {
        WeightedPick(weights).draw(using: &rng)
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(using rng: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.leastNormalMagnitude..<1, using: &rng)
        let v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A point uniform in the disc of radius `km` around `center`, rounded to about a metre.
    static func near(_ center: Location, withinKm km: Double, using rng: inout SeededGenerator) -> Location {
        let r = km * Double.random(in: 0..<1, using: &rng).squareRoot()
        let angle = Double.random(in: 0..<(2 * Double.pi), using: &rng)
        let dx = r * cos(angle), dy = r * sin(angle)
        switch center {
        case let .planar(x, y):
            return .planar(x: rounded(x + dx, 3), y: rounded(y + dy, 3))
        case let .geographic(lat, lon):
            let kmPerDegree = Location.earthRadiusKm * Double.pi / 180
            let dLat = dy / kmPerDegree
            let dLon = dx / (kmPerDegree * max(0.01, cos(lat * Double.pi / 180)))
            return .geographic(lat: rounded(lat + dLat, 5), lon: rounded(lon + dLon, 5))
        }
    }

    static func rounded(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Per community, the indexes of its `count` nearest units with coordinates of the same kind;
    /// when units have no coordinates, every unit (so a member may name any).
    static func nearUnits(_ instance: Instance, count: Int) -> [[Int]] {
        let located = instance.organizations.indices.filter { instance.organizations[$0].location != nil }
        return instance.communities.map { community in
            guard let origin = community.location, !located.isEmpty else {
                return Array(instance.organizations.indices.prefix(count))
            }
            let ranked = located.compactMap { o -> (Double, Int)? in
                instance.organizations[o].location.flatMap { origin.distance(to: $0) }.map { ($0, o) }
            }
            guard !ranked.isEmpty else { return Array(instance.organizations.indices.prefix(count)) }
            return ranked.sorted { $0 < $1 }.prefix(count).map(\.1)
        }
    }

    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠桑荆谌银扬明沙薄伏岑习胥保和蔺")
    private static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉玉兰红梅海燕志宏晓东春雷鹏飞新亮波宁俊峰云丹萍婷雪琳颖倩瑞欣悦博宇浩然子轩思雨梓涵一诺嘉怡佳琪")

    /// A Chinese name: a surname and one or two given characters.
    static func personName(using rng: inout SeededGenerator) -> String {
        var name = String(surnames[Int.random(in: 0..<surnames.count, using: &rng)])
        let length = Double.random(in: 0..<1, using: &rng) < 0.35 ? 1 : 2
        for _ in 0..<length { name.append(givenNames[Int.random(in: 0..<givenNames.count, using: &rng)]) }
        return name
    }
}
