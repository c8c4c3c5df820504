import Foundation

/// A solve of lists with a `district` (区县) column: every district planned on its own (its own
/// mean strength, balance band and size rules; its units serve only its communities), `jobs`
/// districts at once, each through `PlanningRun` into `<folder>/<district>/` (folder names from
/// `FolderNames`). Then `<folder>/plan.csv` combines the plans behind a `district` column,
/// `districts.csv` lists how each district ended, and `plan.xlsx` / `report.html` summarize
/// the districts for people (`DistrictOutput`).
///
/// When each district stops: once its plan is proven within `options.relativeGap` (by default
/// `defaultGap`, 0.5 %, not the single run's 0), or after `options.timeLimit` seconds; or, with
/// a `timeBudget` (`--time-budget`), within one wall-clock budget for the whole batch shared in
/// two passes so that the districts still far from the gap get the time the others did not need
/// (`BatchTimeBudget`).
///
/// A failing district does not stop the others: its `DistrictResult` carries the error as one
/// line. The callbacks let a front end draw progress; they run on the worker threads.
public struct DistrictBatchRun: Sendable {
    /// The relative gap a batch stops each district at unless told otherwise (`--gap`): 0.5 %.
    /// The city's target is a plan within 1 % of the optimum in every district, and a district
    /// proven within 0.5 % gains nothing a planner can see from more time, while proving the
    /// last fraction of a percent can take a large district its whole time limit, which a batch
    /// of ten districts pays ten times over. A single run keeps 0 (prove the optimum), and so
    /// does a batch given `--gap 0`.
    public static let defaultGap = 0.005

    /// Where the lists came from: errors in a district's lists are located at the files as given.
    public var input: PlanningInput
    /// How each district is solved and written; by default with the batch's `defaultGap`. With
    /// a `timeBudget`, `timeLimit` is replaced by each pass's share.
    public var options: RunOptions
    /// One wall-clock budget for the whole batch (`--time-budget`), shared between the districts
    /// in two passes (`BatchTimeBudget`); nil: each district gets `options.timeLimit`.
    public var timeBudget: BatchTimeBudget?
    /// Districts solved at once.
    public var jobs: Int
    /// Which districts this process solves when the batch is split over the tasks of an array
    /// job (`--shard`); nil: all of them.
    public var shard: DistrictShard?
    /// Skip a district whose folder already holds its finished plan from the same lists and
    /// options (`DistrictResume`); `alliance solve` sets it unless given `--force`.
    public var resume = false
    /// Set it to stop every district still solving; each writes its best plan so far.
    public var cancellation: CancellationFlag
    /// A district's phase log (`--log-phases`), with the district's name; nil logs nothing.
    public var phaseLog: (@Sendable (_ district: String, PhaseEvent) -> Void)?
    /// Called when a district starts solving, with its index and name.
    public var districtStarted: (@Sendable (_ index: Int, _ district: String) -> Void)?
    /// Called when a district has ended (written, or failed), with its index and result.
    public var districtFinished: (@Sendable (_ index: Int, DistrictResult) -> Void)?
    /// Called for a district skipped because its folder already holds its plan (`resume`).
    public var districtSkipped: (@Sendable (_ index: Int, DistrictResult) -> Void)?

    public init(input: PlanningInput, options: RunOptions = RunOptions(relativeGap: defaultGap),
                timeBudget: BatchTimeBudget? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                cancellation: CancellationFlag = CancellationFlag(),
                phaseLog: (@Sendable (_ district: String, PhaseEvent) -> Void)? = nil,
                districtStarted: (@Sendable (_ index: Int, _ district: String) -> Void)? = nil,
                districtFinished: (@Sendable (_ index: Int, DistrictResult) -> Void)? = nil) {
        self.input = input
        self.options = options
        self.timeBudget = timeBudget
        self.jobs = jobs
        self.cancellation = cancellation
        self.phaseLog = phaseLog
        self.districtStarted = districtStarted
        self.districtFinished = districtFinished
    }

