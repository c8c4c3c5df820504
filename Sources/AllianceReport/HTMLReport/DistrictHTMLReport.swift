import AllianceModel
import Foundation

/// The top-level `report.html` of a batch run by district: the city at a glance (districts
/// planned and failed, communities, units, the worst proven gap), one table row per district
/// (status, objective, gap, coverage with a small bar chart, strength against the district's own
/// band, a link to the district's own `report.html`), and why each failed district has no plan.
///
/// Like the district pages it loads nothing (same Content-Security-Policy and inline CSS); its
/// only links are in-page anchors and relative links to `<folder>/report.html` files that the
/// batch run wrote beside it. The same results give the same bytes without timings.
public struct DistrictHTMLReport: Sendable {
    public var results: [DistrictOutcome]
    /// Whether to show each district's time (off for byte-identical reruns, `--no-timings`).
    public var includeTimings: Bool

    public init(_ results: [DistrictOutcome], includeTimings: Bool = true) {
        self.results = results
        self.includeTimings = includeTimings
    }

    /// The page as UTF-8 bytes, ready for `AtomicFiles.write`.
    public var data: Data { Data(html.utf8) }

    /// The relative link to a district's own report: its folder name percent-encoded (a folder
    /// may hold `#`, `%` or spaces), then `/report.html`.
    public static func href(folder: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;")
        return (folder.addingPercentEncoding(withAllowedCharacters: allowed) ?? folder) + "/report.html"
    }

    /// The whole page.
    public var html: String {
        let figures = results.map(DistrictFigures.init)
        let failed = figures.filter { !$0.hasPlan }
        let title = "党建联盟方案汇总"
        var body = "<header class=\"top\">"
        body += HTML.text("h1", title)
        body += HTML.text("p", ["class": "lede"],
                          "\(results.count) 个区县 · \(total(\.communities)) 个社区 · \(total(\.organizations)) 个单位 · 各区县分别求解")
        var links = [HTML.text("a", ["href": "#summary"], "概要"), HTML.text("a", ["href": "#districts"], "各区县")]
        if !failed.isEmpty { links.append(HTML.text("a", ["href": "#failed"], "未得到方案的区县")) }
        body += HTML.element("nav", [:], links.joined())
        body += "</header>\n<main>\n"
        body += summarySection(failed: failed.count) + "\n"
        body += districtsSection(figures) + "\n"
        if !failed.isEmpty { body += failedSection(failed) + "\n" }
        body += "</main>\n"
        body += HTML.text("footer", "由 alliance 生成。各区县的详细报告在其文件夹的 report.html 中。本页不加载任何外部资源。")
        return HTMLPage.document(title: "\(title)（\(results.count) 个区县）", body: body)
    }

    private func total(_ count: KeyPath<DistrictOutcome, Int>) -> Int {
        results.reduce(0) { $0 + $1[keyPath: count] }
    }

    private func summarySection(failed: Int) -> String {
        let worst = DistrictFigures.worstGap(results)
        let cells = [
            HTMLPage.fact("已得到方案的区县", "\(results.count - failed) / \(results.count)"),
            HTMLPage.fact("失败的区县", "\(failed)"),
            HTMLPage.fact("社区总数", HumanFormat.number(Double(total(\.communities)))),
            HTMLPage.fact("单位总数", HumanFormat.number(Double(total(\.organizations)))),
            HTMLPage.fact("最大差距", worst.map { "\(HumanFormat.percent($0.gap))（\($0.district)）" } ?? "—"),
        ]
        let note = "每个区县单独求解：力量均衡以本区县的平均力量为准，单位只包联本区县的社区。"
            + "差距是求解器证明的、方案目标值离最优至多还差的比例（0 表示已证明最优）。"
        return HTML.element("section", ["id": "summary", "class": "block"], [
            HTML.text("h2", "概要"), HTML.element("div", ["class": "facts"], cells.joined()), HTML.text("p", note),
        ].joined(separator: "\n"))
    }

