import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `report.html`: well-formed, self-contained, every name escaped, and the charts and cards
/// showing the numbers of the plan (recomputed here by hand, not read back from the renderer).
final class PlanHTMLReportTests: XCTestCase {
    /// Three communities on a plane with names full of markup characters; units U1–U5 and a group
    /// G<1> (U6, U7) serving one community each (T_min = T_max = 6 → every alliance has 2 units).
    /// U5 has no coordinates. S̄ = (2 + 1 + 3 + 4 + 3 + 5 + 1 + 2 + 1 + 1) / 3 = 23/3,
    /// band ±10 % = [6.9, 8.4333].
    static func instance() -> Instance {
        Instance(
            communities: [
                Community(id: "A&1", name: "<惠丰> & \"社区\"", street: "唐海镇", strength: 2, location: .planar(x: 0, y: 0)),
                Community(id: "B", name: "丰泽'社区'", strength: 1, location: .planar(x: 4, y: 0)),
                Community(id: "C", name: "新城社区</td>", strength: 3, location: .planar(x: 8, y: 3)),
            ],
            organizations: [
                Organization(id: "U1", name: "区委组织部 <script>alert(1)</script>", kind: "机关", strength: 4,
                             location: .planar(x: 0, y: 1)),
                Organization(id: "U2", name: "人民医院 & 卫生院", strength: 3, location: .planar(x: 4, y: 1)),
                Organization(id: "U3", name: "港口集团\"有限\"公司", strength: 5, location: .planar(x: 8, y: 1)),
                Organization(id: "U4", name: "颐康养老'中心'", strength: 1, canLead: false, location: .planar(x: 1, y: 0)),
                Organization(id: "U5", name: "安居物业", strength: 2, canLead: false),
                Organization(id: "U6", name: "志愿者协会", strength: 1, canLead: false, group: "G<1>",
                             location: .planar(x: 2, y: 2)),
                Organization(id: "U7", name: "社工站", strength: 1, canLead: false, group: "G<1>"),
            ],
            needs: [
                Need(communityID: "A&1", category: "养老服务", amount: 2),
                Need(communityID: "A&1", category: "文化<活动>", amount: 1),
                Need(communityID: "B", category: "就业帮扶", amount: 1),
                Need(communityID: "C", category: "养老服务", amount: 1),
            ],
            resources: [
                Resource(orgID: "U1", category: "养老服务", amount: 2),
                Resource(orgID: "U2", category: "就业帮扶", amount: 1),
                Resource(orgID: "U3", category: "文化<活动>", amount: 1),
                Resource(orgID: "U4", category: "养老服务", amount: 1),
            ])
    }

    /// A&1 = {U1 lead, U4}: S = 2 + 4 + 1 = 7 (inside); 养老服务 min(2, 2 + 1) = 2 → 100 %, 文化 0 %.
    /// B = {U2 lead, U5}: S = 1 + 3 + 2 = 6 (below 6.9); 就业帮扶 100 %.
    /// C = {U3 lead, G<1>}: S = 3 + 5 + 2 = 10 (above 8.43); 养老服务 0 %.
    static let planRows: [(String, String, Role)] = [
        ("U1", "A&1", .lead), ("U4", "A&1", .member), ("U2", "B", .lead), ("U5", "B", .member),
        ("U3", "C", .lead), ("U6", "C", .member), ("U7", "C", .member),
    ]
    static let baselineRows: [(String, String, Role)] = [
        ("U3", "A&1", .lead), ("U4", "A&1", .member), ("U1", "B", .lead), ("U5", "B", .member),
        ("U2", "C", .lead), ("U6", "C", .member), ("U7", "C", .member),
    ]

    static func claims() -> ClaimResult {
        ClaimResult(
            claims: [ProjectClaim(projectID: "P1", projectName: "助老<送餐>", communityID: "A&1", orgID: "U1",
                                  orgName: "区委组织部 <script>alert(1)</script>", category: "养老服务", amount: 1, value: 3)],
            unclaimed: [
                UnclaimedProject(projectID: "P2", projectName: "招聘会 & 宣讲", communityID: "B", category: "就业帮扶",
                                 amount: 5, value: 1, reason: .notEnoughResource),
                UnclaimedProject(projectID: "P3", projectName: "书画\"展\"", communityID: "C", category: "文化<活动>",
                                 amount: 1, value: 2, reason: .noMemberHasCategory),
            ],
            allOptimal: true)
    }

