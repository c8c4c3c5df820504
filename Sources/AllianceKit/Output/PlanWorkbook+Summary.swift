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

        add("状态", .text(report.status == .optimal ? "最优（已证明）" : "可行（未证明最优）"),
            .text(baseline == nil ? "贪心未找到可行方案" : "可行"),
            "基线是手工分配的做法（greedy）：按力量从强到弱，把单位依次分给当前最弱的社区")
        add("求解策略", .text(report.strategy), .text(baseline == nil ? "" : "greedy"))
        if let priorities = report.priorities {
            add("优先顺序", .text(priorities.map(\.rawValue).joined(separator: " > ")), .empty,
                "按此顺序逐项优化，后一项只在前一项几乎不变的方案中优化")
        }
        add("目标值", .number(evaluation.objective, WorkbookStyle.term), greedy(\.objective, WorkbookStyle.term),
            "各项指标乘以权重后相加（覆盖 − 均衡偏差 − 距离 + 偏好 + 保持），越大越好")
        add("上界", report.bound.map { .number($0, WorkbookStyle.term) } ?? .text("—"), .empty,
            "求解器证明的目标值上限：任何方案都不可能超过它")
        let baselineGap: Cell = {
            guard let bound = report.bound, let baseline else { return .empty }
            return .number(relativeGap(objective: baseline.objective, bound: bound), WorkbookStyle.finePercent)
        }()
        add("差距", report.gap.map { .number($0, WorkbookStyle.finePercent) } ?? .text("—"), baselineGap,
            "目标值离上界还差多少（相对值）；0 表示已证明最优")
        add("需求覆盖率", .number(evaluation.terms.coverage, WorkbookStyle.percent),
            greedy(\.terms.coverage, WorkbookStyle.percent), weight: weights.coverage,
            "按优先级加权，社区需求中由联盟单位的资源满足的比例（越大越好）")
        add("力量均衡偏差", .number(evaluation.terms.balance, WorkbookStyle.term),
            greedy(\.terms.balance, WorkbookStyle.term), weight: weights.balance,
            "各联盟力量超出平均力量\(bandText)范围的部分，平均到每个社区并相对平均力量（越小越好，0 表示全部在范围内）")
        add("距离", .number(evaluation.terms.distance, WorkbookStyle.term),
            greedy(\.terms.distance, WorkbookStyle.term), weight: weights.distance,
            "单位到所联系社区的路程之和，相对最长可能路程（越小越好）")
        add("结对偏好", .number(evaluation.terms.preference, WorkbookStyle.strength),
            greedy(\.terms.preference, WorkbookStyle.strength), weight: weights.preference,
            "方案选中的“优先结对”（pairs 中 prefer）分值之和（越大越好）")
        add("保持上年结对", .number(evaluation.terms.keep, WorkbookStyle.percent),
            greedy(\.terms.keep, WorkbookStyle.percent), weight: weights.keep,
            problem.previousPairCount > 0 ? "上年 \(problem.previousPairCount) 个结对中保留下来的比例（越大越好）"
                : "没有提供上年方案（--previous），此项为 0")
        add("最弱联盟力量", .number(evaluation.strengthMin, WorkbookStyle.strength),
            greedy(\.strengthMin, WorkbookStyle.strength), "联盟力量 = 社区自身力量 + 各单位力量 ÷ 其联系社区数")
        add("平均联盟力量", .number(evaluation.strengthMean, WorkbookStyle.strength),
            greedy(\.strengthMean, WorkbookStyle.strength))
        add("最强联盟力量", .number(evaluation.strengthMax, WorkbookStyle.strength),
            greedy(\.strengthMax, WorkbookStyle.strength))
        add("目标平均力量", .number(target, WorkbookStyle.strength), .empty,
            "全部社区和单位的力量之和 ÷ 社区数")
        add("均衡范围下限", .number((1 - band) * target, WorkbookStyle.strength), .empty, "目标平均力量 × (1 − \(bandText.dropFirst()))")
        add("均衡范围上限", .number((1 + band) * target, WorkbookStyle.strength), .empty, "目标平均力量 × (1 + \(bandText.dropFirst()))")
        func inBand(_ e: Evaluation) -> Double {
            Double(e.communities.filter { Self.withinBand($0.strength, target: target, band: band) }.count)
        }
        add("在均衡范围内的联盟", .number(inBand(evaluation)), greedy(inBand, .plain), "共 \(problem.communityCount) 个社区")
        func unmetCount(_ e: Evaluation) -> Double { Double(e.communities.filter { !$0.unmet.isEmpty }.count) }
        add("有未满足需求的社区", .number(unmetCount(evaluation)), greedy(unmetCount, .plain), "明细见“未满足需求”表")
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
