import AllianceModel
import Foundation

/// What `alliance solve --json` prints on stdout once the files are written (docs/JSON.md,
/// schema "solve-summary"): how the solve ended, the objective and what is proven of it, and the
/// files written — for one run, or per district with the combined files.
public struct SolveSummaryDocument: Encodable, Sendable {
    /// One run's (or one district's) result.
    public struct Run: Encodable, Sendable {
        /// The district's name; nil for lists without a district column.
        public var district: String?
        /// `optimal`, `feasible`, `interrupted` or `failed` (a district without a plan).
        public var status: String
        public var strategy: String?
        public var objective: Double?
        /// The proven upper bound on the objective, when the strategy proves one.
        public var bound: Double?
        /// (bound − objective) / max(|bound|, 1e-9), when there is a bound.
        public var gap: Double?
        public var terms: Terms?
        public var strength_min: Double?
        public var strength_mean: Double?
        public var strength_max: Double?
        /// Unit–community pairs in the plan.
        public var assignments: Int?
        /// Pairs changed from the start plan (`--from`).
        public var changes_from_start: Int?
        /// Seconds the solve took; nil with `--no-timings`.
        public var solve_seconds: Double?
        /// Why there is no plan.
        public var error: String?
        /// The folder the run's files are in (as given, or relative to the current folder).
        public var folder: String?
        /// The names of the files written there.
        public var files: [String]
        /// True for a district a batch did not solve again: its folder already held its plan from
        /// the same lists and options; absent otherwise.
        public var resumed: Bool?

        /// A run that has a plan.
        public init(district: String? = nil, report: PlanReport, folder: String, files: [String], includeTimings: Bool) {
            self.district = district
            status = report.status.rawValue
            strategy = report.strategy
            objective = report.evaluation.objective
            bound = report.bound
            gap = report.gap
            terms = report.evaluation.terms
            strength_min = report.evaluation.strengthMin
            strength_mean = report.evaluation.strengthMean
            strength_max = report.evaluation.strengthMax
            assignments = report.plan.assigned.filter { $0 }.count
            changes_from_start = report.evaluation.changesFromStart
            solve_seconds = includeTimings ? report.solveSeconds : nil
            error = nil
            self.folder = folder
            self.files = files
        }

        /// A district a resumed batch skipped, as its `district.json` records it.
        public init(restored outcome: DistrictOutcome, folder: String, files: [String]) {
            district = outcome.district
            status = outcome.status
            objective = outcome.objective
            bound = outcome.bound
            gap = outcome.gap
            strength_min = outcome.strength?.min
            strength_mean = outcome.strength?.mean
            strength_max = outcome.strength?.max
            solve_seconds = nil
            error = outcome.error
            self.folder = folder
            self.files = files
            resumed = true
        }

        /// A run (or district) without a plan, and why.
        public init(district: String? = nil, error: String) {
            self.district = district
            status = "failed"
            self.error = error
            files = []
        }
    }

    /// The run's status; for a batch `optimal` or `feasible` when every district has a plan
    /// (`optimal` only when all are proven), else `failed`.
    public var status: String
    /// One entry for a single run, one per district for a batch.
    public var runs: [Run]
    /// For a batch: the output folder and the combined files written at its top.
    public var folder: String?
    public var files: [String]

    public init(runs: [Run], folder: String? = nil, files: [String] = []) {
        self.runs = runs
        self.folder = folder
        self.files = files
        let statuses = Set(runs.map(\.status))
        status = runs.count == 1 ? runs[0].status
            : statuses.contains("failed") || runs.isEmpty ? "failed"
            : statuses.contains("interrupted") ? "interrupted"
            : statuses == ["optimal"] ? "optimal" : "feasible"
    }
}
