import AllianceModel
import Foundation

/// A solved plan with everything the output files say about it: the plan, its evaluation
/// (recomputed by `Evaluator`, never taken from solver variables) and what the solver proved.
public struct PlanReport: Sendable {
    public var problem: Problem
    public var plan: Plan
    public var evaluation: Evaluation
    public var status: SolveStatus
    public var strategy: String
    /// Best proven upper bound on the objective, when one was proven.
    public var bound: Double?
    public var solveSeconds: Double
    /// The lexicographic priorities the plan was optimized by, if any (instead of the weights).
    public var priorities: [Term]?
    /// Stage 2: the projects claimed by each alliance's members, when projects were listed.
    public var claims: ClaimResult?
    /// Stage 3: party members to posts, when the lists hold members.csv and posts.csv.
    public var people: PeopleReport?
    /// The greedy plan's evaluation on the same problem, shown beside the plan as a baseline.
    public var baseline: Evaluation?
    /// The plan the solve started from (`--from`), as repaired before solving; nil without one.
    public var start: StartPlanSummary?
    /// In a batch by district: the digest of the district's lists and options
    /// (`DistrictResume`), written to `plan.json` as `input_digest`; nil for a single run.
    public var inputDigest: String?

    public init(problem: Problem, outcome: SolveOutcome, strategy: String) {
        precondition(outcome.plan != nil, "a report needs a plan")
        self.problem = problem
        let plan = outcome.plan!
        let evaluation = Evaluator.evaluate(plan, in: problem)
        self.plan = plan
        self.evaluation = evaluation
        self.status = outcome.status
        self.strategy = strategy
        self.bound = outcome.bound.map { max($0, evaluation.objective) }
        self.solveSeconds = outcome.solveSeconds
    }

    /// Relative gap between the plan's objective and the proven bound (0 when optimal).
    public var gap: Double? {
        if status == .optimal { return 0 }
        return bound.map { relativeGap(objective: evaluation.objective, bound: $0) }
    }

    /// The output files: `plan.csv`, `communities.csv`, `plan.json`, `plan.xlsx`, `report.html`,
    /// `projects.csv` when projects were claimed, and stage 3's `people.csv`, `posts-open.csv`
    /// and `people.json` when members were matched to posts. The CSV files start with a byte order mark
    /// unless `byteOrderMark` is false, so that Excel reads them as UTF-8.
    public func files(includeTimings: Bool = true, byteOrderMark: Bool = true) throws -> [(name: String, contents: Data)] {
        try Self.fileNames.compactMap { name in
            try file(name, includeTimings: includeTimings, byteOrderMark: byteOrderMark).map { (name, $0) }
        }
    }

    /// The names `files` writes, in its order (`projects.csv` only when projects were claimed,
    /// the last three only with stage 3).
    public static let fileNames = ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html", "projects.csv"]
        + PeopleReport.fileNames

    /// One of `files`, rendered alone (a front end that hands out or keeps a single file need
    /// not build the workbook and the HTML report); nil for an unknown name or `projects.csv`
    /// without claims.
    public func file(_ name: String, includeTimings: Bool = true, byteOrderMark: Bool = true) throws -> Data? {
        func csv(_ text: String) -> Data { CSVWriter.file(text, byteOrderMark: byteOrderMark) }
        switch name {
        case "plan.csv": return csv(planCSV())
        case "communities.csv": return csv(communitiesCSV())
        case "plan.json": return try planJSON(includeTimings: includeTimings)
        case "plan.xlsx": return try PlanWorkbook(report: self, includeTimings: includeTimings).data()
        case "report.html": return PlanHTMLReport(self, includeTimings: includeTimings).data
        case "projects.csv": return claims.map { csv($0.projectsCSV(communities: problem.communities)) }
        case "people.csv": return people.map { csv($0.peopleCSV) }
        case "posts-open.csv": return people.map { csv($0.openPostsCSV) }
        case "people.json": return try people.map { try JSONOutput.encode($0.document(includeTimings: includeTimings), as: .people) }
        default: return nil
        }
    }

    /// `community_id,community_name,org_id,org_name,role`, one row per organization and community.
    public func planCSV() -> String {
        let names = Dictionary(problem.instance.organizations.map { ($0.id, $0.name) },
                               uniquingKeysWith: { first, _ in first })
        let communityNames = Dictionary(problem.communities.map { ($0.id, $0.name) },
                                        uniquingKeysWith: { first, _ in first })
        let rows = plan.assignments(in: problem).map { row in
            [row.communityID, communityNames[row.communityID] ?? "", row.orgID, names[row.orgID] ?? "",
             row.role.rawValue]
        }
        return CSVWriter.encode(header: ["community_id", "community_name", "org_id", "org_name", "role"],
                                rows: rows)
    }

