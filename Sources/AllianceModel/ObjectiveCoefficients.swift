/// The objective of MODEL.md (stage 1) as coefficients of the model's quantities, worked out
/// once per `Problem`: the one source that the model builder, the heuristics, the pricing
/// problems, the street blocks, `explain` and `suggest` all read, so a change to a scaling
/// cannot make one of them disagree with the others.
///
/// `Evaluator` does **not** read it: the evaluator recomputes every term from the plan and the
/// definitions on purpose, as the independent judge; a test holds the two together on random
/// instances (`ObjectiveCoefficientsTests`).
///
/// With these, a plan's objective is
///     Σ_{(o,c) chosen} pair[o,c] + Σ_{c,r} coverage[c,r]·min(d_{c,r}, Σ_{o∈c} resourceShare[o,r])
///     − excessWeight · Σ_c excess(S_c),   S_c = b_c + Σ_{o∈c} strengthShare[o].
public struct ObjectiveCoefficients: Sendable {
    /// Coefficient of x_{o,c}: −w_dist·dist/(T_max·D_max) + w_pref·pref + w_keep/|previous|
    /// for a previous pair; indexed like `Problem.allowed` (`u * communityCount + c`).
    public let pair: [Double]
    /// w_keep/|previous|, what keeping one previous pair is worth (0 without a previous plan).
    public let keepBonus: Double
    /// Coefficient of cov_{c,r}: w_cov·π_{c,r}/N_need (0 where there is no need, or N_need = 0);
    /// indexed `c * categoryCount + r`.
    public let coverage: [Double]
    /// w_bal/(|C|·S̄), the cost of one unit of band excess e_c (0 when S̄ = 0). The objective
    /// subtracts it: e_c's column coefficient is `excessCoefficient`.
    public let excessWeight: Double
    /// e_c's column coefficient in the stage-1 model: −excessWeight, and +0 (not −0) when
    /// there is no balance term (S̄ = 0 or no communities), as GLPK has always been given.
    public let excessCoefficient: Double
    /// 1/k_o: the share of a unit (its strength, its resources) that each of its communities gets.
    public let share: [Double]
    /// s_o/k_o: the strength a unit brings to each community it serves.
    public let strengthShare: [Double]
    /// q_{o,r}/k_o: the resource of category r a unit brings to each community it serves;
    /// indexed `u * categoryCount + r`.
    public let resourceShare: [Double]
    /// (1 − τ)·S̄ and (1 + τ)·S̄: the band inside which an alliance's strength costs nothing.
    public let bandLow: Double
    public let bandHigh: Double
    /// T_max·D_max: what DIST divides the summed distance by (0: no coordinates, DIST is 0).
    public let distanceScale: Double
    /// |C|·S̄: what BAL divides the summed excess by (0: BAL is 0).
    public let balanceScale: Double

    /// Works the coefficients out from the derived data of `problem`.
    public init(_ problem: Problem) {
        self.init(units: problem.units, communityCount: problem.communityCount,
                  categoryCount: problem.categoryCount, options: problem.options,
                  distance: problem.distance, preference: problem.preference, previous: problem.previous,
                  resource: problem.resource,
                  previousPairCount: problem.previousPairCount, priority: problem.priority, need: problem.need,
                  totalWeightedNeed: problem.totalWeightedNeed, meanStrength: problem.meanStrength,
                  totalMaxAssignments: problem.totalMaxAssignments, maxDistance: problem.maxDistance)
    }

    /// The same from the parts `Problem.init` has at hand before it is complete.
    init(units: [Unit], communityCount nC: Int, categoryCount nR: Int, options: PlanningOptions,
         distance: [Double], preference: [Double], previous: [Bool], resource: [Double], previousPairCount: Int,
         priority: [Double], need: [Double], totalWeightedNeed: Double, meanStrength mean: Double,
         totalMaxAssignments: Int, maxDistance: Double) {
        let w = options.weights
        let distanceScale = Double(totalMaxAssignments) * maxDistance
        let keepBonus = previousPairCount > 0 ? w.keep / Double(previousPairCount) : 0
        var pair = [Double](repeating: 0, count: units.count * nC)
        // The order of the operations is part of the contract: every solver has always summed
        // distance, preference and keep in this order, and their plans must not move by an ulp.
        for p in pair.indices {
            var coefficient = 0.0
            if distanceScale > 0 { coefficient -= w.distance * distance[p] / distanceScale }
            coefficient += w.preference * preference[p]
            if previousPairCount > 0 && previous[p] { coefficient += keepBonus }
            pair[p] = coefficient
        }
        self.pair = pair
        self.keepBonus = keepBonus
        var coverage = [Double](repeating: 0, count: nC * nR)
        if totalWeightedNeed > 0 {
            for i in coverage.indices where need[i] > 0 { coverage[i] = w.coverage * priority[i] / totalWeightedNeed }
        }
        self.coverage = coverage
        let balanceScale = Double(nC) * mean
        self.balanceScale = mean > 0 && nC > 0 ? balanceScale : 0
        let excessWeight = mean > 0 && nC > 0 ? w.balance / balanceScale : 0
        self.excessWeight = excessWeight
        self.excessCoefficient = mean > 0 && nC > 0 ? -excessWeight : 0
        self.share = units.map { 1.0 / Double($0.maxCommunities) }
        self.strengthShare = units.map { $0.strength / Double($0.maxCommunities) }
        var resourceShare = [Double](repeating: 0, count: units.count * nR)
        for (u, unit) in units.enumerated() {
            let k = Double(unit.maxCommunities)
            for r in 0..<nR { resourceShare[u * nR + r] = resource[u * nR + r] / k }
        }
        self.resourceShare = resourceShare
        let tau = options.balanceBand
        self.bandLow = (1 - tau) * mean
        self.bandHigh = (1 + tau) * mean
        self.distanceScale = distanceScale
    }

    /// e(S): how far strength `s` lies outside the band.
    @inline(__always) public func excess(_ s: Double) -> Double { max(0, s - bandHigh, bandLow - s) }
}
