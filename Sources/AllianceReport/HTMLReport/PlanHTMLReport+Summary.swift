import AllianceModel

/// The summary block: status, objective, bound and gap, each term in plain words beside the
/// greedy baseline, the project claims in one line, and the problem's warnings.
extension PlanHTMLReport {
    func summarySection(_ facts: ReportFacts) -> String {
        let evaluation = report.evaluation
        let inside = insideCount(evaluation, facts)
        var cells = [
            fact("求解状态", statusWord, cssClass: "fact status"),
            fact("目标值", HumanFormat.objective(evaluation.objective)),
        ]
        if let bound = report.bound { cells.append(fact("上界", HumanFormat.objective(bound))) }
        if let gap = report.gap { cells.append(fact("差距", HumanFormat.percent(gap))) }
        cells.append(fact("需求覆盖", HumanFormat.percent(evaluation.terms.coverage)))
        cells.append(fact("力量均衡的联盟", "\(inside) / \(report.problem.communityCount)"))
        var parts = [
            HTML.text("h2", "概要"),
            HTML.element("div", ["class": "facts"], cells.joined()),
            HTML.text("p", statusSentence),
            HTML.text("h3", "各项指标（与贪心基线对比）"),
            HTML.element("div", ["class": "scroll"], termsTable(facts)),
            HTML.text("p", ["class": "muted"], settingsSentence),
        ]
        if let claims = report.claims { parts.append(HTML.text("p", claimsSentence(claims))) }
        if !report.problem.warnings.isEmpty {
            parts.append(HTML.text("h3", "提示"))
            parts.append(HTML.element("ul", ["class": "plain warnings"],
                                      report.problem.warnings.map { HTML.text("li", $0) }.joined()))
        }
        return HTML.element("section", ["id": "summary", "class": "block"], parts.joined(separator: "\n"))
    }

    private var statusWord: String {
        switch report.status {
        case .optimal: return "已证明最优"
        case .feasible: return "可行，未证明最优"
        case .interrupted: return "已中断，为中断前找到的最好方案"
        case .infeasible: return "无可行方案"
        }
    }

    private var statusSentence: String {
        let rules = report.evaluation.isFeasible
            ? "方案满足全部规则（每个单位的包联社区数、每个社区的单位数、牵头单位、固定与禁止配对）。"
            : "方案违反 \(report.evaluation.violations.count) 条规则，请用 alliance evaluate 查看。"
        switch (report.status, report.bound, report.gap) {
        case (.optimal, _, _):
            return rules + "求解器已证明不存在目标值更高的方案。"
        case (_, let bound?, let gap?):
            let why = report.status == .interrupted ? "求解被中断（Ctrl-C）" : "求解到时限或达到 --gap 即停"
            return rules + "尚未证明最优（\(why)）：最优方案的目标值不超过 \(HumanFormat.objective(bound))，"
                + "即本方案与最优相差至多 \(HumanFormat.percent(gap))。"
        default:
            return rules + "此求解方法（\(report.strategy)）不给出上界，无法说明与最优方案相差多少。"
        }
    }

    private func fact(_ label: String, _ value: String, cssClass: String = "fact") -> String {
        HTMLPage.fact(label, value, cssClass: cssClass)
    }

    /// Alliances whose strength lies inside the band under `evaluation`.
    private func insideCount(_ evaluation: Evaluation, _ facts: ReportFacts) -> Int {
        evaluation.communities.filter { facts.position($0.strength) == .inside }.count
    }

