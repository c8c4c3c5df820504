import AllianceModel
import XLSX

extension PlanWorkbook {
    /// 总览: one row per figure — the plan's value, the greedy baseline's, the term's weight and
    /// what the figure means in plain words.
    func summary() -> Sheet {
        let problem = report.problem, evaluation = report.evaluation, baseline = report.baseline
        let weights = problem.options.weights
        let band = problem.options.balanceBand, target = problem.meanStrength
        let bandText = String(format: "±%g%%", band * 100)
        var rows: [[Cell]] = []
        func add(_ label: String, _ plan: Cell, _ greedy: Cell = .empty, weight: Double? = nil, _ note: String = "") {
            rows.append([.text(label), plan, greedy, weight.map { .number($0) } ?? .empty, .text(note, WorkbookStyle.note)])
        }
        /// The baseline's value of a figure, or nothing when greedy found no feasible plan.
        func greedy(_ value: (Evaluation) -> Double, _ style: CellStyle) -> Cell {
            baseline.map { .number(value($0), style) } ?? .empty
        }
        /// A figure judged on both plans: the plan's value and the baseline's, in one style.
        func figure(_ label: String, _ value: (Evaluation) -> Double, _ style: CellStyle, weight: Double? = nil,
                    _ note: String = "") {
            add(label, .number(value(evaluation), style), greedy(value, style), weight: weight, note)
        }

        add("状态", .text(Self.statusText(report.status)),
            .text(baseline == nil ? "贪心未找到可行方案" : "可行"),
            "基线是手工分配的做法（greedy）：按力量从强到弱，把单位依次分给当前最弱的社区")
        add("求解策略", .text(report.strategy), .text(baseline == nil ? "" : "greedy"))
        if let priorities = report.priorities {
            add("优先顺序", .text(priorities.map(\.rawValue).joined(separator: " > ")), .empty,
                "按此顺序逐项优化，后一项只在前一项几乎不变的方案中优化")
        }
        figure("目标值", \.objective, WorkbookStyle.term,
               "各项指标乘以权重后相加（覆盖 − 均衡偏差 − 距离 + 偏好 + 保持），越大越好")
        add("上界", report.bound.map { .number($0, WorkbookStyle.term) } ?? .text("—"), .empty,
            "求解器证明的目标值上限：任何方案都不可能超过它")
        let baselineGap: Cell = {
            guard let bound = report.bound, let baseline else { return .empty }
            return .number(relativeGap(objective: baseline.objective, bound: bound), WorkbookStyle.finePercent)
        }()
        add("差距", report.gap.map { .number($0, WorkbookStyle.finePercent) } ?? .text("—"), baselineGap,
            "目标值离上界还差多少（相对值）；0 表示已证明最优")
        for term in Term.allCases {
            let (label, style, note) = Self.explanation(of: term, bandText: bandText,
                                                        previousPairs: problem.previousPairCount)
            figure(label, { $0.terms[term] }, style, weight: weights[term], note)
        }
        figure("最弱联盟力量", \.strengthMin, WorkbookStyle.strength, "联盟力量 = 社区自身力量 + 各单位力量 ÷ 其联系社区数")
        figure("平均联盟力量", \.strengthMean, WorkbookStyle.strength)
        figure("最强联盟力量", \.strengthMax, WorkbookStyle.strength)
        add("目标平均力量", .number(target, WorkbookStyle.strength), .empty,
            "全部社区和单位的力量之和 ÷ 社区数")
        add("均衡范围下限", .number(problem.coefficients.bandLow, WorkbookStyle.strength), .empty, "目标平均力量 × (1 − \(bandText.dropFirst()))")
        add("均衡范围上限", .number(problem.coefficients.bandHigh, WorkbookStyle.strength), .empty, "目标平均力量 × (1 + \(bandText.dropFirst()))")
        func inBand(_ e: Evaluation) -> Double {
            Double(e.communities.filter { Self.withinBand($0.strength, target: target, band: band) }.count)
        }
        figure("在均衡范围内的联盟", inBand, .plain, "共 \(problem.communityCount) 个社区")
        func unmetCount(_ e: Evaluation) -> Double { Double(e.communities.filter { !$0.unmet.isEmpty }.count) }
        figure("有未满足需求的社区", unmetCount, .plain, "明细见“未满足需求”表")
        add("社区数", .number(Double(problem.communityCount)))
        add("单位分配数", .number(Double(report.plan.assignments(in: problem).count)), .empty,
            "方案中“单位—社区”结对的行数（分组合并的单位逐个计算）")
        if includeTimings { add("求解用时（秒）", .number(report.solveSeconds, WorkbookStyle.strength)) }
        if let claims = report.claims { addClaims(claims, add) }
        for warning in problem.warnings { add("提示", .text(warning, WorkbookStyle.note)) }

        var sheet = WorkbookStyle.table(Self.summarySheet, header: ["指标", "本方案", "贪心基线", "权重", "说明"], rows: rows)
        sheet.columnWidths[1] = max(sheet.columnWidths[1], 14)
        sheet.columnWidths[2] = max(sheet.columnWidths[2], 14)
        sheet.columnWidths[4] = 60
        return sheet
    }

    /// A term's row label, number style and meaning in plain words.
    static func explanation(of term: Term, bandText: String, previousPairs: Int) -> (String, CellStyle, String) {
        switch term {
        case .coverage:
            return ("需求覆盖率", WorkbookStyle.percent, "按优先级加权，社区需求中由联盟单位的资源满足的比例（越大越好）")
        case .balance:
            return ("力量均衡偏差", WorkbookStyle.term,
                    "各联盟力量超出平均力量\(bandText)范围的部分，平均到每个社区并相对平均力量（越小越好，0 表示全部在范围内）")
        case .distance:
            return ("距离", WorkbookStyle.term, "单位到所联系社区的路程之和，相对最长可能路程（越小越好）")
        case .preference:
            return ("结对偏好", WorkbookStyle.strength, "方案选中的“优先结对”（pairs 中 prefer）分值之和（越大越好）")
        case .keep:
            return ("保持上年结对", WorkbookStyle.percent,
                    previousPairs > 0 ? "上年 \(previousPairs) 个结对中保留下来的比例（越大越好）"
                        : "没有提供上年方案（--previous），此项为 0")
        }
    }

    private func addClaims(_ claims: ClaimResult,
                           _ add: (String, Cell, Cell, Double?, String) -> Void) {
        let total = claims.claims.count + claims.unclaimed.count
        add("项目总数", .number(Double(total)), .empty, nil, "项目清单中的项目")
        add("已认领项目", .number(Double(claims.claims.count)), .empty, nil, "明细见“项目认领”表")
        add("未认领项目", .number(Double(claims.unclaimed.count)), .empty, nil, "")
        add("已认领项目价值", .number(claims.claimedValue), .empty, nil, "已认领项目的价值之和")
        add("全部项目价值", .number(claims.totalValue), .empty, nil, "")
        add("认领价值占比", claims.totalValue > 0 ? .number(claims.claimedValue / claims.totalValue, WorkbookStyle.percent) : .text("—"),
            .empty, nil, claims.allOptimal ? "每个社区的认领都已求得最优" : "有社区的认领未证明最优")
    }
}

extension PlanWorkbook {
    /// The solve status in the words of the 总览 sheet.
    static func statusText(_ status: SolveStatus) -> String {
        switch status {
        case .optimal: "最优（已证明）"
        case .feasible: "可行（未证明最优）"
        case .interrupted: "已中断（中断前找到的最好方案，未证明最优）"
        case .infeasible: "无可行方案"
        }
    }
}