    static func evaluate(_ rows: [(String, String, Role)], _ problem: Problem) -> (Plan, Evaluation) {
        let (plan, evaluation) = Evaluator.evaluate(rows.map { Assignment(orgID: $0.0, communityID: $0.1, role: $0.2) },
                                                    in: problem)
        XCTAssertEqual(evaluation.violations, [])
        return (plan, evaluation)
    }

    static func report(baseline: Bool = true, claims: Bool = true) throws -> PlanReport {
        let problem = try Problem(instance: instance())
        let (plan, _) = evaluate(planRows, problem)
        var report = PlanReport(problem: problem, outcome: SolveOutcome(status: .feasible, plan: plan, bound: 0.95,
                                                                        solveSeconds: 12.4),
                                strategy: "exact")
        if baseline { report.baseline = evaluate(baselineRows, problem).1 }
        if claims { report.claims = Self.claims() }
        return report
    }

    func testWellFormedAndSelfContained() throws {
        let html = PlanHTMLReport(try Self.report()).html
        if let path = ProcessInfo.processInfo.environment["ALLIANCE_REPORT_SAMPLE"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)  // to look at it in a browser
        }
        let page = try ParsedPage(html)
        XCTAssertEqual(page.elements.first?.name, "html")
        // Nothing that loads: no script, stylesheet link, image, frame, object or font.
        for name in ["script", "link", "img", "iframe", "object", "embed", "image", "use", "base"] {
            XCTAssertEqual(page.all(name).count, 0, "<\(name)> found")
        }
        for pattern in ["http://", "https://", "@import", "url(", " src=", "//fonts", "xlink:href"] {
            XCTAssertFalse(html.contains(pattern), "\(pattern) found")
        }
        for element in page.elements {
            if let href = element.attributes["href"] { XCTAssertTrue(href.hasPrefix("#"), "external href \(href)") }
            XCTAssertNil(element.attributes["src"])
        }
        let csp = page.all("meta").filter { $0.attributes["http-equiv"] == "Content-Security-Policy" }
        XCTAssertEqual(csp.map { $0.attributes["content"] }, ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"])
        XCTAssertEqual(page.all("meta").filter { $0.attributes["name"] == "viewport" }.count, 1)
        let style = try XCTUnwrap(page.all("style").first?.text)
        XCTAssertTrue(style.contains("\"PingFang SC\"") && style.contains("\"Microsoft YaHei\"")
                      && style.contains("\"Noto Sans CJK SC\"") && style.contains("sans-serif"))
        XCTAssertTrue(style.contains("@media print"))
        XCTAssertTrue(style.contains("break-inside: avoid"))
    }

    func testEveryNameEscapedAndShown() throws {
        let report = try Self.report()
        let html = PlanHTMLReport(report).html
        for raw in ["<script>", "<惠丰>", "</td>\"", "'社区'", "\"有限\"", "G<1>", "文化<活动>", "助老<送餐>", "& 宣讲"] {
            XCTAssertFalse(html.contains(raw), "unescaped \(raw)")
        }
        let page = try ParsedPage(html)
        let text = page.text
        for community in report.problem.communities { XCTAssertTrue(text.contains(community.name), community.name) }
        for org in report.problem.instance.organizations { XCTAssertTrue(text.contains(org.name), org.name) }
        XCTAssertTrue(text.contains("分组 G<1>"))
        XCTAssertTrue(text.contains("文化<活动> 缺 1"), "A&1's unmet need")
        // One card per community, in order, carrying the community id as given.
        XCTAssertEqual(page.all("article", classes: "card").map { $0.attributes["data-community"] }, ["A&1", "B", "C"])
    }

