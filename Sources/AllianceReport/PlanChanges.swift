import AllianceModel

/// What changed since last year's plan (`--previous`): the same comparison as `alliance diff`
/// (`PlanDiff`), with the names people read, for the 变动 sheet of plan.xlsx and the 与上年相比
/// section of report.html. Nil when no previous plan was given.
struct PlanChanges {
    let diff: PlanDiff
    private let organizationNames: [String: String]
    private let communityNames: [String: String]

    init?(_ report: PlanReport) {
        guard let previous = report.problem.options.previousPlan else { return nil }
        let problem = report.problem
        diff = PlanDiff(old: previous, new: report.plan.assignments(in: problem))
        organizationNames = Dictionary(problem.instance.organizations.map { ($0.id, $0.name) },
                                       uniquingKeysWith: { first, _ in first })
        communityNames = Dictionary(problem.communities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    func organizationName(_ id: String) -> String { organizationNames[id] ?? "" }
    func communityName(_ id: String) -> String { communityNames[id] ?? id }

    /// The change in words.
    static func words(_ change: PlanDiff.Change) -> String {
        switch change {
        case .joined: "新加入"
        case .left: "退出"
        case .moved: "调整社区"
        case .roleChanged: "角色变化"
        }
    }

    /// "金秋社区（牵头）、和谐社区": communities with the role where it is the lead.
    func placesText(_ places: [(communityID: String, role: Role)]) -> String {
        places.map { communityName($0.communityID) + ($0.role == .lead ? "（牵头）" : "") }.joined(separator: "、")
    }

    /// Organization ids as names, joined.
    func organizationsText(_ ids: [String]) -> String {
        ids.map { organizationName($0).isEmpty ? $0 : organizationName($0) }.joined(separator: "、")
    }

    /// "3 个单位新加入，2 个退出，5 个调整社区，1 个角色变化；40 个不变": the counts in one line.
    var summary: String {
        let counts = PlanDiff.Change.allCases.map { "\(diff.count($0)) 个\(Self.words($0))" }
        return counts.joined(separator: "，") + "；\(diff.unchangedCount) 个单位不变，\(diff.communities.count) 个社区的联盟有变化"
    }

    /// One row per changed organization: id, name, change, last year's places, this plan's.
    var organizationRows: [[String]] {
        diff.organizations.map { org in
            [org.orgID, organizationName(org.orgID), Self.words(org.change), placesText(org.old), placesText(org.new)]
        }
    }

    static let organizationHeader = ["单位编号", "单位名称", "变动", "上年包联社区", "本次包联社区"]

    /// One row per changed community: id, name, who came, who went, the lead before and now,
    /// whose role changed.
    var communityRows: [[String]] {
        diff.communities.map { change in
            [change.community_id, communityName(change.community_id), organizationsText(change.joined),
             organizationsText(change.left), change.old_lead.map { organizationsText([$0]) } ?? "",
             change.new_lead.map { organizationsText([$0]) } ?? "", organizationsText(change.role_changes)]
        }
    }

    static let communityHeader = ["社区编号", "社区名称", "新来的单位", "离开的单位", "上年牵头", "本次牵头", "角色变化的单位"]
}
