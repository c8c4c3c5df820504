import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench replan`: re-planning around pins (issue "The planner's loop", item 5): "re-plan
/// on S (32 × 136) after pinning 3 units away from their optimal places: a plan honouring the pins
/// within 1 s, proven within 0.5 % of the restricted optimum within 10 s; with `--max-changes 6`
/// the same."
///
/// 1. The instance of `solve-one --size S` (same generator and seed, previous plan for KEEP) is
///    solved by `exact` (`--reference-time-limit`, default 30 s): the reference plan P, the units'
///    "optimal places".
/// 2. `--pins` units are chosen at positions spread evenly over the unit list (first, middle,
///    last for 3; from each position on, the first unit not yet chosen that has a move breaking no
///    rule). Each is moved by hand, one after the other: the best-ranked `move` that
///    `SuggestionEngine.suggestions(forUnit:)` (what `alliance suggest` shows) scores as breaking
///    no rule — to a community the unit does not serve in P, where it is allowed. The edited plan
///    P' breaks no rule, so it needs no repair; it is the start plan (`PlanningOptions.from`, as
///    `--from`), and the chosen units get unit pins (`Pin.unit`, as `--pin-unit`): the re-plan
///    must keep them exactly where the person put them.
/// 3. Two scenarios: pins only, and pins with `maxChanges` (`--max-changes`, default 6). Each:
///    `ExactStrategy` with `SolveSettings.startPlan` = P' (as the pipeline hands `--from` to the
///    strategies), three runs: `--first-plan-target` (1 s), the plan checked by `Evaluator`;
///    `--time-limit` (10 s) with its progress traced every 0.05 s (time to the first plan, time
///    until the proven gap is at most `--gap-target`, gap and status at the end); and
///    `--optimum-time-limit` (60 s) for the restricted optimum, to tell how far the 10-s plan is
///    from it. Every plan is judged by `Evaluator` in the restricted problem (pins, change limit).
/// Writes `results/replan.json`; `report` turns it into the "re-planning around pins" section.
struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Re-plan S after pinning units away from their optimal places (pins, --max-changes); writes results/replan.json.")

    @Option(help: "Size (the issue's target is for S).")
    var size: BenchmarkSize = .S

    @Option(help: "How many units to move by hand and pin.")
    var pins: Int = 3

    @Option(name: .customLong("max-changes"), help: "The change limit of the second scenario.")
    var maxChanges: Int = 6

    @Option(name: .customLong("reference-time-limit"), help: "Seconds for exact on the unrestricted problem (the reference plan).")
    var referenceTimeLimit: Double = 30

    @Option(name: .customLong("first-plan-target"), help: "Target seconds to a plan honouring the pins (also the limit of the checked short run).")
    var firstPlanTarget: Double = 1

    @Option(name: .customLong("time-limit"), help: "Seconds of the traced re-plan run (the gap target's time).")
    var timeLimit: Double = 10

    @Option(name: .customLong("gap-target"), help: "Target relative gap, proven, within --time-limit.")
    var gapTarget: Double = 0.005

    @Option(name: .customLong("optimum-time-limit"), help: "Seconds for exact on the restricted problem (its optimum).")
    var optimumTimeLimit: Double = 60

    @Option(help: "Where to write the results (JSON).")
    var out: String = (Paths.results as NSString).appendingPathComponent("replan.json")

    @Option(help: "Which code was measured (commit), to state in RESULTS.md.")
    var code: String?

    @Option(help: "A note for the section (e.g. that the machine was shared).")
    var note: String?

    func run() throws {
        try requireReleaseBuild()
        guard pins > 0, maxChanges >= 0, referenceTimeLimit > 0, firstPlanTarget > 0, timeLimit > 0,
              optimumTimeLimit > 0, gapTarget >= 0 else {
            throw ValidationError("--pins and the time limits must be positive, --max-changes and --gap-target not negative")
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")
        log("== \(size.label)")
        let (instance, previous) = size.generate()
        let base = try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))

        // 1. The reference plan P.
        let (referenceOutcome, referenceSeconds) = try Stopwatch.time {
            try ExactStrategy().solve(base, settings: SolveSettings(timeLimit: referenceTimeLimit))
        }
        guard let reference = referenceOutcome.plan else { throw HarnessError("exact found no plan on \(size.rawValue)") }
        let referenceEvaluation = Evaluator.evaluate(reference, in: base)
        guard referenceEvaluation.violations.isEmpty else {
            throw HarnessError("the reference plan breaks a rule: \(referenceEvaluation.violations[0])")
        }
        let referenceRun = ReplanReference(
            timeLimit: referenceTimeLimit, seconds: referenceSeconds, status: referenceOutcome.status.rawValue,
            objective: referenceEvaluation.objective, bound: referenceOutcome.bound,
            gap: referenceOutcome.bound.map { relativeGap(objective: referenceEvaluation.objective, bound: $0) })
        log("reference: exact \(objective(referenceEvaluation.objective)) (\(referenceOutcome.status.rawValue)"
            + (referenceRun.gap.map { String(format: ", gap %.3f %%", $0 * 100) } ?? "") + ") in \(format(referenceSeconds)) s")

        // 2. The hand edits and the pins.
        let (start, moves) = try handEdit(reference, in: base)
        let startEvaluation = Evaluator.evaluate(start, in: base)
        guard startEvaluation.violations.isEmpty else {
            throw HarnessError("the hand-edited plan breaks a rule: \(startEvaluation.violations[0])")
        }
        for move in moves {
            log("pin \(move.unit): moved \(move.from) → \(move.to) (Δ objective \(String(format: "%+.5f", move.delta)))")
        }
        let startRows = start.assignments(in: base)
        let pinList = moves.map { Pin.unit($0.unit) }

        // 3. The scenarios.
        var scenarios: [ReplanScenario] = []
        for limit in [nil, maxChanges] as [Int?] {
            scenarios.append(try scenario(instance: instance, previous: previous, startRows: startRows,
                                          pins: pinList, maxChanges: limit, reference: reference))
        }

        let command = (["alliance-bench"] + CommandLine.arguments.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 })
            .joined(separator: " ")
        let results = ReplanResults(
            command: command, date: ISO8601DateFormatter().string(from: Date()), machine: MachineInfo.summary,
            loadAverage: load, code: code, note: note, size: size, units: base.unitCount,
            firstPlanTarget: firstPlanTarget, timeLimit: timeLimit, gapTarget: gapTarget,
            optimumTimeLimit: optimumTimeLimit, reference: referenceRun,
            startObjective: startEvaluation.objective, moves: moves, scenarios: scenarios)
        try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try JSONEncoder.results.encode(results).write(to: URL(fileURLWithPath: out))
        log("wrote \(out)")
        print(ReplanReport(results: results).render())
    }

    /// Moves `pins` units away from their places in `plan`, one after the other, each by the
    /// best-ranked move that breaks no rule (`SuggestionEngine`); units at positions spread over
    /// the list, from each position on the first one with such a move.
    func handEdit(_ plan: Plan, in problem: Problem) throws -> (Plan, [ReplanMove]) {
        let nU = problem.unitCount
        var edited = plan
        var moves: [ReplanMove] = []
        var chosen = Set<Int>()
        for position in AnalysisCommand.spread(pins, over: nU) {
            let engine = SuggestionEngine(plan: edited, problem: problem)
            var picked: (Int, Suggestion)?
            for step in 0..<nU {
                let u = (position + step) % nU
                guard !chosen.contains(u) else { continue }
                if let move = engine.suggestions(forUnit: u).first(where: { $0.edit.kind == .move && $0.feasible }) {
                    picked = (u, move)
                    break
                }
            }
            guard let (u, suggestion) = picked, let a = suggestion.edit.from, let b = suggestion.edit.to else {
                throw HarnessError("no unit left with a move that breaks no rule")
            }
            edited = try suggestion.edit.apply(to: edited)
            chosen.insert(u)
            moves.append(ReplanMove(unitIndex: u, unit: problem.units[u].id,
                                    organizations: problem.units[u].members.count,
                                    maxCommunities: problem.units[u].maxCommunities,
                                    from: problem.communities[a].id, to: problem.communities[b].id,
                                    delta: suggestion.delta))
        }
        return (edited, moves)
    }

    func scenario(instance: Instance, previous: [Assignment], startRows: [Assignment], pins: [Pin],
                  maxChanges: Int?, reference: Plan) throws -> ReplanScenario {
        let name = maxChanges.map { "pins + --max-changes \($0)" } ?? "pins only"
        log("== \(name)")
        let options = PlanningOptions(previousPlan: previous, from: startRows, pins: pins, maxChanges: maxChanges)
        let (problem, deriveSeconds) = try Stopwatch.time { try Problem(instance: instance, options: options) }
        let (start, conversion) = Evaluator.plan(from: startRows, in: problem)
        guard conversion.isEmpty else { throw HarnessError("the start plan does not read back: \(conversion[0])") }
        let startEvaluation = Evaluator.evaluate(start, in: problem)
        guard startEvaluation.violations.isEmpty else {
            throw HarnessError("the start plan breaks a rule of the restricted problem: \(startEvaluation.violations[0])")
        }
        // The reference plan must break the pins (else the pins would not move anything).
        let referenceViolations = Evaluator.evaluate(reference, in: problem).violations.count

        let first = try solve(problem, start: start, limit: firstPlanTarget, label: "first plan")
        let main = try solve(problem, start: start, limit: timeLimit, label: "re-plan")
        let optimum = try solve(problem, start: start, limit: optimumTimeLimit, label: "restricted optimum")
        return ReplanScenario(name: name, maxChanges: maxChanges, deriveSeconds: deriveSeconds,
                              startObjective: startEvaluation.objective, referenceViolations: referenceViolations,
                              firstPlanRun: first, run: main, optimumRun: optimum)
    }

    /// `exact` from `start` within `limit` seconds, its progress traced, its plan judged by `Evaluator`.
    func solve(_ problem: Problem, start: Plan, limit: Double, label: String) throws -> ReplanRun {
        let watch = Stopwatch()
        let recorder = ReplanTraceRecorder(watch: watch)
        var settings = SolveSettings(timeLimit: limit, relativeGap: 0,
                                     progress: { recorder.record($0) }, progressInterval: 0.05)
        settings.startPlan = start
        var run = ReplanRun(timeLimit: limit)
        let outcome: SolveOutcome
        do {
            outcome = try ExactStrategy().solve(problem, settings: settings)
        } catch {
            run.seconds = watch.seconds
            run.failure = "\(error)"
            run.trace = recorder.trace
            log("\(label) (\(format(limit)) s): failed: \(error)")
            return run
        }
        run.seconds = watch.seconds
        run.status = outcome.status.rawValue
        run.bound = outcome.bound
        var trace = recorder.trace
        if let plan = outcome.plan {
            let evaluation = Evaluator.evaluate(plan, in: problem)
            run.objective = evaluation.objective
            run.violations = evaluation.violations.map(\.message)
            run.changes = evaluation.changesFromStart
            run.gap = outcome.bound.map { relativeGap(objective: evaluation.objective, bound: $0) }
            run.samePlanAsStart = plan.assigned == start.assigned
        }
        trace.append(TracePoint(seconds: run.seconds, incumbent: run.objective, bound: outcome.bound))
        run.trace = trace
        run.firstPlanSeconds = trace.first { $0.incumbent != nil }?.seconds
        run.gapTargetSeconds = ReplanRun.firstTime(in: trace, gapAtMost: gapTarget)
        let gapText: String = run.gap.map { String(format: ", gap %.3f %%", $0 * 100) } ?? ""
        let firstText: String = run.firstPlanSeconds.map { format($0) } ?? "—"
        let reachedText: String = run.gapTargetSeconds.map { format($0) } ?? "—"
        let changesText: String = run.changes.map { String($0) } ?? "?"
        let violationCount: Int = run.violations?.count ?? 0
        var line = "\(label) (\(format(limit)) s): \(objective(run.objective)) (\(run.status ?? "?")\(gapText)) "
        line += "in \(format(run.seconds)) s; first plan \(firstText) s, gap ≤ \(percent(gapTarget)) at \(reachedText) s; "
        line += "\(violationCount) violations, \(changesText) changes"
        log(line)
        return run
    }
}

/// Every progress snapshot that changes the incumbent or the bound (at most one per 0.05 s
/// otherwise), so the time a gap was first proven is known to the progress interval.
final class ReplanTraceRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private let watch: Stopwatch
    private var points: [TracePoint] = []

    init(watch: Stopwatch) { self.watch = watch }

    func record(_ progress: SolveProgress) {
        let now = watch.seconds
        lock.lock()
        defer { lock.unlock() }
        if let last = points.last, last.incumbent == progress.incumbent, last.bound == progress.bound { return }
        points.append(TracePoint(seconds: now, incumbent: progress.incumbent, bound: progress.bound))
    }

    var trace: [TracePoint] {
        lock.lock()
        defer { lock.unlock() }
        return points
    }
}

/// One hand edit: a unit moved from a community it serves in the reference plan to one it does not.
struct ReplanMove: Codable, Sendable {
    var unitIndex: Int
    /// The unit's id (an organization id, or a group name), as pinned.
    var unit: String
    var organizations: Int
    var maxCommunities: Int
    var from: String
    var to: String
    /// The move's change of the objective (`SuggestionEngine`).
    var delta: Double
}

/// The unrestricted solve that gives the reference plan.
struct ReplanReference: Codable, Sendable {
    var timeLimit: Double
    var seconds: Double
    var status: String
    var objective: Double
    var bound: Double?
    var gap: Double?
}

/// One `exact` run on the restricted problem.
struct ReplanRun: Codable, Sendable {
    var timeLimit: Double
    var seconds: Double = 0
    var status: String?
    var failure: String?
    var objective: Double?
    var bound: Double?
    /// The plan's gap to its own proven bound.
    var gap: Double?
    /// `Evaluator`'s violations in the restricted problem (pins, change limit, every rule).
    var violations: [String]?
    /// Pairs that differ from the start plan (`Evaluation.changesFromStart`).
    var changes: Int?
    var samePlanAsStart: Bool?
    var firstPlanSeconds: Double?
    var gapTargetSeconds: Double?
    var trace: [TracePoint] = []

    /// A plan came back and `Evaluator` found nothing wrong with it.
    var valid: Bool { objective != nil && (violations?.isEmpty ?? false) }

    static func firstTime(in trace: [TracePoint], gapAtMost limit: Double) -> Double? {
        var incumbent: Double?, bound: Double?
        for point in trace {
            if let value = point.incumbent { incumbent = value }
            if let value = point.bound { bound = value }
            if let i = incumbent, let b = bound, relativeGap(objective: i, bound: b) <= limit + 1e-12 {
                return point.seconds
            }
        }
        return nil
    }
}

/// One scenario: the restricted problem and its three runs.
struct ReplanScenario: Codable, Sendable {
    var name: String
    var maxChanges: Int?
    /// Deriving the restricted Problem (pins, start plan), not counted.
    var deriveSeconds: Double
    var startObjective: Double
    /// How many rules the reference plan breaks in the restricted problem (the pins it violates).
    var referenceViolations: Int
    var firstPlanRun: ReplanRun
    var run: ReplanRun
    var optimumRun: ReplanRun

    /// The restricted optimum, or the best plan and bound known when it is not proven.
    var bestObjective: Double? { [firstPlanRun, run, optimumRun].filter(\.valid).compactMap(\.objective).max() }
    var bestBound: Double? { [firstPlanRun, run, optimumRun].compactMap(\.bound).min() }
    var optimumProven: Bool { optimumRun.status == "optimal" && optimumRun.valid }
}

/// `results/replan.json`.
struct ReplanResults: Codable, Sendable {
    var command: String
    var date: String
    var machine: String
    var loadAverage: String?
    var code: String?
    var note: String?
    var size: BenchmarkSize
    var units: Int
    var firstPlanTarget: Double
    var timeLimit: Double
    var gapTarget: Double
    var optimumTimeLimit: Double
    var reference: ReplanReference
    var startObjective: Double
    var moves: [ReplanMove]
    var scenarios: [ReplanScenario]
}

/// The "re-planning around pins" section of RESULTS.md.
struct ReplanReport {
    var results: ReplanResults

    struct Check {
        var scenario: String
        var target: String
        var measured: String
        var met: Bool
        var margin: String
    }

    func checks() -> [Check] {
        var checks: [Check] = []
        let r = results
        for s in r.scenarios {
            let limitText = s.maxChanges.map { ", ≤ \($0) changes" } ?? ""
            // A plan honouring the pins within the first-plan target: the traced run's first
            // plan, confirmed by the short run's plan passing Evaluator.
            let first = s.run.firstPlanSeconds
            let short = s.firstPlanRun
            let shortText = short.valid
                ? "the \(limit(short.timeLimit))-s run's plan: 0 violations\(short.changes.map { ", \($0) changes" } ?? "")"
                : "the \(limit(short.timeLimit))-s run: " + (short.failure ?? "\(short.violations?.count ?? 0) violations")
            let firstMet = (first.map { $0 <= r.firstPlanTarget } ?? false) && short.valid
            checks.append(Check(
                scenario: s.name,
                target: "a plan honouring the pins\(limitText) within \(limit(r.firstPlanTarget)) s",
                measured: "first plan at \(first.map { "\(format($0)) s" } ?? "—") (\(limit(r.timeLimit))-s run); \(shortText)",
                met: firstMet,
                margin: first.map { Self.margin($0, r.firstPlanTarget) } ?? "no plan"))
            // Proven within the gap target within the time limit.
            let reached = s.run.gapTargetSeconds
            let finalText = "at \(format(s.run.seconds)) s: " + (s.run.gap.map { percent($0) } ?? "no bound")
                + " (\(s.run.status ?? s.run.failure ?? "?"))"
            checks.append(Check(
                scenario: s.name,
                target: "proven within \(percent(r.gapTarget)) of the restricted optimum within \(limit(r.timeLimit)) s",
                measured: "gap ≤ \(percent(r.gapTarget)) \(reached.map { "at \(format($0)) s" } ?? "not reached"); \(finalText)",
                met: (reached.map { $0 <= r.timeLimit } ?? false) && s.run.valid,
                margin: reached.map { Self.margin($0, r.timeLimit) }
                    ?? (s.run.gap.map { String(format: "gap %.1f × the target", $0 / max(r.gapTarget, 1e-12)) } ?? "no bound")))
        }
        return checks
    }

    /// "12 % of the target" / "3.4 × the target (over by 2.1 s)".
    static func margin(_ value: Double, _ limit: Double) -> String {
        value <= limit
            ? String(format: "%.0f %% of the target", value / limit * 100)
            : String(format: "%.1f × the target (over by %@ s)", value / limit, format(value - limit))
    }

    func render() -> String {
        let r = results
        var out = "## re-planning around pins\n\n"
        out += "Targets from the issue \"The planner's loop\", item 5. Regenerated by `benchmarks/run.sh --replan` "
            + "(`\(r.command)`), report by `alliance-bench report`.\n\n"
        out += "- Date: \(r.date); machine: \(r.machine)"
            + (r.loadAverage.map { "; load average before the runs \($0)" } ?? "") + "\n"
        if let code = r.code { out += "- Code: \(code)\n" }
        if let note = r.note { out += "- Note: \(note)\n" }
        out += "- Instance \(r.size.label) of `solve-one` (\(r.units) units after merging, previous plan for KEEP). "
            + "Reference plan: `exact` \(limit(r.reference.timeLimit)) s → \(objective(r.reference.objective)) "
            + "(\(r.reference.status)\(r.reference.gap.map { ", gap \(percent($0))" } ?? "")).\n"
        out += "- Pins: \(r.moves.count) units at positions spread over the unit list (first, middle, last), each moved by hand "
            + "from a community it serves in the reference plan to one it does not by the best-ranked move that "
            + "`SuggestionEngine` scores as breaking no rule (what `alliance suggest` offers); the edited plan is the start "
            + "plan (`--from`, objective \(objective(r.startObjective))) and the units are pinned (`--pin-unit`): "
            + r.moves.map { "\($0.unit) \($0.from) → \($0.to) (\(String(format: "%+.4f", $0.delta)))" }.joined(separator: ", ") + ".\n"
        out += "- Each scenario: `ExactStrategy` with `SolveSettings.startPlan` = the start plan; a \(limit(r.firstPlanTarget))-s run "
            + "(its plan checked), a \(limit(r.timeLimit))-s run traced every 0.05 s (elapsed from the call, deriving the "
            + "restricted Problem excluded), and a \(limit(r.optimumTimeLimit))-s run for the restricted optimum. Every plan is "
            + "judged by `Evaluator` in the restricted problem (pins, change limit, every rule).\n\n"
        out += "| scenario | target | measured | met | margin |\n|---|---|---|---|---|\n"
        for check in checks() {
            out += "| \(check.scenario) | \(check.target) | \(check.measured) | \(check.met ? "yes" : "**no**") | \(check.margin) |\n"
        }
        out += "\n| scenario | reference plan breaks | start obj | \(limit(r.firstPlanTarget))-s run | \(limit(r.timeLimit))-s run: obj / bound / gap | changes | \(limit(r.optimumTimeLimit))-s run (restricted optimum) | \(limit(r.timeLimit))-s plan vs restricted optimum |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for s in r.scenarios {
            func brief(_ run: ReplanRun) -> String {
                if let failure = run.failure { return "failed: \(failure)" }
                let violations = run.violations?.count ?? 0
                return "\(objective(run.objective)) (\(run.status ?? "?")\(run.gap.map { ", gap \(percent($0))" } ?? ""), "
                    + "\(format(run.seconds)) s\(violations > 0 ? ", **\(violations) violations**" : "")"
                    + "\(run.samePlanAsStart == true ? ", the start plan" : ""))"
            }
            let main = s.run
            let mainText = main.failure.map { "failed: \($0)" }
                ?? "\(objective(main.objective)) / \(objective(main.bound)) / \(percent(main.gap)) (\(main.status ?? "?"))"
                + ((main.violations?.count ?? 0) > 0 ? ", **\(main.violations!.count) violations**" : "")
                + (main.samePlanAsStart == true ? ", the start plan" : "")
            var distance = "—"
            if let value = main.objective, let best = s.bestObjective {
                distance = "\(percent(relativeGap(objective: value, bound: best))) below the "
                    + (s.optimumProven ? "proven optimum" : "best plan found")
                if !s.optimumProven, let bound = s.bestBound {
                    distance += "; \(percent(relativeGap(objective: value, bound: bound))) below the best bound"
                }
            }
            let cells = [
                s.name,
                "\(s.referenceViolations) rules",
                objective(s.startObjective),
                brief(s.firstPlanRun),
                mainText,
                "\(main.changes.map(String.init) ?? "—")\(s.maxChanges.map { " (limit \($0))" } ?? "")",
                brief(s.optimumRun),
                distance,
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\nchanges: pairs that differ from the start plan (`Evaluation.changesFromStart`). "
            + "\"the start plan\": the run returned the start plan unchanged.\n"
        return out
    }
}

/// A time limit: "1", "10", "0.5".
private func limit(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : format(seconds)
}