    /// 单位视图, solved by hand (every unit has max_communities 1, so it brings all it has):
    /// A&1's 养老服务 need 2 is covered by U1 (2) and U4 (1) pro rata: U1 uses 4/3 of 2, U4 2/3 of
    /// 1 (66.7 % each); U2 covers B's 就业帮扶 1 of 1 (100 %); U3's 文化<活动> finds no need in C
    /// (0 %); U5 and the group G<1> list no resources (—).
    func testUnitViewShowsEachUnitsPlacesLoadAndResourceUse() throws {
        let page = try ParsedPage(PlanHTMLReport(try Self.report()).html)
        XCTAssertNotNil(page.element(id: "units"))
        let rows = Dictionary(uniqueKeysWithValues: page.all("tr").compactMap { row in
            row.attributes["data-unit"].map { ($0, row.text) }
        })
        XCTAssertEqual(rows.count, 6, "one row per unit (the group is one): \(rows.keys.sorted())")
        XCTAssertTrue(rows["U1"]?.contains("养老服务 1.33/2") == true, rows["U1"] ?? "no U1")
        XCTAssertTrue(rows["U1"]?.contains("66.7%") == true)
        XCTAssertTrue(rows["U1"]?.contains("牵头") == true, "U1 leads A&1")
        XCTAssertTrue(rows["U4"]?.contains("养老服务 0.67/1") == true, rows["U4"] ?? "no U4")
        XCTAssertFalse(rows["U4"]?.contains("牵头") == true, "U4 is a member")
        XCTAssertTrue(rows["U2"]?.contains("就业帮扶 1/1") == true && rows["U2"]?.contains("100%") == true)
        XCTAssertTrue(rows["U3"]?.contains("文化<活动> 0/1") == true && rows["U3"]?.contains("0%") == true,
                      rows["U3"] ?? "no U3")
        let group = try XCTUnwrap(rows.first { $0.value.contains("合并：志愿者协会、社工站") }, "the group's row")
        XCTAssertTrue(group.value.contains("—") && group.value.contains("新城社区</td>"), group.value)
        XCTAssertTrue(rows["U5"]?.contains("—") == true && rows["U5"]?.contains("丰泽'社区'") == true)
    }

    /// 与上年相比: present exactly when a previous plan was given, listing the organizations that
    /// changed (here: the baseline's rows as last year's plan; U1 and U2 swap A&1 and B, U3 leaves C
    /// for A&1, U1 … — every organization whose (community, role) set differs is a row).
    func testChangesSinceLastYearOnlyWithAPreviousPlan() throws {
        XCTAssertNil(try ParsedPage(PlanHTMLReport(try Self.report()).html).element(id: "changes"))
        let previous = Self.baselineRows.map { Assignment(orgID: $0.0, communityID: $0.1, role: $0.2) }
        let problem = try Problem(instance: Self.instance(), options: PlanningOptions(previousPlan: previous))
        let (plan, _) = Self.evaluate(Self.planRows, problem)
        let report = PlanReport(problem: problem, outcome: SolveOutcome(status: .feasible, plan: plan, bound: nil,
                                                                        solveSeconds: 1), strategy: "exact")
        let page = try ParsedPage(PlanHTMLReport(report).html)
        let section = try XCTUnwrap(page.element(id: "changes"))
        // Baseline → plan: U1 B→A&1, U2 C→B, U3 A&1→C move; U4, U5, U6, U7 stay.
        XCTAssertTrue(section.text.contains("3 个调整社区"), section.text)
        XCTAssertTrue(section.text.contains("4 个单位不变"), section.text)
        let rows = page.all("table", classes: "changes-units").first.map { _ in
            page.all("tr").filter { $0.text.contains("调整社区") }.count
        }
        XCTAssertEqual(rows, 3)
    }

    func testStrengthChartHasOneDotPerCommunityAndTheProblemsBand() throws {
        let report = try Self.report()
        let page = try ParsedPage(PlanHTMLReport(report).html)
        let dots = page.all("circle", classes: "dot")
        XCTAssertEqual(dots.map { $0.attributes["data-community"] }, ["A&1", "B", "C"])
        // S_c by hand (see planRows): 7 inside, 6 below, 10 above the band [6.9, 8.4333].
        XCTAssertEqual(dots.map { Double($0.attributes["data-strength"] ?? "") }, [7, 6, 10])
        XCTAssertEqual(dots.map { $0.classes.last }, ["inside", "below", "above"])
        // The band, recomputed from the lists: S̄ = (Σ b_c + Σ s_o) / |C|, ± τ.
        let instance = Self.instance()
        let mean = (instance.communities.reduce(0) { $0 + $1.strength }
                    + instance.organizations.reduce(0) { $0 + $1.strength }) / Double(instance.communities.count)
        let band = try XCTUnwrap(page.all("rect", classes: "band").first)
        XCTAssertEqual(Double(band.attributes["data-low"] ?? "") ?? .nan, 0.9 * mean, accuracy: 1e-6)
        XCTAssertEqual(Double(band.attributes["data-high"] ?? "") ?? .nan, 1.1 * mean, accuracy: 1e-6)
        XCTAssertTrue(page.text.contains("6.9–8.43"), "band in words")
        XCTAssertEqual(page.all("article", classes: "card").map { $0.text.contains("区间 6.9–8.43") }, [true, true, true])
    }

