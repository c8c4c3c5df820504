/// The units a community's pricing problem must consider at given duals: a subset that is
/// guaranteed to contain an optimal alliance, so pricing over it is still exact.
///
/// Write F(P) = value(P) − Σ_{o∈P} π_o. Coverage (Σ_r min(d_r, ·)) and −e_c (concave in the
/// alliance's strength) make F submodular, so adding unit o to any alliance changes F by
///
///     low_o = coef_o − π_o − w_bal·s_o/k_o   at least (coverage never drops, e grows by ≤ s_o/k_o),
///     high_o = coef_o − π_o + (what o adds to the empty alliance)   at most.
///
/// Let T be the U_c units (not fixed to c) with the largest `low`. Any alliance P (|P| ≤ U_c)
/// with a member o outside T has some unit o' ∈ T outside P; swapping o for o' changes F by at
/// least low_{o'} − high_o ≥ t − high_o, where t is the U_c-th largest `low`. So every unit
/// with high_o ≤ t can be swapped away without loss, keeping size, fixed pairs and allowed
/// pairs. Units that may lead are compared against the lead-capable part of T instead, so the
/// swap also keeps a lead. What is left — fixed units, T, and units with high_o > t — holds an
/// optimal alliance.
enum PricingReduction {
    /// Units of `community` (sorted) among which an optimal alliance at `duals` exists; `keep`
    /// units are always included (e.g. the members of a start alliance).
    static func units(community c: Int, duals: [Double], data: CommunityColumns, keep: [Int] = []) -> [Int] {
        let problem = data.problem
        let nC = problem.communityCount, nR = problem.categoryCount
        let candidates = data.candidates[c]
        let size = max(problem.maxSize[c], problem.minSize[c])
        let leadRule = problem.options.leadRule
        let fixed = Set(data.fixedUnits[c])
        let free = candidates.filter { !fixed.contains($0) }
        guard free.count > size else { return candidates }

        let b = problem.communities[c].strength
        let mean = problem.meanStrength, tau = problem.options.balanceBand
        func excess(_ s: Double) -> Double { max(0, s - (1 + tau) * mean, (1 - tau) * mean - s) }
        var low = [Double](repeating: 0, count: problem.unitCount), high = low
        for u in free {
            let linear = data.pairCoefficient[u * nC + c] - duals[u]
            let share = data.strengthShare[u]
            var alone = data.excessWeight * (excess(b) - excess(b + share))
            let k = Double(problem.units[u].maxCommunities)
            for r in 0..<nR where problem.need[c * nR + r] > 0 {
                alone += data.coverageWeight[c * nR + r] * min(problem.need[c * nR + r], problem.resource[u * nR + r] / k)
            }
            low[u] = linear - data.excessWeight * share
            high[u] = linear + alone
        }
        /// The `size` units with the largest `low` among `units`, and the `size`-th largest value.
        func top(_ units: [Int]) -> (members: [Int], threshold: Double)? {
            guard units.count >= size, size > 0 else { return nil }
            let sorted = units.sorted { (low[$0], $1) > (low[$1], $0) }
            return (Array(sorted.prefix(size)), low[sorted[size - 1]])
        }
        guard let all = top(free) else { return candidates }
        let leaders = leadRule ? top(free.filter { problem.units[$0].canLead }) : nil
        if leadRule && leaders == nil { return candidates }

        var kept = fixed.union(keep).union(all.members)
        if let leaders { kept.formUnion(leaders.members) }
        for u in free where !kept.contains(u) {
            let threshold = leadRule && problem.units[u].canLead ? leaders!.threshold : all.threshold
            if high[u] > threshold { kept.insert(u) }
        }
        return candidates.filter(kept.contains)
    }
}
