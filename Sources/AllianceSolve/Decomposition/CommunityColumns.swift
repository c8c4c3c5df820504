import AllianceModel

/// Per-community data of the Dantzig–Wolfe decomposition, and the exact value of an alliance.
///
/// An alliance (a "column") of community c is a set of units P that is feasible for c alone:
/// only allowed pairs, L_c ≤ |P| ≤ U_c, every `fix` pair of c included, and a unit that may
/// lead when the lead rule is on. Its value is c's exact share of the objective of MODEL.md,
///
///     value(P) = w_cov·Σ_r π_{c,r}·min(d_{c,r}, Σ_{o∈P} q_{o,r}/k_o) / N_need
///              − w_bal·e_c(P) / (|C|·S̄)
///              + Σ_{o∈P} pair[o,c],
///
/// so that Σ_c value(P_c) is the objective `Evaluator` computes for the plan (P_c)_c. Every
/// coefficient is read from `Problem.coefficients`, the one source the compact model and the
/// heuristics read too.
struct CommunityColumns: Sendable {
    let problem: Problem
    /// Units allowed to serve each community, in unit order.
    let candidates: [[Int]]
    /// Units fixed to each community.
    let fixedUnits: [[Int]]
    /// `ObjectiveCoefficients.pair` of every pair (only read for allowed pairs).
    var pairCoefficient: [Double] { problem.coefficients.pair }
    /// s_o / k_o.
    var strengthShare: [Double] { problem.coefficients.strengthShare }
    /// w_cov·π_{c,r} / N_need, indexed like `Problem.need` (0 when there are no needs).
    var coverageWeight: [Double] { problem.coefficients.coverage }
    /// w_bal / (|C|·S̄), or 0 when S̄ = 0.
    var excessWeight: Double { problem.coefficients.excessWeight }
    /// The largest band excess any alliance of each community can have (bounds e_c).
    let maxExcess: [Double]
    /// Bounds on how many communities a unit serves in any feasible plan:
    /// [max(m_o, fixed pairs), min(k_o, allowed pairs)].
    let unitLower: [Int]
    let unitUpper: [Int]
    /// Whether the problem has a change limit (`Problem.maxChanges`). Then every price vector
    /// ("duals") of the decomposition has one more entry after the units' π: ρ ≥ 0, the price of
    /// the master's change row (`changeDual(_:)`).
    let changeLimited: Bool
    /// N − |F∖A|: the changes left to the allowed pairs once the start pairs outside the allowed
    /// set (forced changes) are counted (0 without a change limit).
    let changeCapacity: Double
    /// |A_c ∩ F|: the start pairs of each community among its allowed pairs.
    let startCount: [Int]

    init(_ problem: Problem) {
        self.problem = problem
        let nU = problem.unitCount, nC = problem.communityCount
        var candidates = [[Int]](repeating: [], count: nC)
        var fixedUnits = [[Int]](repeating: [], count: nC)
        var unitLower = [Int](repeating: 0, count: nU)
        var unitUpper = [Int](repeating: 0, count: nU)
        for u in 0..<nU {
            var allowedCount = 0, fixedCount = 0
            for c in 0..<nC {
                let p = u * nC + c
                guard problem.allowed[p] else { continue }
                candidates[c].append(u)
                allowedCount += 1
                if problem.fixed[p] {
                    fixedUnits[c].append(u)
                    fixedCount += 1
                }
            }
            unitLower[u] = max(problem.units[u].minCommunities, fixedCount)
            unitUpper[u] = min(problem.units[u].maxCommunities, allowedCount)
        }
        self.candidates = candidates
        self.fixedUnits = fixedUnits
        self.unitLower = unitLower
        self.unitUpper = unitUpper
        let startCount = (0..<nC).map { c in candidates[c].filter { problem.from[$0 * nC + c] }.count }
        self.startCount = startCount
        self.changeLimited = problem.maxChanges != nil
        let forced = problem.fromPairCount - startCount.reduce(0, +)
        self.changeCapacity = problem.maxChanges.map { Double($0 - forced) } ?? 0

        let k = problem.coefficients, strengthShare = k.strengthShare
        self.maxExcess = (0..<nC).map { c in
            let b = problem.communities[c].strength
            let most = b + candidates[c].reduce(0) { $0 + max(0, strengthShare[$1]) }
            let least = b + candidates[c].reduce(0) { $0 + min(0, strengthShare[$1]) }
            return max(0, most - k.bandHigh, k.bandLow - least)
        }
    }

    var communityCount: Int { problem.communityCount }
    var unitCount: Int { problem.unitCount }

    /// value(P): community `c`'s exact contribution to the objective when `units` serve it.
    func value(community c: Int, units: [Int]) -> Double {
        let nR = problem.categoryCount, nC = problem.communityCount
        let covered = problem.coveredNeeds(community: c, units: units)
        var total = 0.0
        for r in 0..<nR where problem.need[c * nR + r] > 0 { total += coverageWeight[c * nR + r] * covered[r] }
        total -= excessWeight * problem.bandExcess(community: c, units: units)
        for u in units { total += pairCoefficient[u * nC + c] }
        return total
    }

    /// changes_c(P) = |P ∖ F| + |(A_c ∩ F) ∖ P|: the allowed pairs of community `c` in which
    /// alliance `units` differs from the start plan.
    func changes(community c: Int, units: [Int]) -> Int {
        let nC = problem.communityCount
        let kept = units.filter { problem.from[$0 * nC + c] }.count
        return (units.count - kept) + (startCount[c] - kept)
    }

    /// How many prices a price vector has: π_o for every unit, then ρ with a change limit.
    var priceCount: Int { unitCount + (changeLimited ? 1 : 0) }

    /// ρ, the change row's price in `duals` (0 without a change limit).
    func changeDual(_ duals: [Double]) -> Double { changeLimited ? duals[unitCount] : 0 }

    /// `duals` with ρ projected onto ρ ≥ 0 (the change row is a ≤ row of a maximization, so only
    /// ρ ≥ 0 gives a valid Lagrangian bound).
    func projected(_ duals: [Double]) -> [Double] {
        guard changeLimited, duals[unitCount] < 0 else { return duals }
        var duals = duals
        duals[unitCount] = 0
        return duals
    }

    /// The Lagrangian score of an alliance at `duals`: value(P) − Σ_{o∈P} π_o − ρ·changes_c(P)
    /// (the reduced cost without the community row's dual).
    func score(community c: Int, units: [Int], value: Double, duals: [Double]) -> Double {
        let priced = value - units.reduce(0) { $0 + duals[$1] }
        guard changeLimited else { return priced }
        return priced - duals[unitCount] * Double(changes(community: c, units: units))
    }

    /// Whether `units` (sorted, distinct) form an alliance feasible for community `c` alone.
    func isFeasible(community c: Int, units: [Int]) -> Bool {
        let nC = problem.communityCount
        guard units.count >= problem.minSize[c], units.count <= problem.maxSize[c] else { return false }
        guard units.allSatisfy({ problem.allowed[$0 * nC + c] }) else { return false }
        let members = Set(units)
        guard members.count == units.count else { return false }
        guard fixedUnits[c].allSatisfy(members.contains) else { return false }
        if problem.options.leadRule && !units.contains(where: { problem.units[$0].canLead }) { return false }
        return true
    }
}

/// One alliance of one community, a column of the master problem.
struct AllianceColumn: Sendable, Hashable {
    let community: Int
    /// Sorted unit indices.
    let units: [Int]
    /// value(P).
    let value: Double
}
