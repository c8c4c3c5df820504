import Foundation

/// Several strategies on the same problem, one after another, each with the same time limit:
/// what `alliance compare` does between reading the lists and writing compare.csv and
/// compare.json. Each plan is judged by `Evaluator`; a strategy that finds no plan becomes a row
/// with its failure, never an error of the whole run.
public struct ComparisonRun: Sendable {
    /// The strategies, in the order they run and appear in the table.
    public var strategies: [StrategyName]
    /// Seconds each strategy may take.
    public var timeLimit: Double
    /// Set it to stop the running strategy early (it keeps its best plan) and run the rest briefly.
    public var cancellation: CancellationFlag
    /// Progress snapshots of the running strategy, about once a second.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Called before each strategy starts.
    public var strategyStarted: (@Sendable (StrategyName) -> Void)?

    public init(strategies: [StrategyName] = StrategyName.allCases, timeLimit: Double = 60,
                cancellation: CancellationFlag = CancellationFlag(),
                progress: (@Sendable (SolveProgress) -> Void)? = nil,
                strategyStarted: (@Sendable (StrategyName) -> Void)? = nil) {
        self.strategies = strategies
        self.timeLimit = timeLimit
        self.cancellation = cancellation
        self.progress = progress
        self.strategyStarted = strategyStarted
    }

    /// Every strategy on `problem`, in order, each starting from the start plan (`--from`, as
    /// `PlanningRun` repairs it) when there is one.
    public func run(_ problem: Problem) -> Comparison {
        var settings = SolveSettings(timeLimit: timeLimit, progress: progress, cancellation: cancellation)
        settings.startPlan = (try? StartPlan.prepare(problem)).flatMap { $0 }.flatMap { $0.usable ? $0.plan : nil }
        var rows: [Comparison.Row] = []
        for name in strategies {
            strategyStarted?(name)
            let timer = Deadline.unlimited(clock: settings.clock)
            do {
                let outcome = try name.make().solve(problem, settings: settings)
                rows.append(Comparison.Row(strategy: name.rawValue, status: outcome.status,
                                           evaluation: outcome.plan.map { Evaluator.evaluate($0, in: problem) },
                                           bound: outcome.bound, seconds: outcome.solveSeconds))
            } catch {
                rows.append(Comparison.Row(strategy: name.rawValue, status: nil, evaluation: nil, bound: nil,
                                           seconds: timer.elapsed, failure: "\(error)"))
            }
        }
        return Comparison(rows: rows)
    }

    /// compare.csv and compare.json written together into `folder`; returns their names.
    @discardableResult
    public static func write(_ comparison: Comparison, into folder: URL, byteOrderMark: Bool = true) throws -> [String] {
        let files = try comparison.files(byteOrderMark: byteOrderMark)
        try AtomicFiles.write(files, into: folder)
        return files.map(\.name)
    }
}
