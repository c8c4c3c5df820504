import AllianceModel

/// One community's claiming problem (stage 2 of MODEL.md) in plain numbers: projects with an
/// amount, a value and a category, and claimers (the community's units) with a capacity per
/// category (their share q_{o,r}/k_o of the resource).
///
/// Solved exactly by `ClaimMIP` (GLPK), enumerated by the tests' brute force, and judged by
/// `isFeasible`/`value` — one definition of "fits" for all of them.
public struct ClaimSubproblem: Sendable, Hashable {
    /// amount_p of each project (> 0).
    public var amounts: [Double]
    /// value_p of each project (≥ 0).
    public var values: [Double]
    /// Category of each project, an index into each claimer's `capacity` row.
    public var categories: [Int]
    /// capacity[o][r]: how much of category r claimer o may spend in this community (0 = none).
    public var capacity: [[Double]]

    public init(amounts: [Double], values: [Double], categories: [Int], capacity: [[Double]]) {
        precondition(amounts.count == values.count && amounts.count == categories.count,
                     "one amount, value and category per project")
        self.amounts = amounts
        self.values = values
        self.categories = categories
        self.capacity = capacity
    }

    public var projectCount: Int { amounts.count }
    public var claimerCount: Int { capacity.count }

    /// Slack allowed when comparing a sum of amounts with a capacity, so that e.g. 0.1 + 0.2
    /// fits into 0.3; relative to the capacity, absolute below 1.
    public static func fits(_ total: Double, into capacity: Double) -> Bool {
        total <= capacity + 1e-9 * max(1, capacity)
    }

    /// The claimers that could take project `p` on their own (enough of its category).
    public func candidates(of p: Int) -> [Int] {
        (0..<claimerCount).filter { o in
            let q = capacity[o][categories[p]]
            return q > 0 && Self.fits(amounts[p], into: q)
        }
    }

    /// Whether `claimer[p]` (nil = unclaimed) respects every claimer's capacity per category.
    public func isFeasible(_ claimer: [Int?]) -> Bool {
        guard claimer.count == projectCount else { return false }
        var used: [[Int]: Double] = [:]
        for (p, o) in claimer.enumerated() {
            guard let o else { continue }
            guard o >= 0 && o < claimerCount else { return false }
            used[[o, categories[p]], default: 0] += amounts[p]
        }
        return used.allSatisfy { key, total in
            let q = capacity[key[0]][key[1]]
            return q > 0 && Self.fits(total, into: q)
        }
    }

    /// Σ value of the claimed projects.
    public func value(_ claimer: [Int?]) -> Double {
        zip(values, claimer).reduce(0) { $0 + ($1.1 == nil ? 0 : $1.0) }
    }

    /// Adds, in project order, every unclaimed project that still fits into some claimer's
    /// remaining capacity (the first such claimer takes it). Values are ≥ 0, so this never
    /// lowers the value; it claims the projects of value 0 an optimum is indifferent about
    /// and makes a time-limited solution better.
    public func filled(_ claimer: [Int?]) -> [Int?] {
        var result = claimer
        var used: [[Int]: Double] = [:]
        for (p, o) in claimer.enumerated() {
            if let o { used[[o, categories[p]], default: 0] += amounts[p] }
        }
        for p in 0..<projectCount where result[p] == nil {
            let r = categories[p]
            if let o = candidates(of: p).first(where: {
                Self.fits(used[[$0, r], default: 0] + amounts[p], into: capacity[$0][r])
            }) {
                result[p] = o
                used[[o, r], default: 0] += amounts[p]
            }
        }
        return result
    }
}