    /// One row per community: its units, lead, strength S_c, coverage share and unmet needs.
    public func communitiesCSV() -> String {
        let orgs = problem.instance.organizations
        var rows: [[String]] = []
        for (c, community) in problem.communities.enumerated() {
            let outcome = evaluation.communities[c]
            let unitIndices = plan.units(of: c)
            let organizations = unitIndices.flatMap { problem.units[$0].members }.map { orgs[$0].id }.sorted()
            let lead = plan.lead[c].map { orgs[problem.units[$0].members[0]] }
            let unmet = outcome.unmet.map { "\($0.category) \(formatNumber($0.amount))" }.joined(separator: "; ")
            rows.append([
                community.id, community.name, community.street ?? "",
                String(organizations.count), lead?.id ?? "", lead?.name ?? "",
                organizations.joined(separator: ";"),
                formatNumber(outcome.strength), formatNumber(outcome.coverageShare), unmet,
            ])
        }
        return CSVWriter.encode(
            header: ["community_id", "community_name", "street", "units", "lead_id", "lead_name", "org_ids",
                     "strength", "coverage", "unmet_needs"],
            rows: rows)
    }

    /// The machine-readable summary; keys sorted so the same plan gives the same bytes.
    public func planJSON(includeTimings: Bool = true) throws -> Data {
        struct Strength: Encodable { var min: Double; var max: Double; var mean: Double }
        struct Row: Encodable {
            var org_id: String
            var community_id: String
            var role: String
        }
        struct Document: Encodable {
            var status: String
            var strategy: String
            var objective: Double
            var bound: Double?
            var gap: Double?
            var terms: Terms
            var weights: Weights
            var balance_band: Double
            var lead_rule: Bool
            var max_distance_km: Double?
            /// `--candidates k` and the unit–community pairs it left allowed; absent without it.
            var candidates: Int?
            var candidate_pairs: Int?
            var priorities: [String]?
            var strength: Strength
            var mean_strength_target: Double
            var solve_seconds: Double?
            var warnings: [String]
            var assignments: [Row]
            var claims: ClaimSummary?
            /// Re-planning (`--from`, pins, `--max-changes`); all absent without them, so older
            /// outputs keep their bytes.
            var start: StartDocument?
            var changes_from_start: Int?
            var max_changes: Int?
            var pins: [String]?
            /// A batch district's `DistrictResume` digest; absent for a single run.
            var input_digest: String?
        }
        struct StartDocument: Encodable {
            var objective: Double
            var repairs: [String]
            var started_from: Bool
        }
        let document = Document(
            status: status.rawValue, strategy: strategy, objective: evaluation.objective,
            bound: bound, gap: gap, terms: evaluation.terms, weights: problem.options.weights,
            balance_band: problem.options.balanceBand, lead_rule: problem.options.leadRule,
            max_distance_km: problem.options.maxDistanceKm,
            candidates: problem.options.candidates,
            candidate_pairs: problem.options.candidates.map { _ in problem.allowed.filter { $0 }.count },
            priorities: priorities?.map(\.rawValue),
            strength: Strength(min: evaluation.strengthMin, max: evaluation.strengthMax,
                               mean: evaluation.strengthMean),
            mean_strength_target: problem.meanStrength,
            solve_seconds: includeTimings ? solveSeconds : nil,
            warnings: problem.warnings,
            assignments: plan.assignments(in: problem).map {
                Row(org_id: $0.orgID, community_id: $0.communityID, role: $0.role.rawValue)
            },
            claims: claims?.summary,
            start: start.map { StartDocument(objective: $0.objective, repairs: $0.repairs, started_from: $0.usable) },
            changes_from_start: evaluation.changesFromStart,
            max_changes: problem.maxChanges,
            pins: problem.options.pins.isEmpty ? nil : problem.options.pins.map(\.description),
            input_digest: inputDigest)
        return try JSONOutput.encode(document, as: .plan)
    }
}

/// The plan a re-plan started from (`alliance solve --from`), judged before solving: its
/// objective after repair, and one line per repair (which pair was added or removed, which lead
/// changed, and the rule the start plan broke).
public struct StartPlanSummary: Sendable {
    /// The objective of the start plan as repaired (the plan every strategy starts from).
    public var objective: Double
    /// One line per repair, e.g. `removed unit U3 from community C1: pairs.csv forbids the pair`.
    public var repairs: [String]
    /// Whether the strategies started from it: false when even the repaired plan breaks a rule
    /// (the change limit), so the strategies built their own.
    public var usable: Bool

    public init(objective: Double, repairs: [String], usable: Bool) {
        self.objective = objective
        self.repairs = repairs
        self.usable = usable
    }
}

/// A number for a CSV cell: integers without a decimal point, others to six decimals without
/// trailing zeros, never in exponent form.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}
