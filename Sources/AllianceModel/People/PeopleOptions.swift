import Foundation

/// A term of the stage-3 objective (docs/MODEL.md, "Stage 3").
public enum PeopleTerm: String, Sendable, CaseIterable {
    /// w_fill × priority_p for every filled seat.
    case fill
    /// w_dist × distance_km(m, p), subtracted.
    case distance
    /// w_home when the post is in the member's home community (双报到: serve where you live).
    case home
    /// w_unit when the member's unit serves the post's community in the stage-1 plan (`--plan`).
    case unit
}

/// The weights of the stage-3 objective, set with `--weight fill=…` / `distance=…` / `home=…` /
/// `unit=…`. Defaults: a filled seat of priority 1 is worth 10, each kilometre costs 1, the home
/// community adds 2, the member's unit serving the community adds 3; so a member goes up to 10 km
/// for a priority-1 seat and prefers their own community over one 2 km nearer.
public struct PeopleWeights: Sendable, Hashable {
    public var fill: Double = 10
    public var distance: Double = 1
    public var home: Double = 2
    public var unit: Double = 3

    public init() {}

    public subscript(term: PeopleTerm) -> Double {
        get {
            switch term {
            case .fill: fill
            case .distance: distance
            case .home: home
            case .unit: unit
            }
        }
        set {
            switch term {
            case .fill: fill = newValue
            case .distance: distance = newValue
            case .home: home = newValue
            case .unit: unit = newValue
            }
        }
    }
}

/// What shapes the stage-3 model besides the lists.
public struct PeopleOptions: Sendable {
    public var weights: PeopleWeights
    /// Pairs of a member and a community farther apart than this are not allowed (kept matches excepted).
    public var maxDistanceKm: Double?
    /// Each member only considers the k nearest communities (plus the home community and the
    /// communities of kept matches).
    public var candidates: Int?
    /// The stage-1 plan (`--plan plan.csv`): which unit serves which community, for the unit term.
    public var plan: [Assignment]
    /// Matches to keep (`--from people.csv` without `--reassign`): fixed before the rest is solved.
    public var kept: [SeatMatch]

    public init(weights: PeopleWeights = PeopleWeights(), maxDistanceKm: Double? = nil, candidates: Int? = nil,
                plan: [Assignment] = [], kept: [SeatMatch] = []) {
        self.weights = weights
        self.maxDistanceKm = maxDistanceKm
        self.candidates = candidates
        self.plan = plan
        self.kept = kept
    }
}
