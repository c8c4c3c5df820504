import AllianceModel
import Foundation

/// `report.html`: a plan as one self-contained page for the people who carry it out — a summary
/// beside the greedy baseline, SVG charts (strength against the balance band, coverage by
/// community and category, a map of the assignments), one card per alliance and the plan seen
/// from the units (单位视图), what changed since last year's plan when one was given (与上年相比),
/// Printed, the summary, charts and the view by unit come first, then
/// one page per alliance with lines for signatures (`cardsSection`).
///
/// The page loads nothing: CSS and SVG are inline, fonts are the system's, and a
/// Content-Security-Policy forbids any network load. All text from the lists is escaped. The
/// markup is XHTML-compatible (tests parse it as XML) and the same report gives the same bytes.
public struct PlanHTMLReport: Sendable {
    public var report: PlanReport
    /// Whether to show the solve time (off for byte-identical reruns, like `--no-timings`).
    public var includeTimings: Bool

    /// The Content-Security-Policy the page carries: nothing from the network, inline styles only.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    public init(_ report: PlanReport, includeTimings: Bool = true) {
        self.report = report
        self.includeTimings = includeTimings
    }

    /// The page as UTF-8 bytes, ready for `AtomicFiles.write`.
    public var data: Data { Data(html.utf8) }

    /// The whole page.
    public var html: String {
        let facts = ReportFacts(report)
        let problem = report.problem
        let changes = PlanChanges(report)
        let title = "党建联盟方案报告"
        var body = ""
        body += "<header class=\"top\">"
        body += HTML.text("h1", title)
        body += HTML.text("p", ["class": "lede"],
                          "\(problem.communityCount) 个社区 · \(problem.instance.organizations.count) 个单位 · "
                          + "\(report.plan.assigned.filter { $0 }.count) 对包联 · 求解方法 \(report.strategy)")
        body += HTML.element("nav", [:], [
            HTML.text("a", ["href": "#summary"], "概要"),
            HTML.text("a", ["href": "#charts"], "图表"),
            HTML.text("a", ["href": "#units"], "单位视图"),
        ].joined() + (changes == nil ? "" : HTML.text("a", ["href": "#changes"], "与上年相比"))
            + (report.people == nil ? "" : HTML.text("a", ["href": "#people"], "人员安排"))
            + HTML.text("a", ["href": "#alliances"], "各社区联盟"))
        body += "</header>\n<main>\n"
        body += summarySection(facts) + "\n"
        body += chartsSection(facts) + "\n"
        body += unitsSection() + "\n"
        if let changes { body += changesSection(changes) + "\n" }
        if let people = report.people { body += peopleSection(people) + "\n" }
        body += cardsSection(facts) + "\n"
        body += "</main>\n"
        body += HTML.text("footer", "由 alliance 生成。本页不加载任何外部资源，可离线查看和打印。")
        return HTMLPage.document(title: "\(title)（\(problem.communityCount) 个社区）", body: body)
    }

    /// The charts: strength against the band, coverage heatmap, and the map when there are coordinates.
    func chartsSection(_ facts: ReportFacts) -> String {
        var parts = [HTML.text("h2", "图表")]
        parts.append(StrengthChart(report: report, facts: facts).figure)
        parts.append(CoverageHeatmap(report: report, facts: facts).figure)
        if let map = AssignmentMap(report: report) { parts.append(map.figure) }
        return HTML.element("section", ["id": "charts", "class": "block"], parts.joined(separator: "\n"))
    }

    /// Inline CSS: system fonts (with Chinese ones), light colours, responsive grid, print rules.
    static let styleSheet = """
    :root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #b91c1c; --paper: #ffffff; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; background: #f6f7f9; color: var(--ink); font-size: 15px; line-height: 1.55;
      font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
        "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, sans-serif; }
    header.top { background: var(--paper); border-top: 6px solid var(--accent); border-bottom: 1px solid var(--line);
      padding: 16px max(16px, calc((100% - 1100px) / 2 + 16px)); }
    h1 { margin: 0; font-size: 1.6rem; color: var(--accent); letter-spacing: 0.05em; }
    .lede { margin: 4px 0 8px; color: var(--muted); }
    nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
    main { max-width: 1100px; margin: 0 auto; padding: 16px; }
    section.block { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
      padding: 12px 16px 16px; margin-bottom: 16px; }
    h2 { font-size: 1.25rem; margin: 4px 0 12px; padding-left: 10px; border-left: 4px solid var(--accent); }
    h3 { font-size: 1.1rem; margin: 0 0 4px; }
    h4 { font-size: 0.95rem; margin: 10px 0 4px; color: #374151; }
    p { margin: 6px 0; }
    .muted, .cid { color: var(--muted); font-weight: normal; }
    .cid { font-size: 0.85em; }
    .facts { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 12px; }
    .fact { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
    .fact .label { display: block; color: var(--muted); font-size: 0.85em; }
    .fact .value { display: block; font-size: 1.3rem; font-weight: 600; font-variant-numeric: tabular-nums; }
    .fact.status .value { font-size: 1.05rem; }
    .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    table.terms .words, table.units .words { display: block; color: var(--muted); font-size: 0.85em; }
    table.terms td.num { font-size: 1.05em; }
    ul.plain { margin: 4px 0; padding-left: 1.2em; }
    figure { margin: 12px 0 20px; }
    figcaption { font-weight: 600; margin-bottom: 4px; }
    figure .note { color: var(--muted); font-size: 0.85em; font-weight: normal; }
    svg { display: block; max-width: 100%; height: auto; }
    svg.chart { max-width: 640px; }
    svg.map { max-width: 760px; }
    svg.heatmap { max-width: none; }
    svg.bar { display: inline-block; vertical-align: -1px; }
    td a { color: var(--accent); }
    .nowrap { white-space: nowrap; }
    svg text { font-family: inherit; fill: var(--ink); }
    .legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 0.85em; color: var(--muted); margin-top: 4px; }
    .legend.alliances { gap: 2px 12px; font-size: 0.8em; }
    .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px;
      border: 1px solid #9ca3af; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(310px, 1fr)); gap: 12px; }
    .card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
      break-inside: avoid; page-break-inside: avoid; overflow-wrap: anywhere; }
    .card ul { margin: 2px 0; padding-left: 1.1em; }
    .card li { margin: 1px 0; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 0.85em; white-space: nowrap;
      -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .badge.inside { background: #dcfce7; color: #166534; }
    .badge.below { background: #fef3c7; color: #92400e; }
    .badge.above { background: #fee2e2; color: #991b1b; }
    .badge.lead { background: #fee2e2; color: #991b1b; }
    .badge.unclaimed { background: #f3f4f6; color: #4b5563; }
    .meter { position: relative; height: 10px; background: #f3f4f6; border-radius: 5px; margin: 4px 0 2px;
      -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .meter .band { position: absolute; top: 0; bottom: 0; background: #bbf7d0; }
    .meter .mark { position: absolute; top: -3px; width: 4px; height: 16px; margin-left: -2px; background: #1d4ed8; border-radius: 2px; }
    .warnings { color: #92400e; }
    .print-only { display: none; }
    .signatures { margin-top: 28px; }
    .signatures p { margin: 18px 0; }
    .signatures .line { display: inline-block; width: 14em; border-bottom: 1px solid var(--ink); margin: 0 4px; }
    .signatures .line.short { width: 4em; }
    .signatures .line.tiny { width: 2.5em; }
    .org-title { font-size: 1.4rem; font-weight: 600; color: var(--accent); margin: 0 0 6px; letter-spacing: 0.05em; }
    footer { max-width: 1100px; margin: 0 auto; padding: 8px 16px 24px; color: var(--muted); font-size: 0.85em; }
    @media (max-width: 640px) {
      body { font-size: 14px; }
      main { padding: 8px; }
      section.block { padding: 10px; }
      .cards { grid-template-columns: 1fr; }
      th, td { padding: 4px 5px; }
      .fact .value { font-size: 1.1rem; }
    }
    @media print {
      body { background: #ffffff; font-size: 10.5pt; }
      header.top { border-top: 3px solid var(--accent); padding: 0 0 8px; }
      nav { display: none; }
      main { max-width: none; padding: 0; }
      section.block { border: none; padding: 0; }
      .scroll { overflow: visible; }
      figure, .fact, tr { break-inside: avoid; page-break-inside: avoid; }
      h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; }
      svg.chart { max-width: 480px; }
      svg.map { max-width: 600px; }
      .print-only { display: block; }
      /* One page per alliance: the section's heading stays on screen, each card starts a page. */
      #alliances > h2, #alliances > p.muted { display: none; }
      .cards { display: block; }
      .card { break-before: page; page-break-before: always; border: none; border-radius: 0; padding: 0;
        font-size: 10.5pt; }
    }
    """
}
