import Foundation

/// Why a post has seats left empty (`posts-open.csv`).
public enum OpenSeatReason: String, Sendable, Hashable, CaseIterable {
    /// No member at all has the post's category among their skills.
    case noSkill = "no_skill"
    /// Members with the skill exist, but none may serve in the post's community (beyond
    /// `--max-distance-km` or outside their `--candidates` nearest) or a seat there is worth
    /// nothing to any of them (the distance costs more than the seat brings).
    case tooFar = "too_far"
    /// Every member who may serve there and would bring a positive value has all their seats taken.
    case allBusy = "all_busy"
    /// A member who may serve there, with a positive value, still has a free seat: the matching
    /// is not optimal (a hand-edited file); never the case for the solver's matchings.
    case unfilled
}

/// A matching judged from the matches and the lists alone (never the solver's variables): every
/// rule checked, the objective recomputed from `PeopleProblem`'s values, the open seats explained.
public struct PeopleEvaluation: Sendable {
    /// One seat as judged: indexes into the problem's lists and what it is worth.
    public struct Seat: Sendable, Hashable {
        public var member: Int
        public var post: Int
        /// In thousandths; 0 for a seat that breaks a rule.
        public var value: Int
        public var distanceKm: Double
        public var isHome: Bool
        public var unitServes: Bool
        /// A kept match (`--from`).
        public var isKept: Bool
    }

    /// A post with seats left empty.
    public struct OpenPost: Sendable, Hashable {
        public var post: Int
        public var open: Int
        public var reason: OpenSeatReason
    }

    /// The seats that obey every rule, in the order of the matches given.
    public var seats: [Seat]
    /// One message per broken rule (unknown id, no skill, not a candidate pair, over capacity,
    /// over seats, a match repeated, a kept match missing). Empty for a valid matching.
    public var violations: [String]
    /// Σ seat values, in thousandths (the rounded model's objective).
    public var objectiveThousandths: Int
    /// The objective in the weights' units.
    public var objective: Double { Double(objectiveThousandths) / Double(PeopleProblem.scale) }
    /// The terms before rounding, each with its sign in the objective: Σ w_fill·priority,
    /// −Σ w_dist·d, Σ w_home, Σ w_unit over the valid seats.
    public var terms: [PeopleTerm: Double]
    public var openPosts: [OpenPost]
    /// Seats offered in all.
    public var totalSeats: Int

    public var isValid: Bool { violations.isEmpty }
}

/// Judges a matching of stage 3 (the independent checker of the written `people.csv`).
public enum PeopleEvaluator {
    /// Judges `matches` against `problem`. `requireKept`: each of the problem's kept matches must be
    /// among them (they were fixed).
    public static func evaluate(_ matches: [SeatMatch], in problem: PeopleProblem, requireKept: Bool = true) -> PeopleEvaluation {
        var violations: [String] = []
        var seats: [PeopleEvaluation.Seat] = []
        var used = [Int](repeating: 0, count: problem.members.count)
        var filled = [Int](repeating: 0, count: problem.posts.count)
        var seen: Set<SeatMatch> = []
        let keptSet = Set(problem.kept.map { SeatMatch(memberID: problem.members[$0.member].id, postID: problem.posts[$0.post].id) })
        func violation(_ match: SeatMatch, _ message: Message) {
            violations.append(match.source.map { "\($0): \(message.text)" } ?? message.text)
        }
        for match in matches {
            guard let m = problem.memberIndex[match.memberID] else {
                violation(match, .peopleUnknownMember(member: match.memberID)); continue
            }
            guard let p = problem.postIndex[match.postID] else {
                violation(match, .peopleUnknownPost(post: match.postID)); continue
            }
            guard seen.insert(match).inserted else {
                violation(match, .peopleRepeatedMatch(member: match.memberID, post: match.postID)); continue
            }
            let post = problem.posts[p]
            guard problem.skills[m].contains(post.category) else {
                violation(match, .peopleSkillMismatch(member: match.memberID, post: match.postID, category: post.category)); continue
            }
            guard let pair = problem.candidate(member: m, community: problem.postCommunity[p]) else {
                violation(match, .peopleNotCandidate(member: match.memberID, community: post.communityID)); continue
            }
            used[m] += 1
            filled[p] += 1
            if used[m] == problem.members[m].capacity + 1 {
                violation(match, .peopleOverCapacity(member: match.memberID, capacity: problem.members[m].capacity))
            }
            if filled[p] == post.seats + 1 {
                violation(match, .peopleOverSeats(post: match.postID, seats: post.seats))
            }
            seats.append(.init(member: m, post: p, value: problem.postValue[p] + pair.value, distanceKm: pair.distanceKm,
                               isHome: pair.isHome, unitServes: pair.unitServes, isKept: keptSet.contains(match)))
        }
        if requireKept {
            for match in problem.kept {
                let key = SeatMatch(memberID: problem.members[match.member].id, postID: problem.posts[match.post].id)
                if !seen.contains(key) {
                    violations.append(Message.peopleKeptMissing(member: key.memberID, post: key.postID).text)
                }
            }
        }
        let w = problem.options.weights
        var terms: [PeopleTerm: Double] = [.fill: 0, .distance: 0, .home: 0, .unit: 0]
        for seat in seats {
            terms[.fill, default: 0] += w.fill * problem.posts[seat.post].priority
            terms[.distance, default: 0] -= w.distance * seat.distanceKm
            if seat.isHome { terms[.home, default: 0] += w.home }
            if seat.unitServes { terms[.unit, default: 0] += w.unit }
        }
        let open = openPosts(problem, used: used, filled: filled, seats: seats)
        return PeopleEvaluation(seats: seats, violations: violations,
                                objectiveThousandths: seats.reduce(0) { $0 + $1.value }, terms: terms,
                                openPosts: open, totalSeats: problem.posts.reduce(0) { $0 + $1.seats })
    }

    /// The posts with empty seats and why, from the members' remaining capacity.
    static func openPosts(_ problem: PeopleProblem, used: [Int], filled: [Int],
                          seats: [PeopleEvaluation.Seat]) -> [PeopleEvaluation.OpenPost] {
        let openIndexes = problem.posts.indices.filter { filled[$0] < problem.posts[$0].seats }
        guard !openIndexes.isEmpty else { return [] }
        let skilled = Set(problem.members.flatMap(\.skills))
        let eligible = problem.eligibleMembers()
        var inPost: [Int: Set<Int>] = [:]
        for seat in seats { inPost[seat.post, default: []].insert(seat.member) }
        return openIndexes.map { p in
            let post = problem.posts[p]
            let open = post.seats - filled[p]
            guard skilled.contains(post.category) else { return .init(post: p, open: open, reason: .noSkill) }
            let key = PeopleProblem.ClassKey(community: problem.postCommunity[p], category: post.category)
            let worth = (eligible[key] ?? []).filter { m in
                guard let pair = problem.candidate(member: m, community: key.community) else { return false }
                return problem.postValue[p] + pair.value > 0 && inPost[p]?.contains(m) != true
            }
            if worth.isEmpty { return .init(post: p, open: open, reason: .tooFar) }
            let free = worth.contains { used[$0] < problem.members[$0].capacity }
            return .init(post: p, open: open, reason: free ? .unfilled : .allBusy)
        }
    }
}
