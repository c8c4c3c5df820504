/// What one community's alliance amounts to for a given set of units: the quantities the
/// model's continuous variables take at their best (e_c and cov_{c,r}). Used wherever a plan
/// or an alliance is turned into a solution vector or valued, with the shares and the band of
/// `coefficients`; `Evaluator` keeps its own computation on purpose, as the independent judge.
extension Problem {
    /// e_c: how far S_c = b_c + Σ s_o/k_o lies outside the band (1 ± τ)·S̄.
    package func bandExcess(community c: Int, units: [Int]) -> Double {
        var strength = communities[c].strength
        for u in units { strength += coefficients.strengthShare[u] }
        return coefficients.excess(strength)
    }

    /// cov_{c,r} = min(d_{c,r}, Σ q_{o,r}/k_o) for every need category r.
    package func coveredNeeds(community c: Int, units: [Int]) -> [Double] {
        let nR = categoryCount
        var supply = [Double](repeating: 0, count: nR)
        let share = coefficients.resourceShare
        for u in units {
            for r in 0..<nR { supply[r] += share[u * nR + r] }
        }
        return (0..<nR).map { r in min(need[c * nR + r], supply[r]) }
    }
}
