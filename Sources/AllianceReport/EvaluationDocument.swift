import AllianceModel

/// What `evaluate --json` prints for one plan (or one district's part of it).
public struct EvaluationDocument: Encodable, Sendable {
    public var objective: Double
    public var terms: Terms
    public var weights: Weights
    public var feasible: Bool
    public var violations: [String]
    /// Pairs changed from the start plan (`--from`); absent without one.
    public var changes_from_start: Int?

    public init(_ evaluation: Evaluation, problem: Problem) {
        objective = evaluation.objective
        terms = evaluation.terms
        weights = problem.options.weights
        feasible = evaluation.isFeasible
        violations = evaluation.violations.map(\.description)
        changes_from_start = evaluation.changesFromStart
    }
}
