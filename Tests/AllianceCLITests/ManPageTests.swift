import Foundation
import XCTest

/// docs/man/alliance.1 is generated from the help (scripts/generate-manual.sh); this fails when
/// the page falls behind: every subcommand, and every option its `--help` shows, must be on it.
final class ManPageTests: XCTestCase {
    static let subcommands = ["solve", "evaluate", "explain", "suggest", "check", "compare", "export", "claim",
                              "diff", "template", "serve"]

    func testTheManualPageHasEverySubcommandAndOption() throws {
        let page = try String(contentsOf: CommandRunner.root.appendingPathComponent("docs/man/alliance.1"), encoding: .utf8)
        // The page is mdoc: an option reads `Fl -time-limit` (the macro adds the first hyphen), and
        // roff may escape a hyphen as \- ; compare with the escapes removed and one hyphen dropped.
        let text = page.replacingOccurrences(of: "\\-", with: "-")
        let option = try NSRegularExpression(pattern: "--[a-z][a-z0-9-]*")
        for subcommand in Self.subcommands {
            XCTAssertTrue(text.contains(subcommand), "the manual page lacks `\(subcommand)`: run scripts/generate-manual.sh")
            let help = try CommandRunner.run([subcommand, "--help"])
            XCTAssertEqual(help.status, 0, help.stderr)
            let usage = help.stdout.components(separatedBy: "OPTIONS:").last ?? ""
            let names = Set(option.matches(in: usage, range: NSRange(usage.startIndex..., in: usage)).map {
                String(usage[Range($0.range, in: usage)!])
            })
            XCTAssertFalse(names.isEmpty, "\(subcommand) --help shows no options")
            for name in names.sorted() where !text.contains(String(name.dropFirst())) {
                XCTFail("the manual page lacks \(subcommand) \(name): run scripts/generate-manual.sh")
            }
        }
    }
}
