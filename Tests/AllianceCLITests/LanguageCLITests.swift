import Foundation
import WorkbookFixtures
import XCTest

/// The command speaks Chinese when the locale asks for it (`LANG=zh_CN.UTF-8`) and English
/// otherwise, keeping the `file:line:column` prefix identical; JSON stays English.
final class LanguageCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try CommandRunner.temporaryFolder()
        var lists = InputErrorTests.valid
        lists["communities.csv"] = "id,name,strength\nA,甲社区,1\nB,乙社区,strong\n"
        for (name, contents) in lists { try Data(contents.utf8).write(to: folder.appendingPathComponent(name)) }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var location: String { "\(folder.appendingPathComponent("communities.csv").path):3:7: " }

    func testInputErrorInChinese() throws {
        let out = try EarlierPlan(in: folder)
        let result = try CommandRunner.run(["solve", folder.path, "--out", out.folder.path, "--quiet"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, location + "应为数字，实际为“strong”\n共 1 处输入错误；未写入任何文件\n")
        try out.assertUnchanged()
    }

    func testInputErrorInEnglish() throws {
        for locale in ["C", "en_US.UTF-8", ""] {
            let result = try CommandRunner.run(["check", folder.path], locale: locale)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(result.stderr, location + "expected a number, found 'strong'\n1 input error; nothing was written\n",
                           "locale '\(locale)'")
        }
    }

    func testJSONStaysEnglish() throws {
        let result = try CommandRunner.run(["check", folder.path, "--json"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("expected a number, found 'strong'"), result.stdout)
        XCTAssertFalse(result.stdout.contains("应为数字"), result.stdout)
    }

    func testCheckSummaryAndOptionErrorsInChinese() throws {
        let example = CommandRunner.root.appendingPathComponent("models/examples/tiny").path
        let check = try CommandRunner.run(["check", example], locale: "zh_CN.UTF-8")
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("社区          "), check.stdout)
        XCTAssertTrue(check.stdout.contains("\n预检查        通过"), check.stdout)
        let english = try CommandRunner.run(["check", example])
        XCTAssertTrue(english.stdout.contains("\npre-checks    passed"), english.stdout)

        let usage = try CommandRunner.run(["solve", example, "--gap=-1"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(usage.status, 64, usage.stderr)
        XCTAssertTrue(usage.stderr.contains("--gap 应为 ≥ 0 的数"), usage.stderr)
    }

    // MARK: Pins and district batches

    private var tiny: String { CommandRunner.root.appendingPathComponent("models/examples/tiny").path }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// A pins file naming an unknown community, or with an unknown kind: the Chinese message
    /// keeps the pins file's `file:line:column` prefix.
    func testPinErrorsInChinese() throws {
        let out = folder.appendingPathComponent("out").path
        let unknown = try write("pins.csv", "kind,org_id,community_id\nlead,U1,C9\n")
        let chinese = try CommandRunner.run(["solve", tiny, "--pins", unknown.path, "--out", out, "--quiet"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(chinese.status, 1, chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains("pins.csv:2:9: 未知社区“C9”（不在 communities.csv 中）\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.hasSuffix("未写入任何文件\n"), chinese.stderr)
        let english = try CommandRunner.run(["solve", tiny, "--pins", unknown.path, "--out", out, "--quiet"])
        XCTAssertTrue(english.stderr.contains("pins.csv:2:9: unknown community 'C9' (not in communities.csv)\n"), english.stderr)

        let kind = try write("kind.csv", "kind,org_id,community_id\nbogus,U1,\n")
        let badKind = try CommandRunner.run(["solve", tiny, "--pins", kind.path, "--out", out, "--quiet"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(badKind.status, 1, badKind.stderr)
        XCTAssertTrue(badKind.stderr.contains("kind.csv:2:1: 未知锁定类型“bogus”；请用 单位、社区 或 牵头"), badKind.stderr)

        let option = try CommandRunner.run(["solve", tiny, "--pin-lead", "C1", "--out", out, "--quiet"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(option.status, 1, option.stderr)
        XCTAssertTrue(option.stderr.contains("--pin-lead C1: 应写成 社区=单位（例如 --pin-lead C1=U3）"), option.stderr)
    }

    /// Lists with a district column: `check`'s table and a fix pair across districts, and the
    /// batch `solve`'s stopping rule and table, in Chinese.
    func testDistrictBatchInChinese() throws {
        _ = try write("communities.csv", "id,name,district,strength\nA,甲社区,东区,1\nB,乙社区,西区,2\n")
        _ = try write("organizations.csv",
                      "id,name,district,strength,can_lead\nu1,单位一,东区,4,true\nu2,单位二,西区,2,true\nu3,单位三,西区,2,false\n")
        let check = try CommandRunner.run(["check", folder.path], locale: "zh_CN.UTF-8")
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("区县          2 个：东区, 西区\n"), check.stdout)
        XCTAssertTrue(check.stdout.contains("\n区县  社区  单位  结对规则  状态\n"), check.stdout)
        XCTAssertTrue(check.stdout.contains("通过"), check.stdout)

        let out = folder.appendingPathComponent("out").path
        let solve = try CommandRunner.run(["solve", folder.path, "--out", out, "--no-timings"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(solve.status, 0, solve.stderr)
        XCTAssertTrue(solve.stderr.hasPrefix("停止规则：每个区县证明与最优的差距在 "), solve.stderr)
        XCTAssertTrue(solve.stdout.hasPrefix("区县  状态"), solve.stdout)
        // The status words of the table too (最优 / 可行), never the English ones.
        XCTAssertTrue(solve.stdout.contains("\n东区  最优") || solve.stdout.contains("\n东区  可行"), solve.stdout)
        XCTAssertFalse(solve.stdout.contains("optimal") || solve.stdout.contains("feasible"), solve.stdout)
        XCTAssertTrue(solve.stdout.contains("，以及每个区县一个文件夹"), solve.stdout)

        let pairs = try write("pairs.csv", "org_id,community_id,rule\nu1,B,fix\n")
        let crossing = try CommandRunner.run(["check", folder.path], locale: "zh_CN.UTF-8")
        XCTAssertEqual(crossing.status, 1, crossing.stderr)
        XCTAssertTrue(crossing.stderr.contains("\(pairs.path):2:"), crossing.stderr)
        XCTAssertTrue(crossing.stderr.contains("固定结对 u1–B 跨了区县（单位在“东区”，社区在“西区”）；各区县分开编排"), crossing.stderr)
        let english = try CommandRunner.run(["check", folder.path])
        XCTAssertTrue(english.stderr.contains(
            "fix pair u1–B crosses districts (unit in '东区', community in '西区'); districts are planned separately"),
            english.stderr)
    }

    // MARK: explain, suggest, diff, compare and the start plan's repairs

    /// The plan `solve` writes for the tiny example (optimal), and a hand edit of it that breaks
    /// six rules (unit loads, community sizes, a missing lead, a lead that may not lead).
    private func plans() throws -> (optimal: String, broken: String) {
        let optimal = try write("plan.csv", "community_id,org_id,role\nC1,U1,lead\nC1,U4,member\nC2,U3,lead\nC2,U5,member\n"
            + "C3,U2,lead\nC3,U6,member\n")
        let broken = try write("broken.csv", "community_id,org_id,role\nC1,U1,lead\nC1,U4,member\nC1,U3,member\nC2,U5,member\n"
            + "C3,U2,member\nC3,U6,lead\nC3,U1,member\n")
        return (optimal.path, broken.path)
    }

    /// Asserts that `text` holds none of the English wordings of the old output.
    private func assertNoEnglish(_ text: String, _ phrases: [String], line: UInt = #line) {
        for phrase in phrases {
            XCTAssertFalse(text.contains(phrase), "English '\(phrase)' left in:\n\(text)", line: line)
        }
    }

    /// Terminal columns of `text` (two for a Chinese character), as the tables pad by.
    private func columns<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    func testExplainInChinese() throws {
        let (_, broken) = try plans()
        let result = try CommandRunner.run(["explain", tiny, "--plan", broken], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = result.stdout
        for expected in ["目标值      0.6333   违反 6 条规则\n目标项      数值        权重    加权值\n覆盖率      1.000000    1       +1.000000\n",
                         "\n违反的规则\n", "  - lead_missing: 社区 C2 没有牵头单位\n",
                         "  - unit_load: 单位 U1 服务 2 个社区；应在 1 到 1 个之间\n",
                         "\n各社区，代价高的在前（代价 = 损失的覆盖率 + 均衡 + 距离，加权）\n",
                         "  C2 丰泽社区  代价 0.1045  目标值 +0.181169  力量 2，比区间 6.60–8.07 低 4.60  单位 1 个\n",
                         "    需求 就业帮扶 2（优先级 1）：覆盖 2，由 U5 2 提供\n",
                         "    牵头 U6 惠丰物业服务有限公司  0.00 公里  力量 2  目标值 +0.122992  覆盖 +0.142857 均衡 +0.039731\n",
                         "    社区自身的均衡部分 -0.104545（力量太弱：并非某个成员单位造成）\n", "\n各单位，贡献低的在前\n",
                         "  U1 区委组织部  服务 C1（牵头）、C3  社区数 2，应为 1–1（超出！）  目标值 -0.108822  均衡 +0.150976 距离 +0.166667\n"] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in:\n\(text)")
        }
        // The term table lines up: every value starts at terminal column 12, as in English.
        for line in text.split(separator: "\n").prefix(7) {
            let label = line.prefix { $0 != " " }
            XCTAssertEqual(columns(label) + line.dropFirst(label.count).prefix { $0 == " " }.count, 12, String(line))
        }
        assertNoEnglish(text, ["objective", "broken rule", "term ", "weight", "communities, most costly", "cost ", "strength",
                               "band", "need ", "priority", "covered", "member ", "    lead  ", " km", "serves", "load ", "outside",
                               "units, lowest", "has no lead unit", "must serve between", "own balance", "too weak"])
    }

    func testSuggestInChinese() throws {
        let (optimal, broken) = try plans()
        let unit = try CommandRunner.run(["suggest", tiny, "--plan", optimal, "--org", "U5", "--top", "0"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(unit.status, 0, unit.stderr)
        for expected in ["单位 U5 众信人力资源服务公司 服务 C2；方案目标值 0.9667\n可行的调整，最好的在前（共 2 项，列出 2 项）\n",
                         "  -0.461905  与 U6 互换 C2 ↔ C3  覆盖 -0.428571 距离 +0.166667\n", "不可行的调整（共 8 项，列出 8 项）\n",
                         "  +0.000000  担任 C2 的牵头单位（替代 U3）  — 违反 lead_not_allowed：社区 C2：单位 U5 不能牵头（can_lead 列）\n",
                         "  -0.299351  退出 C2  — 违反 unit_load：单位 U5 将服务 0 个社区；应在 1 到 1 个之间；"
                             + "违反 community_size：社区 C2 将有 1 个单位；应在 2 到 2 个之间\n",
                         "  -0.316017  从 C2 调到 C1  — "] {
            XCTAssertTrue(unit.stdout.contains(expected), "missing '\(expected)' in:\n\(unit.stdout)")
        }
        let community = try CommandRunner.run(["suggest", tiny, "--plan", broken, "--community", "C2", "--top", "0"],
                                              locale: "zh_CN.UTF-8")
        XCTAssertEqual(community.status, 0, community.stderr)
        for expected in ["社区 C2 丰泽社区 有 U5；方案目标值 0.6333（方案违反 6 条规则）\n",
                         "  +0.210606  U3：从 C1 调到 C2  — 方案仍将违反 4 条规则；修复 community_size、community_size\n",
                         "  +0.163636  U1：从 C1 调到 C2  — 违反 lead_missing：社区 C1 将没有牵头单位；修复 community_size、community_size\n"] {
            XCTAssertTrue(community.stdout.contains(expected), "missing '\(expected)' in:\n\(community.stdout)")
        }
        for text in [unit.stdout, community.stdout] {
            assertNoEnglish(text, ["serves", "plan objective", "feasible changes", "best first", " of ", "swap", "make lead",
                                   "instead of", "take out", "move ", "add to", "hand lead", "breaks ", "would", "repairs",
                                   "must serve", "may not lead", "(lead)", "the plan"])
        }
    }

    func testDiffInChinese() throws {
        let (optimal, broken) = try plans()
        let result = try CommandRunner.run(["diff", optimal, broken], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            单位  新加入 0 个，退出 0 个，调动 2 个，角色变动 2 个，未变 2 个

            单位  变动      调整前      调整后
            U1    调动      C1（牵头）  C1（牵头）、C3
            U2    角色变动  C3（牵头）  C3
            U3    调动      C2（牵头）  C1
            U6    角色变动  C3          C3（牵头）

            社区  加入  退出  牵头单位  角色变动
            C1    U3
            C2          U3    U3 → —
            C3    U1          U2 → U6   U2 U6

            """)
        let same = try CommandRunner.run(["diff", optimal, optimal], locale: "zh_CN.UTF-8")
        XCTAssertEqual(same.stdout, "单位  新加入 0 个，退出 0 个，调动 0 个，角色变动 0 个，未变 6 个\n两个方案对每个单位的安排都相同\n")
        // What programs read stays English.
        let csv = try CommandRunner.run(["diff", optimal, broken, "--csv"], locale: "zh_CN.UTF-8")
        XCTAssertTrue(csv.stdout.contains("org_id,change,community_id,old_role,new_role"), csv.stdout)
        XCTAssertTrue(csv.stdout.contains("U1,moved_in,C3,,member"), csv.stdout)
        let json = try CommandRunner.run(["diff", optimal, broken, "--json"], locale: "zh_CN.UTF-8")
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0.value >= 0x2E80 }, json.stdout)
    }

    func testCompareInChinese() throws {
        let out = folder.appendingPathComponent("cmp")
        let result = try CommandRunner.run(["compare", tiny, "--strategies", "greedy,exact", "--time-limit", "20",
                                            "--out", out.path, "--quiet"], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("策略    状态  目标值  覆盖率"), result.stdout)
        XCTAssertTrue(lines[1].hasPrefix("greedy  可行  0.1857  "), result.stdout)
        XCTAssertTrue(lines[2].hasPrefix("exact   最优  0.9667  "), result.stdout)
        XCTAssertEqual(lines[3], "已证明的最佳界 0.9667")
        XCTAssertTrue(lines[4].hasPrefix("已写入 ") && lines[4].hasSuffix("compare.csv, \(out.path)/compare.json"), lines[4])
        // Every column starts at the same terminal column on every row.
        let starts = lines.prefix(3).map { line in
            let characters = Array(line)
            return characters.indices.filter { $0 >= 2 && characters[$0] != " " && characters[$0 - 1] == " " && characters[$0 - 2] == " " }
                .map { columns(String(characters[..<$0])) }
        }
        XCTAssertEqual(starts[0], starts[1], result.stdout)
        XCTAssertEqual(starts[0], starts[2], result.stdout)
        assertNoEnglish(result.stdout, ["strategy", "status", "objective", "feasible", "optimal", "best proven", "wrote"])
        // compare.csv is for programs: English headers and words.
        let csv = try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("strategy,status,objective"), csv)
        XCTAssertTrue(csv.contains("exact,optimal,"), csv)
    }

    func testStartPlanRepairsInChinese() throws {
        let (_, broken) = try plans()
        let out = folder.appendingPathComponent("from").path
        let result = try CommandRunner.run(["solve", tiny, "--from", broken, "--out", out], locale: "zh_CN.UTF-8")
        XCTAssertEqual(result.status, 0, result.stderr)
        for expected in ["警告：起始方案：已将单位 U1 移出社区 C1：单位 U1 在起始方案中服务 2 个社区，超过 max_communities 1\n",
                         "警告：起始方案：已将单位 U1 加入社区 C2：社区 C2 在起始方案中只有 1 个单位，少于下限 2（min_orgs）\n",
                         "警告：起始方案：已将单位 U4 移出社区 C1：社区 C1 在起始方案中有 3 个单位，超过 max_orgs 2\n",
                         "警告：起始方案：已将单位 U5 移出社区 C2：社区 C1 需要该单位（见该社区）\n",
                         "警告：起始方案：已将单位 U5 加入社区 C1：为满足其他规则从社区 C2 调来\n",
                         "警告：起始方案：社区 C1 的牵头单位由单位 U1 改为单位 U3：原牵头单位 U1 已不再服务该社区（见上）\n",
                         "警告：起始方案：社区 C2 的牵头单位由空缺改为单位 U1：起始方案中该社区没有牵头单位\n",
                         "警告：起始方案：社区 C3 的牵头单位由单位 U6 改为单位 U2：原牵头单位 U6 不能牵头（can_lead 列）\n"] {
            XCTAssertTrue(result.stderr.contains(expected), "missing '\(expected)' in:\n\(result.stderr)")
        }
        assertNoEnglish(result.stderr, ["start plan", "removed", "added", "is now led", "instead of", "in the start plan",
                                        "more than", "fewer than", "needed in", "moved from", "no longer serves", "may not lead"])
    }

    /// The XML detail of a damaged workbook is Chinese too; the part and place read as before.
    func testDamagedWorkbookDetailInChinese() throws {
        var parts = try TestWorkbook.fromLists(try TestWorkbook.lists(in: URL(fileURLWithPath: tiny)))
        parts["xl/sharedStrings.xml"] = Data("<sst><si><t>a</t></si></row></sst>".utf8)
        let book = folder.appendingPathComponent("lists.xlsx")
        try TestWorkbook.zip(parts, to: book)
        let chinese = try CommandRunner.run(["check", book.path], locale: "zh_CN.UTF-8")
        XCTAssertEqual(chinese.status, 1, chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains("\(book.path): 工作簿已损坏：xl/sharedStrings.xml 第 1 行第 23 列处的 XML 格式不正确"
            + "（结束标签 </row> 与尚未结束的元素 <sst> 不匹配）\n"), chinese.stderr)
        let english = try CommandRunner.run(["check", book.path])
        XCTAssertTrue(english.stderr.contains("\(book.path): damaged workbook: xl/sharedStrings.xml is not well-formed XML at line 1, "
            + "column 23 (the end tag </row> does not match the open element <sst>)\n"), english.stderr)
    }

    /// The same commands under LC_ALL=C print exactly what they printed before they learned Chinese.
    func testExplainSuggestDiffRepairsUnchangedInEnglish() throws {
        let (optimal, broken) = try plans()
        let explainRun = try CommandRunner.run(["explain", tiny, "--plan", broken])
        XCTAssertEqual(explainRun.stdout, Self.englishExplain + "\n")
        let suggestRun = try CommandRunner.run(["suggest", tiny, "--plan", optimal, "--org", "U5", "--top", "0"])
        XCTAssertEqual(suggestRun.stdout, Self.englishSuggest + "\n")
        let diffRun = try CommandRunner.run(["diff", optimal, broken])
        XCTAssertEqual(diffRun.stdout, Self.englishDiff + "\n")
        let out = folder.appendingPathComponent("from").path
        let solveRun = try CommandRunner.run(["solve", tiny, "--from", broken, "--out", out])
        XCTAssertEqual(solveRun.status, 0, solveRun.stderr)
        XCTAssertEqual(solveRun.stderr, Self.englishRepairs + "\n")
        let compareRun = try CommandRunner.run(["compare", tiny, "--strategies", "greedy,exact", "--time-limit", "20",
                                                "--out", folder.appendingPathComponent("cmp").path, "--quiet"])
        let lines = compareRun.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "strategy  status    objective  coverage  balance  distance  preference  keep   gap      time")
        XCTAssertTrue(lines.contains("best proven bound 0.9667"), compareRun.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("wrote ") == true, compareRun.stdout)
    }
}

// The English output of the tiny example's commands before the Chinese texts (LC_ALL=C).
extension LanguageCLITests {
    static let englishExplain = """
    objective   0.6333   6 broken rules
    term        value       weight  weighted
    coverage    1.000000    1       +1.000000
    balance     0.566667    0.50    -0.283333
    distance    0.416667    0.20    -0.083333
    preference  0.000000    1       +0.000000
    keep        0.000000    0.20    +0.000000
    broken rules
      - unit_load: unit U1 serves 2 communities; it must serve between 1 and 1
      - community_size: community C1 has 3 units; it must have between 2 and 2
      - community_size: community C2 has 1 units; it must have between 2 and 2
      - lead_missing: community C2 has no lead unit
      - community_size: community C3 has 3 units; it must have between 2 and 2
      - lead_not_allowed: community C3: unit U6 may not lead (column can_lead)
    communities, most costly first (cost: coverage lost + balance + distance, weighted)
      C3 新城社区  cost 0.1394  objective +0.003463  strength 12 above band 6.60–8.07 by 3.93  units 3
        need 养老服务 1 (priority 1): covered 1 by U6 1
        lead   U6 惠丰物业服务有限公司  0.00 km  strength 2  objective +0.122992  cov +0.142857 bal +0.039731
        member U1 区委组织部  8.00 km  strength 4  objective -0.073064  bal +0.079461 dist +0.166667
        member U2 区人民医院  4.00 km  strength 3  objective -0.046465  bal +0.059596 dist +0.083333
      C1 惠丰社区  cost 0.1227  objective +0.448701  strength 12 above band 6.60–8.07 by 3.93  units 3
        need 养老服务 2 (priority 2): covered 2 by U4 2
        lead   U1 区委组织部  0.00 km  strength 4  objective -0.035758  bal +0.071515
        member U3 港口集团有限公司  8.00 km  strength 5  objective -0.078030  bal +0.089394 dist +0.166667
        member U4 颐康养老服务中心  0.00 km  strength 1  objective +0.562489  cov +0.571429 bal +0.017879
      C2 丰泽社区  cost 0.1045  objective +0.181169  strength 2 below band 6.60–8.07 by 4.60  units 1
        need 就业帮扶 2 (priority 1): covered 2 by U5 2
        member U5 众信人力资源服务公司  0.00 km  strength 1  objective +0.285714  cov +0.285714
        community's own balance part -0.104545 (too weak: no member caused it)
    units, lowest contribution first
      U1 区委组织部  serves C1 (lead), C3  load 2 of 1–1 (outside!)  objective -0.108822  bal +0.150976 dist +0.166667
      U3 港口集团有限公司  serves C1  load 1 of 1–1  objective -0.078030  bal +0.089394 dist +0.166667
      U2 区人民医院  serves C3  load 1 of 1–1  objective -0.046465  bal +0.059596 dist +0.083333
      U6 惠丰物业服务有限公司  serves C3 (lead)  load 1 of 1–1  objective +0.122992  cov +0.142857 bal +0.039731
      U5 众信人力资源服务公司  serves C2  load 1 of 1–1  objective +0.285714  cov +0.285714
      U4 颐康养老服务中心  serves C1  load 1 of 1–1  objective +0.562489  cov +0.571429 bal +0.017879
    """
    static let englishSuggest = """
    unit U5 众信人力资源服务公司 serves C2; plan objective 0.9667
    feasible changes, best first (2 of 2)
      -0.461905  swap C2 ↔ C3 with U6  cov -0.428571 dist +0.166667
      -0.890476  swap C2 ↔ C1 with U4  cov -0.857143 dist +0.166667
    infeasible changes (8 of 8)
      +0.000000  make lead of C2 instead of U3  — breaks lead_not_allowed: community C2: unit U5 may not lead (column can_lead)
      -0.016667  add to C1  — breaks unit_load: unit U5 would serve 2 communities; it must serve between 1 and 1; breaks community_size: community C1 would have 3 units; it must have between 2 and 2
      -0.037879  add to C3  — breaks unit_load: unit U5 would serve 2 communities; it must serve between 1 and 1; breaks community_size: community C3 would have 3 units; it must have between 2 and 2
      -0.299351  take out of C2  — breaks unit_load: unit U5 would serve 0 communities; it must serve between 1 and 1; breaks community_size: community C2 would have 1 units; it must have between 2 and 2
      -0.316017  move C2 → C1  — breaks community_size: community C2 would have 1 units; it must have between 2 and 2; breaks community_size: community C1 would have 3 units; it must have between 2 and 2
      -0.320563  swap C2 ↔ C3 with U2  — breaks lead_not_allowed: community C3: unit U5 may not lead (column can_lead)
      -0.337229  move C2 → C3  — breaks community_size: community C2 would have 1 units; it must have between 2 and 2; breaks community_size: community C3 would have 3 units; it must have between 2 and 2
      -0.422078  swap C2 ↔ C1 with U1  — breaks lead_not_allowed: community C1: unit U5 may not lead (column can_lead)
    """
    static let englishDiff = """
    organizations  0 joined, 0 left, 2 moved, 2 changed role, 2 unchanged

    organization  change        before     after
    U1            moved         C1 (lead)  C1 (lead), C3
    U2            changed role  C3 (lead)  C3
    U3            moved         C2 (lead)  C1
    U6            changed role  C3         C3 (lead)

    community  joined  left  lead     role changed
    C1         U3
    C2                 U3    U3 → —
    C3         U1            U2 → U6  U2 U6
    """
    static let englishRepairs = """
    warning: start plan: removed unit U1 from community C1: unit U1 serves 2 communities in the start plan, more than max_communities 1
    warning: start plan: removed unit U1 from community C3: unit U1 serves 2 communities in the start plan, more than max_communities 1
    warning: start plan: added unit U1 to community C2: community C2 has 1 unit in the start plan, fewer than its minimum 2 (min_orgs)
    warning: start plan: removed unit U4 from community C1: community C1 has 3 units in the start plan, more than max_orgs 2
    warning: start plan: added unit U4 to community C2: community C2 has 1 unit in the start plan, fewer than its minimum 2 (min_orgs)
    warning: start plan: removed unit U5 from community C2: the unit is needed in community C1 (see there)
    warning: start plan: added unit U5 to community C1: moved from community C2 to meet another rule
    warning: start plan: community C1 is now led by unit U3 instead of unit U1: unit U1 no longer serves it (see above)
    warning: start plan: community C2 is now led by unit U1 instead of no unit: it had no lead unit in the start plan
    warning: start plan: community C3 is now led by unit U2 instead of unit U6: unit U6 led it but may not lead (column can_lead)
    """
}
