import Foundation

/// RESULTS.md: how the numbers were made, the targets with their distance, one table per size.
struct MarkdownReport {
    var results: [BenchmarkSize: SizeResults]
    var command: String
    var banner: String?
    /// Commit of the measured code.
    var code: String?
    /// Plot file per size, relative to RESULTS.md.
    var plots: [BenchmarkSize: String]
    /// The explain/suggest timings (`alliance-bench analysis`), when measured.
    var analysis: AnalysisResults? = nil
    /// The re-planning measurement (`alliance-bench replan`), when measured.
    var replan: ReplanResults? = nil
    /// The load test of the web workbench (`alliance-bench load`), when measured.
    var load: LoadResults? = nil

    func render() -> String {
        var out = "# Benchmark results\n\n"
        if let banner { out += "> **\(banner)**\n\n" }
        let dates = results.values.map(\.date).sorted()
        out += "- Command: `\(command)`\n"
        out += "- Date: \(dates.first ?? "?")\(dates.count > 1 && dates.first != dates.last ? " – \(dates.last!)" : "")\n"
        out += "- Machine: \(MachineInfo.summary)\n"
        if let code { out += "- Code: \(code)\n" }
        let limits = BenchmarkSize.allCases.compactMap { size in
            results[size].map { "\(size.rawValue) \(format($0.timeLimit)) s" }
        }
        out += "- Time limit per run: \(limits.joined(separator: ", "))\n"
        out += "- Harness runs: \(BenchmarkSize.allCases.compactMap { results[$0]?.command }.uniqued().map { "`\($0)`" }.joined(separator: "; "))\n\n"

        out += "## Targets\n\n| size | target | measured | met |\n|---|---|---|---|\n"
        for check in Targets(results: results).checks() {
            let met = check.met.map { $0 ? "yes" : "**no**" } ?? "n/a"
            out += "| \(check.size) | \(check.target) | \(check.measured) | \(met) |\n"
        }
        out += "\n"

        for size in BenchmarkSize.allCases {
            guard let r = results[size] else { continue }
            out += "## \(size.label)\n\n"
            out += "\(r.units) units after group merging, \(r.categories) need categories, seed \(size.seed), "
                + "time limit \(format(r.timeLimit)) s"
                + (r.loadAverage.map { ", load average before the runs \($0) (\(MachineInfo.processors) cores)" } ?? "") + ".\n\n"
            out += Self.tableHeader
            for run in r.runs {
                out += Self.row(run) + "\n"
            }
            let notes = r.runs.filter { $0.note != nil }.map { "- \($0.solver): \($0.note!)" }
            if !notes.isEmpty { out += "\n" + notes.joined(separator: "\n") + "\n" }
            if let plot = plots[size] { out += "\n![objective over time, \(size.rawValue)](\(plot))\n" }
            out += "\n"
        }
        if let analysis { out += AnalysisReport(results: analysis).render() + "\n" }
        if let replan { out += ReplanReport(results: replan).render() + "\n" }
        if let load { out += LoadReport(results: load).render() + "\n" }
        out += Self.method
        return out
    }

    /// The head of a size's run table.
    static let tableHeader = "| solver | build s | first plan s | obj @1 s | obj @10 s | obj @60 s | final obj | bound | gap | total s | peak MB | status |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n"

    /// One run's row of the table.
    static func row(_ run: RunRecord) -> String {
        func seconds(_ value: Double?) -> String { value.map(format) ?? "—" }
        var status = run.status
        if run.status == "ok" { status = run.solveStatus ?? "ok" }
        if let violations = run.violations, violations > 0 { status += ", **\(violations) violations**" }
        let cells = [run.solver, seconds(run.buildSeconds), seconds(run.firstPlanSeconds),
                     objective(run.objective(at: 1)), objective(run.objective(at: 10)), objective(run.objective(at: 60)),
                     objective(run.objective), objective(run.bound), percent(run.gap), seconds(run.totalSeconds),
                     run.peakMB.map { String(Int($0.rounded())) } ?? "—", status]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    static let method = """
    ## How the numbers are made

    - Instances: `InstanceGenerator` with fixed seeds per size (8 need categories, a fifth of the units
      serving 2–3 communities, about a tenth bundled into groups, planar coordinates, pair rules and a
      previous plan in proportion to the size). `alliance-bench generate --size S --out DIR` writes the
      CSV lists; `alliance solve DIR --previous DIR/previous-plan.csv` solves the same problem.
    - Every run is its own child process (`alliance-bench solve-one`, `glpsol`, `highs_driver.py`);
      peak MB is its maximum resident set size (`/usr/bin/time -v`, else wait4's rusage).
    - Clocks start when the solver is handed its input: for our strategies when `solve` is called with
      the derived `Problem` (the exact strategy's own model building counts), for glpsol when the process
      starts (MathProg translation counts), for HiGHS when it starts reading the MPS file.
    - build s: deriving the `Problem` (plus building `StageOneModel` for exact); glpsol: until "Model has
      been successfully generated"; HiGHS: reading the MPS file.
    - obj @t: objective of the best plan held at t seconds (from `settings.progress` snapshots, glpsol's
      `+ N: mip = X <= Y` lines stamped on arrival, HiGHS callbacks); "—" when the run had no plan yet, or
      stopped at its time limit before t without proving optimality. final obj: `Evaluator.evaluate` of
      the returned plan (glpsol: the model's `OBJECTIVE` line). gap = |bound − obj| / |obj|.
    - The time limit bounds the search only; total s is the whole child process.
    - glpsol runs `glpsol -m models/alliance.mod -d X.dat --tmlim T` with default options.
      HiGHS runs with its default options on `StageOneModel(problem:).program` written as free MPS,
      maximized (MPS does not carry the sense).

    """
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
