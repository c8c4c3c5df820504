import AllianceModel

/// `PlanPool`: the feasible plans a decomposition run knows (the initial ones, the dive's, the
/// master MIP's), best first, with the phase each came from. The master MIP is offered every one
/// of them as an incumbent; the best is the run's plan.
struct PlanPool {
    struct Entry {
        var plan: Plan
        var objective: Double
        var source: DecompositionPlanSource
    }

    /// Objectives within this of each other count as equal.
    static let tolerance = 1e-12

    /// Best first; among equal objectives, the earlier plan first.
    private(set) var entries: [Entry] = []

    /// The best plan known.
    var best: Entry? { entries.first }

    /// Adds a feasible plan in its place; returns whether it is better than every plan before.
    @discardableResult
    mutating func insert(_ plan: Plan, objective: Double, source: DecompositionPlanSource) -> Bool {
        let improves = objective > (best?.objective ?? -.infinity) + Self.tolerance
        let position = entries.firstIndex { objective > $0.objective + Self.tolerance } ?? entries.count
        entries.insert(Entry(plan: plan, objective: objective, source: source), at: position)
        return improves
    }
}
