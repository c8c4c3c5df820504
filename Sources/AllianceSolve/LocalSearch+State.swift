import AllianceModel

/// A plan as the local search edits it, with everything the objective depends on kept up to date
/// so that the value of a change is computed from the communities it touches alone.
///
/// Per community: strength S_c, supply per need category, size and the number of units that may
/// lead; per unit: its degree. The objective is split as
/// Σ_p coef_p x_p + Σ_c [w_cov Σ_r π min(d, supply)/N_need − w_bal e(S_c)/(|C| S̄)],
/// with every coefficient taken from `Problem.coefficients` (coef_p = `ObjectiveCoefficients.pair`).
/// Leads are not tracked pair by pair: a community is fine as long as some unit serving it may
/// lead, and `plan` names the leads at the end (the lead role itself is worth nothing).
///
/// With a change limit (`Problem.maxChanges`, MODEL.md "Re-planning" rule 9) it also counts the
/// pairs that differ from the start plan (`Problem.from`), added plus removed, and a move is
/// feasible only if it keeps that count within the limit (`withinLimit`); pins need nothing here,
/// they are `allowed` and `fixed` pairs.
struct SearchState {
    let nU: Int
    let nC: Int
    let nR: Int
    /// Linear objective coefficient of each pair.
    let coefficient: [Double]
    /// s_o / k_o.
    let shareStrength: [Double]
    /// q_{o,r} / k_o, indexed `u * nR + r`.
    let shareResource: [Double]
    /// Categories with a nonzero share, unit by unit: `resourceCategory[resourceStart[u]..<resourceStart[u + 1]]`.
    let resourceStart: [Int]
    let resourceCategory: [Int]
    /// d_{c,r} and w_cov π_{c,r} / N_need, indexed `c * nR + r`.
    let need: [Double]
    let coverageWeight: [Double]
    /// w_bal / (|C| S̄), and the band (1 ∓ τ) S̄.
    let balanceWeight: Double
    let bandLow: Double
    let bandHigh: Double
    let minDegree: [Int]
    let maxDegree: [Int]
    let minSize: [Int]
    let maxSize: [Int]
    let allowed: [Bool]
    let fixed: [Bool]
    /// May lead, with the lead rule on (all false without it).
    let leader: [Bool]
    let leadRule: Bool

    private(set) var assigned: [Bool]
    private(set) var degree: [Int]
    private(set) var size: [Int]
    /// Units serving each community that may lead.
    private(set) var leaders: [Int]
    /// Units serving each community (in the order they joined).
    private(set) var members: [[Int]]
    private(set) var strength: [Double]
    private(set) var supply: [Double]
    /// The objective, maintained incrementally.
    private(set) var objective: Double
    /// Leads of the plan the search started from, kept where they stay valid.
    let initialLead: [Int?]
    let unitStrength: [Double]
    /// Start-plan pairs (`Problem.from`); empty without a change limit, when nothing is counted.
    let from: [Bool]
    /// `Problem.maxChanges`, or `Int.max` without one.
    let changeLimit: Int
    /// Pairs that differ from `from` (0 and not maintained without a change limit).
    private(set) var changes: Int

    init(problem: Problem, plan: Plan) {
        nU = problem.unitCount
        nC = problem.communityCount
        nR = problem.categoryCount
        let units = problem.units
        let k = problem.coefficients
        coefficient = k.pair
        shareStrength = k.strengthShare
        var resourceStart = [0]
        var resourceCategory: [Int] = []
        for u in 0..<nU {
            for r in 0..<nR where problem.resource[u * nR + r] != 0 { resourceCategory.append(r) }
            resourceStart.append(resourceCategory.count)
        }
        self.shareResource = k.resourceShare
        self.resourceStart = resourceStart
        self.resourceCategory = resourceCategory
        need = problem.need
        coverageWeight = k.coverage
        balanceWeight = k.excessWeight
        bandLow = k.bandLow
        bandHigh = k.bandHigh
        minDegree = units.map(\.minCommunities)
        maxDegree = units.map(\.maxCommunities)
        minSize = problem.minSize
        maxSize = problem.maxSize
        allowed = problem.allowed
        fixed = problem.fixed
        leader = (0..<nU).map { problem.mayLead($0) }
        leadRule = problem.options.leadRule
        unitStrength = units.map(\.strength)
        initialLead = plan.lead
        if let limit = problem.maxChanges {
            from = problem.from
            changeLimit = limit
            changes = problem.from.reduce(0) { $0 + ($1 ? 1 : 0) }  // all removed until `add` below
        } else {
            from = []
            changeLimit = .max
            changes = 0
        }

        assigned = [Bool](repeating: false, count: nU * nC)
        degree = [Int](repeating: 0, count: nU)
        size = [Int](repeating: 0, count: nC)
        leaders = [Int](repeating: 0, count: nC)
        members = [[Int]](repeating: [], count: nC)
        strength = problem.communities.map(\.strength)
        supply = [Double](repeating: 0, count: nC * nR)
        objective = 0
        for p in 0..<(nU * nC) where plan.assigned[p] { add(p / nC, p % nC) }
        recomputeObjective()
    }

