import AllianceModel

/// The canonical column names of the list files and the header spellings accepted for them,
/// so that spreadsheets kept with Chinese headers (or English ones in any case) read the same.
public enum ColumnNames {
    /// Canonical name → accepted aliases (besides the canonical name itself, matched case-insensitively).
    public static let aliases: [String: [String]] = [
        "id": ["编号"],
        "name": ["名称"],
        "street": ["街道"],
        "district": ["区县"],
        "strength": ["力量", "实力"],
        "min_orgs": ["最少单位数"],
        "max_orgs": ["最多单位数"],
        "kind": ["类型"],
        "can_lead": ["可牵头"],
        "min_communities": ["最少包联数"],
        "max_communities": ["最多包联数"],
        "group": ["分组"],
        "community_id": ["社区编号"],
        "org_id": ["单位编号", "工作单位"],
        "community_name": ["社区名称"],
        "org_name": ["单位名称"],
        "role": ["角色"],
        "category": ["类别"],
        "amount": ["数量"],
        "priority": ["优先级"],
        "value": ["价值"],
        "rule": ["规则"],
        "score": ["分值"],
        "x": ["横坐标"],
        "y": ["纵坐标"],
        "lat": ["纬度", "latitude"],
        "lon": ["经度", "longitude", "lng"],
        // scenarios.csv (`alliance solve --scenarios`)
        "coverage": ["覆盖权重"],
        "balance": ["均衡权重"],
        "distance": ["距离权重"],
        "preference": ["偏好权重"],
        "keep": ["保留权重"],
        "balance_band": ["均衡范围"],
        "priorities": ["优先顺序"],
        "time_limit": ["时限", "求解时限"],
        "gap": ["差距"],
        // members.csv and posts.csv (stage 3, people to posts), and a people.csv read back
        "member_name": ["姓名"],
        "home_community": ["所在社区", "报到社区"],
        "skills": ["技能", "特长"],
        "capacity": ["可承担数"],
        "seats": ["名额"],
        "member_id": ["成员编号"],
        "post_id": ["岗位编号"],
    ]

    private static let lookup: [String: String] = {
        var table: [String: String] = [:]
        for (canonical, names) in aliases {
            table[canonical] = canonical
            for name in names { table[normalize(name)] = canonical }
        }
        return table
    }()

    /// A header cell reduced to its comparable form: trimmed, lowercased, spaces and hyphens as underscores.
    public static func normalize(_ header: String) -> String {
        let trimmed = header.trimmingWhitespace().lowercased()
        return String(trimmed.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The canonical name a header cell stands for, or nil when it names no known column.
    public static func canonical(for header: String) -> String? {
        lookup[normalize(header)]
    }
}

extension String {
    /// The string without leading and trailing whitespace or line ends (including U+3000, the ideographic space).
    package func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
