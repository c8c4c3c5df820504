import Foundation

/// What `alliance check --json` prints: the lists' counts and totals, their warnings, the
/// feasibility pre-checks and every input error with its location, for one run or for each
/// district (docs/JSON.md, schema "check"). Built from the same `Problem` the solve would use,
/// so the counts are the model's (units after merging groups, pairs allowed after the limits).
public struct ListsCheckDocument: Encodable, Sendable {
    /// Where an input error is: a CSV file's line and column, or a workbook's sheet and cell.
    public struct Location: Encodable, Sendable, Hashable {
        /// The CSV file, or the sheet of a workbook (empty for the workbook as a whole).
        public var file: String
        public var line: Int
        public var column: Int
        /// The workbook, when the location is in one.
        public var workbook: String?
        /// The cell's name (`C12`) in a workbook.
        public var cell: String?
        /// The location as printed on stderr: `file:line:column` or `workbook:sheet!cell`.
        public var text: String

        public init(_ location: SourceLocation) {
            file = location.file
            line = location.line
            column = location.column
            workbook = location.workbook
            cell = location.workbook == nil || location.file.isEmpty
                ? nil : CellReference.name(row: location.line, column: location.column)
            text = location.description
        }
    }

    /// One input error.
    public struct ErrorEntry: Encodable, Sendable, Hashable {
        public var location: Location
        public var message: String

        public init(_ error: InputError) {
            location = Location(error.location)
            message = error.message
        }
    }

    /// The counts and totals `check` prints, for one set of lists.
    public struct Counts: Encodable, Sendable {
        public var communities: Int
        public var streets: Int
        public var organizations: Int
        /// Units after merging groups (a group is one unit).
        public var units: Int
        public var units_may_lead: Int
        /// The least and most unit–community pairs the units' min/max_communities allow.
        public var min_assignments: Int
        public var max_assignments: Int
        /// The least and most units all communities together take (their sizes).
        public var min_alliance_units: Int
        public var max_alliance_units: Int
        public var need_rows: Int
        public var categories: Int
        public var weighted_need: Double
        public var resource_rows: Int
        public var projects: Int
        public var pairs_fix: Int
        public var pairs_forbid: Int
        public var pairs_prefer: Int
        /// Unit–community pairs the model allows, and all there are.
        public var allowed_pairs: Int
        public var all_pairs: Int
        /// The longest distance between a unit and a community, nil without coordinates.
        public var longest_distance_km: Double?
        public var mean_strength: Double
        public var balance_band: Double
        /// Rows of the previous plan (`--previous`) and its pairs still in the lists.
        public var previous_rows: Int?
        public var previous_pairs: Int?

        public init(_ problem: Problem) {
            let instance = problem.instance
            communities = instance.communities.count
            streets = Set(instance.communities.compactMap(\.street)).count
            organizations = instance.organizations.count
            units = problem.units.count
            units_may_lead = problem.units.filter(\.canLead).count
            min_assignments = problem.totalMinAssignments
            max_assignments = problem.totalMaxAssignments
            min_alliance_units = problem.minSize.reduce(0, +)
            max_alliance_units = problem.maxSize.reduce(0, +)
            need_rows = instance.needs.count
            categories = problem.categories.count
            weighted_need = problem.totalWeightedNeed
            resource_rows = instance.resources.count
            projects = instance.projects.count
            pairs_fix = instance.pairs.filter { $0.rule == .fix }.count
            pairs_forbid = instance.pairs.filter { $0.rule == .forbid }.count
            pairs_prefer = instance.pairs.count - pairs_fix - pairs_forbid
            allowed_pairs = problem.allowed.filter { $0 }.count
            all_pairs = problem.allowed.count
            longest_distance_km = problem.maxDistance > 0 ? problem.maxDistance : nil
            mean_strength = problem.meanStrength
            balance_band = problem.options.balanceBand
            previous_rows = problem.options.previousPlan?.count
            previous_pairs = problem.options.previousPlan == nil ? nil : problem.previousPairCount
        }
    }

    /// One set of lists checked: a single run's, or one district's.
    public struct Lists: Encodable, Sendable {
        /// The district's name; nil for lists without a district column.
        public var district: String?
        /// `passed`, `prechecks_failed` or `input_errors`.
        public var status: String
        /// Nil when input errors kept the model from being built.
        public var counts: Counts?
        public var warnings: [String]
        /// The pre-checks that failed (empty when they passed or could not run).
        public var prechecks_failed: [String]
        public var errors: [ErrorEntry]

        /// Lists whose model was built: the counts, warnings and pre-check failures.
        public init(district: String?, problem: Problem, reasons: [InfeasibilityReason]) {
            self.district = district
            status = reasons.isEmpty ? "passed" : "prechecks_failed"
            counts = Counts(problem)
            warnings = problem.warnings
            prechecks_failed = reasons.map(\.message)
            errors = []
        }

        /// Lists with input errors.
        public init(district: String?, errors: [InputError]) {
            self.district = district
            status = "input_errors"
            counts = nil
            warnings = []
            prechecks_failed = []
            self.errors = errors.map(ErrorEntry.init)
        }
    }

    /// `passed`, `prechecks_failed` or `input_errors`: the worst of the lists'.
    public var status: String
    /// Input errors that concern all lists (a file that cannot be read, a fix pair across districts).
    public var errors: [ErrorEntry]
    /// Warnings that concern all lists (pairs or previous-plan rows across districts).
    public var warnings: [String]
    /// One entry for lists without a district column, one per district otherwise.
    public var lists: [Lists]

    public init(lists: [Lists], errors: [InputError] = [], warnings: [String] = []) {
        self.lists = lists
        self.errors = errors.map(ErrorEntry.init)
        self.warnings = warnings
        let statuses = lists.map(\.status)
        status = !errors.isEmpty || statuses.contains("input_errors") ? "input_errors"
            : statuses.contains("prechecks_failed") ? "prechecks_failed" : "passed"
    }

    /// The exit status `check` ends with for this document: 1 input errors, 2 a pre-check
    /// failed, 0 passed.
    public var exitStatus: Int32 {
        switch status {
        case "input_errors": 1
        case "prechecks_failed": 2
        default: 0
        }
    }
}
