import Foundation
import WorkbookFixtures
import XCTest

/// `alliance check` on workbooks that crashed the reader when it used Foundation's `XMLParser`:
/// now an input error (status 1) naming the workbook and the damaged part, never a signal.
final class HostileWorkbookCheckTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws { scratch = try CommandRunner.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// Runs `alliance check` on `book` and checks the status and the one error line.
    private func assertCheckRefuses(_ book: URL, with message: String, line: UInt = #line) throws {
        let result = try CommandRunner.run(["check", book.path])
        XCTAssertEqual(result.status, 1, "status 1 (input error), not a crash:\n\(result.stderr)", line: line)
        XCTAssertTrue(result.stderr.split(separator: "\n").contains { $0.hasPrefix("\(book.path): \(message)") },
                      "expected '\(book.path): \(message)':\n\(result.stderr)", line: line)
    }

    /// The fuzzer's finding (fuzz/findings/workbook-xmlparser-crash.xlsx, copied to Tests/Findings):
    /// the input template with damaged deflate streams. Its shared strings inflate to bytes that do not
    /// match the entry's CRC-32, and held an element name cut inside a UTF-8 sequence, on which
    /// `XMLParser` trapped (exit 132). The checksum is now compared first.
    func testFuzzFindingIsAnInputError() throws {
        let finding = CommandRunner.root.appendingPathComponent("Tests/Findings/workbook-xmlparser-crash.xlsx")
        let book = scratch.appendingPathComponent("finding.xlsx")
        try FileManager.default.copyItem(at: finding, to: book)
        try assertCheckRefuses(book, with: "damaged workbook: xl/sharedStrings.xml does not match its checksum (CRC-32)")
    }

    /// The construct itself, in a workbook with correct checksums, reaches the XML scanner.
    func testElementNameThatIsNotUTF8IsAnInputError() throws {
        var parts = try TestWorkbook.fromLists(try TestWorkbook.lists(in: CommandRunner.root.appendingPathComponent("models/examples/tiny")))
        parts["xl/sharedStrings.xml"] = Data(Array("<sst><si><t>a</t></si><".utf8) + [0xE9, 0x9C] + Array("/></sst>".utf8))
        let book = scratch.appendingPathComponent("lists.xlsx")
        try TestWorkbook.zip(parts, to: book)
        try assertCheckRefuses(book, with: "damaged workbook: xl/sharedStrings.xml is not well-formed XML at line 1, column 24 "
            + "(byte 0xE9 starts a UTF-8 sequence that byte 0x2F breaks)")
    }
}
