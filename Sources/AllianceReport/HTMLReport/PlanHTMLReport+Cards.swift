import AllianceModel

/// One card per alliance: community, lead, members with their strength, the alliance's
/// strength against the band, needs covered and unmet, and the projects claimed or not.
/// Printed, each card is a page of its own for the alliance to keep: it is headed with the name
/// of the community's joint Party organization (社区联合党组织) and ends with lines for the
/// signatures and the date (both shown in print only).
extension PlanHTMLReport {
    func cardsSection(_ facts: ReportFacts) -> String {
        let cards = (0..<report.problem.communityCount).map { card(community: $0, facts) }
        var intro = "每张卡片是一个社区的“1+N”联盟：牵头单位、成员单位及其力量，联盟力量与均衡区间"
        intro += "（\(facts.bandText)）的比较，需求满足情况"
        intro += report.claims == nil ? "。" : "，以及项目认领（领单）结果。"
        return HTML.element("section", ["id": "alliances", "class": "block"],
                            HTML.text("h2", "各社区联盟") + HTML.text("p", ["class": "muted"], intro)
                                + "\n" + HTML.element("div", ["class": "cards"], cards.joined(separator: "\n")))
    }

    private func card(community c: Int, _ facts: ReportFacts) -> String {
        let problem = report.problem, community = problem.communities[c]
        let outcome = report.evaluation.communities[c]
        var heading = HTML.escape(community.name)
        if community.name != community.id { heading += " " + HTML.text("span", ["class": "cid"], community.id) }
        var parts = [HTML.text("p", ["class": "print-only org-title"], "\(community.name)联合党组织"),
                     HTML.element("h3", [:], heading)]
        if let street = community.street { parts.append(HTML.text("p", ["class": "muted"], street)) }
        parts.append(strengthBlock(outcome.strength, facts))
        parts.append(membersBlock(community: c))
        parts.append(needsBlock(community: c, outcome: outcome))
        if let claims = report.claims { parts.append(projectsBlock(community: community.id, claims: claims)) }
        parts.append(Self.signatureBlock)
        return HTML.element("article", ["class": "card", "id": "alliance-\(c + 1)", "data-community": community.id],
                            parts.joined(separator: "\n"))
    }

    /// The strength line with its badge, and a meter: the band shaded, the alliance marked.
    private func strengthBlock(_ strength: Double, _ facts: ReportFacts) -> String {
        let position = facts.position(strength)
        // The meter spans the band with a band's width (at least 1) either side, widened to the strength.
        let margin = max(facts.bandHigh - facts.bandLow, 1)
        let from = max(0, min(facts.bandLow - margin, strength - margin / 4))
        let to = max(facts.bandHigh + margin, strength + margin / 4)
        func share(_ value: Double) -> Double { min(100, max(0, (value - from) / (to - from) * 100)) }
        func at(_ value: Double) -> String { HumanFormat.svg(share(value)) + "%" }
        let line = HTML.text("span", "联盟力量 ") + HTML.text("strong", HumanFormat.number(strength)) + " "
            + HTML.text("span", ["class": "badge \(position.cssClass)"], position.words)
            + " " + HTML.text("span", ["class": "muted nowrap"], "区间 \(facts.bandText)")
        let bandStart = share(facts.bandLow), bandEnd = share(facts.bandHigh)
        let bandStyle = "left: \(HumanFormat.svg(bandStart))%; width: \(HumanFormat.svg(bandEnd - bandStart))%"
        let meter = HTML.element("div", ["class": "meter", "role": "img",
                                         "aria-label": "力量 \(HumanFormat.number(strength))，区间 \(facts.bandText)"],
                                 HTML.element("span", ["class": "band", "style": bandStyle])
                                     + HTML.element("span", ["class": "mark", "style": "left: \(at(strength))"]))
        return HTML.element("div", ["class": "strength"], HTML.element("p", [:], line) + meter)
    }