    private func districtsSection(_ figures: [DistrictFigures]) -> String {
        var header = ["区县", "状态", "社区", "单位", "目标值", "差距", "需求覆盖", "联盟力量（最弱 / 平均 / 最强）", "均衡范围"]
        if figures.contains(where: { $0.claims != nil }) { header.append("已认领项目") }
        if includeTimings { header.append("用时") }
        header.append("详细报告")
        let numeric: Set<String> = ["社区", "单位", "目标值", "差距", "已认领项目", "用时"]
        let head = HTML.element("thead", [:], HTML.element("tr", [:], header.map {
            numeric.contains($0) ? HTML.text("th", ["class": "num"], $0) : HTML.text("th", $0)
        }.joined()))
        let rows = figures.map { row($0, claimsColumn: header.contains("已认领项目")) }
        let table = HTML.element("table", ["class": "districts"], head + HTML.element("tbody", [:], rows.joined(separator: "\n")))
        return HTML.element("section", ["id": "districts", "class": "block"], [
            HTML.text("h2", "各区县"),
            HTML.element("div", ["class": "scroll"], table),
            HTML.text("p", ["class": "muted"], "需求覆盖按优先级加权；均衡范围是本区县平均力量的上下浮动区间，括号内为力量在区间内的联盟数。"),
        ].joined(separator: "\n"))
    }

    private func row(_ figure: DistrictFigures, claimsColumn: Bool) -> String {
        let result = figure.outcome
        func num(_ text: String) -> String { HTML.text("td", ["class": "num"], text) }
        var cells = [
            HTML.text("td", result.district), HTML.text("td", figure.statusText),
            num(HumanFormat.number(Double(result.communities))), num(HumanFormat.number(Double(result.organizations))),
            num(result.objective.map(HumanFormat.objective) ?? "—"),
            num(result.gap.map(HumanFormat.percent) ?? "—"),
            HTML.element("td", ["class": "nowrap"], figure.coverage.map {
                Self.coverageBar($0, district: result.district) + " " + HTML.escape(HumanFormat.percent($0))
            } ?? "—"),
        ]
        if let strength = figure.strength {
            cells.append(HTML.text("td", ["class": "nowrap"], [strength.min, strength.mean, strength.max]
                .map { HumanFormat.number($0) }.joined(separator: " / ")))
            cells.append(HTML.text("td", ["class": "nowrap"],
                                   "\(HumanFormat.number(strength.band_low))–\(HumanFormat.number(strength.band_high))"
                                   + "（\(strength.inside) / \(strength.count)）"))
        } else {
            cells += [HTML.text("td", "—"), HTML.text("td", "—")]
        }
        if claimsColumn { cells.append(num(figure.claims.map { "\($0.claimed) / \($0.total)" } ?? "—")) }
        if includeTimings { cells.append(num(result.seconds.map(HumanFormat.seconds) ?? "—")) }
        if figure.hasPlan {
            cells.append(HTML.element("td", [:], HTML.text("a", ["href": Self.href(folder: result.folder)], "查看")))
        } else {
            cells.append(HTML.text("td", ["class": "muted"], "无（见下方原因）"))
        }
        return HTML.element("tr", ["class": figure.hasPlan ? "planned" : "failed"], cells.joined())
    }

    /// A small bar: the share of needs covered, out of a full-width track.
    static func coverageBar(_ share: Double, district: String) -> String {
        let width = 100.0, height = 12.0, share = min(1, max(0, share))
        return SVGChart.svg(width: width, height: height, cssClass: "bar", label: "\(district) 需求覆盖 \(HumanFormat.percent(share))",
                            fixedSize: true, [
            HTML.void("rect", ["x": "0", "y": "0", "width": HumanFormat.svg(width), "height": HumanFormat.svg(height),
                               "fill": "#f3f4f6", "stroke": "#d1d5db"]),
            HTML.void("rect", ["x": "0", "y": "0", "width": HumanFormat.svg(width * share), "height": HumanFormat.svg(height),
                               "fill": SVGChart.mix(0xfca5a5, 0x16a34a, share)]),
        ])
    }

    private func failedSection(_ failed: [DistrictFigures]) -> String {
        let items = failed.map { figure in
            HTML.element("li", [:], HTML.text("strong", figure.outcome.district) + "："
                         + HTML.text("span", ["class": "error"], figure.outcome.error ?? "未得到方案"))
        }
        return HTML.element("section", ["id": "failed", "class": "block"], [
            HTML.text("h2", "未得到方案的区县"),
            HTML.element("ul", ["class": "plain warnings"], items.joined()),
            HTML.text("p", ["class": "muted"], "这些区县的文件夹中只有记录失败原因的 district.json；修正原因后重新运行，已完成的区县会被跳过。"),
        ].joined(separator: "\n"))
    }
}
