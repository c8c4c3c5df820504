import AllianceModel
import Foundation

/// How a stage-3 matching was found, for `people.json` and the summary.
public struct PeopleRunFacts: Sendable {
    /// `min-cost-flow/scaling` (or `/okalg`, `/relax4`), or `evaluated` for a matching read from a file.
    public var method: String
    /// True when the solver proved the matching optimal (a min-cost flow is optimal when found).
    public var optimal: Bool
    /// The last network solved (nodes, arcs), the arcs of the whole network, and the pricing rounds.
    public var nodes: Int
    public var arcs: Int
    public var candidateArcs: Int
    public var rounds: Int
    /// Seconds in all, and of them in GLPK's network solver.
    public var seconds: Double
    public var solverSeconds: Double

    public init(method: String, optimal: Bool, nodes: Int = 0, arcs: Int = 0, candidateArcs: Int = 0, rounds: Int = 0,
                seconds: Double = 0, solverSeconds: Double = 0) {
        self.method = method
        self.optimal = optimal
        self.nodes = nodes
        self.arcs = arcs
        self.candidateArcs = candidateArcs
        self.rounds = rounds
        self.seconds = seconds
        self.solverSeconds = solverSeconds
    }
}

/// The files of stage 3 (`alliance people`): `people.csv` (one row per filled seat),
/// `posts-open.csv` (seats left empty and why) and `people.json` (the figures for programs).
/// Everything is rendered from the evaluation, which judged the matching from the matches alone.
public struct PeopleReport: Sendable {
    public var problem: PeopleProblem
    public var evaluation: PeopleEvaluation
    public var facts: PeopleRunFacts
    /// Warnings of the run (kept matches dropped), also in `people.json`.
    public var warnings: [String]

    public init(problem: PeopleProblem, evaluation: PeopleEvaluation, facts: PeopleRunFacts, warnings: [String] = []) {
        self.problem = problem
        self.evaluation = evaluation
        self.facts = facts
        self.warnings = warnings
    }

    public static let fileNames = ["people.csv", "posts-open.csv", "people.json"]

    /// The three files; CSV files start with a UTF-8 byte order mark unless `byteOrderMark` is
    /// false, so that Excel reads them as UTF-8. `includeTimings: false` leaves the seconds out of
    /// people.json (byte-identical files for the same input).
    public func files(byteOrderMark: Bool = true, includeTimings: Bool = true) throws -> [(name: String, contents: Data)] {
        [
            ("people.csv", CSVWriter.file(peopleCSV, byteOrderMark: byteOrderMark)),
            ("posts-open.csv", CSVWriter.file(openPostsCSV, byteOrderMark: byteOrderMark)),
            ("people.json", try JSONOutput.encode(document(includeTimings: includeTimings), as: .people)),
        ]
    }

    /// Why a seat went to this member, as short words: `kept` (from `--from`), `home` (the
    /// member's own community), `unit` (the member's unit serves the community), `skill` (none of
    /// these: the best use of a matching skill nearby).
    public static func reason(_ seat: PeopleEvaluation.Seat) -> String {
        var words: [String] = []
        if seat.isKept { words.append("kept") }
        if seat.isHome { words.append("home") }
        if seat.unitServes { words.append("unit") }
        return words.isEmpty ? "skill" : words.joined(separator: ";")
    }

    public var peopleCSV: String {
        let rows = evaluation.seats.map { seat -> [String] in
            let member = problem.members[seat.member], post = problem.posts[seat.post]
            return [member.id, member.name, post.id, post.communityID, post.category,
                    String(format: "%.3f", seat.distanceKm), Self.reason(seat)]
        }
        return CSVWriter.encode(header: ["member_id", "member_name", "post_id", "community_id", "category",
                                         "distance_km", "reason"], rows: rows)
    }

