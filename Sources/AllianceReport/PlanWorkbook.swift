import AllianceModel
import Foundation
import XLSX

/// `plan.xlsx`: the plan as a workbook for the people who carry it out, with Chinese sheet
/// names and headers, a frozen header row on every sheet and number formats:
///
/// - 总览 — status, objective, bound and gap, every term in plain words beside the greedy
///   baseline (the clerk's hand method), strength balance, and the claimed projects' totals;
/// - 联盟名单 — each community's alliance: lead, members, strength;
/// - 社区汇总 — one row per community, as `communities.csv`;
/// - 单位视图 — one row per unit: the communities it serves and its role, its load against
///   min/max, its resources and how much of them its alliances use (`UnitView`);
/// - 项目认领 — every project, claimed (by whom) or not (why);
/// - 未满足需求 — what each community still lacks, per category;
/// - 变动 — with a previous plan (`--previous`) only: the organizations that joined, left, moved
///   or changed role, then per community who came and went (`PlanChanges`, as `alliance diff`).
///
/// Numbers are written as numbers (not text), so they can be summed and sorted in Excel.
public struct PlanWorkbook {
    public static let summarySheet = "总览"
    public static let allianceSheet = "联盟名单"
    public static let communitySheet = "社区汇总"
    public static let unitSheet = "单位视图"
    public static let claimSheet = "项目认领"
    /// Stage 3's sheets, only when members were matched to posts.
    public static let peopleSheet = "人员安排"
    public static let openPostsSheet = "岗位空缺"
    public static let unmetSheet = "未满足需求"
    public static let changesSheet = "变动"
    /// The sheets in tab order (变动 follows only with a previous plan).
    public static let sheetNames = [summarySheet, allianceSheet, communitySheet, unitSheet, claimSheet, unmetSheet]

    public var report: PlanReport
    /// Whether the summary shows the solve time (off for byte-identical reruns, as in `plan.json`).
    public var includeTimings: Bool

    public init(report: PlanReport, includeTimings: Bool = true) {
        self.report = report
        self.includeTimings = includeTimings
    }

    /// The bytes of `plan.xlsx`; the same report always gives the same bytes.
    public func data() throws(XLSXError) -> Data {
        try XLSXWriter.data(for: workbook())
    }

    /// The workbook as a value, before it is written. Every table but 总览 has filter buttons on
    /// its header row (变动: on its first table).
    public func workbook() -> XLSX.Workbook {
        let tables = ([alliances(), communities(), units(), claims(), unmetNeeds()] + people()).map(Self.filtered)
        return XLSX.Workbook(sheets: [summary()] + tables + (PlanChanges(report).map { [changes($0)] } ?? []),
                 title: "党建联盟方案", author: "alliance")
    }

    /// `sheet` with an autofilter over its header row and the data rows below it (up to the
    /// first empty row).
    static func filtered(_ sheet: Sheet) -> Sheet {
        var sheet = sheet
        let columns = sheet.rows.first?.count ?? 0
        guard columns > 0, sheet.rows.count > 1 else { return sheet }
        let last = sheet.rows.dropFirst().firstIndex { $0.isEmpty }.map { $0 - 1 } ?? sheet.rows.count - 1
        sheet.autoFilter = CellRange(rows: 0...last, columns: 0...(columns - 1))
        return sheet
    }

    /// Strength outside the balance band: red, bold.
    static let outsideBand = CellStyle(bold: true, fontColor: 0xC00000)
    /// A community whose needs are not all covered: amber.
    static let notCovered = CellStyle(fill: 0xFFE699)

    /// Red for the strengths of `column` (rows 2 …) outside the band [(1−τ)S̄, (1+τ)S̄].
    func outsideBandFormat(column: Int) -> ConditionalFormat {
        let target = report.problem.meanStrength, band = report.problem.options.balanceBand
        let slack = 1e-9 * max(1, target)
        return ConditionalFormat(range: CellRange(rows: 1...max(1, report.problem.communityCount), columns: column...column),
                                 rule: .notBetween((1 - band) * target - slack, (1 + band) * target + slack),
                                 style: Self.outsideBand)
    }

    // MARK: - Roster

    /// One community's alliance at the organization level.
    struct Alliance {
        var lead: Organization?
        /// Every organization serving the community, by id.
        var organizations: [Organization]
        /// The organizations other than the lead, by id.
        var members: [Organization] { organizations.filter { $0.id != lead?.id } }
    }