    func testCoverageHeatmapHasOneCellPerCommunityAndCategory() throws {
        let page = try ParsedPage(PlanHTMLReport(try Self.report()).html)
        let cells = page.all("rect", classes: "cell")
        XCTAssertEqual(cells.count, 3 * 3)
        var share: [String: String] = [:]
        for cell in cells { share["\(cell.attributes["data-community"]!)|\(cell.attributes["data-category"]!)"] = cell.attributes["data-share"] }
        // By hand (planRows): A&1 养老 min(2, 3)/2 = 1, 文化 0; B 就业 1; C 养老 0; the rest not needed.
        XCTAssertEqual(share, [
            "A&1|养老服务": "1", "A&1|文化<活动>": "0", "A&1|就业帮扶": "",
            "B|养老服务": "", "B|文化<活动>": "", "B|就业帮扶": "1",
            "C|养老服务": "0", "C|文化<活动>": "", "C|就业帮扶": "",
        ])
    }

    func testMapHasOneLinePerAssignmentWithCoordinates() throws {
        let page = try ParsedPage(PlanHTMLReport(try Self.report()).html)
        let lines = page.all("line", classes: "link")
        // Six unit–community pairs (the group counts once); U5 has no coordinates → five lines, three leads.
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(Set(lines.map { "\($0.attributes["data-unit"]!)→\($0.attributes["data-community"]!)" }),
                       ["U1→A&1", "U4→A&1", "U2→B", "U3→C", "G<1>→C"])
        XCTAssertEqual(page.all("line", classes: "link", "lead").count, 3)
        XCTAssertEqual(page.all("rect", classes: "site").count, 3)
        XCTAssertEqual(page.all("circle", classes: "unit").count, 5)
        XCTAssertTrue(page.text.contains("1 个单位没有同类坐标，未画出"))
    }

