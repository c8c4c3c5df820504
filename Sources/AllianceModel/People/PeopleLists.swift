import Foundation

// Stage 3 of the model (docs/MODEL.md, "Stage 3: people to posts"): the party members who report
// to a community (双报到) and the posts and orders they take there (领岗, 接单).

/// A party member (党员) as listed in `members.csv` (sheet 成员).
public struct Member: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The community the member lives in and reports to (双报到); must be in `communities.csv`.
    public var homeCommunityID: String
    /// The member's own coordinates; distances are measured from the home community's when nil.
    public var location: Location?
    /// The categories the member can serve in (政策宣传, 法律咨询 …), as written, in list order.
    public var skills: [String]
    /// How many seats the member can take in the period (≥ 1).
    public var capacity: Int
    /// The unit (单位) the member works for, when given; must be in `organizations.csv`.
    public var orgID: String?
    public var source: SourceLocation?

    public init(id: String, name: String? = nil, homeCommunityID: String, location: Location? = nil,
                skills: [String], capacity: Int = 1, orgID: String? = nil, source: SourceLocation? = nil) {
        self.id = id
        self.name = name ?? id
        self.homeCommunityID = homeCommunityID
        self.location = location
        self.skills = skills
        self.capacity = capacity
        self.orgID = orgID
        self.source = source
    }
}

/// Whether a row of `posts.csv` is a standing post (岗位, 领岗) or a resident's order (订单, 接单).
/// The model treats both alike; the kind is reported.
public enum PostKind: String, Sendable, Hashable, CaseIterable {
    case post
    case order
}

/// A post or order (岗位/订单) as listed in `posts.csv` (sheet 岗位): `seats` members of one
/// category wanted in one community.
public struct Post: Sendable, Hashable {
    public var id: String
    public var name: String
    public var communityID: String
    public var category: String
    /// How many members the post takes (≥ 1).
    public var seats: Int
    /// How much a filled seat is worth relative to others (> 0; default 1).
    public var priority: Double
    public var kind: PostKind
    public var source: SourceLocation?

    public init(id: String, name: String? = nil, communityID: String, category: String, seats: Int = 1,
                priority: Double = 1, kind: PostKind = .post, source: SourceLocation? = nil) {
        self.id = id
        self.name = name ?? id
        self.communityID = communityID
        self.category = category
        self.seats = seats
        self.priority = priority
        self.kind = kind
        self.source = source
    }
}

/// The two lists of stage 3, validated against the stage-1 lists (communities and units known).
public struct PeopleLists: Sendable {
    public var members: [Member]
    public var posts: [Post]
    /// Non-fatal remarks found while reading (e.g. an ignored unknown column).
    public var warnings: [String]

    public init(members: [Member], posts: [Post], warnings: [String] = []) {
        self.members = members
        self.posts = posts
        self.warnings = warnings
    }
}

/// One filled seat: member `memberID` in post `postID`. A matching is a list of these; a member
/// appears at most once per post.
public struct SeatMatch: Sendable, Hashable {
    public var memberID: String
    public var postID: String
    /// Where the match was read from (a row of `people.csv` given with `--from`), for messages.
    public var source: SourceLocation?

    public init(memberID: String, postID: String, source: SourceLocation? = nil) {
        self.memberID = memberID
        self.postID = postID
        self.source = source
    }

    public static func == (a: SeatMatch, b: SeatMatch) -> Bool { a.memberID == b.memberID && a.postID == b.postID }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(memberID)
        hasher.combine(postID)
    }
}
