import AllianceModel

/// `Stabilization`: where root column generation prices, kept apart from the solver so it can be
/// tested on hand-computed numbers. It holds the stability center (the unit prices π_stab that
/// gave the best Lagrangian bound so far) and computes Wentges smoothing with mispricing and the
/// Polyak subgradient step from that center. Pure: no GLPK, no clock, no threads.
///
/// With a change limit every price vector ends with ρ, the change row's price (see
/// `CommunityColumns.changeLimited`); smoothing and the step treat it like the units' prices, and
/// the caller projects the result onto ρ ≥ 0 (`CommunityColumns.projected`), where the
/// Lagrangian bound is valid. The ρ component of the gradient is Σ_c changes_c − cap (`record`).
///
/// The master LP's duals jump between degenerate vertices, so pricing at them directly converges
/// slowly; pricing near the best prices found so far pays (see `DecompositionOptions.smoothing`
/// and `DecompositionOptions.subgradient`).
struct Stabilization: Sendable {
    /// π_stab: the prices of the best Lagrangian bound so far (nil before the first bound).
    private(set) var center: [Double]? = nil
    /// count_o − t_o at the center: how many communities' best alliances use unit o, minus the
    /// t_o ∈ [lower, upper] that attains max(π_o·lower, π_o·upper) (`gradient(duals:alliances:lower:upper:)`).
    /// It is a subgradient of the Lagrangian bound with its sign flipped, so a small step along it
    /// lowers the bound.
    private(set) var gradient: [Double]? = nil
    /// Polyak step factor θ, halved whenever a subgradient step fails to improve the bound.
    private(set) var stepFactor = 1.0

    /// Below this step factor no subgradient step is taken any more.
    static let minimumStepFactor = 1e-3

    /// Moves the center to `duals` (they gave a new best bound), with its `gradient`.
    mutating func moveCenter(to duals: [Double], gradient: [Double]) {
        center = duals
        self.gradient = gradient
    }

    /// Halves the Polyak step factor θ (a subgradient step did not improve the bound).
    mutating func halveStep() { stepFactor /= 2 }

    // MARK: Wentges smoothing

    /// The smoothing factor α after `misprices` mispriced rounds at one master LP solution:
    /// `smoothing` first, then 1 − (misprices + 1)·(1 − smoothing), down to 0 (the master's own
    /// duals, exact pricing); always 0 without a center.
    func alpha(smoothing: Double, misprices: Int) -> Double {
        center == nil ? 0 : max(0, 1 - Double(misprices + 1) * (1 - smoothing))
    }

    /// α·π_stab + (1−α)·π_LP, or `duals` (π_LP) themselves when α = 0 or there is no center.
    func smoothed(_ duals: [Double], alpha: Double) -> [Double] {
        guard let center, alpha > 0 else { return duals }
        return (0..<duals.count).map { alpha * center[$0] + (1 - alpha) * duals[$0] }
    }

    /// Auto-adaptive smoothing (Pessoa, Sadykov, Uchoa and Vanderbeck, "Automation and
    /// combination of linear-programming based stabilization techniques in column generation",
    /// 2018): the factor for the next round after one priced at `alpha` between the center and
    /// the master's duals `lpDuals`, given the sign-flipped subgradient `gradient` (count − t, as
    /// `gradient(duals:alliances:lower:upper:)`) at the priced point. When g·(π_LP − π_stab) > 0
    /// a step from the priced point towards π_LP lowers the bound, so α falls by 0.1 (to 0 at
    /// least); otherwise it rises by a tenth of its distance to 1 (to `maximumAlpha` at
    /// most). Without a center α stays.
    func adaptedAlpha(_ alpha: Double, gradient: [Double], lpDuals: [Double]) -> Double {
        guard let center, gradient.count == center.count, lpDuals.count == center.count else { return alpha }
        var slope = 0.0
        for o in center.indices { slope += gradient[o] * (lpDuals[o] - center[o]) }
        return slope > 0 ? max(0, alpha - 0.1) : min(Self.maximumAlpha, alpha + 0.1 * (1 - alpha))
    }

    /// The largest smoothing factor, fixed (`DecompositionOptions.smoothing` is capped there) or
    /// reached by auto-adaptive smoothing.
    static let maximumAlpha = 0.99

    // MARK: Polyak subgradient step

    /// π_stab + θ·(bound − target)/‖g‖²·g (a Polyak step towards the `target` objective, the best
    /// plan's), or nil without a center, a target, a nonzero gradient, a positive gap, or once θ
    /// fell to `minimumStepFactor`.
    func subgradientPoint(bound: Double, target: Double?) -> [Double]? {
        guard let center, let g = gradient, let target, stepFactor > Self.minimumStepFactor else { return nil }
        let norm = g.reduce(0) { $0 + $1 * $1 }
        let gap = bound - target
        guard norm > 0, gap > 0 else { return nil }
        let step = stepFactor * gap / norm
        return center.indices.map { center[$0] + step * g[$0] }
    }

    /// count_o − t_o for every unit o, where count_o is how many of `alliances` (each community's
    /// best alliance at `duals`, as unit lists) use o, and t_o ∈ [lower_o, upper_o] attains
    /// max(π_o·lower_o, π_o·upper_o): upper for π_o > 0, lower for π_o < 0, and for π_o = 0 the
    /// count projected onto [lower_o, upper_o] (any t_o attains the max; that one makes g_o 0 when it can).
    static func gradient(duals: [Double], alliances: [[Int]], lower: [Int], upper: [Int]) -> [Double] {
        var count = [Double](repeating: 0, count: duals.count)
        for units in alliances {
            for u in units { count[u] += 1 }
        }
        return count.indices.map { u in
            let lower = Double(lower[u]), upper = Double(upper[u])
            let t = duals[u] > 0 ? upper : duals[u] < 0 ? lower : min(max(count[u], lower), upper)
            return count[u] - t
        }
    }
}
