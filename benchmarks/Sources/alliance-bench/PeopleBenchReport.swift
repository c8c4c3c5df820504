import Foundation

/// The "People to posts (stage 3)" section of RESULTS.md and `results/people-time.svg`.
struct PeopleBenchReport {
    var results: PeopleResults

    static let heading = "## People to posts (stage 3)"

    private func s(_ value: Double?) -> String { value.map(format) ?? "–" }

    func render() -> String {
        var md = Self.heading + "\n\n"
        let okalgMax = results.okalgMaxMembers ?? PeopleBench.defaultOkalgMaxMembers
        md += "Issue #17: party members (党员) to posts and orders in their communities, as a min-cost flow "
            + "(`PeopleMatcher`, arc pricing), solved by our own cost-scaling push–relabel code (`CostScalingFlow`, "
            + "the default `PeopleAlgorithm.scaling`: the tool's path) and, as a cross-check outside the timed path, "
            + "GLPK's out-of-kilter code (okalg, only up to \(grouped(okalgMax)) members: `--okalg-max-members`), "
            + "against OR-tools' `SimpleMinCostFlow` and HiGHS's LP on the "
            + "same network (written in DIMACS, `benchmarks/people_driver.py`). Lists drawn by `PeopleGenerator` "
            + "(seed \(results.seed)) for the city's 84 communities (planar, 10 × 10 km), 12 categories, posts in "
            + "the proportion 8,000 per 63,000 members, `--candidates \(results.records.first?.candidates ?? 20)`; "
            + "each size written as CSV and run in a child process of its own (`alliance-bench people-one`).\n\n"
        md += "Command: `\(results.command)`, \(results.date); load average at the start "
            + "\(results.loadAverage ?? "unknown"); \(results.machine)."
        if let code = results.code { md += " Code: \(code)." }
        let loads = results.records.compactMap { r in r.loadAverage.map { "\(grouped(r.members)): \($0)" } }
        if !loads.isEmpty || results.loadAverageEnd != nil {
            md += " Load average (1, 5, 15 min) before each size: " + loads.joined(separator: "; ")
                + "\(results.loadAverageEnd.map { "; at the end: \($0)" } ?? "")."
        }
        md += "\n"
        if let note = results.note { md += "\n" + note + "\n" }
        let notes = Set(results.records.compactMap(\.note))
        for note in notes.sorted() { md += "\nNote: " + note + ".\n" }

        md += "\n| members | posts | seats | nodes | arcs | read s | build s | scaling s | rounds | tool s | okalg s "
            + "| OR-tools s | HiGHS s | scaling / OR-tools | peak MB | objective equal |\n"
        md += "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|\n"
        for r in results.records {
            let build = r.problemSeconds.flatMap { p in r.networkSeconds.map { p + $0 } }
            let ratio = r.scalingSeconds.flatMap { o in ortoolsSeconds(r).map { o / max($0, 1e-6) } }
            md += "| \(grouped(r.members)) | \(grouped(r.posts)) | \(grouped(r.seats)) | \(r.nodes.map(grouped) ?? "–") "
                + "| \(r.arcs.map(grouped) ?? "–") | \(s(r.readSeconds)) | \(s(build)) | \(s(r.scalingSeconds)) "
                + "| \(r.pricingRounds.map(String.init) ?? "–") | \(s(r.toolSeconds)) | \(okalg(r)) "
                + "| \(solver(r.ortools)) | \(solver(r.highs)) | \(ratio.map { String(format: "%.2f×", $0) } ?? "–") "
                + "| \(r.peakMB.map { String(format: "%.0f", $0) } ?? "–") "
                + "| \(r.objectivesEqual.map { $0 ? "yes" : "**no**" } ?? r.status) |\n"
        }
        md += "\nread: communities.csv, organizations.csv and members.csv, posts.csv by the tool's readers; "
            + "nodes, arcs: the whole flow network (every candidate arc), which OR-tools and HiGHS solve as it is; "
            + "`PeopleMatcher` solves it by arc pricing (restricted networks grown round by round until no left-out arc "
            + "has a negative reduced cost, which proves the flow optimal for the whole network); build: `PeopleProblem` "
            + "(candidates, values) plus building the restricted networks and pricing (cost scaling's run); scaling: our "
            + "cost-scaling solver summed over the pricing rounds (warm-started from the previous round); rounds: "
            + "pricing rounds; tool: the whole path, reading the lists → problem → `PeopleMatcher.solve(…, algorithm: "
            + ".scaling)` → `PeopleEvaluator`; okalg: GLPK's out-of-kilter code summed over its own pricing rounds, run "
            + "after the tool's path as a cross-check (skipped above `--okalg-max-members`); OR-tools, HiGHS: the solve "
            + "alone (OR-tools: adding the arcs and `SimpleMinCostFlow.solve`; HiGHS: LP with node-balance rows, dual "
            + "simplex, passing the model and running); scaling / OR-tools: the two solve columns; peak: getrusage's "
            + "maximum RSS of the child after evaluating, before okalg runs (generation happens in the parent). "
            + "Objective equal: cost scaling's Σ seat values, the evaluator's recomputation from the matches, okalg's "
            + "(when run), and OR-tools' and HiGHS's optimal costs (when optimal), all in thousandths.\n"
        if results.records.contains(where: { [$0.ortools, $0.highs].contains { $0?.status.contains("exit 137") == true } }) {
            md += "\nexit 137: the driver (one Python process per solver) was killed by SIGKILL well before the "
                + "harness's deadline, i.e. by the kernel's out-of-memory killer; the peak is its RSS when killed. The "
                + "solver then has no time and is left out of the objective check.\n"
        }

        md += "\n| members | problem s | networks + pricing s | scaling s | scaling rounds | last restricted arcs "
            + "| evaluate s | tool s (read → evaluated) | okalg s (rounds) | okalg objective | relax4 "
            + "| OR-tools read+solve s | HiGHS read+solve s | seats filled | objective (thousandths) |\n"
        md += "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|---:|---:|---:|---:|\n"
        for r in results.records {
            let relax4 = r.relax4 == "ok" ? "\(s(r.relax4Seconds)) s" : (r.relax4 ?? "–")
            let okalgCell = r.okalg == "ok" ? "\(s(r.okalgSeconds)) (\(r.okalgRounds.map(String.init) ?? "?"))"
                : (r.okalg ?? "–").replacingOccurrences(of: "|", with: "/")
            md += "| \(grouped(r.members)) | \(s(r.problemSeconds)) | \(s(r.networkSeconds)) | \(s(r.scalingSeconds)) "
                + "| \(r.pricingRounds.map(String.init) ?? "–") | \(r.restrictedArcs.map(grouped) ?? "–") "
                + "| \(s(r.evaluateSeconds)) | \(s(r.toolSeconds)) | \(okalgCell) | \(r.okalgObjective.map(grouped) ?? "–") "
                + "| \(relax4) | \(s(r.ortools?.read_solve_seconds)) "
                + "| \(s(r.highs?.read_solve_seconds)) | \(r.filledSeats.map(grouped) ?? "–") "
                + "| \(r.objective.map(grouped) ?? "–") |\n"
        }

        md += "\nTargets (the 63,000-member city):\n\n"
        if let city = results.records.first(where: { $0.members == 63_000 }) {
            let optimal = city.objectivesEqual == true && city.evaluationValid == true
            let tool = city.toolSeconds
            let withinTime = tool.map { $0 <= 10 } ?? false
            let met = optimal && withinTime && city.readSeconds != nil
            md += "- 63k city proven optimal within 10 s including reading the lists: \(met ? "**met**" : "**missed**") "
                + "(tool \(s(tool)) s from reading the lists to the evaluated matching"
                + "\(city.readSeconds == nil ? ", reading not timed" : ", of which reading \(s(city.readSeconds)) s")"
                + "\(tool.map { $0 <= 10 ? String(format: ", %.1f s to spare", 10 - $0) : String(format: ", %.1f s over", $0 - 10) } ?? ""); "
                + "optimal by the pricing's proof and every objective equal (cost scaling, evaluator"
                + "\(city.okalg == "ok" ? ", okalg" : ""), OR-tools, HiGHS when optimal): \(optimal ? "yes" : "no"))\n"
            if let scaling = city.scalingSeconds, let ortools = ortoolsSeconds(city) {
                let ratio = scaling / max(ortools, 1e-6)
                md += "- within 2× of OR-tools: \(scaling <= 2 * ortools ? "**met**" : "**missed**") "
                    + "(our solver \(s(scaling)) s over \(city.pricingRounds.map(String.init) ?? "?") pricing rounds, "
                    + "OR-tools' solve \(s(ortools)) s: \(String(format: "%.2f×", ratio))"
                    + "\(ratio <= 2 ? "" : String(format: ", %.1f s over 2×", scaling - 2 * ortools))"
                if let matcher = city.matcherSeconds {
                    md += "; the whole `PeopleMatcher.solve`, with building the networks and pricing, \(s(matcher)) s: "
                        + String(format: "%.2f×", matcher / max(ortools, 1e-6))
                }
                if let tool, let readSolve = city.ortools?.read_solve_seconds {
                    md += "; the whole tool, reading the CSV lists to the evaluated matching, \(s(tool)) s against "
                        + "OR-tools reading the DIMACS network and solving \(s(readSolve)) s: "
                        + String(format: "%.2f×", tool / max(readSolve, 1e-6))
                }
                md += ")\n"
            } else {
                md += "- within 2× of OR-tools: not measured (OR-tools \(city.ortools?.status ?? "not run"))\n"
            }
            let memory = city.peakMB.map { $0 <= 1024 }
            md += "- peak memory ≤ 1 GB: \(memory.map { $0 ? "**met**" : "**missed**" } ?? "–") "
                + "(\(city.peakMB.map { String(format: "%.0f MB", $0) } ?? "–"))\n"
            if city.okalg == "ok", let okalg = city.okalgSeconds, let scaling = city.scalingSeconds {
                md += "\nFor comparison, GLPK's okalg (the solver before cost scaling) took \(s(okalg)) s on the same "
                    + "problem at 63,000 members (\(String(format: "%.0f×", okalg / max(scaling, 1e-6))) our solver's time).\n"
            }
        } else {
            md += "- not measured (no 63,000-member run)\n"
        }
        md += "\n![time against members](results/people-time.svg)\n"
        return md
    }