    /// `solveAll`, then `writeSummary`: the whole batch. Returns every district's result in
    /// district order; throws only when the top-level files cannot be written. With a `shard`,
    /// its manifest first and no top-level files (`alliance merge` writes them once every shard
    /// has finished).
    public func run(_ districts: [DistrictInstance], options planning: PlanningOptions,
                    into folder: URL) throws -> [DistrictResult] {
        let layout = layout(districts, options: planning)
        if shard != nil { try writeManifest(layout, into: folder) }
        let results = solveAll(districts, options: planning, into: folder, layout: layout)
        if shard == nil { try writeSummary(results, into: folder) }
        return results
    }

    /// What a batch of these districts is: each district's folder (unique over the whole list,
    /// so that every shard names them alike), its digest (`DistrictResume`), and the positions
    /// this process solves (all, or its shard's).
    public func layout(_ districts: [DistrictInstance], options planning: PlanningOptions) -> DistrictBatchLayout {
        let names = districts.map(\.name)
        let sizes = districts.map { $0.instance.communities.count * $0.instance.organizations.count }
        return DistrictBatchLayout(
            names: names, folders: FolderNames.unique(names),
            digests: districts.map { DistrictResume.digest($0, planning: planning, run: options, timeBudget: timeBudget) },
            sizes: districts.map { ($0.instance.communities.count, $0.instance.organizations.count) },
            tasks: shard.map { DistrictShard.assignment(names: names, sizes: sizes, count: $0.count, split: $0.split) },
            shard: shard)
    }

    /// Writes `shards/shard-I-of-N.json` below `folder` (`ShardManifest`): the whole batch's
    /// districts, folders and digests, which `alliance merge` reads to know what to combine and
    /// what is still missing. Written before the shard solves anything.
    public func writeManifest(_ layout: DistrictBatchLayout, into folder: URL) throws {
        guard let manifest = ShardManifest(layout, options: options) else { return }
        try AtomicFiles.write([(manifest.fileName, try manifest.data())],
                              into: folder.appendingPathComponent(ShardManifest.folder, isDirectory: true))
    }

    /// Solves and writes every district of this process (all, or its `shard`'s) into its folder
    /// below `folder`; never throws, a district's failure is its result's `error`. With `resume`,
    /// a district whose folder already holds its finished plan is not solved again (its result
    /// is `restored`). With a `timeBudget`, in two passes within it (`BatchTimeBudget`): each
    /// district's folder is written once, after its last pass. Results in district order.
    public func solveAll(_ districts: [DistrictInstance], options planning: PlanningOptions,
                         into folder: URL, layout: DistrictBatchLayout? = nil) -> [DistrictResult] {
        let layout = layout ?? self.layout(districts, options: planning)
        var results: [Int: DistrictResult] = [:]
        var items: [Item] = []
        for position in layout.positions {
            let district = districts[position], name = layout.folders[position], digest = layout.digests[position]
            if resume, let outcome = DistrictResume.finished(in: folder.appendingPathComponent(name, isDirectory: true),
                                                             digest: digest) {
                var result = DistrictResult(district: district.name, folder: name,
                                            communities: district.instance.communities.count,
                                            organizations: district.instance.organizations.count,
                                            report: nil, error: nil, seconds: outcome.seconds ?? 0)
                result.restored = outcome
                results[position] = result
                districtSkipped?(position, result)
            } else {
                items.append(Item(position: position, district: district, folder: name, digest: digest))
            }
        }
        let solved = timeBudget.map { solveAll(items, options: planning, into: folder, within: $0) }
            ?? solveAll(items, options: planning, into: folder)
        for (item, result) in zip(items, solved) { results[item.position] = result }
        return layout.positions.map { results[$0]! }
    }

    /// One district to solve: its position in the batch, lists, folder name and digest.
    private struct Item: Sendable {
        var position: Int
        var district: DistrictInstance
        var folder: String
        var digest: String
    }

    /// Each item solved within `options.timeLimit`, `jobs` at once, and written.
    private func solveAll(_ items: [Item], options planning: PlanningOptions, into folder: URL) -> [DistrictResult] {
        let batch = self
        return WorkerThreads.run(count: items.count, threads: jobs) { k in
            let item = items[k]
            batch.districtStarted?(item.position, item.district.name)
            var result = batch.solve(item.district, folder: item.folder, options: planning,
                                     timeLimit: batch.options.timeLimit).result
            batch.write(&result, under: folder, digest: item.digest)
            batch.districtFinished?(item.position, result)
            return result
        }
    }

