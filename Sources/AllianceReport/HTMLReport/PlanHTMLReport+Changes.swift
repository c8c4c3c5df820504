import AllianceModel

/// The 与上年相比 section, with a previous plan only: the organizations that joined, left, moved
/// or changed role, and per community who came and went — the workbook's 变动 sheet and what
/// `alliance diff` prints (`PlanChanges`).
extension PlanHTMLReport {
    func changesSection(_ changes: PlanChanges) -> String {
        func table(_ header: [String], _ rows: [[String]], cssClass: String) -> String {
            let head = HTML.element("tr", [:], header.map { HTML.text("th", $0) }.joined())
            let body = rows.map { row in HTML.element("tr", [:], row.map { HTML.text("td", $0) }.joined()) }
            return HTML.element("div", ["class": "scroll"],
                                HTML.element("table", ["class": cssClass], ([head] + body).joined(separator: "\n")))
        }
        var parts = [HTML.text("h2", "与上年相比"), HTML.text("p", ["class": "muted"], changes.summary)]
        if changes.diff.organizations.isEmpty {
            parts.append(HTML.text("p", "与上年方案相比，没有单位变动。"))
        } else {
            parts.append(HTML.text("h3", "变动的单位"))
            parts.append(table(PlanChanges.organizationHeader, changes.organizationRows, cssClass: "changes-units"))
            parts.append(HTML.text("h3", "按社区"))
            parts.append(table(PlanChanges.communityHeader, changes.communityRows, cssClass: "changes-communities"))
        }
        return HTML.element("section", ["id": "changes", "class": "block"], parts.joined(separator: "\n"))
    }
}
