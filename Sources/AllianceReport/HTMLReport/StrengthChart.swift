import AllianceModel

/// Dot chart: each community's alliance strength S_c as a dot on its row, over the shaded
/// balance band (1 ± τ)·S̄ and a dashed line at the mean S̄. The axis spans only the range of
/// the strengths and the band (not from 0), so small differences show. One `circle.dot` per
/// community, coloured by whether it lies inside, below or above the band.
struct StrengthChart {
    let report: PlanReport
    let facts: ReportFacts

    static let colors: [BandPosition: String] = [.inside: "#2563eb", .below: "#d97706", .above: "#dc2626"]
    private let width = 480.0, labelWidth = 112.0, valueWidth = 44.0
    private let top = 30.0, rowHeight = 22.0, bottom = 30.0

    /// The axis range and tick step: round numbers around the strengths and the band.
    private func axis(_ strengths: [Double]) -> (low: Double, high: Double, step: Double) {
        let low = min(strengths.min() ?? 0, facts.bandLow), high = max(strengths.max() ?? 0, facts.bandHigh)
        let margin = max((high - low) * 0.08, 0.5)
        let step = SVGChart.niceStep(high - low + 2 * margin)
        let axisLow = max(0, ((low - margin) / step).rounded(.down) * step)
        return (axisLow, ((high + margin) / step).rounded(.up) * step, step)
    }

    var figure: String {
        let problem = report.problem, n = problem.communityCount
        let strengths = report.evaluation.communities.map(\.strength)
        let (low, high, step) = axis(strengths)
        let x0 = labelWidth, plotWidth = width - labelWidth - valueWidth
        func x(_ value: Double) -> Double { x0 + (value - low) / (high - low) * plotWidth }
        let plotBottom = top + Double(n) * rowHeight, height = plotBottom + bottom
        var content: [String] = []
        // The band and the mean.
        content.append("<rect class=\"band\"" + HTML.attributes([
            "x": HumanFormat.svg(x(facts.bandLow)), "y": HumanFormat.svg(top - 4),
            "width": HumanFormat.svg(x(facts.bandHigh) - x(facts.bandLow)), "height": HumanFormat.svg(plotBottom - top + 8),
            "fill": "#bbf7d0", "data-low": formatNumber(facts.bandLow), "data-high": formatNumber(facts.bandHigh),
        ]) + "><title>\(HTML.escape("均衡区间 \(facts.bandText)"))</title></rect>")
        // Axis with ticks and light grid lines.
        var tick = low
        while tick <= high + step / 1000 {
            let tx = HumanFormat.svg(x(tick))
            content.append("<line x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(HumanFormat.svg(top - 4))\" y2=\"\(HumanFormat.svg(plotBottom + 8))\" stroke=\"#e5e7eb\"/>")
            content.append(SVGChart.label(HumanFormat.number(tick), x: x(tick), y: plotBottom + 21, anchor: "middle",
                                          size: 11, fill: "#6b7280"))
            tick += step
        }
        content.append("<line x1=\"\(HumanFormat.svg(x0))\" x2=\"\(HumanFormat.svg(x(high)))\" y1=\"\(HumanFormat.svg(plotBottom + 4))\" y2=\"\(HumanFormat.svg(plotBottom + 4))\" stroke=\"#9ca3af\"/>")
        content.append("<line class=\"mean\"" + HTML.attributes([
            "x1": HumanFormat.svg(x(problem.meanStrength)), "x2": HumanFormat.svg(x(problem.meanStrength)),
            "y1": HumanFormat.svg(top - 4), "y2": HumanFormat.svg(plotBottom + 4),
            "stroke": "#15803d", "stroke-width": "1.5", "stroke-dasharray": "4 3",
            "data-mean": formatNumber(problem.meanStrength),
        ]) + "/>")
        content.append(SVGChart.label("均值 \(HumanFormat.number(problem.meanStrength))，区间 \(facts.bandText)",
                                      x: x(problem.meanStrength), y: top - 10, anchor: "middle", size: 12))
        // One row per community: a guide line, the dot, its value.
        for (c, community) in problem.communities.enumerated() {
            let y = top + Double(c) * rowHeight, middle = y + rowHeight / 2, strength = strengths[c]
            let position = facts.position(strength)
            content.append(SVGChart.label(HTML.truncated(community.name, 8), x: labelWidth - 8, y: middle + 4.5,
                                          anchor: "end", size: 12))
            content.append("<line x1=\"\(HumanFormat.svg(x0))\" x2=\"\(HumanFormat.svg(x(high)))\" y1=\"\(HumanFormat.svg(middle))\" y2=\"\(HumanFormat.svg(middle))\" stroke=\"#d1d5db\" stroke-dasharray=\"1 3\"/>")
            let tip = "\(community.name)：联盟力量 \(HumanFormat.number(strength))，\(position.words)"
            content.append("<circle class=\"dot \(position.cssClass)\"" + HTML.attributes([
                "cx": HumanFormat.svg(x(strength)), "cy": HumanFormat.svg(middle), "r": "5.5",
                "fill": Self.colors[position]!, "stroke": "#ffffff", "stroke-width": "1.5",
                "data-community": community.id, "data-strength": formatNumber(strength),
            ]) + "><title>\(HTML.escape(tip))</title></circle>")
            content.append("<text x=\"\(HumanFormat.svg(x(strength) + 9))\" y=\"\(HumanFormat.svg(middle + 4))\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
                + HTML.escape(HumanFormat.number(strength)) + "</text>")
        }
        let svg = SVGChart.svg(width: width, height: height, cssClass: "chart strength",
                               label: "各社区联盟力量与均衡区间", content)
        let legend = HTML.element("div", ["class": "legend"], [
            SVGChart.swatch("#bbf7d0", "均衡区间 ±\(HumanFormat.percent(problem.options.balanceBand))"),
            SVGChart.swatch(Self.colors[.inside]!, "在区间内"),
            SVGChart.swatch(Self.colors[.below]!, "偏弱"),
            SVGChart.swatch(Self.colors[.above]!, "偏强"),
        ].joined())
        return HTML.element("figure", ["id": "strength-chart"],
                            HTML.element("figcaption", [:], "联盟力量与均衡区间 "
                                + HTML.text("span", ["class": "note"], "（社区自身力量加上各单位分到本社区的力量）"))
                                + HTML.element("div", ["class": "scroll"], svg) + legend)
    }
}
