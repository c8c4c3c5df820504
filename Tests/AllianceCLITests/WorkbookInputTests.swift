import AllianceKit
import Foundation
import WorkbookFixtures
import XCTest

/// The command line given the same lists as UTF-8 CSV, GB18030 CSV and an `.xlsx` workbook, and
/// given hostile workbooks: the same plan bytes, or an input error and nothing written.
final class WorkbookInputTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws { scratch = try CommandRunner.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    private func example(_ name: String) -> URL {
        CommandRunner.root.appendingPathComponent("models/examples/\(name)")
    }

    /// The lists of `name` as GB18030 CSV files in a new folder.
    private func gb18030Folder(_ name: String) throws -> URL {
        let folder = scratch.appendingPathComponent("\(name)-gb18030")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in try TestWorkbook.lists(in: example(name)) {
            try TestWorkbook.gb18030(text).write(to: folder.appendingPathComponent(file))
        }
        return folder
    }

    /// The lists of `name` as a workbook `lists.xlsx` in a new folder.
    private func workbook(_ name: String) throws -> URL {
        let folder = scratch.appendingPathComponent("\(name)-xlsx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("lists.xlsx")
        try TestWorkbook.zip(try TestWorkbook.fromLists(try TestWorkbook.lists(in: example(name))), to: url)
        return url
    }

    private func solve(_ input: URL, strategy: String, out: URL?, extra: [String] = []) throws -> CommandResult {
        var arguments = ["solve", input.path, "--strategy", strategy, "--no-timings", "--time-limit", "120"]
        if let out { arguments += ["--out", out.path] }
        let result = try CommandRunner.run(arguments + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    /// UTF-8 CSV, GB18030 CSV and a workbook (numbers stored with binary noise and in exponent
    /// form, shared and inline strings, sparse rows) give byte-identical plan.csv and communities.csv.
    func testSameListsInEveryFormGiveTheSamePlan() throws {
        for (name, strategy) in [("tiny", "exact"), ("caofeidian", "greedy")] {
            let utf8Out = scratch.appendingPathComponent("\(name)-utf8-plan")
            let utf8 = try solve(example(name), strategy: strategy, out: utf8Out)
            XCTAssertFalse(utf8.stderr.contains("note:"), utf8.stderr)

            let gbFolder = try gb18030Folder(name)
            let gb = try solve(gbFolder, strategy: strategy, out: nil)
            XCTAssertTrue(gb.stderr.contains("note: \(gbFolder.path)/organizations.csv was read as GB18030"), gb.stderr)
            let utf8Forced = try CommandRunner.run(["check", gbFolder.path, "--encoding", "utf8"])
            XCTAssertEqual(utf8Forced.status, 1, "GB18030 bytes are not UTF-8")
            XCTAssertTrue(utf8Forced.stderr.contains("file is not UTF-8"), utf8Forced.stderr)

            let book = try workbook(name)
            let fromBook = try solve(book, strategy: strategy, out: nil)
            let bookOut = book.deletingLastPathComponent().appendingPathComponent("plan")
            XCTAssertTrue(fromBook.stdout.contains("plan.csv"), fromBook.stdout)

            for file in ["plan.csv", "communities.csv"] {
                let expected = try Data(contentsOf: utf8Out.appendingPathComponent(file))
                XCTAssertEqual(try Data(contentsOf: gbFolder.appendingPathComponent("plan/\(file)")), expected, "\(name) \(file) GB18030")
                XCTAssertEqual(try Data(contentsOf: bookOut.appendingPathComponent(file)), expected, "\(name) \(file) xlsx (plan/ beside it)")
            }
        }
    }

    /// CSV outputs start with a UTF-8 byte order mark (for Excel) unless --no-bom, and are otherwise
    /// the same; a plan with the mark reads back as `--previous` and in `evaluate`.
    func testCSVOutputsCarryAByteOrderMark() throws {
        let withMark = scratch.appendingPathComponent("bom"), without = scratch.appendingPathComponent("nobom")
        _ = try solve(example("tiny"), strategy: "greedy", out: withMark)
        _ = try solve(example("tiny"), strategy: "greedy", out: without, extra: ["--no-bom"])
        let mark = Data([0xEF, 0xBB, 0xBF])
        for file in ["plan.csv", "communities.csv"] {
            let a = try Data(contentsOf: withMark.appendingPathComponent(file))
            let b = try Data(contentsOf: without.appendingPathComponent(file))
            XCTAssertEqual(a.prefix(3), mark, file)
            XCTAssertNotEqual(b.prefix(3), mark, file)
            XCTAssertEqual(a.dropFirst(3), b, file)
        }
        XCTAssertEqual(try Data(contentsOf: withMark.appendingPathComponent("plan.json")),
                       try Data(contentsOf: without.appendingPathComponent("plan.json")))
        let evaluate = try CommandRunner.run(["evaluate", example("tiny").path, "--plan",
                                              withMark.appendingPathComponent("plan.csv").path])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let compareOut = scratch.appendingPathComponent("compare")
        let compare = try CommandRunner.run(["compare", example("tiny").path, "--strategies", "greedy", "--out", compareOut.path])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertEqual(try Data(contentsOf: compareOut.appendingPathComponent("compare.csv")).prefix(3), mark)
    }

    func testCheckExportAndEvaluateTakeAWorkbook() throws {
        let book = try workbook("tiny")
        let check = try CommandRunner.run(["check", book.path])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("pre-checks    passed"), check.stdout)
        let data = scratch.appendingPathComponent("tiny.dat")
        let export = try CommandRunner.run(["export", book.path, "--format", "mathprog", "--out", data.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let fromCSV = scratch.appendingPathComponent("tiny-csv.dat")
        _ = try CommandRunner.run(["export", example("tiny").path, "--format", "mathprog", "--out", fromCSV.path])
        XCTAssertEqual(try String(contentsOf: data, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") },
                       try String(contentsOf: fromCSV, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") })
        let plan = scratch.appendingPathComponent("plan")
        _ = try solve(book, strategy: "greedy", out: plan)
        let evaluate = try CommandRunner.run(["evaluate", book.path, "--plan", plan.appendingPathComponent("plan.csv").path])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
    }

    // MARK: - Errors: status 1, the error class, nothing written

    /// Solves `book` into an output folder holding an earlier plan and checks the status, that an
    /// error line contains `message` (and starts with `location` when given), and that the folder is unchanged.
    private func assertRefused(_ book: URL, message: String, location: String? = nil, line: UInt = #line) throws {
        let out = try EarlierPlan(in: scratch)
        let result = try CommandRunner.run(["solve", book.path, "--out", out.folder.path, "--quiet"])
        XCTAssertEqual(result.status, 1, result.stderr, line: line)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertTrue(lines.contains { line in
                          line.contains(message) && (location.map { line.hasPrefix("\(book.path)\($0): ") } ?? true)
                      },
                      "expected '\(message)' at \(location ?? "the workbook"):\n\(result.stderr)", line: line)
        XCTAssertTrue(result.stderr.contains("nothing was written"), line: line)
        try out.assertUnchanged(line: line)
    }

    private func tinyParts() throws -> [String: Data] {
        try TestWorkbook.fromLists(try TestWorkbook.lists(in: example("tiny")))
    }

    private func zipped(_ parts: [String: Data], _ name: String = "lists.xlsx") throws -> URL {
        let url = scratch.appendingPathComponent(UUID().uuidString).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestWorkbook.zip(parts, to: url)
        return url
    }

    func testBadNumberIsReportedAtSheetAndCell() throws {
        var lists = try TestWorkbook.lists(in: example("tiny"))
        let organizations = try XCTUnwrap(lists["organizations.csv"])
        XCTAssertTrue(organizations.contains("\nU2,区人民医院,事业,3,"))
        // U2 (row 3 of 单位) gets the strength 三 in column D.
        lists["organizations.csv"] = organizations.replacingOccurrences(of: "\nU2,区人民医院,事业,3,", with: "\nU2,区人民医院,事业,三,")
        try assertRefused(try zipped(try TestWorkbook.fromLists(lists)), message: "expected a number, found '三'",
                          location: ":单位!D3")
    }

    func testMissingSheet() throws {
        var lists = try TestWorkbook.lists(in: example("tiny"))
        lists["needs.csv"] = nil
        try assertRefused(try zipped(try TestWorkbook.fromLists(lists)),
                          message: "no sheet for needs.csv: expected a sheet named one of needs, needs.csv, 需求", location: "")
    }

    func testNotAZipTruncatedAndMissingParts() throws {
        let notZip = scratch.appendingPathComponent("fake.xlsx")
        try Data("id,name\n".utf8).write(to: notZip)
        try assertRefused(notZip, message: "not an .xlsx workbook")

        let truncated = try zipped(try tinyParts())
        let data = try Data(contentsOf: truncated)
        try data.prefix(data.count - 30).write(to: truncated)
        try assertRefused(truncated, message: "damaged or truncated workbook")

        var parts = try tinyParts()
        parts["xl/workbook.xml"] = nil
        try assertRefused(try zipped(parts), message: "the archive has no xl/workbook.xml")

        parts = try tinyParts()
        parts["xl/worksheets/sheet2.xml"] = Data(TestWorkbook.sheetXML([[.shared(0)], [.shared(5000)]]).utf8)
        try assertRefused(try zipped(parts), message: "refers to shared string 5000, but the workbook has only",
                          location: ":社区!A2")
    }

    /// A highly compressible entry larger than the per-part limit (100 MB), declared honestly.
    func testZipBombIsRefused() throws {
        let book = try zipped(try tinyParts())
        try TestWorkbook.addZeros("xl/media/image1.png", size: 150 << 20, to: book)
        XCTAssertLessThan(try Data(contentsOf: book).count, 1 << 20, "the bomb is small on disk")
        try assertRefused(book, message: "refused: xl/media/image1.png would expand to 157286400 bytes")
    }

    func testBillionLaughsIsRefused() throws {
        var parts = try tinyParts()
        var doctype = "<!DOCTYPE sst [<!ENTITY l0 \"ha\">"
        for level in 1...12 { doctype += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        parts["xl/sharedStrings.xml"] = Data(("<?xml version=\"1.0\"?>" + doctype + "]><sst><si><t>&l12;</t></si></sst>").utf8)
        try assertRefused(try zipped(parts), message: "refused: xl/sharedStrings.xml contains a document type or entity declaration")
    }

    func testExternalEntityIsRefused() throws {
        var parts = try tinyParts()
        parts["xl/worksheets/sheet2.xml"] = Data(("<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>").utf8)
        try assertRefused(try zipped(parts), message: "refused: xl/worksheets/sheet2.xml contains a document type or entity declaration")
    }

    func testTooManyRowsIsRefused() throws {
        var parts = try tinyParts()
        var xml = "<worksheet><sheetData>"
        xml.reserveCapacity(6_000_000)
        for row in 1...100_001 { xml += "<row><c t=\"inlineStr\"><is><t>C\(row)</t></is></c></row>" }
        parts["xl/worksheets/sheet2.xml"] = Data((xml + "</sheetData></worksheet>").utf8)
        try assertRefused(try zipped(parts), message: "refused: sheet '社区' has more than 100000 rows")
    }
}
