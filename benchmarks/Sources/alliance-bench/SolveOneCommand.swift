import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench solve-one`: one strategy on one size, in a process of its own so that the
/// harness can measure its peak memory. Writes a `RunRecord` as JSON.
struct SolveOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve-one",
        abstract: "Solve one size with one strategy and write its trace (run by `run`).")

    @Option(help: "Size: S, M, L or XL.")
    var size: BenchmarkSize

    @Option(help: "Instance family: base, many-categories, tight, multi, uneven, mixed.")
    var family: InstanceFamily = .base

    @Option(help: "A name from StrategyCatalog.")
    var strategy: String

    @Option(name: .customLong("time-limit"), help: "Seconds.")
    var timeLimit: Double = 60

    @Option(help: "Where to write the run record (JSON).")
    var out: String

    @Option(help: "Limit candidate pairs to the k nearest communities per unit (`alliance --candidates`).")
    var candidates: Int?

    @Option(name: .customLong("huge-block-share"),
            help: "exact only: TimePlan.hugeBlockShare, the root time street blocks may take on huge districts (an experiment; 0 = no warm start).")
    var hugeBlockShare: Double?

    @Flag(name: .customLong("fixed-smoothing"),
          help: "exact only: DecompositionOptions.adaptiveSmoothing off, the root's smoothing factor fixed (an experiment).")
    var fixedSmoothing = false

    func run() throws {
        try requireReleaseBuild()
        let record = try SwiftStrategyRun(size: size, family: family, strategy: strategy, timeLimit: timeLimit,
                                          candidates: candidates, hugeBlockShare: hugeBlockShare,
                                          fixedSmoothing: fixedSmoothing).run()
        try JSONEncoder.results.encode(record).write(to: URL(fileURLWithPath: out))
    }
}

/// Collects progress snapshots from the solving thread, keeping only the informative ones:
/// every new incumbent, a moving bound at most twice a second, otherwise one point a second.
final class TraceRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private let watch: Stopwatch
    private var points: [TracePoint] = []

    init(watch: Stopwatch) { self.watch = watch }

    func record(_ progress: SolveProgress) {
        let now = watch.seconds
        lock.lock()
        defer { lock.unlock() }
        if let last = points.last, last.incumbent == progress.incumbent {
            let interval = last.bound == progress.bound ? 1.0 : 0.5
            if now - last.seconds < interval { return }
        }
        points.append(TracePoint(seconds: now, incumbent: progress.incumbent, bound: progress.bound))
    }

    var trace: [TracePoint] {
        lock.lock()
        defer { lock.unlock() }
        return points
    }
}

/// The measured solve of one Swift strategy: build time, progress trace, final plan judged by
/// `Evaluator`, proven bound and gap.
struct SwiftStrategyRun {
    var size: BenchmarkSize
    var family: InstanceFamily = .base
    var strategy: String
    var timeLimit: Double
    var candidates: Int? = nil
    /// `ExactStrategy.timePlan.hugeBlockShare` for an experiment; nil keeps the default.
    var hugeBlockShare: Double? = nil
    /// `ExactStrategy.adaptiveSmoothing` off for an experiment.
    var fixedSmoothing = false

    func run() throws -> RunRecord {
        var record = RunRecord(solver: strategy, size: size, status: "ok", timeLimit: timeLimit)
        guard var solver = StrategyCatalog.make(strategy) else {
            record.status = "skipped"
            record.note = "StrategyCatalog does not know '\(strategy)' yet"
            return record
        }
        if var exact = solver as? ExactStrategy, hugeBlockShare != nil || fixedSmoothing {
            var notes: [String] = []
            if let hugeBlockShare {
                exact.timePlan.hugeBlockShare = hugeBlockShare
                notes.append("hugeBlockShare \(hugeBlockShare)")
            }
            if fixedSmoothing {
                exact.adaptiveSmoothing = false
                notes.append("fixed smoothing")
            }
            solver = exact
            record.note = notes.joined(separator: ", ")
        }
        let (instance, previous) = size.generate(family: family)
        let (problem, derive) = try Stopwatch.time {
            try Problem(instance: instance, options: PlanningOptions(previousPlan: previous, candidates: candidates))
        }
        var build = derive
        if let candidates {
            record.note = "--candidates \(candidates): \(problem.allowed.filter { $0 }.count) of \(problem.allowed.count) pairs allowed"
        }
        if strategy == "exact" {
            // The exact strategy's model building, measured alone (the strategy builds its own).
            let (_, modelSeconds) = try Stopwatch.time { _ = try StageOneModel(problem: problem) }
            build += modelSeconds
        }
        record.buildSeconds = build

        let watch = Stopwatch()
        let recorder = TraceRecorder(watch: watch)
        let settings = SolveSettings(timeLimit: timeLimit, relativeGap: 0,
                                     progress: { recorder.record($0) }, progressInterval: 0.05)
        let outcome: SolveOutcome
        do {
            outcome = try solver.solve(problem, settings: settings)
        } catch {
            record.status = "failed"
            record.note = "\(error)"
            record.trace = recorder.trace
            record.totalSeconds = watch.seconds
            return record
        }
        let end = watch.seconds
        var trace = recorder.trace
        record.solveStatus = outcome.status.rawValue
        record.bound = outcome.bound
        record.statistics = outcome.statistics.isEmpty ? nil : outcome.statistics
        if let plan = outcome.plan {
            let evaluation = Evaluator.evaluate(plan, in: problem)
            record.objective = evaluation.objective
            record.violations = evaluation.violations.count
            if let bound = outcome.bound {
                record.gap = relativeGap(objective: evaluation.objective, bound: bound)
            }
        } else {
            record.note = "no plan"
        }
        trace.append(TracePoint(seconds: end, incumbent: record.objective, bound: outcome.bound))
        record.trace = trace
        record.firstPlanSeconds = trace.first { $0.incumbent != nil }?.seconds
        record.totalSeconds = end
        return record
    }
}
