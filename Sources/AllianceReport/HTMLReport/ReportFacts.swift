import AllianceModel

/// Where an alliance's strength lies relative to the balance band (1 ± τ)·S̄.
enum BandPosition {
    case below, inside, above

    /// The words on an alliance card.
    var words: String {
        switch self {
        case .below: return "偏弱（低于区间）"
        case .inside: return "均衡（在区间内）"
        case .above: return "偏强（高于区间）"
        }
    }

    /// CSS class of the badge and chart mark.
    var cssClass: String {
        switch self {
        case .below: return "below"
        case .inside: return "inside"
        case .above: return "above"
        }
    }
}

/// The figures the report shows, derived once from a `PlanReport` and the problem's arrays.
struct ReportFacts {
    /// (1 − τ)·S̄ and (1 + τ)·S̄.
    let bandLow: Double
    let bandHigh: Double
    /// Share of each need covered, `[c][r]`; `nil` where community c does not need category r.
    let coverage: [[Double?]]
    /// Mean distance in km over the plan's unit–community pairs, `nil` without coordinates.
    let meanDistanceKm: Double?

    init(_ report: PlanReport) {
        let problem = report.problem, plan = report.plan
        bandLow = problem.coefficients.bandLow
        bandHigh = problem.coefficients.bandHigh
        let nR = problem.categoryCount
        coverage = (0..<problem.communityCount).map { c in
            let covered = problem.coveredNeeds(community: c, units: plan.units(of: c))
            return (0..<nR).map { r in
                let need = problem.need[c * nR + r]
                return need > 0 ? covered[r] / need : nil
            }
        }
        var total = 0.0, pairs = 0
        for c in 0..<problem.communityCount {
            for u in plan.units(of: c) {
                total += problem.distance[problem.pair(u, c)]
                pairs += 1
            }
        }
        meanDistanceKm = problem.maxDistance > 0 && pairs > 0 ? total / Double(pairs) : nil
    }

    /// Where `strength` lies relative to the band (a hair of tolerance for rounding).
    func position(_ strength: Double) -> BandPosition {
        let slack = 1e-9 * max(1, bandHigh)
        if strength < bandLow - slack { return .below }
        if strength > bandHigh + slack { return .above }
        return .inside
    }

    /// "20.25–24.75".
    var bandText: String { "\(HumanFormat.number(bandLow))–\(HumanFormat.number(bandHigh))" }
}
