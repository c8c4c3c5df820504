import Foundation

/// The stage-3 model's data, derived once from the lists and options (docs/MODEL.md, "Stage 3"):
/// which member may take which post, and what each filled seat is worth. The one source of the
/// stage-3 objective: the flow solver, the evaluator and the written files all read values here.
///
/// Values are integers in thousandths (`PeopleProblem.scale`): the network solvers need integer
/// costs, so the model itself rounds, and the optimum is exact for it. A seat of member m in post
/// p is worth `postValue[p] + pairValue(m, c_p)`, where
/// - `postValue[p] = round(1000 × w_fill × priority_p)` and
/// - `pairValue(m, c) = round(1000 × (−w_dist × d(m, c) + w_home × [c = home_m] + w_unit × [unit_m serves c]))`,
/// each rounded to the nearest integer, halves up (as MathProg's `round`). The two parts are rounded
/// separately so that the flow network can share the post's part among all members of a
/// community and category (a rounding of at most 0.001 per part and seat).
public struct PeopleProblem: Sendable {
    /// Values are in units of 1 / `scale`.
    public static let scale = 1000
    public static let decimalDigits = 3

    /// One community a member may serve in, and what serving there is worth.
    public struct Candidate: Sendable, Hashable {
        /// Index into `communities`.
        public var community: Int
        /// −w_dist × d + w_home × home + w_unit × unit, in thousandths, rounded.
        public var value: Int
        public var distanceKm: Double
        public var isHome: Bool
        public var unitServes: Bool
    }

    public let communities: [Community]
    public let members: [Member]
    public let posts: [Post]
    public let options: PeopleOptions
    /// Index of each post's community in `communities`.
    public let postCommunity: [Int]
    /// The posts of each community, in list order.
    public let postsByCommunity: [[Int]]
    /// Each post's part of a seat's value, in thousandths.
    public let postValue: [Int]
    /// Per member, the communities it may serve in, sorted by community index.
    public let candidates: [[Candidate]]
    /// Per member, its skills as a set.
    public let skills: [Set<String>]
    /// The kept matches (`PeopleOptions.kept`) that hold, as (member, post) indexes, in the order given.
    public let kept: [(member: Int, post: Int)]
    /// One warning per kept match dropped because it no longer fits the lists.
    public let keptWarnings: [String]

    public let memberIndex: [String: Int]
    public let postIndex: [String: Int]
    public let communityIndex: [String: Int]