    private func termsTable(_ facts: ReportFacts) -> String {
        let problem = report.problem, plan = report.evaluation, base = report.baseline
        let weights = problem.options.weights, band = HumanFormat.percent(problem.options.balanceBand)
        let fullyCovered = plan.communities.filter { $0.coverageShare >= 1 - 1e-9 }.count
        func baseline(_ value: (Evaluation) -> String) -> String { base.map(value) ?? "—" }
        func strengths(_ e: Evaluation) -> String {
            ["最弱 \(HumanFormat.number(e.strengthMin))", "平均 \(HumanFormat.number(e.strengthMean))",
             "最强 \(HumanFormat.number(e.strengthMax))"].map(HTML.escape).joined(separator: "<br/>")
        }
        func text(_ value: String) -> String { HTML.escape(value) }
        let objectiveWords = "按权重合计：\(HumanFormat.number(weights.coverage))×覆盖 − \(HumanFormat.number(weights.balance))×均衡 − "
            + "\(HumanFormat.number(weights.distance))×路程 + \(HumanFormat.number(weights.preference))×偏好 + "
            + "\(HumanFormat.number(weights.keep))×延续；越大越好。"
        let coverageWords = "各社区需求清单（按优先级加权）中能由联盟成员资源满足的比例；"
            + "本方案 \(problem.communityCount) 个社区中 \(fullyCovered) 个的需求全部满足。"
        var balanceWords = "联盟力量超出均值 ±\(band) 区间（\(facts.bandText)）的部分，平均占均值的比例；0 表示全部在区间内。"
            + "本方案 \(insideCount(plan, facts)) 个联盟在区间内"
        if let base { balanceWords += "，基线 \(insideCount(base, facts)) 个" }
        balanceWords += "。"
        var distanceWords = "包联单位到社区的总路程占最大可能路程的比例；越小越好。"
        if let km = facts.meanDistanceKm {
            distanceWords += "本方案平均每对相距 \(HumanFormat.number(km, decimals: 1)) 公里。"
        } else {
            distanceWords = "名单中没有可比的坐标，不计路程。"
        }
        let keepWords = problem.previousPairCount > 0
            ? "保留上年方案中配对的比例（上年共 \(problem.previousPairCount) 对）；越大越好。"
            : "未提供上年方案（--previous），不计此项。"
        // (name, plan value markup, baseline value markup, words)
        let rows: [(String, String, String, String)] = [
            ("目标值", text(HumanFormat.objective(plan.objective)), baseline { text(HumanFormat.objective($0.objective)) }, objectiveWords),
            ("需求覆盖", text(HumanFormat.percent(plan.terms.coverage)), baseline { text(HumanFormat.percent($0.terms.coverage)) }, coverageWords),
            ("力量均衡", text(HumanFormat.percent(plan.terms.balance)), baseline { text(HumanFormat.percent($0.terms.balance)) }, balanceWords),
            ("路程", text(HumanFormat.percent(plan.terms.distance)), baseline { text(HumanFormat.percent($0.terms.distance)) }, distanceWords),
            ("偏好", text(HumanFormat.number(plan.terms.preference)), baseline { text(HumanFormat.number($0.terms.preference)) },
             "所选“优先”配对（pairs.csv 中的 prefer）的分值合计；越大越好。"),
            ("延续", text(HumanFormat.percent(plan.terms.keep)), baseline { text(HumanFormat.percent($0.terms.keep)) }, keepWords),
            ("联盟力量", strengths(plan), baseline(strengths),
             "目标均值 \(HumanFormat.number(problem.meanStrength))，均衡区间 ±\(band)，即 \(facts.bandText)。"),
        ]
        let header = HTML.element("tr", [:], HTML.text("th", "指标") + HTML.text("th", ["class": "num"], "本方案")
            + HTML.text("th", ["class": "num"], "贪心基线"))
        let body = rows.map { row in
            HTML.element("tr", [:], HTML.element("td", [:], HTML.text("strong", row.0) + HTML.text("span", ["class": "words"], row.3))
                + HTML.element("td", ["class": "num"], row.1) + HTML.element("td", ["class": "num baseline"], row.2))
        }
        var table = HTML.element("table", ["class": "terms"],
                                 HTML.element("thead", [:], header) + HTML.element("tbody", [:], body.joined()))
        if base == nil { table += HTML.text("p", ["class": "muted"], "贪心基线：手工方法（贪心）没有找到满足全部规则的方案。") }
        else { table += HTML.text("p", ["class": "muted"], "贪心基线：按单位力量从强到弱、依次分给当前最弱社区的手工方法，在同一名单上的结果。") }
        return table
    }

    private var settingsSentence: String {
        var text = "均衡区间 ±\(HumanFormat.percent(report.problem.options.balanceBand))"
        text += report.problem.options.leadRule ? "；每个社区一个牵头单位" : "；不要求牵头单位"
        if let limit = report.problem.options.maxDistanceKm { text += "；配对距离不超过 \(HumanFormat.number(limit)) 公里" }
        if let priorities = report.priorities {
            text += "；按优先顺序优化：" + priorities.map(Self.termName).joined(separator: " → ")
        }
        if includeTimings { text += "；求解用时 \(HumanFormat.seconds(report.solveSeconds))" }
        return text + "。"
    }

    private func claimsSentence(_ claims: ClaimResult) -> String {
        let total = claims.claims.count + claims.unclaimed.count
        var text = "项目认领：\(total) 个项目中 \(claims.claims.count) 个已由联盟成员认领"
        text += "（价值 \(HumanFormat.number(claims.claimedValue)) / \(HumanFormat.number(claims.totalValue))）"
        if !claims.unclaimed.isEmpty { text += "，\(claims.unclaimed.count) 个未认领，原因见各社区卡片" }
        text += claims.allOptimal ? "；每个社区的认领均已证明最优。" : "；部分社区的认领未证明最优。"
        return text
    }

    /// A term's name in the report.
    static func termName(_ term: Term) -> String {
        switch term {
        case .coverage: return "需求覆盖"
        case .balance: return "力量均衡"
        case .distance: return "路程"
        case .preference: return "偏好"
        case .keep: return "延续"
        }
    }
}
