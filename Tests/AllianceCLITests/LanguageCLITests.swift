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
}
