import AllianceModel

/// The 人员安排 section (stage 3, only when members were matched to posts): how many seats were
/// filled, by community and by category, and the posts left open with the reason. The seats
/// themselves (thousands of rows) are in people.csv and the workbook's 人员安排 sheet.
extension PlanHTMLReport {
    /// Open posts listed on the page at most; the rest are in posts-open.csv.
    static let openPostsShown = 200

    func peopleSection(_ people: PeopleReport) -> String {
        let document = people.document(includeTimings: false)
        let evaluation = people.evaluation, problem = people.problem
        let share = document.seats > 0 ? HumanFormat.percent(Double(document.filled) / Double(document.seats)) : "—"
        let home = evaluation.seats.filter(\.isHome).count, unit = evaluation.seats.filter(\.unitServes).count
        var intro = "\(document.members) 名党员、\(document.posts) 个岗位和订单（\(document.seats) 个名额）："
            + "已安排 \(document.filled) 个名额（\(share)），其中 \(home) 个在党员本人所在社区，\(unit) 个在其所在单位包联的社区"
        intro += document.kept > 0 ? "，保留原安排 \(document.kept) 个。" : "。"
        intro += document.optimal ? "安排已证明最优（最小费用流）。" : "安排未证明最优。"

        var byCommunity: [Int: (home: Int, open: Int)] = [:]
        for seat in evaluation.seats where seat.isHome { byCommunity[problem.postCommunity[seat.post], default: (0, 0)].home += 1 }
        for open in evaluation.openPosts { byCommunity[problem.postCommunity[open.post], default: (0, 0)].open += open.open }
        var communityRows = [row(["社区", "名额", "已安排", "其中本社区党员", "空缺"], header: true, numeric: 1...4)]
        for group in document.by_community {
            let c = problem.communityIndex[group.id] ?? 0
            communityRows.append(row([group.name ?? group.id, "\(group.seats)", "\(group.filled)",
                                      "\(byCommunity[c]?.home ?? 0)", "\(byCommunity[c]?.open ?? 0)"]))
        }
        var categoryRows = [row(["类别", "名额", "已安排", "安排率"], header: true, numeric: 1...3)]
        for group in document.by_category {
            categoryRows.append(row([group.id, "\(group.seats)", "\(group.filled)",
                                     group.seats > 0 ? HumanFormat.percent(Double(group.filled) / Double(group.seats)) : "—"]))
        }
        var parts = [HTML.text("h2", "人员安排"), HTML.text("p", ["class": "muted"], intro),
                     HTML.text("h3", "按社区"), table(communityRows), HTML.text("h3", "按类别"), table(categoryRows)]
        if !evaluation.openPosts.isEmpty {
            var openRows = [row(["岗位", "社区", "类别", "空缺", "原因"], header: true, numeric: 3...3)]
            for open in evaluation.openPosts.prefix(Self.openPostsShown) {
                let post = problem.posts[open.post]
                let community = problem.communities[problem.postCommunity[open.post]].name
                openRows.append(row([post.name, community, post.category, "\(open.open)", PlanWorkbook.openReason(open.reason)]))
            }
            parts.append(HTML.text("h3", "空缺岗位"))
            if evaluation.openPosts.count > Self.openPostsShown {
                parts.append(HTML.text("p", ["class": "muted"],
                                       "共 \(evaluation.openPosts.count) 个岗位有空缺，此处列出前 \(Self.openPostsShown) 个；全部见 posts-open.csv。"))
            }
            parts.append(table(openRows))
        }
        return HTML.element("section", ["id": "people", "class": "block"], parts.joined(separator: "\n"))
    }

    /// A table row; a body cell holding a number is right-aligned, and so is a header cell over a
    /// `numeric` column.
    private func row(_ cells: [String], header: Bool = false, numeric: ClosedRange<Int>? = nil) -> String {
        HTML.element("tr", [:], cells.enumerated().map { i, cell in
            let right = header ? numeric?.contains(i) == true : i > 0 && cell.first?.isNumber == true
            return right ? HTML.text(header ? "th" : "td", ["class": "num"], cell) : HTML.text(header ? "th" : "td", cell)
        }.joined())
    }

    private func table(_ rows: [String]) -> String {
        HTML.element("div", ["class": "scroll"], HTML.element("table", [:], rows.joined(separator: "\n")))
    }
}
