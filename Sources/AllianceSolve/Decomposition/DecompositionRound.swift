import AllianceModel

/// `DecompositionRound`: the report of one pricing round, handed to `DecompositionOptions.roundLog`.

/// What one pricing round did (see `DecompositionOptions.roundLog`).
public struct DecompositionRound: Sendable {
    /// Whether the round belongs to root column generation (it may then improve the bound).
    public var root: Bool
    /// The smoothing factor the duals were priced at (0: the master LP's own duals).
    public var alpha: Double
    /// Whether the duals were a subgradient step instead (`DecompositionOptions.subgradient`).
    public var subgradientStep: Bool
    /// The Lagrangian bound this round proved (nil when some community ended without a bound).
    public var bound: Double?
    /// The best bound so far and the master LP value the round priced against.
    public var bestBound: Double
    public var masterLP: Double
    /// Communities priced, those whose pricing MIP was not proven optimal, alliances entering.
    public var priced: Int
    public var unproven: Int
    public var entering: Int
    /// Seconds of this round's pricing.
    public var seconds: Double
}
