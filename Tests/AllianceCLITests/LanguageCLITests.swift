import Foundation
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
}
