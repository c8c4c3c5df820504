import AllianceModel

/// Heatmap community × need category: each cell is the share of that need the alliance's
/// resources cover (from `Problem.coveredNeeds`), red for nothing, green for all; grey where
/// the community has no such need. One `rect.cell` per community and category.
struct CoverageHeatmap {
    let report: PlanReport
    let facts: ReportFacts

    private let labelWidth = 150.0, cellWidth = 64.0, cellHeight = 22.0, headerHeight = 30.0
    static let none = "#f3f4f6"

    /// Cell colour for a share: light red (0) through light yellow (½) to light green (1).
    static func color(_ share: Double) -> String {
        share < 0.5 ? SVGChart.mix(0xfca5a5, 0xfde68a, share * 2) : SVGChart.mix(0xfde68a, 0x86efac, (share - 0.5) * 2)
    }

    var figure: String {
        let problem = report.problem, categories = problem.categories, nR = categories.count
        guard nR > 0 else {
            return HTML.element("figure", ["id": "coverage-heatmap"],
                                HTML.text("figcaption", "需求覆盖") + HTML.text("p", ["class": "muted"], "需求清单为空。"))
        }
        let width = labelWidth + Double(nR) * cellWidth + 8
        let height = headerHeight + Double(problem.communityCount) * cellHeight + 4
        var content: [String] = []
        for (r, category) in categories.enumerated() {
            content.append(SVGChart.label(HTML.truncated(category, 5), x: labelWidth + (Double(r) + 0.5) * cellWidth,
                                          y: headerHeight - 10, anchor: "middle", size: 12))
        }
        for (c, community) in problem.communities.enumerated() {
            let y = headerHeight + Double(c) * cellHeight
            content.append(SVGChart.label(HTML.truncated(community.name, 10), x: labelWidth - 8, y: y + 15.5,
                                          anchor: "end", size: 12))
            for r in 0..<nR {
                let x = labelWidth + Double(r) * cellWidth
                let share = facts.coverage[c][r]
                let need = problem.need[c * nR + r]
                let tip = share.map {
                    "\(community.name) · \(categories[r])：需求 \(HumanFormat.number(need))，满足 \(HumanFormat.percent($0))"
                } ?? "\(community.name) · \(categories[r])：无此需求"
                content.append("<rect class=\"cell\"" + HTML.attributes([
                    "x": HumanFormat.svg(x + 1), "y": HumanFormat.svg(y + 1),
                    "width": HumanFormat.svg(cellWidth - 2), "height": HumanFormat.svg(cellHeight - 2),
                    "fill": share.map(Self.color) ?? Self.none,
                    "data-community": community.id, "data-category": categories[r],
                    "data-share": share.map(formatNumber) ?? "",
                ]) + "><title>\(HTML.escape(tip))</title></rect>")
                let text = share.map { HumanFormat.number(($0 * 100).rounded(.down), decimals: 0) } ?? "—"
                content.append(SVGChart.label(text, x: x + cellWidth / 2, y: y + 15.5, anchor: "middle", size: 11,
                                              fill: share == nil ? "#9ca3af" : nil))
            }
        }
        let svg = SVGChart.svg(width: width, height: height, cssClass: "heatmap", label: "各社区各类需求的满足比例",
                               fixedSize: true, content)
        let legend = HTML.element("div", ["class": "legend"], [
            SVGChart.swatch(Self.color(0), "0%"), SVGChart.swatch(Self.color(0.5), "50%"),
            SVGChart.swatch(Self.color(1), "100%"), SVGChart.swatch(Self.none, "无此需求"),
        ].joined())
        return HTML.element("figure", ["id": "coverage-heatmap"],
                            HTML.element("figcaption", [:], "需求满足情况 "
                                + HTML.text("span", ["class": "note"], "（格中数字为满足的百分比，向下取整）"))
                                + HTML.element("div", ["class": "scroll"], svg) + legend)
    }
}