    /// Derives the model. Throws `InputErrors` when `--candidates` or `--max-distance-km` is given
    /// but a community has no coordinates, or the coordinates mix planar and geographic.
    public init(communities: [Community], lists: PeopleLists, options: PeopleOptions = PeopleOptions()) throws(InputErrors) {
        self.communities = communities
        self.members = lists.members
        self.posts = lists.posts
        self.options = options
        let communityIndex = Dictionary(communities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.communityIndex = communityIndex
        memberIndex = Dictionary(lists.members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        postIndex = Dictionary(lists.posts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        if options.candidates != nil || options.maxDistanceKm != nil {
            try Self.checkCoordinates(communities)
        }
        postCommunity = lists.posts.map { communityIndex[$0.communityID] ?? 0 }
        var byCommunity = [[Int]](repeating: [], count: communities.count)
        for (p, c) in postCommunity.enumerated() where c < communities.count { byCommunity[c].append(p) }
        postsByCommunity = byCommunity
        let w = options.weights
        postValue = lists.posts.map { Self.thousandths(w.fill * $0.priority) }
        skills = lists.members.map { Set($0.skills) }

        // The kept matches that still fit; their communities stay candidates whatever the limits.
        var kept: [(member: Int, post: Int)] = []
        var warnings: [String] = []
        var keptCommunities: [Int: Set<Int>] = [:]
        var used = [Int](repeating: 0, count: lists.members.count)
        var filled = [Int](repeating: 0, count: lists.posts.count)
        var seen: Set<SeatMatch> = []
        for match in options.kept {
            func drop(_ why: Message.KeptMatchProblem) {
                let text = Message.keptMatchDropped(member: match.memberID, post: match.postID, why).text
                warnings.append(match.source.map { "\($0): \(text)" } ?? text)
            }
            guard let m = memberIndex[match.memberID] else { drop(.unknownMember); continue }
            guard let p = postIndex[match.postID] else { drop(.unknownPost); continue }
            guard skills[m].contains(lists.posts[p].category) else { drop(.noSkill); continue }
            guard seen.insert(match).inserted else { drop(.repeated); continue }
            guard used[m] < lists.members[m].capacity else { drop(.memberFull); continue }
            guard filled[p] < lists.posts[p].seats else { drop(.postFull); continue }
            used[m] += 1
            filled[p] += 1
            kept.append((m, p))
            keptCommunities[m, default: []].insert(postCommunity[p])
        }
        self.kept = kept
        keptWarnings = warnings

        // Which community each unit serves in the stage-1 plan.
        var serves: [String: Set<Int>] = [:]
        for pair in options.plan {
            if let c = communityIndex[pair.communityID] { serves[pair.orgID, default: []].insert(c) }
        }
        let locations = communities.map(\.location)
        candidates = lists.members.enumerated().map { m, member in
            let home = communityIndex[member.homeCommunityID]
            let origin = member.location ?? home.flatMap { locations[$0] }
            let distances = locations.map { location -> Double in
                guard let origin, let location else { return 0 }
                return origin.distance(to: location) ?? 0
            }
            var chosen = Array(communities.indices)
            if let limit = options.maxDistanceKm { chosen = chosen.filter { distances[$0] <= limit } }
            if let k = options.candidates, chosen.count > k {
                // Nearest first; ties by list order, so the same lists give the same candidates.
                chosen = Array(chosen.sorted { (distances[$0], $0) < (distances[$1], $1) }.prefix(k))
            }
            var set = Set(chosen)
            if let home { set.insert(home) }
            set.formUnion(keptCommunities[m] ?? [])
            let unitCommunities = member.orgID.flatMap { serves[$0] } ?? []
            return set.sorted().map { c in
                let isHome = c == home
                let unitServes = unitCommunities.contains(c)
                let value = Self.thousandths(-w.distance * distances[c] + (isHome ? w.home : 0) + (unitServes ? w.unit : 0))
                return Candidate(community: c, value: value, distanceKm: distances[c], isHome: isHome, unitServes: unitServes)
            }
        }
    }

    /// `value × 1000` rounded to the nearest integer, halves up (⌊x + 0.5⌋, as MathProg's `round(x, 3)`
    /// does, so that `models/people.mod` computes the same values).
    public static func thousandths(_ value: Double) -> Int {
        Int((value * Double(scale) + 0.5).rounded(.down))
    }

    /// The posts in community c, in list order.
    public func postsIn(community c: Int) -> [Int] { postsByCommunity[c] }

    /// Member m's candidate entry for community c, or nil when c is not among its candidates.
    public func candidate(member m: Int, community c: Int) -> Candidate? {
        let list = candidates[m]
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].community < c { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low].community == c ? list[low] : nil
    }

    /// What member m in post p is worth, in thousandths, or nil when the pair is not allowed
    /// (no matching skill, or the post's community is not among the member's candidates).
    public func value(member m: Int, post p: Int) -> Int? {
        guard skills[m].contains(posts[p].category), let pair = candidate(member: m, community: postCommunity[p]) else {
            return nil
        }
        return postValue[p] + pair.value
    }

    /// Per (community, category): the members who may serve there in that category, in member order.
    /// Built on demand (the solver's network and the open-seat reasons use it).
    public func eligibleMembers() -> [ClassKey: [Int]] {
        var result: [ClassKey: [Int]] = [:]
        let wanted = Set(posts.indices.map { ClassKey(community: postCommunity[$0], category: posts[$0].category) })
        for m in members.indices {
            for pair in candidates[m] {
                for skill in members[m].skills {
                    let key = ClassKey(community: pair.community, category: skill)
                    if wanted.contains(key) { result[key, default: []].append(m) }
                }
            }
        }
        return result
    }

    /// A community and a category: the posts that members cannot tell apart but by priority.
    public struct ClassKey: Sendable, Hashable {
        public var community: Int
        public var category: String

        public init(community: Int, category: String) {
            self.community = community
            self.category = category
        }
    }

    private static func checkCoordinates(_ communities: [Community]) throws(InputErrors) {
        var errors: [InputError] = []
        for community in communities where community.location == nil {
            errors.append(InputError(community.source ?? SourceLocation(file: "communities.csv", line: 1, column: 1),
                                     Message.peopleNeedCommunityCoordinates(community: community.id).text))
        }
        let kinds = Set(communities.compactMap { community -> Bool? in
            guard let location = community.location else { return nil }
            if case .planar = location { return true }
            return false
        })
        if errors.isEmpty, kinds.count > 1 {
            errors.append(InputError(SourceLocation(file: "communities.csv", line: 1, column: 1),
                                     Message.candidatesNeedOneCoordinateKind.text))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