    func alliance(of c: Int) -> Alliance {
        let problem = report.problem, orgs = problem.instance.organizations
        let organizations = report.plan.units(of: c).flatMap { problem.units[$0].members }
            .map { orgs[$0] }.sorted { $0.id < $1.id }
        let lead = report.plan.lead[c].map { orgs[problem.units[$0].members[0]] }
        return Alliance(lead: lead, organizations: organizations)
    }

    var communityNames: [String: String] {
        Dictionary(report.problem.communities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - 联盟名单

    /// 联盟名单: one row per community with its lead, members and strength.
    func alliances() -> Sheet {
        let rows = allianceRows().map(\.cells)
        var sheet = WorkbookStyle.table(Self.allianceSheet, header: Self.allianceHeader, rows: rows)
        sheet.conditionalFormats = [outsideBandFormat(column: Self.allianceHeader.count - 1)]
        return sheet
    }

    /// The 联盟名单 rows as values: what the sheet shows and what a batch's `district.json`
    /// keeps for `alliance merge` (`DistrictOutcome`).
    func allianceRows() -> [AllianceRow] {
        let problem = report.problem
        return problem.communities.indices.map { c in
            let community = problem.communities[c], alliance = alliance(of: c)
            return AllianceRow(community_id: community.id, community_name: community.name,
                               street: community.street ?? "", lead_id: alliance.lead?.id ?? "",
                               lead_name: alliance.lead?.name ?? "",
                               member_names: alliance.members.map(\.name).joined(separator: "、"),
                               member_ids: alliance.members.map(\.id).joined(separator: ";"),
                               units: alliance.organizations.count,
                               strength: report.evaluation.communities[c].strength)
        }
    }

    /// The 联盟名单 column titles (the batch summary puts 区县 in front of them).
    static let allianceHeader = ["社区编号", "社区名称", "街道", "牵头单位编号", "牵头单位", "成员单位", "成员单位编号",
                                 "单位数", "联盟力量"]

    // MARK: - 社区汇总

    func communities() -> Sheet {
        let problem = report.problem
        let target = problem.meanStrength, band = problem.options.balanceBand
        let rows: [[Cell]] = problem.communities.indices.map { c in
            let community = problem.communities[c], alliance = alliance(of: c)
            let outcome = report.evaluation.communities[c]
            let unmet = outcome.unmet.map { "\($0.category) \(formatNumber($0.amount))" }.joined(separator: "；")
            return [
                .text(community.id), .text(community.name), .text(community.street ?? ""),
                .number(Double(alliance.organizations.count)),
                .text(alliance.lead?.id ?? ""), .text(alliance.lead?.name ?? ""),
                .text(alliance.organizations.map(\.id).joined(separator: ";"), WorkbookStyle.note),
                .number(outcome.strength, WorkbookStyle.strength),
                target > 0 ? .number(outcome.strength / target - 1, WorkbookStyle.percent) : .empty,
                .text(Self.withinBand(outcome.strength, target: target, band: band) ? "是" : "否"),
                .number(outcome.coverageShare, WorkbookStyle.percent),
                .text(unmet, WorkbookStyle.note),
            ]
        }
        var sheet = WorkbookStyle.table(
            Self.communitySheet,
            header: ["社区编号", "社区名称", "街道", "单位数", "牵头单位编号", "牵头单位", "单位编号", "联盟力量",
                     "相对平均力量", "在均衡范围内", "需求覆盖率", "未满足需求"],
            rows: rows)
        // 联盟力量 (H) outside the band in red; 需求覆盖率 (K) below 100 % in amber.
        sheet.conditionalFormats = [
            outsideBandFormat(column: 7),
            ConditionalFormat(range: CellRange(rows: 1...max(1, problem.communityCount), columns: 10...10),
                              rule: .lessThan(1 - 1e-9), style: Self.notCovered),
        ]
        return sheet
    }

    /// Whether an alliance's strength lies within ±band of the target (the balance term is 0 there).
    static func withinBand(_ strength: Double, target: Double, band: Double) -> Bool {
        let slack = 1e-9 * max(1, target)
        return strength >= (1 - band) * target - slack && strength <= (1 + band) * target + slack
    }

    // MARK: - 单位视图

    /// 单位视图: one row per unit, as `UnitView` has it.
    func units() -> Sheet {
        let rows: [[Cell]] = UnitView(report).rows.map { row in
            [
                .text(row.id), .text(row.name), .text(row.groupMembers.joined(separator: "、"), WorkbookStyle.note),
                .text(row.kind), .number(row.strength, WorkbookStyle.strength),
                .number(Double(row.load)), .number(Double(row.minCommunities)), .number(Double(row.maxCommunities)),
                .number(Double(row.leads)),
                .text(UnitView.placesText(row.places), WorkbookStyle.note),
                .text(row.places.map(\.communityID).joined(separator: ";"), WorkbookStyle.note),
                .text(UnitView.resourcesText(row.resources), WorkbookStyle.note),
                row.usedShare.map { .number($0, WorkbookStyle.percent) } ?? .empty,
            ]
        }
        return WorkbookStyle.table(
            Self.unitSheet,
            header: ["单位编号", "单位名称", "合并的单位", "类型", "力量", "包联社区数", "最少社区数", "最多社区数",
                     "牵头社区数", "包联社区（角色）", "社区编号", "资源使用（已用/提供）", "资源使用率"],
            rows: rows)
    }

    // MARK: - 项目认领

    /// Chinese wording of why a project stayed unclaimed.
    static func reasonText(_ reason: UnclaimedReason) -> String {
        switch reason {
        case .noMemberHasCategory: return "联盟成员都没有该类资源"
        case .notEnoughResource: return "成员的该类资源不足或已用于其他项目"
        case .noAlliance: return "该社区没有联盟"
        }
    }

    func claims() -> Sheet {
        let header = ["项目编号", "项目名称", "社区编号", "社区名称", "类别", "数量", "价值", "状态", "认领单位编号",
                      "认领单位", "未认领原因"]
        guard let result = report.claims else {
            let note = report.problem.instance.projects.isEmpty
                ? "没有项目清单（projects.csv），无需认领。" : "本次没有计算项目认领。"
            return WorkbookStyle.table(Self.claimSheet, header: header, rows: [[.text(note)]])
        }
        let names = communityNames
        let communityOrder = Dictionary(report.problem.communities.enumerated().map { ($1.id, $0) },
                                        uniquingKeysWith: { first, _ in first })
        let projectOrder = Dictionary(report.problem.instance.projects.enumerated().map { ($1.id, $0) },
                                      uniquingKeysWith: { first, _ in first })
        typealias Row = (community: String, project: String, cells: [Cell])
        var rows: [Row] = result.claims.map { claim in
            (claim.communityID, claim.projectID, [
                .text(claim.projectID), .text(claim.projectName), .text(claim.communityID),
                .text(names[claim.communityID] ?? ""), .text(claim.category), .number(claim.amount),
                .number(claim.value), .text("已认领"), .text(claim.orgID), .text(claim.orgName), .empty,
            ])
        }
        rows += result.unclaimed.map { project in
            (project.communityID, project.projectID, [
                .text(project.projectID), .text(project.projectName), .text(project.communityID),
                .text(names[project.communityID] ?? ""), .text(project.category), .number(project.amount),
                .number(project.value), .text("未认领"), .empty, .empty,
                .text(Self.reasonText(project.reason), WorkbookStyle.note),
            ])
        }
        // Community order, then the order of projects.csv; ids break ties for unlisted projects.
        func key(_ row: Row) -> (Int, Int, String) {
            (communityOrder[row.community] ?? Int.max, projectOrder[row.project] ?? Int.max, row.project)
        }
        rows.sort { key($0) < key($1) }
        return WorkbookStyle.table(Self.claimSheet, header: header, rows: rows.map(\.cells))
    }

    // MARK: - 人员安排, 岗位空缺 (stage 3)

    /// Words for a seat's reason (`PeopleReport.reason`) in the workbook.
    static func seatReason(_ seat: PeopleEvaluation.Seat) -> String {
        var words: [String] = []
        if seat.isKept { words.append("保留原安排") }
        if seat.isHome { words.append("本人所在社区") }
        if seat.unitServes { words.append("本单位包联社区") }
        return words.isEmpty ? "技能匹配、距离较近" : words.joined(separator: "；")
    }

    static func openReason(_ reason: OpenSeatReason) -> String {
        switch reason {
        case .noSkill: "没有成员具备该技能"
        case .tooFar: "具备该技能的成员距离过远"
        case .allBusy: "具备该技能的成员均已满额"
        case .unfilled: "仍有可安排的成员（方案非最优）"
        }
    }

    /// The filled seats and the open posts, when stage 3 ran.
    func people() -> [Sheet] {
        guard let people = report.people else { return [] }
        let problem = people.problem
        let names = communityNames
        let seats: [[Cell]] = people.evaluation.seats.map { seat in
            let member = problem.members[seat.member], post = problem.posts[seat.post]
            return [.text(member.id), .text(member.name), .text(post.id), .text(post.name),
                    .text(post.kind == .order ? "订单" : "岗位"), .text(post.communityID), .text(names[post.communityID] ?? ""),
                    .text(post.category), .number((seat.distanceKm * 1000).rounded() / 1000), .text(Self.seatReason(seat))]
        }
        var open: [[Cell]] = people.evaluation.openPosts.map { item in
            let post = problem.posts[item.post]
            return [.text(post.id), .text(post.name), .text(post.kind == .order ? "订单" : "岗位"), .text(post.communityID),
                    .text(names[post.communityID] ?? ""), .text(post.category), .number(Double(post.seats)),
                    .number(Double(item.open)), .text(Self.openReason(item.reason), WorkbookStyle.note)]
        }
        if open.isEmpty { open.append([.text("全部岗位名额均已安排。")]) }
        return [
            WorkbookStyle.table(Self.peopleSheet, header: ["成员编号", "姓名", "岗位编号", "岗位名称", "类型", "社区编号",
                                                          "社区名称", "类别", "距离（公里）", "安排理由"],
                                rows: seats.isEmpty ? [[.text("没有安排任何成员。")]] : seats),
            WorkbookStyle.table(Self.openPostsSheet, header: ["岗位编号", "岗位名称", "类型", "社区编号", "社区名称", "类别",
                                                             "名额", "空缺", "空缺原因"], rows: open),
        ]
    }

    // MARK: - 未满足需求

    func unmetNeeds() -> Sheet {
        let problem = report.problem
        let categoryIndex = Dictionary(problem.categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[Cell]] = []
        for (c, community) in problem.communities.enumerated() {
            for unmet in report.evaluation.communities[c].unmet {
                let r = categoryIndex[unmet.category]
                let need = r.map { problem.need[c * problem.categoryCount + $0] } ?? unmet.amount
                let priority = r.map { problem.priority[c * problem.categoryCount + $0] } ?? 1
                rows.append([
                    .text(community.id), .text(community.name), .text(unmet.category), .number(need),
                    .number(need - unmet.amount), .number(unmet.amount), .number(priority),
                ])
            }
        }
        if rows.isEmpty { rows.append([.text("全部需求均已满足。")]) }
        return WorkbookStyle.table(Self.unmetSheet,
                                   header: ["社区编号", "社区名称", "类别", "需求数量", "已覆盖", "未满足数量", "优先级"],
                                   rows: rows)
    }

    // MARK: - 变动

    /// 变动: the organizations whose place changed since the previous plan, then (below a blank
    /// row) the communities whose alliance changed.
    func changes(_ changes: PlanChanges) -> Sheet {
        func texts(_ row: [String]) -> [Cell] { row.map { .text($0, WorkbookStyle.note) } }
        var rows = changes.organizationRows.map(texts)
        if rows.isEmpty { rows.append([.text("与上年方案相比，没有单位变动。")]) }
        rows.append([])
        rows.append([.text("按社区：" + changes.summary, WorkbookStyle.title)])
        rows.append(WorkbookStyle.headerRow(PlanChanges.communityHeader))
        rows += changes.communityRows.map(texts)
        return Self.filtered(WorkbookStyle.table(Self.changesSheet, header: PlanChanges.organizationHeader, rows: rows))
    }
}

extension AllianceRow {
    /// The row's cells on 联盟名单 (and, behind a 区县 cell, on a batch's 联盟名单).
    var cells: [Cell] {
        [.text(community_id), .text(community_name), .text(street), .text(lead_id), .text(lead_name),
         .text(member_names, WorkbookStyle.note), .text(member_ids, WorkbookStyle.note),
         .number(Double(units)), .number(strength, WorkbookStyle.strength)]
    }
}
