import Foundation

/// A hand-written SVG chart of the objective over time (log-scaled seconds) for every solver
/// of one size: the incumbent as a solid step line, the proven bound dashed in the same colour.
struct SVGPlot {
    var title: String
    var runs: [RunRecord]
    var timeLimit: Double

    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    /// The same solver gets the same colour in every plot.
    static let knownSolvers = ["greedy", "local", "lp-round", "exact", "glpsol", "highs"]

    static func color(_ solver: String, fallback: Int) -> String {
        let index = knownSolvers.firstIndex(of: solver) ?? (knownSolvers.count + fallback)
        return colors[index % colors.count]
    }
    let width = 780.0, height = 420.0
    let left = 70.0, right = 170.0, top = 36.0, bottom = 46.0

    /// The incumbent and bound steps of one run, as (seconds, value) pairs.
    private func series(_ run: RunRecord, _ value: (TracePoint) -> Double?) -> [(Double, Double)] {
        run.trace.compactMap { point in value(point).map { (max(point.seconds, tMin), $0) } }
    }

    private var tMin: Double { 0.01 }
    private var tMax: Double {
        max(timeLimit, runs.compactMap(\.traceEnd).max() ?? timeLimit) * 1.05
    }

    func render() -> String {
        let plotted = runs.filter { $0.status == "ok" && $0.trace.contains { $0.incumbent != nil } }
        let incumbents = plotted.flatMap { series($0, \.incumbent).map(\.1) }
        let bounds = plotted.flatMap { series($0, \.bound).map(\.1) }
        let best = incumbents.max() ?? 1
        var yMax = max(best, (bounds.filter { $0 >= best }.min() ?? best))
        // Show the plans near the best one; weaker early plans sit on the lower edge.
        var yMin = max(incumbents.min() ?? best - 1, best - 0.3 * max(abs(best), 0.1))
        if yMax - yMin < 1e-6 { yMin -= 0.01; yMax += 0.01 }
        let pad = (yMax - yMin) * 0.05
        yMin -= pad
        yMax += pad

        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ t: Double) -> Double { left + plotW * (log10(max(t, tMin)) - log10(tMin)) / (log10(tMax) - log10(tMin)) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (min(max(v, yMin), yMax) - yMin) / (yMax - yMin)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(left))" y="22" font-size="15" font-weight="bold">\(escape(title))</text>

        """
        // Axes and grid.
        var tick = 0.01
        while tick <= tMax {
            svg += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(tickLabel(tick))</text>\n"
            tick *= 10
        }
        for i in 0...5 {
            let v = yMin + (yMax - yMin) * Double(i) / 5
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#eee\"/>\n"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(String(format: "%.3f", v))</text>\n"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">seconds (log scale)</text>\n"
        svg += "<text transform=\"translate(16,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">objective</text>\n"

        // One step line per run (incumbent solid, bound dashed), then the legend.
        for (i, run) in plotted.enumerated() {
            let color = Self.color(run.solver, fallback: i)
            // A run that ended by itself keeps its plan: draw it on to the right edge.
            let end = run.knows(tMax) ? tMax / 1.05 : (run.traceEnd ?? tMax)
            for (points, dash) in [(series(run, \.incumbent), ""), (series(run, \.bound), " stroke-dasharray=\"5,4\"")]
            where !points.isEmpty {
                var path = "M\(f(x(points[0].0))),\(f(y(points[0].1)))"
                for (k, point) in points.enumerated() where k > 0 {
                    path += " H\(f(x(point.0))) V\(f(y(point.1)))"
                }
                path += " H\(f(x(max(end, points.last!.0))))"
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            }
            if let first = series(run, \.incumbent).first {
                svg += "<circle cx=\"\(f(x(first.0)))\" cy=\"\(f(y(first.1)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            let ly = top + 14 + Double(i) * 18
            svg += "<line x1=\"\(f(width - right + 12))\" y1=\"\(f(ly - 4))\" x2=\"\(f(width - right + 36))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            let label = run.solver + (run.objective.map { String(format: " %.4f", $0) } ?? "")
            svg += "<text x=\"\(f(width - right + 42))\" y=\"\(f(ly))\">\(escape(label))</text>\n"
        }
        let missing = runs.filter { run in !plotted.contains { $0.solver == run.solver } }
        for (k, run) in missing.enumerated() {
            let ly = top + 14 + Double(plotted.count + k) * 18
            svg += "<text x=\"\(f(width - right + 42))\" y=\"\(f(ly))\" fill=\"#888\">\(escape(run.solver)) (no plan)</text>\n"
        }
        let noteY = top + 14 + Double(plotted.count + missing.count) * 18 + 10
        svg += "<text x=\"\(f(width - right + 12))\" y=\"\(f(noteY))\" font-size=\"11\" fill=\"#555\">solid: plan</text>\n"
        svg += "<text x=\"\(f(width - right + 12))\" y=\"\(f(noteY + 14))\" font-size=\"11\" fill=\"#555\">dashed: bound</text>\n"
        svg += "</svg>\n"
        return svg
    }

    private func tickLabel(_ t: Double) -> String {
        t < 1 ? String(format: "%g", t) : String(Int(t.rounded()))
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
