import AllianceModel

/// One district's figures as the top-level `plan.xlsx` and `report.html` of a batch run show
/// them, read from its `DistrictOutcome` so both files say the same thing — whether the batch
/// has just solved the district or `alliance merge` read it from the district's folder.
struct DistrictFigures {
    let outcome: DistrictOutcome

    init(_ outcome: DistrictOutcome) { self.outcome = outcome }

    var hasPlan: Bool { outcome.hasPlan }

    /// 最优 / 可行 / 已中断 / 失败: the status in one word.
    var statusText: String {
        switch SolveStatus(rawValue: outcome.status) {
        case .optimal: "最优"
        case .feasible: "可行"
        case .interrupted: "已中断"
        case .infeasible, nil: "失败"
        }
    }

    /// The priority-weighted share of needs covered (the coverage term), nil without a plan.
    var coverage: Double? { outcome.coverage }

    /// The smallest, mean and largest alliance strength and the district's own balance band
    /// (1 ± τ)·S̄ — each district is balanced against its own mean, not the city's.
    var strength: DistrictOutcome.Strength? { outcome.strength }

    /// Claimed projects and all projects, nil when no claims were computed.
    var claims: DistrictOutcome.Claims? { outcome.claims }

    /// The largest proven gap among the districts with a plan and a bound, with its district.
    static func worstGap(_ outcomes: [DistrictOutcome]) -> (district: String, gap: Double)? {
        outcomes.compactMap { outcome in outcome.gap.map { (outcome.district, $0) } }
            .max { $0.1 < $1.1 }
    }
}
