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

    /// The term names accepted by `--weight name=value`, in report order.
    public static let termNames = ["coverage", "balance", "distance", "preference", "keep"]

    /// Reads or sets a weight by its term name; `nil` for an unknown name.
    public subscript(term name: String) -> Double? {
        get {
            switch name {
            case "coverage": return coverage
            case "balance": return balance
            case "distance": return distance
            case "preference": return preference
            case "keep": return keep
            default: return nil
            }
        }
        set {
            guard let value = newValue else { return }
            switch name {
            case "coverage": coverage = value
            case "balance": balance = value
            case "distance": distance = value
            case "preference": preference = value
            case "keep": keep = value
            default: break
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

    public init(weights: Weights = Weights(), balanceBand: Double = 0.10, leadRule: Bool = true,
                maxDistanceKm: Double? = nil, previousPlan: [Assignment]? = nil) {
        self.weights = weights
        self.balanceBand = balanceBand
        self.leadRule = leadRule
        self.maxDistanceKm = maxDistanceKm
        self.previousPlan = previousPlan
    }
}
