/// One scenario of a batch (`alliance solve --scenarios scenarios.csv`): a name and the options
/// it changes — the weights of the objective's terms, the balance band, lexicographic
/// priorities, the time limit and the gap. Whatever a scenario leaves empty keeps the command's
/// value. One array job then covers every district under every scenario (weights, band widths,
/// years), each scenario into a folder of its own.
public struct Scenario: Sendable, Equatable {
    public var name: String
    /// A weight per term the scenario sets; the others keep the command's.
    public var weights: [Term: Double]
    public var balanceBand: Double?
    public var priorities: [Term]?
    public var timeLimit: Double?
    public var gap: Double?
    /// The scenario's row, for messages.
    public var source: SourceLocation?

    public init(name: String, weights: [Term: Double] = [:], balanceBand: Double? = nil, priorities: [Term]? = nil,
                timeLimit: Double? = nil, gap: Double? = nil, source: SourceLocation? = nil) {
        self.name = name
        self.weights = weights
        self.balanceBand = balanceBand
        self.priorities = priorities
        self.timeLimit = timeLimit
        self.gap = gap
        self.source = source
    }

    /// `options` with this scenario's weights and band.
    public func apply(to options: PlanningOptions) -> PlanningOptions {
        var copy = options
        for (term, weight) in weights {
            switch term {
            case .coverage: copy.weights.coverage = weight
            case .balance: copy.weights.balance = weight
            case .distance: copy.weights.distance = weight
            case .preference: copy.weights.preference = weight
            case .keep: copy.weights.keep = weight
            }
        }
        if let balanceBand { copy.balanceBand = balanceBand }
        return copy
    }
}
