import AllianceKit
import ArgumentParser
import Foundation

/// `alliance solve`: read the lists, find the plan, write plan.csv, communities.csv, plan.json, plan.xlsx.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the best 1+N plan and write it to the output folder.",
        discussion: HelpText.discussion("""
            Writes plan.csv, communities.csv, plan.json, plan.xlsx, report.html (and projects.csv \
            when there are projects; people.csv, posts-open.csv and people.json when the lists hold \
            members.csv and posts.csv, see `alliance people`) to the output folder; lists with a \
            district column are planned district by district into one subfolder each, with combined \
            files beside them (members and posts are then not matched: the batch prints the \
            `alliance people` command that matches them over the whole city).
            """,
            examples: [
                "alliance solve models/examples/caofeidian",
                "alliance solve lists.xlsx --previous last-year/plan.csv --time-limit 120",
                "alliance solve city/ --jobs 2 --time-budget 600",
                "alliance solve city/ --out city/plan --shard auto",
                "alliance solve lists.xlsx --from plan.csv --pin-community C07 --max-changes 5",
            ],
            exits: [.success, .inputError, .noPlan, .notWritten, .interrupted]))

    @OptionGroup var model: ModelOptions
    @OptionGroup var size: SizeOptions

    @Option(help: ArgumentHelp("Output folder (default: plan/ inside the input folder, or beside the workbook).",
                               valueName: "folder"),
            completion: .directory)
    var out: String?

    @Option(help: ArgumentHelp("How to solve.", valueName: "strategy"))
    var strategy: StrategyName = .exact

    @Option(help: ArgumentHelp("Seconds the search may take before returning its best plan (default 60; per district "
        + "in a batch; with --time-budget: the most one district's solve may take, no cap by default).",
        valueName: "seconds"))
    var timeLimit: Double?

    @Option(help: ArgumentHelp("Stop once the plan is proven within this relative gap, e.g. 0.01 for 1 % (0 = prove "
        + "the optimum; default 0 for one district's lists, \(DistrictBatchRun.defaultGap) = "
        + "\(Format.percent(DistrictBatchRun.defaultGap)) for lists with a district column).", valueName: "fraction"))
    var gap: Double?

    @Option(help: ArgumentHelp("Lists with a district column: seconds of wall clock for the whole batch, shared "
        + "between the districts: half in equal shares, the rest to those not yet within --gap, hardest first.",
        valueName: "seconds"))
    var timeBudget: Double?

    @Option(help: ArgumentHelp("Optimize these terms in order instead of weighing them, e.g. coverage,balance,distance.",
                               valueName: "term,term,…"),
            transform: TermPriorities.parse)
    var priorities: [Term]?

    @Option(help: ArgumentHelp("How much of an earlier priority's optimum a later one may give up (relative; 0.001 = 0.1 %).",
                               valueName: "fraction"))
    var priorityTolerance: Double = 0.001

    @Flag(help: "No progress line and no summary.")
    var quiet = false

    @Flag(help: ArgumentHelp("Print the summary as JSON on stdout (status, objective, bound, gap, files written; "
        + "docs/JSON.md) instead of text."))
    var json = false

    @Option(help: ArgumentHelp("Districts solved at once in batch mode (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    /// `--jobs`, or the number of cores when not given (not a declared default, so that `--help`
    /// reads the same on every machine).
    var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    @Option(help: ArgumentHelp("Lists with a district column: solve only this task's share of the districts, for an "
        + "array job: I/N (task I of N, from 0), auto/N (I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX) or auto "
        + "(N from SLURM_ARRAY_TASK_COUNT too). Writes the districts' folders and shards/shard-I-of-N.json; "
        + "`alliance merge` writes the combined files once every task has finished.", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("How --shard splits the districts: modulo (sorted by name, every N-th) or size "
        + "(balanced by communities × units, largest first).", valueName: "split"))
    var shardSplit: DistrictShard.Split = .modulo

    @Option(help: ArgumentHelp("Lists with a district column: solve every district under each scenario of this CSV "
        + "file (name, then any of coverage, balance, distance, preference, keep, balance_band, priorities, time_limit, "
        + "gap; empty cells keep the command's values), each into <out>/<scenario>/, and compare them in "
        + "<out>/compare-scenarios.csv.", valueName: "scenarios.csv"),
            completion: .file(extensions: ["csv"]))
    var scenarios: String?

    @Flag(help: ArgumentHelp("Lists with a district column: solve every district again, also one whose folder "
        + "already holds its plan from the same lists and options (which is skipped otherwise)."))
    var force = false

    @Flag(help: "Print each phase's start and end (and GLPK's output) with the time left to stderr.")
    var logPhases = false

    @Flag(help: "Leave solve_seconds out of plan.json, for byte-identical reruns.")
    var noTimings = false

    @Flag(help: "Write the CSV files without the byte order mark that tells Excel they are UTF-8.")
    var noBOM = false

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError(Message.timeLimitPositive.text)
        }
        if let gap, !(gap.isFinite && gap >= 0) { throw ValidationError(Message.gapNonNegative.text) }
        if let timeBudget, !(timeBudget.isFinite && timeBudget > 0) {
            throw ValidationError(Message.timeBudgetPositive.text)
        }
        guard priorityTolerance.isFinite, priorityTolerance >= 0 else {
            throw ValidationError(Message.priorityToleranceNonNegative.text)
        }
        if let jobs, jobs < 1 { throw ValidationError(Message.jobsAtLeastOne.text) }
        if priorities != nil, strategy != .exact {
            throw ValidationError(Message.prioritiesNeedExact.text)
        }
        _ = try districtShard()
        if scenarios != nil, timeBudget != nil { throw ValidationError(Message.scenariosWithTimeBudget.text) }
    }

    /// `--shard` read against the scheduler's environment; nil without it.
    func districtShard() throws -> DistrictShard? {
        guard let shard else { return nil }
        do {
            return try DistrictShard.parse(shard, split: shardSplit)
        } catch let error as DistrictShard.UsageError {
            throw ValidationError(error.description)
        }
    }

    /// `--time-limit` when not given.
    static let defaultTimeLimit = 60.0

    /// How each run solves and writes, as the library takes it (a batch replaces the gap by its
    /// own default when `--gap` is not given: `runDistricts`).
    var runOptions: RunOptions {
        RunOptions(strategy: strategy, timeLimit: timeLimit ?? Self.defaultTimeLimit, relativeGap: gap ?? 0,
                   priorities: priorities,
                   priorityTolerance: priorityTolerance, sizeLimit: size.limit, includeTimings: !noTimings,
                   byteOrderMark: !noBOM)
    }

    func run() throws {
        let interrupts = Interrupts.install()
        let instance = try model.loadInstance(quiet: quiet)
        if interrupts.wasInterrupted { throw SolveError.interrupted }  // while reading the lists
        if DistrictSplit.hasDistricts(instance) {
            try runDistricts(instance, cancellation: interrupts.flag)
            if interrupts.wasInterrupted { throw ExitCode(Interrupts.exitStatus) }
            return
        }
        if timeBudget != nil || shard != nil || scenarios != nil {  // a usage error (exit status 64), found only once the lists are read
            Console.error("alliance: " + (shard != nil || scenarios != nil ? Message.shardNeedsDistricts
                                                                           : Message.timeBudgetNeedsDistricts).text)
            throw ExitCode.validationFailure
        }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        for warning in problem.warnings where !quiet { Console.warning(warning) }
        let progressLine = ProgressLine(enabled: !quiet && Console.stderrIsTerminal)
        var run = PlanningRun(options: runOptions, cancellation: interrupts.flag,
                              progress: { progressLine.update($0) })
        if !quiet { run.warning = { Console.warning($0) } }
        if logPhases { run.phaseLog = { Console.error($0.line) } }
        let people = PeopleInput(path: model.folder, encoding: model.encoding)
        if people.hasPeopleLists { run.people = people }
        let written: PlanningRun.Written
        do {
            written = try run.run(problem, into: outputFolder)
            progressLine.finish()
        } catch {
            progressLine.finish()
            if json, let failure = error as? SolveError {
                print(try JSONOutput.text(SolveSummaryDocument(runs: [.init(error: failure.description)]), as: .solveSummary),
                      terminator: "")
            }
            throw error
        }
        if json {
            let summary = SolveSummaryDocument.Run(report: written.report, folder: outputFolder.relativePathForDisplay,
                                                   files: written.files, includeTimings: !noTimings)
            print(try JSONOutput.text(SolveSummaryDocument(runs: [summary]), as: .solveSummary), terminator: "")
        } else if !quiet {
            print(Summary.text(written.report, folder: outputFolder, files: written.files, startFile: model.from))
        }
        if interrupts.wasInterrupted { throw ExitCode(Interrupts.exitStatus) }
    }

    /// `--out`, or plan/ inside the input folder (beside the workbook).
    var outputFolder: URL {
        out.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? model.defaultOutputFolder("plan")
    }
}