    /// OR-tools' solve seconds when it proved optimality.
    private func ortoolsSeconds(_ r: PeopleRecord) -> Double? {
        r.ortools?.status == "optimal" ? r.ortools?.solve_seconds : nil
    }

    private func okalg(_ r: PeopleRecord) -> String {
        guard let status = r.okalg else { return "–" }
        if status == "ok" { return s(r.okalgSeconds) }
        if status == PeopleBench.okalgSkipped { return "skipped" }
        return status.replacingOccurrences(of: "|", with: "/")
    }

    private func solver(_ answer: PeopleSolverAnswer?) -> String {
        guard let answer else { return "–" }
        if answer.status == "optimal" { return s(answer.solve_seconds) }
        // The driver's failures name their stderr file: left out of the table (it is in people.json).
        let status = answer.status.components(separatedBy: "; see ").first ?? answer.status
        return status.replacingOccurrences(of: "|", with: "/")
    }

    private func grouped(_ n: Int) -> String {
        let text = String(abs(n))
        var out = ""
        for (i, ch) in text.enumerated() {
            if i > 0 && (text.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Seconds against members, both log-scaled: the tool's path, its parts and the other solvers.
    static func plot(_ results: PeopleResults) -> String {
        let width = 780.0, height = 420.0, left = 70.0, right = 190.0, top = 36.0, bottom = 46.0
        let series: [(String, String, (PeopleRecord) -> Double?)] = [
            ("tool (read → evaluated)", "#1f77b4", { $0.toolSeconds }),
            ("cost scaling (solve)", "#17becf", { $0.scalingSeconds }),
            ("networks + pricing", "#9467bd", { $0.networkSeconds }),
            ("GLPK okalg (solve)", "#d62728", { $0.okalg == "ok" ? $0.okalgSeconds : nil }),
            ("OR-tools (solve)", "#2ca02c", { $0.ortools?.status == "optimal" ? $0.ortools?.solve_seconds : nil }),
            ("HiGHS LP (solve)", "#ff7f0e", { $0.highs?.status == "optimal" ? $0.highs?.solve_seconds : nil }),
        ]
        let records = results.records.sorted { $0.members < $1.members }
        let xs = records.map { Double($0.members) }
        let ys = records.flatMap { r in series.compactMap { $0.2(r) } }.filter { $0 > 0 }
        let xMin = pow(10, floor(log10(xs.min() ?? 1000))), xMax = pow(10, ceil(log10(xs.max() ?? 1e6)))
        var yMin = pow(10, floor(log10(ys.min() ?? 0.01))), yMax = pow(10, ceil(log10(ys.max() ?? 100)))
        if yMax <= yMin { yMax = yMin * 10 }
        yMin = max(yMin, 1e-4)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ v: Double) -> Double { left + plotW * (log10(v) - log10(xMin)) / (log10(xMax) - log10(xMin)) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (log10(max(v, yMin)) - log10(yMin)) / (log10(yMax) - log10(yMin))) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func label(_ v: Double) -> String { v >= 1 ? String(Int(v)) : String(format: "%g", v) }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(left))" y="22" font-size="15" font-weight="bold">People to posts (stage 3): seconds against members</text>

        """
        var tick = xMin
        while tick <= xMax * 1.001 {
            svg += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
            tick *= 10
        }
        tick = yMin
        while tick <= yMax * 1.001 {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(tick)))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>\n"
            tick *= 10
        }
        // The 10-s target at the city size.
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(10)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(10)))\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>\n"
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">members (log scale)</text>\n"
        svg += "<text transform=\"translate(16,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">seconds (log scale)</text>\n"
        for (i, (name, color, value)) in series.enumerated() {
            let points = records.compactMap { r in value(r).map { (Double(r.members), $0) } }
            if !points.isEmpty {
                let path = points.enumerated().map { k, p in "\(k == 0 ? "M" : "L")\(f(x(p.0))),\(f(y(p.1)))" }.joined(separator: " ")
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
                for p in points { svg += "<circle cx=\"\(f(x(p.0)))\" cy=\"\(f(y(p.1)))\" r=\"3\" fill=\"\(color)\"/>\n" }
            }
            let ly = top + 14 + Double(i) * 18
            svg += "<line x1=\"\(f(width - right + 12))\" y1=\"\(f(ly - 4))\" x2=\"\(f(width - right + 36))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(f(width - right + 42))\" y=\"\(f(ly))\">\(name)\(points.isEmpty ? " (none)" : "")</text>\n"
        }
        let ly = top + 14 + Double(series.count) * 18 + 10
        svg += "<text x=\"\(f(width - right + 12))\" y=\"\(f(ly))\" font-size=\"11\" fill=\"#555\">dotted: 10 s</text>\n"
        svg += "</svg>\n"
        return svg
    }
}
