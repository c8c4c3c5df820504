import AllianceKit
import ArgumentParser
import Foundation

/// `alliance solve`: read the lists, find the plan, write plan.csv, communities.csv, plan.json.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the best 1+N plan and write it to the output folder.")

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("out"), help: "Output folder (default: plan/ inside the input folder).")
    var out: String?

    @Option(name: .customLong("strategy"), help: "How to solve: \(StrategyName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategy: StrategyName = .exact

    @Option(name: .customLong("time-limit"), help: "Seconds the search may take before returning its best plan.")
    var timeLimit: Double = 60

    @Option(name: .customLong("gap"), help: "Stop once the plan is proven within this relative gap (0 = prove the optimum).")
    var gap: Double = 0

    @Flag(name: .customLong("quiet"), help: "No progress line and no summary.")
    var quiet = false

    @Flag(name: .customLong("no-timings"), help: "Leave solve_seconds out of plan.json, for byte-identical reruns.")
    var noTimings = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0 else { throw ValidationError("--time-limit must be a number of seconds > 0") }
        guard gap.isFinite, gap >= 0 else { throw ValidationError("--gap must be a number ≥ 0, e.g. 0.01 for 1 %") }
    }

    func run() throws {
        try Console.guarded {
            let problem = try model.loadProblem()
            for warning in problem.warnings where !quiet { Console.error("warning: \(warning)") }
            let progressLine = ProgressLine(enabled: !quiet && Console.stderrIsTerminal)
            let settings = SolveSettings(timeLimit: timeLimit, relativeGap: gap, progress: { progress in
                progressLine.update(ProgressLine.describe(progress))
            })
            let outcome: SolveOutcome
            do {
                outcome = try strategy.make().solve(problem, settings: settings)
                progressLine.finish()
            } catch {
                progressLine.finish()
                throw error
            }
            let report = PlanReport(problem: problem, outcome: outcome, strategy: strategy.rawValue)
            let folder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? model.folderURL.appendingPathComponent("plan", isDirectory: true)
            try AtomicFiles.write(try report.files(includeTimings: !noTimings), into: folder)
            if !quiet { print(Summary.text(report, folder: folder)) }
        }
    }
}

/// The strategies `--strategy` accepts; an unknown name is a usage error, never a fallback.
enum StrategyName: String, CaseIterable, ExpressibleByArgument {
    case exact

    func make() -> any Strategy {
        switch self {
        case .exact: return ExactStrategy()
        }
    }
}

/// The human summary printed after a solve.
enum Summary {
    static func text(_ report: PlanReport, folder: URL) -> String {
        let evaluation = report.evaluation, terms = evaluation.terms, problem = report.problem
        var lines: [String] = []
        let statusWord = report.status == .optimal ? "optimal (proven)" : "feasible (time limit reached, not proven optimal)"
        lines.append("status      \(statusWord)")
        var objective = "objective   \(Format.objective(evaluation.objective))"
        if let bound = report.bound { objective += "   bound \(Format.objective(bound))" }
        if let gap = report.gap { objective += "   gap \(Format.percent(gap))" }
        lines.append(objective)
        lines.append("coverage    \(Format.percent(terms.coverage)) of the weighted needs covered")
        lines.append("balance     \(String(format: "%.4f", terms.balance)) (strength outside ±\(Format.percent(problem.options.balanceBand)) of the mean, relative to the mean)")
        lines.append("distance    \(String(format: "%.4f", terms.distance))")
        lines.append("preference  \(Format.number(terms.preference))")
        if problem.previousPairCount > 0 {
            lines.append("keep        \(Format.percent(terms.keep)) of \(problem.previousPairCount) previous pairs kept")
        }
        lines.append("strength    min \(Format.number(evaluation.strengthMin))  mean \(Format.number(problem.meanStrength))  max \(Format.number(evaluation.strengthMax))")
        lines.append("alliances   \(problem.communityCount) communities, \(report.plan.assigned.filter { $0 }.count) unit assignments, solved in \(Format.seconds(report.solveSeconds))")
        let names = ["plan.csv", "communities.csv", "plan.json"].map { folder.appendingPathComponent($0).relativePathForDisplay }
        lines.append("wrote       \(names.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}

extension URL {
    /// The path relative to the current directory when it lies below it, else absolute.
    var relativePathForDisplay: String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