    /// The combined files at the top of `folder` (`DistrictOutput.fileNames`), written together.
    public func writeSummary(_ results: [DistrictResult], into folder: URL) throws {
        try AtomicFiles.write(try DistrictOutput.files(results, includeTimings: options.includeTimings,
                                                         byteOrderMark: options.byteOrderMark), into: folder)
    }

    /// One district's pass: its result (with the report, not yet written), the problem for a
    /// second pass, and the seconds the pass took beyond its time limit.
    private struct Pass: Sendable {
        var result: DistrictResult
        var problem: Problem?
        /// The solve's overrun past its time limit plus the start plan, greedy baseline and
        /// claims after it: what a second pass must leave room for (`BatchTimeBudget`).
        var overrun = 0.0
        /// Whether the district is written and told finished.
        var done = false
        /// Whether it has no plan only because its time limit ran out.
        var ranOutOfTime = false

        /// How the pass ended, for `BatchTimeBudget`.
        func end(share: Double) -> BatchTimeBudget.PassEnd {
            guard let report = result.report else { return .failed(share: share, ranOutOfTime: ranOutOfTime) }
            return BatchTimeBudget.PassEnd(status: report.status, gap: report.gap, solveSeconds: report.solveSeconds,
                                           share: share)
        }
    }

    /// Reads a district's problem and solves it within `timeLimit` on the calling thread;
    /// failures become the result's error. Writes nothing.
    private func solve(_ district: DistrictInstance, folder name: String, options planning: PlanningOptions,
                       timeLimit: Double) -> Pass {
        let timer = Deadline.unlimited()
        var pass = Pass(result: DistrictResult(district: district.name, folder: name,
                                               communities: district.instance.communities.count,
                                               organizations: district.instance.organizations.count,
                                               report: nil, error: nil, seconds: 0))
        do {
            let problem = try input.problem(for: district, options: planning)
            pass.problem = problem
            var options = self.options
            options.timeLimit = timeLimit
            let started = timer.elapsed
            let report = try planningRun(options, district: district.name).solve(problem)
            pass.result.report = report
            pass.overrun = max(0, report.solveSeconds - timeLimit) + max(0, timer.elapsed - started - report.solveSeconds)
        } catch {
            pass.result.error = Self.oneLine(error)
            if case SolveError.noPlanWithinTimeLimit = error { pass.ranOutOfTime = true }
        }
        pass.result.seconds = timer.elapsed
        return pass
    }

    /// Writes a district's plan files into its folder below `root` (`AtomicFiles`), adding the
    /// time taken to its seconds, and its `district.json` (`DistrictOutcome`) last, so that the
    /// folder counts as finished only once every file is in place; a failed district's folder
    /// gets only its `district.json`. A failure to write becomes its error. Returns the seconds.
    @discardableResult
    private func write(_ result: inout DistrictResult, under root: URL, digest: String) -> Double {
        let timer = Deadline.unlimited()
        let folder = root.appendingPathComponent(result.folder, isDirectory: true)
        do {
            var files: [(name: String, contents: Data)] = []
            if result.report != nil {
                result.report?.inputDigest = digest
                files = try result.report!.files(includeTimings: options.includeTimings, byteOrderMark: options.byteOrderMark)
            }
            let outcome = try DistrictOutcome(result, includeTimings: options.includeTimings, inputDigest: digest)
            files.append((DistrictOutcome.fileName, try outcome.data()))
            try AtomicFiles.write(files, into: folder)
        } catch {
            result.report = nil
            result.error = Self.oneLine(error)
        }
        result.seconds += timer.elapsed
        return timer.elapsed
    }

    /// A `PlanningRun` with these options, its phase log naming the district.
    private func planningRun(_ options: RunOptions, district: String) -> PlanningRun {
        let log = phaseLog.map { log in { @Sendable (event: PhaseEvent) in log(district, event) } }
        return PlanningRun(options: options, cancellation: cancellation, phaseLog: log)
    }