/// The human summary printed after a solve.
enum Summary {
    static func text(_ report: PlanReport, folder: URL, files: [String], startFile: String? = nil) -> String {
        let evaluation = report.evaluation, terms = evaluation.terms, problem = report.problem
        var lines: [String] = []
        let status: Message = switch report.status {
        case .optimal: .statusOptimal
        case .interrupted: .statusInterrupted
        default: .statusFeasible
        }
        lines.append(status.text)
        lines.append(Message.objectiveLine(objective: Format.objective(evaluation.objective),
                                           bound: report.bound.map(Format.objective), gap: report.gap.map(Format.percent)).text)
        let band = Format.percent(problem.options.balanceBand)
        lines.append(Message.coverageLine(share: Format.percent(terms.coverage)).text)
        lines.append(Message.balanceLine(value: String(format: "%.4f", terms.balance), band: band).text)
        lines.append(Message.distanceLine(value: String(format: "%.4f", terms.distance)).text)
        lines.append(Message.preferenceLine(value: Format.number(terms.preference)).text)
        if problem.previousPairCount > 0 {
            lines.append(Message.keepLine(share: Format.percent(terms.keep), previousPairs: problem.previousPairCount).text)
        }
        if let start = report.start {
            lines.append(Message.startLine(objective: Format.objective(start.objective), file: startFile,
                                           repairs: start.repairs.count, usable: start.usable).text)
        }
        if let changes = report.evaluation.changesFromStart {
            lines.append(Message.changesLine(changes: changes, limit: problem.maxChanges).text)
        }
        lines.append(Message.strengthLine(min: Format.number(evaluation.strengthMin), mean: Format.number(evaluation.strengthMean),
                                          max: Format.number(evaluation.strengthMax), target: Format.number(problem.meanStrength),
                                          band: band).text)
        lines.append(Message.alliancesLine(communities: problem.communityCount,
                                           assignments: report.plan.assigned.filter { $0 }.count,
                                           seconds: Format.seconds(report.solveSeconds)).text)
        if let claims = report.claims { lines.append(ClaimSummaryText.line(claims)) }
        if let people = report.people { lines += PeopleSummaryText.lines(people) }
        let names = files.map { folder.appendingPathComponent($0).relativePathForDisplay }
        lines.append(Message.wroteLine(files: names.joined(separator: ", ")).text)
        return lines.joined(separator: "\n")
    }
}

extension DistrictShard.Split: ExpressibleByArgument {}
