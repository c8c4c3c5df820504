import AllianceModel

/// The 单位视图 section: the plan seen from the units (`UnitView`), the same table as the
/// workbook's sheet of that name — the communities each unit serves and its role, its load
/// against min/max, and how much of its resources its alliances use.
extension PlanHTMLReport {
    func unitsSection() -> String {
        let view = UnitView(report)
        var rows = [HTML.element("tr", [:], [
            HTML.text("th", "单位"), HTML.text("th", "类型"), HTML.text("th", ["class": "num"], "力量"),
            HTML.text("th", "包联社区（角色）"), HTML.text("th", ["class": "num"], "社区数"),
            HTML.text("th", "资源使用（已用/提供）"), HTML.text("th", ["class": "num"], "使用率"),
        ].joined())]
        for row in view.rows {
            var name = HTML.escape(row.name)
            if row.name != row.id { name += " " + HTML.text("span", ["class": "cid"], row.id) }
            if !row.groupMembers.isEmpty {
                name += HTML.text("span", ["class": "words"], "合并：" + row.groupMembers.joined(separator: "、"))
            }
            let places = row.places.map { place in
                HTML.escape(place.communityName) + (place.isLead ? " " + HTML.text("span", ["class": "badge lead"], "牵头") : "")
            }.joined(separator: "、")
            let load = "\(row.load)" + HTML.text("span", ["class": "words"], "范围 \(row.minCommunities)–\(row.maxCommunities)")
            rows.append(HTML.element("tr", ["data-unit": row.id], [
                HTML.element("td", [:], name), HTML.text("td", row.kind),
                HTML.text("td", ["class": "num"], HumanFormat.number(row.strength)),
                HTML.element("td", [:], places.isEmpty ? HTML.text("span", ["class": "muted"], "未包联") : places),
                HTML.element("td", ["class": "num"], load),
                HTML.text("td", UnitView.resourcesText(row.resources).replacingOccurrences(of: "；", with: "； ")),
                HTML.text("td", ["class": "num"], row.usedShare.map(HumanFormat.percent) ?? "—"),
            ].joined()))
        }
        let intro = "每个单位包联哪些社区、是否牵头，包联社区数与其最少、最多社区数的比较，以及其资源被所包联社区的需求"
            + "使用了多少（按各成员提供的份额分摊）。"
        return HTML.element("section", ["id": "units", "class": "block"],
                            HTML.text("h2", "单位视图") + HTML.text("p", ["class": "muted"], intro) + "\n"
                                + HTML.element("div", ["class": "scroll"],
                                               HTML.element("table", ["class": "units"], rows.joined(separator: "\n"))))
    }
}