    @inline(__always) func pair(_ u: Int, _ c: Int) -> Int { u * nC + c }

    @inline(__always) func excess(_ s: Double) -> Double { max(0, s - bandHigh, bandLow - s) }

    /// Coverage minus balance of community `c`, from its current strength and supply.
    func communityValue(_ c: Int) -> Double {
        var value = -balanceWeight * excess(strength[c])
        for r in 0..<nR { value += coverageWeight[c * nR + r] * min(need[c * nR + r], supply[c * nR + r]) }
        return value
    }

    /// Recomputes the objective from the counters, dropping rounding drift.
    mutating func recomputeObjective() {
        var value = 0.0
        for p in 0..<(nU * nC) where assigned[p] { value += coefficient[p] }
        for c in 0..<nC { value += communityValue(c) }
        objective = value
    }

    /// Change of community `c`'s coverage minus balance when unit `a` joins and unit `r` leaves
    /// (either may be -1). Only the categories the two units supply are looked at.
    @inline(__always)
    func communityDelta(_ c: Int, add a: Int, remove r: Int) -> Double {
        var ds = 0.0
        if a >= 0 { ds += shareStrength[a] }
        if r >= 0 { ds -= shareStrength[r] }
        let s = strength[c]
        var delta = balanceWeight * (excess(s) - excess(s + ds))
        let base = c * nR
        if a >= 0 {
            for i in resourceStart[a]..<resourceStart[a + 1] {
                let k = resourceCategory[i]
                let w = coverageWeight[base + k]
                guard w != 0 else { continue }
                let old = supply[base + k]
                var new = old + shareResource[a * nR + k]
                if r >= 0 { new -= shareResource[r * nR + k] }
                let d = need[base + k]
                delta += w * (min(d, new) - min(d, old))
            }
        }
        if r >= 0 {
            for i in resourceStart[r]..<resourceStart[r + 1] {
                let k = resourceCategory[i]
                let w = coverageWeight[base + k]
                guard w != 0, a < 0 || shareResource[a * nR + k] == 0 else { continue }
                let old = supply[base + k]
                let d = need[base + k]
                delta += w * (min(d, old - shareResource[r * nR + k]) - min(d, old))
            }
        }
        return delta
    }

    /// Objective change of assigning unit `u` to community `c`.
    @inline(__always) func addGain(_ u: Int, _ c: Int) -> Double {
        coefficient[pair(u, c)] + communityDelta(c, add: u, remove: -1)
    }

    /// Objective change of taking unit `u` out of community `c`.
    @inline(__always) func removeGain(_ u: Int, _ c: Int) -> Double {
        -coefficient[pair(u, c)] + communityDelta(c, add: -1, remove: u)
    }

    /// Assigns `u` to `c` (no rule is checked).
    mutating func add(_ u: Int, _ c: Int) {
        objective += addGain(u, c)
        assigned[pair(u, c)] = true
        if !from.isEmpty { changes += from[pair(u, c)] ? -1 : 1 }
        update(u, c, sign: 1)
    }

    /// Takes `u` out of `c` (no rule is checked).
    mutating func remove(_ u: Int, _ c: Int) {
        objective += removeGain(u, c)
        assigned[pair(u, c)] = false
        if !from.isEmpty { changes += from[pair(u, c)] ? 1 : -1 }
        update(u, c, sign: -1)
    }

    private mutating func update(_ u: Int, _ c: Int, sign: Int) {
        let step = Double(sign)
        degree[u] += sign
        size[c] += sign
        if leader[u] { leaders[c] += sign }
        if sign > 0 {
            members[c].append(u)
        } else if let i = members[c].firstIndex(of: u) {
            members[c].remove(at: i)
        }
        strength[c] += step * shareStrength[u]
        for i in resourceStart[u]..<resourceStart[u + 1] {
            let k = resourceCategory[i]
            supply[c * nR + k] += step * shareResource[u * nR + k]
        }
    }

    /// The unit-level plan, with a lead for every community (lead rule on): the starting plan's
    /// lead where it still serves, else the strongest unit serving that may lead.
    func plan(in problem: Problem) -> Plan {
        var plan = Plan(unitCount: nU, communityCount: nC)
        plan.assigned = assigned
        plan.lead = initialLead
        problem.chooseLeads(&plan)
        return plan
    }
}