    /// `solveAll` within `budget`: pass 1 gives every district `budget.firstShare` and writes
    /// those that are done; pass 2 takes the others hardest first, each from its first-pass plan
    /// with `budget.secondShare` of what is left, and writes them with the better of their passes.
    private func solveAll(_ items: [Item], options planning: PlanningOptions, into root: URL,
                          within budget: BatchTimeBudget) -> [DistrictResult] {
        let clock = Deadline.unlimited()
        let share = budget.firstShare(districts: items.count, jobs: jobs)
        let gap = options.relativeGap, batch = self
        let longestWrite = Locked(0.0)
        let firsts = WorkerThreads.run(count: items.count, threads: jobs) { k in
            let item = items[k]
            batch.districtStarted?(item.position, item.district.name)
            var pass = batch.solve(item.district, folder: item.folder, options: planning, timeLimit: share)
            if batch.cancellation.isCancelled || !budget.needsSecondPass(pass.end(share: share), relativeGap: gap) {
                let seconds = batch.write(&pass.result, under: root, digest: item.digest)
                longestWrite.withLock { $0 = max($0, seconds) }
                pass.problem = nil
                pass.done = true
                batch.districtFinished?(item.position, pass.result)
            }
            return pass
        }
        let order = budget.secondPassOrder(firsts.map { $0.done ? nil : $0.end(share: share) }, relativeGap: gap)
        let workers = BatchTimeBudget.workers(jobs: jobs, districts: order.count)
        let writing = longestWrite.current
        // WorkerThreads hands out jobs in index order: when job k starts, jobs 0..<k have started.
        let seconds = WorkerThreads.run(count: order.count, threads: jobs) { k in
            let index = order[k], first = firsts[index]
            var result = first.result
            let timer = Deadline.unlimited()
            if !batch.cancellation.isCancelled, let problem = first.problem,
               let share = budget.secondShare(elapsed: clock.elapsed, waiting: order.count - k, workers: workers,
                                              reserve: first.overrun + writing) {
                var options = batch.options
                options.timeLimit = share
                var run = batch.planningRun(options, district: result.district)
                run.warmStart = first.result.report?.plan
                do {
                    let second = try run.solve(problem)
                    result.report = first.result.report.map { Self.combined($0, second) } ?? second
                    result.error = nil
                } catch {
                    // From a plan a second pass keeps it whatever happens; without one, its error.
                    if result.report == nil { result.error = Self.oneLine(error) }
                }
                result.passes = 2
            }
            result.seconds += timer.elapsed
            batch.write(&result, under: root, digest: items[index].digest)
            batch.districtFinished?(items[index].position, result)
            return result
        }
        var results = firsts.map(\.result)
        for (k, index) in order.enumerated() { results[index] = seconds[k] }
        return results
    }

    /// A district's result after two passes: the better plan (the second on a tie: it started
    /// from the first), the smaller (tighter) of the two proven bounds, the solve seconds of
    /// both; `optimal` when the bound meets the plan (within 1e-9 relative, as `ExactStrategy`
    /// judges it), `interrupted` when the second pass was.
    static func combined(_ first: PlanReport, _ second: PlanReport) -> PlanReport {
        var best = second.evaluation.objective >= first.evaluation.objective ? second : first
        best.bound = [first.bound, second.bound].compactMap { $0 }.min().map { max($0, best.evaluation.objective) }
        best.solveSeconds = first.solveSeconds + second.solveSeconds
        if second.status == .interrupted {
            best.status = .interrupted
        } else if best.status == .feasible, let bound = best.bound,
                  relativeGap(objective: best.evaluation.objective, bound: bound) <= 1e-9 {
            best.status = .optimal
        }
        return best
    }

    /// An error as one line for districts.csv.
    public static func oneLine(_ error: Error) -> String {
        let text: String
        switch error {
        case let errors as InputErrors: text = errors.errors.map(\.description).joined(separator: "; ")
        case let failure as SolveError: text = failure.description
        case let failure as AtomicFiles.WriteError: text = failure.description
        default: text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
