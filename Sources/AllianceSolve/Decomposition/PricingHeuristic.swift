import AllianceModel

/// A fast pricing heuristic: best-improvement local search on value(P) − Σ_{o∈P} π_o
/// (− ρ·changes_c(P) with a change limit, `CommunityColumns.score`) over
/// alliances feasible for one community (add a unit, drop one, swap one in for one out).
///
/// It proves nothing, so it never contributes to the bound; the dive uses it to find entering
/// alliances cheaply and falls back to the exact pricing MIP when it finds none.
extension CommunityColumns {
    /// The best alliance reachable from `start` (feasible for `c`) by improving moves, and its
    /// score value(P) − π(P) − ρ·changes_c(P).
    func improveAlliance(community c: Int, from start: [Int], duals: [Double]) -> (units: [Int], score: Double) {
        let nR = problem.categoryCount, nC = problem.communityCount
        let need = (0..<nR).map { problem.need[c * nR + $0] }
        let weight = (0..<nR).map { coverageWeight[c * nR + $0] }
        let coefficients = problem.coefficients
        let pairCoefficient = coefficients.pair, strengthShare = coefficients.strengthShare
        let excessWeight = coefficients.excessWeight
        let base = problem.communities[c].strength
        let leadRule = problem.options.leadRule
        let lower = problem.minSize[c], upper = problem.maxSize[c]
        var isFixed = [Bool](repeating: false, count: problem.unitCount)
        for u in fixedUnits[c] { isFixed[u] = true }
        // Per candidate: resource shares, strength share, pair coefficient − dual.
        let resourceShare = coefficients.resourceShare
        func share(_ u: Int, _ r: Int) -> Double { resourceShare[u * nR + r] }
        // −ρ·changes_c(P) = −ρ·|A_c ∩ F| + Σ_{o∈P} (±ρ): +ρ for a start pair, −ρ otherwise.
        let rho = changeDual(duals)
        func linear(_ u: Int) -> Double {
            guard changeLimited else { return pairCoefficient[u * nC + c] - duals[u] }
            return pairCoefficient[u * nC + c] - duals[u] + (problem.from[u * nC + c] ? rho : -rho)
        }

        var members = start
        var inSet = [Bool](repeating: false, count: problem.unitCount)
        for u in members { inSet[u] = true }
        var supply = [Double](repeating: 0, count: nR)
        var strength = base, linearSum = 0.0, leaders = 0
        for u in members {
            for r in 0..<nR { supply[r] += share(u, r) }
            strength += strengthShare[u]
            linearSum += linear(u)
            if problem.units[u].canLead { leaders += 1 }
        }
        func score(supply: [Double], strength: Double, linearSum: Double) -> Double {
            var total = linearSum
            for r in 0..<nR where need[r] > 0 { total += weight[r] * min(need[r], supply[r]) }
            total -= excessWeight * coefficients.excess(strength)
            return total
        }
        var current = score(supply: supply, strength: strength, linearSum: linearSum)
        var trial = supply

        while true {
            var best = current + 1e-12
            var move: (out: Int?, in: Int?)? = nil
            let outside = candidates[c].filter { !inSet[$0] }
            let removable = members.filter { !isFixed[$0] }
            // Add.
            if members.count < upper {
                for v in outside {
                    for r in 0..<nR { trial[r] = supply[r] + share(v, r) }
                    let s = score(supply: trial, strength: strength + strengthShare[v], linearSum: linearSum + linear(v))
                    if s > best { best = s; move = (nil, v) }
                }
            }
            // Drop.
            if members.count > lower {
                for u in removable where !leadRule || leaders > 1 || !problem.units[u].canLead {
                    for r in 0..<nR { trial[r] = supply[r] - share(u, r) }
                    let s = score(supply: trial, strength: strength - strengthShare[u], linearSum: linearSum - linear(u))
                    if s > best { best = s; move = (u, nil) }
                }
            }
            // Swap.
            for u in removable {
                let keepsLead = !leadRule || leaders > 1 || !problem.units[u].canLead
                for v in outside where keepsLead || problem.units[v].canLead {
                    for r in 0..<nR { trial[r] = supply[r] - share(u, r) + share(v, r) }
                    let s = score(supply: trial, strength: strength - strengthShare[u] + strengthShare[v],
                                  linearSum: linearSum - linear(u) + linear(v))
                    if s > best { best = s; move = (u, v) }
                }
            }
            guard let (out, into) = move else { break }
            if let u = out {
                members.removeAll { $0 == u }
                inSet[u] = false
                for r in 0..<nR { supply[r] -= share(u, r) }
                strength -= strengthShare[u]
                linearSum -= linear(u)
                if problem.units[u].canLead { leaders -= 1 }
            }
            if let v = into {
                members.append(v)
                inSet[v] = true
                for r in 0..<nR { supply[r] += share(v, r) }
                strength += strengthShare[v]
                linearSum += linear(v)
                if problem.units[v].canLead { leaders += 1 }
            }
            current = best
        }
        members.sort()
        return (members, self.score(community: c, units: members, value: value(community: c, units: members), duals: duals))
    }
}
