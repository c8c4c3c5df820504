import Foundation

/// How a run solves and what it writes: everything `alliance solve` takes besides the lists and
/// the model options. Plain values, so a front end can build them from a form as well as from
/// command-line arguments.
public struct RunOptions: Sendable {
    /// The strategy; its name is written to plan.json.
    public var strategy: StrategyName
    /// Seconds the search may take before returning its best plan.
    public var timeLimit: Double
    /// Stop once the plan is proven within this relative gap (0 = prove the optimum).
    public var relativeGap: Double
    /// Optimize these terms in order instead of weighing them (`LexicographicStrategy`), when set.
    public var priorities: [Term]?
    /// How much of an earlier priority's optimum a later one may give up (relative).
    public var priorityTolerance: Double
    /// Models with more allowed unit–community pairs are refused before solving.
    public var sizeLimit: ModelSizeLimit
    /// Whether plan.json and the reports say how long the solve took (off for byte-identical reruns).
    public var includeTimings: Bool
    /// Whether CSV files start with the byte order mark that tells Excel they are UTF-8.
    public var byteOrderMark: Bool

    public init(strategy: StrategyName = .exact, timeLimit: Double = 60, relativeGap: Double = 0,
                priorities: [Term]? = nil, priorityTolerance: Double = 0.001,
                sizeLimit: ModelSizeLimit = ModelSizeLimit(), includeTimings: Bool = true, byteOrderMark: Bool = true) {
        self.strategy = strategy
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.priorities = priorities
        self.priorityTolerance = priorityTolerance
        self.sizeLimit = sizeLimit
        self.includeTimings = includeTimings
        self.byteOrderMark = byteOrderMark
    }

    /// The strategy to solve with: lexicographic over `priorities` when set, else `strategy`.
    public func makeStrategy() -> any Strategy {
        if let priorities { return LexicographicStrategy(priorities: priorities, tolerance: priorityTolerance) }
        return strategy.make()
    }
}

/// One solve from a problem to written files: the model-size check, stage 1 with `options`,
/// the greedy baseline shown beside the plan, stage 2 (projects claimed) when projects are
/// listed, then `plan.csv`, `communities.csv`, `plan.json`, `plan.xlsx`, `report.html` (and
/// `projects.csv`) written together into a folder. The one code path for a single run and for
/// each district of a batch run (`DistrictBatchRun`).
///
/// The callbacks run on the solving thread; cancellation may be requested from any thread, and
/// the solve then returns its best plan so far with status `interrupted` (which is still written)
/// or throws `SolveError.interrupted` when it has none.
public struct PlanningRun: Sendable {
    public var options: RunOptions
    /// Set it to stop the search early with the best plan so far.
    public var cancellation: CancellationFlag
    /// Progress snapshots from the solver, about once a second.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// The start and end of each phase with the time left (`--log-phases`); nil logs nothing.
    public var phaseLog: (@Sendable (PhaseEvent) -> Void)?
    /// Told each repair of the start plan (`--from`) before the solve begins, one line each
    /// (the report keeps them too: `PlanReport.start`); nil tells nothing.
    public var warning: (@Sendable (String) -> Void)?
    /// A plan every strategy starts from instead of the `--from` plan (which the report still
    /// describes), e.g. a batch district's first-pass plan (`BatchTimeBudget`): the plan returned
    /// is never worse. Ignored unless it satisfies every rule (`SolveSettings.startPlan`).
    public var warmStart: Plan?
    /// Stage 3 after the plan: members matched to posts with the plan's pairs as the unit term
    /// (set when the lists hold members.csv and posts.csv; `PeopleInput.hasPeopleLists`).
    public var people: PeopleInput?

    public init(options: RunOptions = RunOptions(), cancellation: CancellationFlag = CancellationFlag(),
                progress: (@Sendable (SolveProgress) -> Void)? = nil,
                phaseLog: (@Sendable (PhaseEvent) -> Void)? = nil,
                warning: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.cancellation = cancellation
        self.progress = progress
        self.phaseLog = phaseLog
        self.warning = warning
    }

    /// A run's report and the names of the files written, in writing order.
    public struct Written: Sendable {
        public var report: PlanReport
        public var files: [String]
    }

    /// The settings given to the strategy.
    public var settings: SolveSettings {
        var settings = SolveSettings(timeLimit: options.timeLimit, relativeGap: options.relativeGap,
                                     progress: progress, cancellation: cancellation)
        settings.phaseLog = phaseLog
        return settings
    }

    /// Checks the model size, prepares the start plan (`--from`: repaired when it breaks a rule,
    /// each repair told to `warning`; every strategy starts from it), solves `problem` and claims
    /// its projects; writes nothing. Throws `ModelTooLarge`, or `SolveError` when no plan was
    /// found (or, with a start plan, when the pins clash or no plan satisfies the rules).
    /// With `people`, stage 3 follows on the plan found.
    public func solve(_ problem: Problem) throws -> PlanReport {
        try options.sizeLimit.check(problem)
        let start = try StartPlan.prepare(problem)
        for repair in start?.repairs ?? [] { warning?(repair) }
        if let start, !start.usable {
            warning?("the repaired start plan still breaks a rule ("
                + start.evaluation.violations.map(\.description).joined(separator: "; ")
                + "); the strategies start without it")
        }
        var settings = self.settings
        settings.startPlan = warmStart ?? start.flatMap { $0.usable ? $0.plan : nil }
        let outcome = try options.makeStrategy().solve(problem, settings: settings)
        var report = PlanReport(problem: problem, outcome: outcome, strategy: options.strategy.rawValue)
        report.start = start?.summary
        report.priorities = options.priorities
        report.baseline = PlanReport.greedyBaseline(for: problem)
        if !problem.instance.projects.isEmpty { report.claims = try ProjectClaiming.claim(report.plan, in: problem) }
        if var people {
            if people.planPath == nil { people.options.plan = report.plan.assignments(in: problem) }
            let loaded = try people.load(instance: problem.instance)
            for note in loaded.warnings { warning?(note) }
            report.people = try PeopleRun.solve(loaded.problem, warnings: loaded.warnings)
        }
        return report
    }

    /// `solve`, then the run's files written together into `folder` (`AtomicFiles`: the folder
    /// keeps either its old files or the complete new set).
    public func run(_ problem: Problem, into folder: URL) throws -> Written {
        let report = try solve(problem)
        let files = try report.files(includeTimings: options.includeTimings, byteOrderMark: options.byteOrderMark)
        try AtomicFiles.write(files, into: folder)
        return Written(report: report, files: files.map(\.name))
    }
}

extension PlanReport {
    /// The evaluation of the greedy plan for `problem`, the baseline outputs show beside a plan;
    /// `nil` when greedy finds no feasible plan. It runs a solver, so it lives with the
    /// pipeline rather than with the writers in Output/.
    public static func greedyBaseline(for problem: Problem) -> Evaluation? {
        guard let plan = try? GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 10)).plan else {
            return nil
        }
        let evaluation = Evaluator.evaluate(plan, in: problem)
        return evaluation.isFeasible ? evaluation : nil
    }
}
