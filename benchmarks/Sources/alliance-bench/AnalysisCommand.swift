import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench analysis`: how long `explain` and `suggest` take (issue "The planner's loop",
/// item 5), on the benchmark sizes' instances (the generator and seeds of `solve-one`).
///
/// Per size: the instance is written as CSV lists and read back the way the CLI reads them
/// (`PlanningInput.loadProblem`, timed apart as "loading", excluded from the targets); a plan comes
/// from one strategy with a short time limit; then, wall clock with `Stopwatch`, in this process:
/// `SuggestionEngine(plan:problem:)`, `suggestions(forUnit:)` for units spread over the list,
/// `suggestions(forCommunity:)` for communities spread over the list, and
/// `PlanExplanation(plan:problem:)`. Writes `results/analysis.json`; `report` turns it into the
/// "explain and suggest" section of RESULTS.md.
struct AnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Time explain and suggest (SuggestionEngine, PlanExplanation) on S and XL; writes results/analysis.json.")

    @Option(help: "Sizes, comma-separated.")
    var sizes: String = "S,XL"

    @Option(name: .customLong("plan-strategy"), help: "The strategy that makes the plan analysed (a StrategyCatalog name).")
    var planStrategy: String = "local"

    @Option(name: .customLong("plan-time-limit"), help: "Seconds for the plan's strategy.")
    var planTimeLimit: Double = 20

    @Option(help: "Units to call suggestions(forUnit:) on, spread evenly over the unit list.")
    var units: Int = 20

    @Option(help: "Communities to call suggestions(forCommunity:) on, spread evenly over the list.")
    var communities: Int = 5

    @Option(help: "How often PlanExplanation and SuggestionEngine are built (median and max reported).")
    var repeats: Int = 3

    @Option(help: "Where to write the results (JSON).")
    var out: String = (Paths.results as NSString).appendingPathComponent("analysis.json")

    @Option(help: "Which code was measured (commit), to state in RESULTS.md.")
    var code: String?

    @Option(help: "A note for the section (e.g. that the machine was shared).")
    var note: String?

    func run() throws {
        try requireReleaseBuild()
        guard units > 0, communities > 0, repeats > 0 else { throw ValidationError("--units, --communities, --repeats must be positive") }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")
        var measured: [AnalysisSizeResult] = []
        for size in try BenchmarkSize.list(sizes) {
            measured.append(try measure(size))
        }
        let command = (["alliance-bench"] + CommandLine.arguments.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 })
            .joined(separator: " ")
        let results = AnalysisResults(command: command, date: ISO8601DateFormatter().string(from: Date()),
                                      machine: MachineInfo.summary, loadAverage: load, code: code, note: note,
                                      sizes: measured)
        try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try JSONEncoder.results.encode(results).write(to: URL(fileURLWithPath: out))
        log("wrote \(out)")
        print(AnalysisReport(results: results).render())
    }

    func measure(_ size: BenchmarkSize) throws -> AnalysisSizeResult {
        log("== \(size.label)")
        // The instance as `solve-one` generates it, written as the CLI's lists and read back.
        let (instance, previous) = size.generate()
        let folder = (Paths.work as NSString).appendingPathComponent("analysis-\(size.rawValue)")
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try InstanceWriter.write(instance, to: url)
        let previousPath = url.appendingPathComponent("previous-plan.csv").path
        try Data(InstanceWriter.planCSV(previous).utf8).write(to: URL(fileURLWithPath: previousPath))
        let input = PlanningInput(path: folder, previousPlanPath: previousPath)
        let ((problem, _), loadSeconds) = try Stopwatch.time { try input.loadProblem() }
        // Deriving the Problem alone, from the instance in memory (part of the loading above).
        let (_, deriveSeconds) = try Stopwatch.time {
            try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
        }
        log("loading (CSV → Problem) \(ms(loadSeconds)) ms, of which deriving the Problem \(ms(deriveSeconds)) ms; "
            + "\(problem.unitCount) units, \(problem.communityCount) communities")

        guard let solver = StrategyCatalog.make(planStrategy) else {
            throw HarnessError("StrategyCatalog does not know '\(planStrategy)'")
        }
        let (outcome, planSeconds) = try Stopwatch.time {
            try solver.solve(problem, settings: SolveSettings(timeLimit: planTimeLimit))
        }
        guard let plan = outcome.plan else { throw HarnessError("\(planStrategy) found no plan on \(size.rawValue)") }
        let evaluation = Evaluator.evaluate(plan, in: problem)
        log("plan: \(planStrategy) \(objective(evaluation.objective)) in \(format(planSeconds)) s "
            + "(\(outcome.status.rawValue)), \(evaluation.violations.count) violations")

        var engineSeconds: [Double] = []
        var engine: SuggestionEngine!
        for _ in 0..<repeats {
            let (built, seconds) = Stopwatch.time { SuggestionEngine(plan: plan, problem: problem) }
            engine = built
            engineSeconds.append(seconds)
        }
        let unitCalls = Self.spread(units, over: problem.unitCount).map { u in
            let (ranked, seconds) = Stopwatch.time { engine.suggestions(forUnit: u) }
            return AnalysisCall(index: u, id: problem.units[u].id, seconds: seconds, suggestions: ranked.count,
                                serves: plan.communities(of: u).count)
        }
        let communityCalls = Self.spread(communities, over: problem.communityCount).map { c in
            let (ranked, seconds) = Stopwatch.time { engine.suggestions(forCommunity: c) }
            return AnalysisCall(index: c, id: problem.communities[c].id, seconds: seconds, suggestions: ranked.count,
                                serves: plan.units(of: c).count)
        }
        var explainSeconds: [Double] = []
        var explanation: PlanExplanation!
        for _ in 0..<repeats {
            let (built, seconds) = Stopwatch.time { PlanExplanation(plan: plan, problem: problem) }
            explanation = built
            explainSeconds.append(seconds)
        }
        let result = AnalysisSizeResult(
            size: size, communities: size.communities, organizations: size.organizations,
            units: problem.unitCount, categories: problem.categoryCount,
            loadSeconds: loadSeconds, deriveSeconds: deriveSeconds,
            planStrategy: planStrategy, planTimeLimit: planTimeLimit, planSeconds: planSeconds,
            planStatus: outcome.status.rawValue, planObjective: evaluation.objective,
            planViolations: evaluation.violations.count, explanationObjective: explanation.objective,
            engineSeconds: engineSeconds, unitCalls: unitCalls, communityCalls: communityCalls,
            explainSeconds: explainSeconds)
        log("engine \(ms(median(engineSeconds))) ms; forUnit median \(ms(median(unitCalls.map(\.seconds)))) ms, "
            + "max \(ms(unitCalls.map(\.seconds).max()!)) ms; forCommunity median \(ms(median(communityCalls.map(\.seconds)))) ms; "
            + "explain \(ms(median(explainSeconds))) ms")
        return result
    }

    /// `count` indices spread evenly over 0..<n, first and last included (fewer when n is small).
    static func spread(_ count: Int, over n: Int) -> [Int] {
        guard n > 0 else { return [] }
        guard count > 1, n > 1 else { return [0] }
        return (0..<count).map { i in Int((Double(i) * Double(n - 1) / Double(count - 1)).rounded()) }.uniqued()
    }
}

/// One timed `suggestions(for…)` call.
struct AnalysisCall: Codable, Sendable {
    /// Unit or community index, and its id in the lists.
    var index: Int
    var id: String
    var seconds: Double
    /// How many changes were scored and ranked.
    var suggestions: Int
    /// For a unit: the communities it serves; for a community: its members.
    var serves: Int
}

/// The analysis timings of one size.
struct AnalysisSizeResult: Codable, Sendable {
    var size: BenchmarkSize
    var communities: Int
    var organizations: Int
    var units: Int
    var categories: Int
    /// Reading the CSV lists and the previous plan and deriving the Problem (`PlanningInput.loadProblem`).
    var loadSeconds: Double
    /// Deriving the Problem from the instance in memory (part of `loadSeconds`).
    var deriveSeconds: Double
    var planStrategy: String
    var planTimeLimit: Double
    var planSeconds: Double
    var planStatus: String
    var planObjective: Double
    var planViolations: Int
    var explanationObjective: Double
    /// `SuggestionEngine(plan:problem:)`, each build.
    var engineSeconds: [Double]
    var unitCalls: [AnalysisCall]
    var communityCalls: [AnalysisCall]
    /// `PlanExplanation(plan:problem:)`, each build.
    var explainSeconds: [Double]
}

/// `results/analysis.json`.
struct AnalysisResults: Codable, Sendable {
    var command: String
    var date: String
    var machine: String
    var loadAverage: String?
    var code: String?
    var note: String?
    var sizes: [AnalysisSizeResult]
}

/// The "explain and suggest" section of RESULTS.md: the targets of "The planner's loop" (item 5)
/// with met/missed and by how much, and the figures behind them.
struct AnalysisReport {
    var results: AnalysisResults

    struct Check {
        var size: String
        var target: String
        var measured: String
        var met: Bool
        var margin: String
    }

    /// suggest for one unit: ≤ 20 ms on S, ≤ 200 ms on XL, counted as building the engine plus the
    /// slowest `suggestions(forUnit:)` call (loading excluded); explain on XL ≤ 1 s (slowest build).
    func checks() -> [Check] {
        var checks: [Check] = []
        let suggestTargets: [BenchmarkSize: Double] = [.S: 0.020, .XL: 0.200]
        for r in results.sizes {
            if let limit = suggestTargets[r.size] {
                let engine = median(r.engineSeconds)
                let unitMax = r.unitCalls.map(\.seconds).max() ?? 0
                let worst = engine + unitMax
                checks.append(Check(size: r.size.rawValue,
                                    target: "`suggest` for one unit ≤ \(ms(limit)) ms (loading excluded)",
                                    measured: "engine \(ms(engine)) ms + slowest of \(r.unitCalls.count) units \(ms(unitMax)) ms = \(ms(worst)) ms "
                                        + "(median unit \(ms(median(r.unitCalls.map(\.seconds)))) ms)",
                                    met: worst <= limit, margin: Self.margin(worst, limit)))
            }
            if r.size == .XL {
                let worst = r.explainSeconds.max() ?? 0
                checks.append(Check(size: r.size.rawValue, target: "`explain` ≤ 1000 ms (loading excluded)",
                                    measured: "PlanExplanation \(ms(worst)) ms (slowest of \(r.explainSeconds.count); median \(ms(median(r.explainSeconds))) ms)",
                                    met: worst <= 1, margin: Self.margin(worst, 1)))
            }
        }
        return checks
    }

    /// "12 % of the target" / "3.4 × the target (over by 140 ms)".
    static func margin(_ value: Double, _ limit: Double) -> String {
        value <= limit
            ? String(format: "%.0f %% of the target", value / limit * 100)
            : String(format: "%.1f × the target (over by %@ ms)", value / limit, ms(value - limit))
    }

    func render() -> String {
        var out = "## explain and suggest\n\n"
        out += "Targets from the issue \"The planner's loop\", item 5. Regenerated by `benchmarks/run.sh` "
            + "(`\(results.command)`), report by `alliance-bench report`.\n\n"
        out += "- Date: \(results.date); machine: \(results.machine)"
            + (results.loadAverage.map { "; load average before the runs \($0)" } ?? "") + "\n"
        if let code = results.code { out += "- Code: \(code)\n" }
        if let note = results.note { out += "- Note: \(note)\n" }
        out += "- Wall clock (`Stopwatch`) in one release-built process; loading (reading the CSV lists and the previous plan "
            + "and deriving the Problem as the CLI does, `PlanningInput.loadProblem`) is reported apart and not counted. "
            + "suggest = `SuggestionEngine(plan:problem:)` + `suggestions(forUnit:)`; explain = `PlanExplanation(plan:problem:)`. "
            + "(The CLI's `suggest` also builds a `PlanExplanation` for the plan's objective; see the table.)\n\n"
        out += "| size | target | measured | met | margin |\n|---|---|---|---|---|\n"
        for check in checks() {
            out += "| \(check.size) | \(check.target) | \(check.measured) | \(check.met ? "yes" : "**no**") | \(check.margin) |\n"
        }
        out += "\n| size | units after merging | loading ms (deriving Problem) | plan | engine ms | forUnit ms median / max (changes scored) | forCommunity ms median / max (changes scored) | explain ms median / max | CLI suggest ms (engine + slowest unit + explain) |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for r in results.sizes {
            let unitTimes = r.unitCalls.map(\.seconds), communityTimes = r.communityCalls.map(\.seconds)
            let unitScored = r.unitCalls.map(\.suggestions), communityScored = r.communityCalls.map(\.suggestions)
            let cli = median(r.engineSeconds) + (unitTimes.max() ?? 0) + median(r.explainSeconds)
            let cells = [
                r.size.label,
                "\(r.units)",
                "\(ms(r.loadSeconds)) (\(ms(r.deriveSeconds)))",
                "\(r.planStrategy) \(format(r.planTimeLimit)) s: \(objective(r.planObjective)) in \(format(r.planSeconds)) s",
                "\(ms(median(r.engineSeconds))) / \(ms(r.engineSeconds.max() ?? 0))",
                "\(ms(median(unitTimes))) / \(ms(unitTimes.max() ?? 0)) (\(unitScored.min() ?? 0)–\(unitScored.max() ?? 0), \(r.unitCalls.count) units)",
                "\(ms(median(communityTimes))) / \(ms(communityTimes.max() ?? 0)) (\(communityScored.min() ?? 0)–\(communityScored.max() ?? 0), \(r.communityCalls.count) communities)",
                "\(ms(median(r.explainSeconds))) / \(ms(r.explainSeconds.max() ?? 0))",
                ms(cli),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\nengine ms: median / max of \(results.sizes.first?.engineSeconds.count ?? 0) builds. "
            + "Units and communities are spread evenly over the lists (first and last included), each call timed once.\n"
        return out
    }
}

/// Milliseconds with a sensible number of digits.
func ms(_ seconds: Double) -> String {
    let value = seconds * 1000
    if value >= 100 { return String(format: "%.0f", value) }
    if value >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
}

/// The median (mean of the middle two for an even count); 0 for none.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