    public var openPostsCSV: String {
        let rows = evaluation.openPosts.map { open -> [String] in
            let post = problem.posts[open.post]
            return [post.id, post.name, post.communityID, post.category, post.kind.rawValue, String(post.seats),
                    String(open.open), open.reason.rawValue]
        }
        return CSVWriter.encode(header: ["post_id", "post_name", "community_id", "category", "kind", "seats",
                                         "open_seats", "reason"], rows: rows)
    }

    /// `people.json` (docs/JSON.md, "people").
    public struct Document: Encodable, Sendable {
        public struct Group: Encodable, Sendable {
            public var id: String
            public var name: String?
            public var seats: Int
            public var filled: Int
        }
        public struct Terms: Encodable, Sendable {
            public var fill: Double
            public var distance: Double
            public var home: Double
            public var unit: Double
        }
        public struct Weights: Encodable, Sendable {
            public var fill: Double
            public var distance: Double
            public var home: Double
            public var unit: Double
        }
        public var objective: Double
        public var optimal: Bool
        public var method: String
        public var valid: Bool
        public var violations: [String]
        public var members: Int
        public var posts: Int
        public var seats: Int
        public var filled: Int
        public var open: Int
        public var kept: Int
        public var terms: Terms
        public var weights: Weights
        public var max_distance_km: Double?
        public var candidates: Int?
        public var by_category: [Group]
        public var by_community: [Group]
        public var open_reasons: [String: Int]
        public var network_nodes: Int
        public var network_arcs: Int
        public var candidate_arcs: Int
        public var pricing_rounds: Int
        public var seconds: Double?
        public var solver_seconds: Double?
        public var warnings: [String]
    }

    public func document(includeTimings: Bool = true) -> Document {
        var categorySeats: [String: Int] = [:], categoryFilled: [String: Int] = [:]
        var communitySeats = [Int](repeating: 0, count: problem.communities.count)
        var communityFilled = communitySeats
        for (p, post) in problem.posts.enumerated() {
            categorySeats[post.category, default: 0] += post.seats
            communitySeats[problem.postCommunity[p]] += post.seats
        }
        for seat in evaluation.seats {
            categoryFilled[problem.posts[seat.post].category, default: 0] += 1
            communityFilled[problem.postCommunity[seat.post]] += 1
        }
        var categories: [String] = []
        for post in problem.posts where !categories.contains(post.category) { categories.append(post.category) }
        var reasons: [String: Int] = [:]
        for open in evaluation.openPosts { reasons[open.reason.rawValue, default: 0] += open.open }
        let terms = evaluation.terms, w = problem.options.weights
        let filled = evaluation.seats.count
        return Document(
            objective: evaluation.objective, optimal: facts.optimal && evaluation.isValid, method: facts.method,
            valid: evaluation.isValid, violations: evaluation.violations,
            members: problem.members.count, posts: problem.posts.count, seats: evaluation.totalSeats,
            filled: filled, open: evaluation.openPosts.reduce(0) { $0 + $1.open },
            kept: evaluation.seats.filter(\.isKept).count,
            terms: .init(fill: terms[.fill] ?? 0, distance: terms[.distance] ?? 0, home: terms[.home] ?? 0, unit: terms[.unit] ?? 0),
            weights: .init(fill: w.fill, distance: w.distance, home: w.home, unit: w.unit),
            max_distance_km: problem.options.maxDistanceKm, candidates: problem.options.candidates,
            by_category: categories.map { .init(id: $0, name: nil, seats: categorySeats[$0] ?? 0, filled: categoryFilled[$0] ?? 0) },
            by_community: problem.communities.indices.filter { communitySeats[$0] > 0 }.map {
                .init(id: problem.communities[$0].id, name: problem.communities[$0].name,
                      seats: communitySeats[$0], filled: communityFilled[$0])
            },
            open_reasons: reasons, network_nodes: facts.nodes, network_arcs: facts.arcs,
            candidate_arcs: facts.candidateArcs, pricing_rounds: facts.rounds,
            seconds: includeTimings ? facts.seconds : nil, solver_seconds: includeTimings ? facts.solverSeconds : nil,
            warnings: warnings)
    }
}
