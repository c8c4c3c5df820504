import Foundation
import XCTest

/// The shell completion scripts the README tells users to install: each shell's script is
/// generated, and it completes the fixed values (strategies, encodings, export formats) and
/// offers files where a path is expected.
final class CompletionTests: XCTestCase {
    func testCompletionScriptsCompleteValuesAndPaths() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try CommandRunner.run(["--generate-completion-script", shell])
            XCTAssertEqual(result.status, 0, "\(shell): \(result.stderr)")
            let script = result.stdout
            for value in ["lp-round", "street", "gb18030", "mathprog", "mps"] {
                XCTAssertTrue(script.contains(value), "\(shell): no completion offers \(value)")
            }
            for option in ["time-limit", "max-distance-km", "pin-community", "json"] {
                XCTAssertTrue(script.contains(option), "\(shell): --\(option) is not completed")
            }
        }
        // Paths: zsh completes --plan and --previous with files (of the .csv extension).
        let zsh = try CommandRunner.run(["--generate-completion-script", "zsh"]).stdout
        XCTAssertTrue(zsh.contains("_files -g") || zsh.contains("_files"), "zsh offers no files")
        XCTAssertTrue(zsh.contains("csv"), "zsh does not narrow plan files to .csv")
        XCTAssertTrue(zsh.contains("_files -/") || zsh.contains("_path_files -/"), "zsh offers no folders for --out")
    }
}
