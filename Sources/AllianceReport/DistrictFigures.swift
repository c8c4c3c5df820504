import AllianceModel

/// One district's figures as the top-level `plan.xlsx` and `report.html` of a batch run show
/// them, derived once from its `DistrictResult` so both files say the same thing.
struct DistrictFigures {
    /// The smallest, mean and largest alliance strength, and the district's own balance band
    /// (1 ± τ)·S̄ — each district is balanced against its own mean, not the city's.
    struct Strength {
        var min: Double, mean: Double, max: Double
        var bandLow: Double, bandHigh: Double
        /// Alliances whose strength lies inside the band, and how many alliances there are.
        var inside: Int, count: Int
    }

    let result: DistrictResult

    init(_ result: DistrictResult) { self.result = result }

    var report: PlanReport? { result.report }

    /// 最优 / 可行 / 已中断 / 失败: the status in one word.
    var statusText: String {
        switch report?.status {
        case .optimal: "最优"
        case .feasible: "可行"
        case .interrupted: "已中断"
        case .infeasible, nil: "失败"
        }
    }

    /// The priority-weighted share of needs covered (the coverage term), nil without a plan.
    var coverage: Double? { report?.evaluation.terms.coverage }

    var strength: Strength? {
        guard let report else { return nil }
        let problem = report.problem, evaluation = report.evaluation
        let target = problem.meanStrength, band = problem.options.balanceBand
        let inside = evaluation.communities.filter {
            PlanWorkbook.withinBand($0.strength, target: target, band: band)
        }.count
        return Strength(min: evaluation.strengthMin, mean: evaluation.strengthMean, max: evaluation.strengthMax,
                        bandLow: problem.coefficients.bandLow, bandHigh: problem.coefficients.bandHigh,
                        inside: inside, count: evaluation.communities.count)
    }

    /// Claimed projects and all projects, nil when no claims were computed.
    var claims: (claimed: Int, total: Int)? {
        guard let claims = report?.claims else { return nil }
        return (claims.claims.count, claims.claims.count + claims.unclaimed.count)
    }

    /// The largest proven gap among the districts with a plan and a bound, with its district.
    static func worstGap(_ results: [DistrictResult]) -> (district: String, gap: Double)? {
        results.compactMap { result in result.report?.gap.map { (result.district, $0) } }
            .max { $0.1 < $1.1 }
    }
}