    /// The community's own organization, then the lead, then the members with strength and roles.
    private func membersBlock(community c: Int) -> String {
        let problem = report.problem, plan = report.plan, orgs = problem.instance.organizations
        let units = plan.units(of: c)
        var items = [HTML.text("li", ["class": "muted"],
                               "社区党组织自身力量 \(HumanFormat.number(problem.communities[c].strength))")]
        let ordered = units.filter { plan.lead[c] == $0 } + units.filter { plan.lead[c] != $0 }
        var organizationCount = 0
        for u in ordered {
            let unit = problem.units[u]
            for (position, o) in unit.members.enumerated() {
                organizationCount += 1
                let org = orgs[o]
                var line = ""
                if plan.lead[c] == u && position == 0 { line += HTML.text("span", ["class": "badge lead"], "牵头") + " " }
                line += HTML.escape(org.name)
                var details = ["力量 \(HumanFormat.number(org.strength))"]
                if unit.maxCommunities > 1 {
                    details.append("最多包联 \(unit.maxCommunities) 个社区，计入本社区 \(HumanFormat.number(org.strength / Double(unit.maxCommunities)))")
                }
                if let kind = org.kind { details.append(kind) }
                if unit.members.count > 1 { details.append("分组 \(unit.id)") }
                line += " " + HTML.text("span", ["class": "muted"], "（" + details.joined(separator: "，") + "）")
                items.append(HTML.element("li", ["data-org": org.id], line))
            }
        }
        let leadName = plan.lead[c].map { orgs[problem.units[$0].members[0]].name }
        var heading = "成员：\(organizationCount) 个单位"
        heading += leadName.map { "，牵头 \($0)" } ?? (problem.options.leadRule ? "，未定牵头单位" : "")
        return HTML.text("h4", heading) + HTML.element("ul", ["class": "members"], items.joined())
    }

    private func needsBlock(community c: Int, outcome: CommunityOutcome) -> String {
        let problem = report.problem, nR = problem.categoryCount
        let needed = (0..<nR).filter { problem.need[c * nR + $0] > 0 }
        guard !needed.isEmpty else { return HTML.text("h4", "需求") + HTML.text("p", ["class": "muted"], "需求清单中没有此社区。") }
        var text = "需求满足 \(HumanFormat.percent(outcome.coverageShare))（共 \(needed.count) 类："
        text += needed.map { "\(problem.categories[$0]) \(HumanFormat.number(problem.need[c * nR + $0]))" }.joined(separator: "、") + "）"
        var parts = HTML.text("h4", "需求") + HTML.text("p", text)
        if outcome.unmet.isEmpty {
            parts += HTML.text("p", ["class": "muted"], "全部满足。")
        } else {
            let unmet = outcome.unmet.map { "\($0.category) 缺 \(HumanFormat.number($0.amount))" }.joined(separator: "、")
            parts += HTML.element("p", ["class": "unmet"], HTML.text("strong", "未满足：") + HTML.escape(unmet))
        }
        return parts
    }

    private func projectsBlock(community id: String, claims: ClaimResult) -> String {
        let claimed = claims.claims.filter { $0.communityID == id }
        let unclaimed = claims.unclaimed.filter { $0.communityID == id }
        let heading = HTML.text("h4", "项目认领：\(claimed.count) 个已认领，\(unclaimed.count) 个未认领")
        guard !claimed.isEmpty || !unclaimed.isEmpty else {
            return heading + HTML.text("p", ["class": "muted"], "项目清单中没有此社区的项目。")
        }
        var items = claimed.map { claim in
            HTML.element("li", ["class": "claimed", "data-project": claim.projectID],
                         HTML.escape(claim.projectName) + " "
                             + HTML.text("span", ["class": "muted"], "（\(claim.category) \(HumanFormat.number(claim.amount))）")
                             + " → " + HTML.escape(claim.orgName))
        }
        items += unclaimed.map { project in
            HTML.element("li", ["class": "unclaimed", "data-project": project.projectID],
                         HTML.escape(project.projectName) + " "
                             + HTML.text("span", ["class": "muted"], "（\(project.category) \(HumanFormat.number(project.amount))）")
                             + " " + HTML.text("span", ["class": "badge unclaimed"], "未认领") + " "
                             + HTML.escape(Self.reasonWords(project.reason)))
        }
        return heading + HTML.element("ul", ["class": "projects"], items.joined())
    }

    /// The lines an alliance signs on its printed page: the lead unit, the community's Party
    /// organization, the members, and the date.
    static let signatureBlock: String = {
        func line(_ label: String) -> String {
            HTML.element("p", [:], HTML.escape(label) + HTML.element("span", ["class": "line"]))
        }
        let date = HTML.element("p", [:], "日期：" + HTML.element("span", ["class": "line short"]) + "年"
            + HTML.element("span", ["class": "line tiny"]) + "月" + HTML.element("span", ["class": "line tiny"]) + "日")
        return HTML.element("div", ["class": "print-only signatures"],
                            line("牵头单位（盖章）：") + line("社区党组织书记（签字）：") + line("成员单位代表（签字）：") + date)
    }()

    /// Why a project stayed unclaimed, in words.
    static func reasonWords(_ reason: UnclaimedReason) -> String {
        switch reason {
        case .noMemberHasCategory: return "联盟成员都没有此类资源"
        case .notEnoughResource: return "成员此类资源不足或已用于其他项目"
        case .noAlliance: return "此社区没有联盟"
        }
    }
}