    func testGeographicExampleMapsEveryAssignment() throws {
        let problem = try Problem(instance: try InstanceReader.read(folder: Fixtures.example("caofeidian")))
        let outcome = try GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 60))
        let report = PlanReport(problem: problem, outcome: outcome, strategy: "greedy")
        let page = try ParsedPage(PlanHTMLReport(report).html)
        // Every community and unit there has lat/lon: one line per unit–community pair of the plan.
        XCTAssertEqual(page.all("line", classes: "link").count, report.plan.assigned.filter { $0 }.count)
        XCTAssertEqual(page.all("line", classes: "link", "lead").count, problem.communityCount)
        XCTAssertEqual(page.all("circle", classes: "dot").count, problem.communityCount)
        XCTAssertEqual(page.all("rect", classes: "cell").count, problem.communityCount * problem.categoryCount)
        XCTAssertTrue(page.text.contains("此求解方法（greedy）不给出上界"))
    }

    func testNoMapWithoutCoordinates() throws {
        let problem = try Problem(instance: HandSolvedTests.strongWithWeak())
        let outcome = try GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 60))
        let page = try ParsedPage(PlanHTMLReport(PlanReport(problem: problem, outcome: outcome, strategy: "greedy")).html)
        XCTAssertNil(page.element(id: "assignment-map"))
        XCTAssertEqual(page.all("line", classes: "link").count, 0)
        XCTAssertTrue(page.text.contains("没有可比的坐标"))
    }

    func testBaselineBesideThePlan() throws {
        let report = try Self.report()
        let baseline = try XCTUnwrap(report.baseline)
        XCTAssertNotEqual(baseline.objective, report.evaluation.objective, "the fixture's baseline must differ")
        let page = try ParsedPage(PlanHTMLReport(report).html)
        let cells = page.all("td", classes: "baseline").map(\.text)
        XCTAssertEqual(cells.count, 7)
        XCTAssertEqual(cells[0], String(format: "%.4f", baseline.objective))
        XCTAssertEqual(cells[1], HumanFormat.percent(baseline.terms.coverage))
        XCTAssertTrue(cells[6].contains("最强 \(HumanFormat.number(baseline.strengthMax))"))
        // Without a baseline the column says so instead of inventing numbers.
        let without = try ParsedPage(PlanHTMLReport(try Self.report(baseline: false)).html)
        XCTAssertEqual(Set(without.all("td", classes: "baseline").map(\.text)), ["—"])
        XCTAssertTrue(without.text.contains("没有找到满足全部规则的方案"))
    }

    func testSummaryStatusBoundAndGap() throws {
        let report = try Self.report()
        let page = try ParsedPage(PlanHTMLReport(report).html)
        let summary = try XCTUnwrap(page.element(id: "summary")).text
        XCTAssertTrue(summary.contains("可行，未证明最优"))
        XCTAssertTrue(summary.contains(String(format: "%.4f", report.evaluation.objective)))
        XCTAssertTrue(summary.contains("0.9500"), "bound")
        XCTAssertTrue(summary.contains(HumanFormat.percent(try XCTUnwrap(report.gap))), "gap")
        XCTAssertTrue(summary.contains("1 个联盟在区间内"), "only A&1 lies in the band")
        XCTAssertTrue(summary.contains("3 个项目中 1 个已由联盟成员认领（价值 3 / 6）"))
    }

    func testClaimedAndUnclaimedProjectsOnTheirCards() throws {
        let page = try ParsedPage(PlanHTMLReport(try Self.report()).html)
        let cards = Dictionary(uniqueKeysWithValues: page.all("article", classes: "card").map {
            ($0.attributes["data-community"]!, $0.text)
        })
        XCTAssertTrue(cards["A&1"]!.contains("助老<送餐> （养老服务 1） → 区委组织部 <script>alert(1)</script>"))
        XCTAssertTrue(cards["B"]!.contains("招聘会 & 宣讲"))
        XCTAssertTrue(cards["B"]!.contains(PlanHTMLReport.reasonWords(.notEnoughResource)))
        XCTAssertTrue(cards["C"]!.contains("书画\"展\""))
        XCTAssertTrue(cards["C"]!.contains(PlanHTMLReport.reasonWords(.noMemberHasCategory)))
        XCTAssertFalse(cards["A&1"]!.contains("招聘会"), "a project shows on its own community's card only")
        XCTAssertEqual(page.all("li", classes: "claimed").map { $0.attributes["data-project"] }, ["P1"])
        XCTAssertEqual(page.all("li", classes: "unclaimed").map { $0.attributes["data-project"] }, ["P2", "P3"])
        // Without stage 2 there is no project section at all.
        let without = try ParsedPage(PlanHTMLReport(try Self.report(claims: false)).html)
        XCTAssertEqual(without.all("ul", classes: "projects").count, 0)
    }

    func testSameReportSameBytes() throws {
        let first = PlanHTMLReport(try Self.report(), includeTimings: false).data
        let second = PlanHTMLReport(try Self.report(), includeTimings: false).data
        XCTAssertEqual(first, second)
        XCTAssertFalse(String(decoding: first, as: UTF8.self).contains("求解用时"))
        XCTAssertTrue(PlanHTMLReport(try Self.report()).html.contains("求解用时 12 秒"))
        // report.html is among the files solve writes, with the same bytes.
        let files = try Self.report().files(includeTimings: false)
        XCTAssertEqual(files.first { $0.name == "report.html" }?.contents, first)
    }

    func testNumbersForPeople() {
        XCTAssertEqual(HumanFormat.number(1_234_567.891), "1,234,567.89")
        XCTAssertEqual(HumanFormat.number(1234.5), "1234.5")
        XCTAssertEqual(HumanFormat.number(-0.0001), "0")
        XCTAssertEqual(HumanFormat.number(7.0), "7")
        XCTAssertEqual(HumanFormat.percent(0.9966), "99.7%")
        XCTAssertEqual(HumanFormat.percent(1), "100%")
        XCTAssertEqual(HumanFormat.percent(0.0001), "<0.1%")
        XCTAssertEqual(HumanFormat.seconds(125), "2 分 5 秒")
        XCTAssertEqual(HTML.escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}

/// The map's colours and street outlines (AlliancePalette, AssignmentMap).
final class AllianceMapTests: XCTestCase {
    private func rgb(_ hex: String) -> (Double, Double, Double) {
        let v = Int(hex.dropFirst(), radix: 16)!
        return (Double(v >> 16), Double((v >> 8) & 0xff), Double(v & 0xff))
    }

    /// 120 communities in 12 streets, and 120 without streets: every colour distinct, and no two
    /// closer than 10 in RGB (so 80+ alliances stay apart on the map and in the legend).
    func testPaletteKeepsManyAlliancesApart() {
        for streets in [12, 0] {
            let communities = (0..<120).map { c in
                Community(id: "C\(c)", name: "社区\(c)", street: streets > 0 ? "街道\(c % streets)" : nil, strength: 1)
            }
            let colors = AlliancePalette(communities).colors
            XCTAssertEqual(Set(colors).count, 120, "\(streets) streets: colours repeat")
            var closest = Double.infinity
            for i in colors.indices {
                for j in colors.indices where j > i {
                    let a = rgb(colors[i]), b = rgb(colors[j])
                    closest = min(closest, ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot())
                }
            }
            XCTAssertGreaterThanOrEqual(closest, 10, "\(streets) streets: two alliances nearly the same colour")
        }
    }

    func testConvexHullOfASquareWithAnInnerPoint() {
        let hull = AlliancePalette.convexHull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)])
        XCTAssertEqual(hull.map { "\($0.x),\($0.y)" }, ["0.0,0.0", "2.0,0.0", "2.0,2.0", "0.0,2.0"])
    }

    /// 古冶 (84 communities in streets, planar coordinates): each alliance has its own colour,
    /// its lines carry its square's colour, leads' lines are thicker, and every community lies
    /// inside the outline of its street.
    func testGuyeMapColoursAlliancesAndOutlinesStreets() throws {
        let problem = try Problem(instance: try InstanceReader.read(folder: Fixtures.example("guye")))
        let outcome = try GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 60))
        let page = try ParsedPage(PlanHTMLReport(PlanReport(problem: problem, outcome: outcome, strategy: "greedy")).html)
        let squares = page.all("rect", classes: "site")
        XCTAssertEqual(squares.count, problem.communityCount)
        let colorOf = Dictionary(uniqueKeysWithValues: squares.map { ($0.attributes["data-community"]!, $0.attributes["fill"]!) })
        XCTAssertEqual(Set(colorOf.values).count, problem.communityCount, "one colour per alliance")
        for line in page.all("line", classes: "link") {
            XCTAssertEqual(line.attributes["stroke"], colorOf[line.attributes["data-community"]!])
            let width = Double(line.attributes["stroke-width"]!)!
            XCTAssertEqual(width, line.classes.contains("lead") ? 2.6 : 1)
        }
        // Streets: one outline each, holding the centres of its communities' squares.
        let streets = Set(problem.communities.compactMap(\.street))
        let outlines = page.all("polygon", classes: "street")
        XCTAssertEqual(Set(outlines.map { $0.attributes["data-street"]! }), streets)
        for outline in outlines {
            let points = outline.attributes["points"]!.split(separator: " ").map { pair -> (Double, Double) in
                let xy = pair.split(separator: ",").map { Double($0)! }
                return (xy[0], xy[1])
            }
            let street = outline.attributes["data-street"]!
            for community in problem.communities where community.street == street {
                let square = try XCTUnwrap(squares.first { $0.attributes["data-community"] == community.id })
                let x = Double(square.attributes["x"]!)! + 5, y = Double(square.attributes["y"]!)! + 5
                XCTAssertTrue(Self.inside((x, y), points), "\(community.id) outside the outline of \(street)")
            }
        }
        XCTAssertEqual(page.all("span").filter { $0.attributes["data-community"] != nil }.count, problem.communityCount,
                       "the legend lists every alliance")
    }

    /// Whether `p` lies inside the convex polygon `polygon` (either orientation).
    static func inside(_ p: (Double, Double), _ polygon: [(Double, Double)]) -> Bool {
        var sign = 0.0
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
            if abs(cross) < 1e-9 { continue }
            if sign == 0 { sign = cross } else if (sign > 0) != (cross > 0) { return false }
        }
        return true
    }
}
