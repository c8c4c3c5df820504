/// The weights of the five objective terms (MODEL.md, stage 1).
public struct Weights: Sendable, Hashable, Codable {
    public var coverage: Double
    public var balance: Double
    public var distance: Double
    public var preference: Double
    public var keep: Double

    public init(coverage: Double = 1, balance: Double = 0.5, distance: Double = 0.2,
                preference: Double = 1, keep: Double = 0.2) {
        self.coverage = coverage
        self.balance = balance
        self.distance = distance
        self.preference = preference
        self.keep = keep
    }

    /// The weight of one term.
    public subscript(term: Term) -> Double {
        get {
            switch term {
            case .coverage: return coverage
            case .balance: return balance
            case .distance: return distance
            case .preference: return preference
            case .keep: return keep
            }
        }
        set {
            switch term {
            case .coverage: coverage = newValue
            case .balance: balance = newValue
            case .distance: distance = newValue
            case .preference: preference = newValue
            case .keep: keep = newValue
            }
        }
    }
}

/// Everything a user can change about stage 1 besides the lists themselves.
public struct PlanningOptions: Sendable {
    public var weights: Weights
    /// τ: an alliance within ±τ of the mean strength costs nothing.
    public var balanceBand: Double
    /// Every community gets exactly one lead unit (the "1" of "1+N").
    public var leadRule: Bool
    /// Pairs farther apart than this are not allowed (fix pairs always are).
    public var maxDistanceKm: Double?
    /// Last year's plan, for the continuity term KEEP.
    public var previousPlan: [Assignment]?
    /// `--candidates k`: each unit only considers its k nearest communities (see `CandidateLimit`).
    public var candidates: Int?
    /// Replaces the derived mean strength S̄ when set. Only for sub-problems of a decomposition
    /// (`StreetDecomposition`), whose blocks must be balanced against the whole problem's mean.
    public var meanStrengthOverride: Double?
    /// `--from plan.csv`: the plan to re-plan from. Unit and community pins keep its pairs, and
    /// `maxChanges` counts the pairs that differ from it (MODEL.md, "Re-planning"). Unlike
    /// `previousPlan` it adds no objective term.
    public var from: [Assignment]?
    /// Pins beyond pairs.csv `fix`: units, communities and leads kept as a person fixed them.
    public var pins: [Pin]
    /// `--max-changes N`: at most N unit–community pairs (after group merging) differ from `from`,
    /// added plus removed; a lead handed to another member of the alliance is no pair change.
    public var maxChanges: Int?

    public init(weights: Weights = Weights(), balanceBand: Double = 0.10, leadRule: Bool = true,
                maxDistanceKm: Double? = nil, previousPlan: [Assignment]? = nil, candidates: Int? = nil,
                from: [Assignment]? = nil, pins: [Pin] = [], maxChanges: Int? = nil) {
        self.candidates = candidates
        self.from = from
        self.pins = pins
        self.maxChanges = maxChanges
        self.weights = weights
        self.balanceBand = balanceBand
        self.leadRule = leadRule
        self.maxDistanceKm = maxDistanceKm
        self.previousPlan = previousPlan
    }
}
