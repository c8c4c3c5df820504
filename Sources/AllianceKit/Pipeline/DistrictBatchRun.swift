import Foundation

/// A solve of lists with a `district` (区县) column: every district planned on its own (its own
/// mean strength, balance band and size rules; its units serve only its communities), `jobs`
/// districts at once, each through `PlanningRun` into `<folder>/<district>/` (folder names from
/// `FolderNames`). Then `<folder>/plan.csv` combines the plans behind a `district` column,
/// `districts.csv` lists how each district ended, and `plan.xlsx` / `report.html` summarize
/// the districts for people (`DistrictOutput`).
///
/// A failing district does not stop the others: its `DistrictResult` carries the error as one
/// line. The callbacks let a front end draw progress; they run on the worker threads.
public struct DistrictBatchRun: Sendable {
    /// Where the lists came from: errors in a district's lists are located at the files as given.
    public var input: PlanningInput
    /// How each district is solved and written.
    public var options: RunOptions
    /// Districts solved at once.
    public var jobs: Int
    /// Set it to stop every district still solving; each writes its best plan so far.
    public var cancellation: CancellationFlag
    /// A district's phase log (`--log-phases`), with the district's name; nil logs nothing.
    public var phaseLog: (@Sendable (_ district: String, PhaseEvent) -> Void)?
    /// Called when a district starts solving, with its index and name.
    public var districtStarted: (@Sendable (_ index: Int, _ district: String) -> Void)?
    /// Called when a district has ended (written, or failed), with its index and result.
    public var districtFinished: (@Sendable (_ index: Int, DistrictResult) -> Void)?

    public init(input: PlanningInput, options: RunOptions = RunOptions(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                cancellation: CancellationFlag = CancellationFlag(),
                phaseLog: (@Sendable (_ district: String, PhaseEvent) -> Void)? = nil,
                districtStarted: (@Sendable (_ index: Int, _ district: String) -> Void)? = nil,
                districtFinished: (@Sendable (_ index: Int, DistrictResult) -> Void)? = nil) {
        self.input = input
        self.options = options
        self.jobs = jobs
        self.cancellation = cancellation
        self.phaseLog = phaseLog
        self.districtStarted = districtStarted
        self.districtFinished = districtFinished
    }

    /// `solveAll`, then `writeSummary`: the whole batch. Returns every district's result in
    /// district order; throws only when the top-level files cannot be written.
    public func run(_ districts: [DistrictInstance], options planning: PlanningOptions,
                    into folder: URL) throws -> [DistrictResult] {
        let results = solveAll(districts, options: planning, into: folder)
        try writeSummary(results, into: folder)
        return results
    }

    /// Solves and writes every district into its folder below `folder`; never throws, a
    /// district's failure is its result's `error`.
    public func solveAll(_ districts: [DistrictInstance], options planning: PlanningOptions,
                         into folder: URL) -> [DistrictResult] {
        let folders = FolderNames.unique(districts.map(\.name))
        let batch = self
        return WorkerThreads.run(count: districts.count, threads: jobs) { index in
            batch.districtStarted?(index, districts[index].name)
            let result = batch.solve(districts[index], folder: folders[index], options: planning, under: folder)
            batch.districtFinished?(index, result)
            return result
        }
    }

    /// The combined files at the top of `folder` (`DistrictOutput.fileNames`), written together.
    public func writeSummary(_ results: [DistrictResult], into folder: URL) throws {
        try AtomicFiles.write(try DistrictOutput.files(results, includeTimings: options.includeTimings,
                                                         byteOrderMark: options.byteOrderMark), into: folder)
    }

    /// One district, start to end on the calling thread; failures become the result's error.
    private func solve(_ district: DistrictInstance, folder name: String, options planning: PlanningOptions,
                       under root: URL) -> DistrictResult {
        let timer = Deadline.unlimited()
        var result = DistrictResult(district: district.name, folder: name,
                                    communities: district.instance.communities.count,
                                    organizations: district.instance.organizations.count, report: nil, error: nil, seconds: 0)
        do {
            let problem = try input.problem(for: district, options: planning)
            let log = phaseLog.map { log in { @Sendable (event: PhaseEvent) in log(district.name, event) } }
            let run = PlanningRun(options: options, cancellation: cancellation, phaseLog: log)
            result.report = try run.run(problem, into: root.appendingPathComponent(name, isDirectory: true)).report
        } catch {
            result.error = Self.oneLine(error)
        }
        result.seconds = timer.elapsed
        return result
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
