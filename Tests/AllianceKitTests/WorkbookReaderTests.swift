import Foundation
import WorkbookFixtures
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Reading the lists from an `.xlsx` workbook: the same instance as from the CSV files, errors at
/// `sheet!cell`, and every hostile workbook refused with the limit it hit.
final class WorkbookReaderTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws { scratch = try Fixtures.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    private static let lists: [String: String] = [
        "communities.csv": "id,name,strength\nA,甲社区,1\nB,乙社区,2\n",
        "organizations.csv": "id,name,strength,can_lead\nu1,单位一,4,true\nu2,单位二,2,true\nu3,单位三,2,false\n",
        "needs.csv": "community_id,category,amount,priority\nA,就业帮扶,2,1\nB,养老服务,3,2\n",
        "resources.csv": "org_id,category,amount\nu1,就业帮扶,3\nu2,养老服务,1\nu3,养老服务,2\n",
    ]

    private func workbook(_ parts: [String: Data], name: String = "lists.xlsx") throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try TestWorkbook.zip(parts, to: url)
        return url
    }

    /// The instance without source locations, which differ between CSV and workbook by design.
    private func withoutSources(_ instance: Instance) -> Instance {
        var copy = instance
        for i in copy.communities.indices { copy.communities[i].source = nil }
        for i in copy.organizations.indices { copy.organizations[i].source = nil }
        for i in copy.needs.indices { copy.needs[i].source = nil }
        for i in copy.resources.indices { copy.resources[i].source = nil }
        for i in copy.projects.indices { copy.projects[i].source = nil }
        for i in copy.pairs.indices { copy.pairs[i].source = nil }
        copy.warnings = []
        return copy
    }

    /// The standard limits with one changed.
    private func limited(_ change: (inout WorkbookLimits) -> Void) -> WorkbookLimits {
        var limits = WorkbookLimits()
        change(&limits)
        return limits
    }

    private func assertSameLists(_ a: Instance, _ b: Instance, _ name: String, line: UInt = #line) {
        XCTAssertEqual(a.communities, b.communities, name, line: line)
        XCTAssertEqual(a.organizations, b.organizations, name, line: line)
        XCTAssertEqual(a.needs, b.needs, name, line: line)
        XCTAssertEqual(a.resources, b.resources, name, line: line)
        XCTAssertEqual(a.projects, b.projects, name, line: line)
        XCTAssertEqual(a.pairs, b.pairs, name, line: line)
        XCTAssertFalse(a.organizations.isEmpty, name, line: line)
    }

    private func assertErrors(_ url: URL, limits: WorkbookLimits = .standard, contain expected: String,
                              at location: String? = nil, line: UInt = #line) {
        XCTAssertThrowsError(try InstanceReader.read(workbook: url, limits: limits), line: line) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertTrue(errors.contains { $0.message.contains(expected) }, "expected '\(expected)' in \(errors)", line: line)
            if let location {
                XCTAssertTrue(errors.contains { $0.location.description == location && $0.message.contains(expected) },
                              "expected it at \(location): \(errors)", line: line)
            }
        }
    }

    // MARK: - Well-formed workbooks

    /// The example lists as a workbook (numbers with binary noise and in exponent form, shared and
    /// inline strings, booleans, sparse rows, an extra sheet) read to the same instance as the CSV files.
    func testExampleWorkbooksReadLikeTheirCSVFiles() throws {
        for name in ["tiny", "tiny-groups", "caofeidian", "guye"] {
            let folder = Fixtures.example(name)
            let fromCSV = try InstanceReader.read(folder: folder)
            let url = try workbook(try TestWorkbook.fromLists(try TestWorkbook.lists(in: folder)), name: "\(name).xlsx")
            let fromWorkbook = try InstanceReader.read(workbook: url)
            assertSameLists(withoutSources(fromWorkbook), withoutSources(fromCSV), name)
            XCTAssertEqual(fromWorkbook.needs.first?.source?.description, "\(name).xlsx:needs!A2")
            XCTAssertEqual(fromWorkbook.organizations.last?.source?.description,
                           "\(name).xlsx:单位!A\(fromCSV.organizations.count + 1)")
        }
    }

    func testNumbersReadAsExcelShowsThem() {
        let cases = ["3.0000000000000004": "3", "1E-3": "0.001", "0.30000000000000004": "0.3", "-0": "0",
                     "2.5": "2.5", "1.0000000000000000E+02": "100", "12345678": "12345678", "abc": "abc"]
        for (stored, shown) in cases {
            XCTAssertEqual(WorksheetReader.numberText(stored), shown, stored)
            if let value = CSVValue.number(shown) {
                XCTAssertEqual(value, CSVValue.number(WorksheetReader.numberText(stored)))
            }
        }
    }

    func testCellReferencesRoundTrip() {
        XCTAssertEqual(CellReference.letters(1), "A")
        XCTAssertEqual(CellReference.letters(26), "Z")
        XCTAssertEqual(CellReference.letters(27), "AA")
        XCTAssertEqual(CellReference.letters(16_384), "XFD")
        for column in 1...CellReference.maxColumn {
            let parsed = CellReference.parse(CellReference.name(row: 7, column: column))
            XCTAssertTrue(parsed?.row == 7 && parsed?.column == column, "\(column)")
        }
        XCTAssertNil(CellReference.parse("XFE1"))
        XCTAssertNil(CellReference.parse("A0"))
        XCTAssertNil(CellReference.parse("12"))
        XCTAssertNil(CellReference.parse("A1B"))
        XCTAssertEqual(SourceLocation(file: "单位", line: 12, column: 3, workbook: "l.xlsx").description, "l.xlsx:单位!C12")
        XCTAssertEqual(SourceLocation(file: "my list", line: 1, column: 1, workbook: "l.xlsx").description, "l.xlsx:'my list'!A1")
        XCTAssertEqual(SourceLocation(file: "needs.csv", line: 3, column: 1).description, "needs.csv:3:1")
    }

    // MARK: - Errors at sheet!cell

    func testBadNumberIsLocatedAtItsCell() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        // 单位 is the third sheet (after 说明 and 社区): strength of u2 becomes text.
        let sheet = TestWorkbook.sheetXML([
            [.inline("id"), .inline("name"), .inline("strength"), .inline("can_lead")],
            [.inline("u1"), .inline("单位一"), .number("4"), .bool(true)],
            [.inline("u2"), .inline("单位二"), .inline("strong"), .bool(true)],
            [.inline("u3"), .empty, .number("2"), .bool(false)],
        ])
        parts["xl/worksheets/sheet3.xml"] = Data(sheet.utf8)
        assertErrors(try workbook(parts), contain: "expected a number, found 'strong'", at: "lists.xlsx:单位!C3")
    }

    /// A strength typed full-width in the workbook (as text, the way a Chinese input method enters
    /// it) is read as the number, and one warning names the cell with what was typed.
    func testFullWidthNumbersAreReadAndNamedOnce() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        let sheet = TestWorkbook.sheetXML([
            [.inline("id"), .inline("name"), .inline("strength"), .inline("can_lead")],
            [.inline("u1"), .inline("单位一"), .inline("４"), .bool(true)],
            [.inline("u2"), .inline("单位二"), .inline("２．５"), .bool(true)],
            [.inline("u3"), .empty, .number("2"), .bool(false)],
        ])
        parts["xl/worksheets/sheet3.xml"] = Data(sheet.utf8)
        let instance = try InstanceReader.read(workbook: try workbook(parts))
        XCTAssertEqual(instance.organizations.map(\.strength), [4, 2.5, 2])
        let warnings = instance.warnings.filter { $0.contains("full-width") }
        XCTAssertEqual(warnings, ["2 number cells were typed with full-width characters (as a Chinese input method writes "
                                  + "them) and read as half-width numbers: lists.xlsx:单位!C2 '４', lists.xlsx:单位!C3 '２．５'"])
    }

    /// A title row above the header (社区清单, merged across the columns in Excel) is skipped.
    func testTitleRowAboveTheHeaderIsSkipped() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        let sheet = TestWorkbook.sheetXML([
            [.inline("社区清单（2026年）")],
            [],
            [.inline("编号"), .inline("名称"), .inline("力量")],
            [.inline("A"), .inline("甲社区"), .number("1")],
            [.inline("B"), .inline("乙社区"), .inline("两")],
        ])
        parts["xl/worksheets/sheet2.xml"] = Data(sheet.utf8)
        assertErrors(try workbook(parts), contain: "expected a number, found '两'", at: "lists.xlsx:社区!C5")
        parts["xl/worksheets/sheet2.xml"] = Data(sheet.replacingOccurrences(of: "两", with: "2").utf8)
        let instance = try InstanceReader.read(workbook: try workbook(parts))
        XCTAssertEqual(instance.communities.map(\.id), ["A", "B"])
        XCTAssertEqual(instance.communities.first?.source?.description, "lists.xlsx:社区!A4")
        XCTAssertTrue(instance.warnings.contains("lists.xlsx:社区!A1: rows above row 3, which names the columns, were skipped as a title"),
                      "\(instance.warnings)")
    }

    func testSkippedCellIsMissingAtItsOwnCell() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        // needs is the fourth sheet; row 3 has no category (column B skipped).
        let sheet = TestWorkbook.sheetXML([
            [.inline("community_id"), .inline("category"), .inline("amount")],
            [.inline("A"), .inline("就业帮扶"), .number("2")],
            [.inline("B"), .empty, .number("3")],
        ])
        parts["xl/worksheets/sheet4.xml"] = Data(sheet.utf8)
        assertErrors(try workbook(parts), contain: "missing category", at: "lists.xlsx:needs!B3")
    }

    func testUnknownReferenceNamesTheSheet() throws {
        var lists = Self.lists
        lists["needs.csv"] = "community_id,category,amount\nZ,就业帮扶,2\n"
        assertErrors(try workbook(try TestWorkbook.fromLists(lists)), contain: "unknown community 'Z' (not in 社区)",
                     at: "lists.xlsx:needs!A2")
    }

    func testMissingSheetNamesTheExpectedNames() throws {
        var lists = Self.lists
        lists["resources.csv"] = nil
        assertErrors(try workbook(try TestWorkbook.fromLists(lists)),
                     contain: "no sheet for resources.csv: expected a sheet named one of resources, resources.csv, 资源",
                     at: "lists.xlsx")
    }

    func testTwoSheetsForOneList() throws {
        let base = try TestWorkbook.fromLists(Self.lists)
        let sheets = [("社区", String(decoding: base["xl/worksheets/sheet2.xml"]!, as: UTF8.self)),
                      ("Communities", String(decoding: base["xl/worksheets/sheet2.xml"]!, as: UTF8.self))]
        let parts = TestWorkbook.parts(sheets: sheets, sharedStrings: String(decoding: base["xl/sharedStrings.xml"]!, as: UTF8.self))
        assertErrors(try workbook(parts), contain: "sheets '社区' and 'Communities' both hold communities.csv")
    }

    func testMissingSharedStringIndex() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/worksheets/sheet2.xml"] = Data(TestWorkbook.sheetXML([[.shared(0)], [.shared(99_999)]]).utf8)
        assertErrors(try workbook(parts), contain: "refers to shared string 99999, but the workbook has only",
                     at: "lists.xlsx:社区!A2")
    }

    // MARK: - Damaged and hostile workbooks

    func testNotAZip() throws {
        let url = scratch.appendingPathComponent("lists.xlsx")
        try Data("id,name\nA,甲\n".utf8).write(to: url)
        assertErrors(url, contain: "not an .xlsx workbook")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)).write(to: url)
        assertErrors(url, contain: "old-style .xls workbook or a password-protected one")
    }

    func testTruncatedZip() throws {
        let url = try workbook(try TestWorkbook.fromLists(Self.lists))
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        assertErrors(url, contain: "damaged or truncated workbook")
    }

    func testMissingWorkbookPart() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/workbook.xml"] = nil
        assertErrors(try workbook(parts), contain: "not an Excel workbook: the archive has no xl/workbook.xml")
    }

    func testMalformedXML() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/worksheets/sheet2.xml"] = Data("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"".utf8)
        assertErrors(try workbook(parts), contain: "is not well-formed XML")
    }

    /// "Billion laughs": nested entities that would expand to gigabytes are refused unexpanded.
    func testEntityExpansionIsRefused() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        var doctype = "<!DOCTYPE sst [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        doctype += "]>"
        parts["xl/sharedStrings.xml"] = Data(("<?xml version=\"1.0\"?>" + doctype
            + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>").utf8)
        assertErrors(try workbook(parts), contain: "refused: xl/sharedStrings.xml contains a document type or entity declaration")
    }

    /// An external entity (XXE) that would read a local file is refused, never loaded.
    func testExternalEntityIsRefused() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        let secret = scratch.appendingPathComponent("secret.txt")
        try Data("SECRET".utf8).write(to: secret)
        parts["xl/worksheets/sheet2.xml"] = Data(("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"\(secret.absoluteString)\">]>"
            + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>").utf8)
        assertErrors(try workbook(parts), contain: "refused: xl/worksheets/sheet2.xml contains a document type or entity declaration")
    }

    /// Behind the screening, the parser itself stops at an entity declaration and loads nothing.
    func testParserAloneLoadsNoEntity() throws {
        final class Texts: WorkbookXMLHandler {
            var text = ""
            func start(_ name: String, _ attributes: [String: String]) {}
            func end(_ name: String) {}
            func text(_ text: String) { self.text += text }
        }
        let secret = scratch.appendingPathComponent("secret.txt")
        try Data("SECRET".utf8).write(to: secret)
        let documents = [
            "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"\(secret.absoluteString)\">]><r><t>&xxe;</t></r>",
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r><t>&b;</t></r>",
        ]
        for document in documents {
            // Whether the parser reports the declaration (Apple's does, the Linux one may not), it
            // must neither load the file nor expand the entity.
            let texts = Texts()
            do {
                try WorkbookXML.parse(Data(document.utf8), part: "x.xml", place: WorkbookPlace(workbook: "w.xlsx"),
                                      handler: texts, screening: false)
            } catch {
                XCTAssertTrue(error.message.contains("refused: x.xml declares") || error.message.contains("not well-formed"),
                              "\(error)")
            }
            XCTAssertFalse(texts.text.contains("SECRET"))
            XCTAssertFalse(texts.text.contains("aaaa"))
        }
    }

    func testNonUTF8XMLIsRefused() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/workbook.xml"] = Data("<?xml version=\"1.0\" encoding=\"UTF-16\"?><workbook/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        assertErrors(try workbook(parts), contain: "is not UTF-8 XML")
        parts["xl/workbook.xml"] = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><workbook/>".utf8)
        assertErrors(try workbook(parts), contain: "declares an encoding other than UTF-8")
    }

    func testDeclaredSizesAreLimited() throws {
        let url = try workbook(try TestWorkbook.fromLists(Self.lists))
        try TestWorkbook.addZeros("xl/media/image1.png", size: 3 << 20, to: url)
        assertErrors(url, limits: limited { $0.maxEntryBytes = 2 << 20 }, contain: "refused: xl/media/image1.png would expand to 3145728 bytes")
        assertErrors(url, limits: limited { $0.maxTotalBytes = 3 << 20 }, contain: "refused: the workbook would expand to more than 3145728 bytes in total")
        assertErrors(url, limits: limited { $0.maxEntries = 5 }, contain: "refused: the workbook holds more than 5 files")
        XCTAssertNoThrow(try InstanceReader.read(workbook: url), "within the standard limits")
    }

    /// A zip bomb whose headers lie about its size is stopped by counting while inflating.
    func testInflatedBytesAreCountedWhileExtracting() throws {
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/worksheets/sheet2.xml"] = nil
        let url = try workbook(parts)
        let size = 3 << 20
        try TestWorkbook.addZeros("xl/worksheets/sheet2.xml", size: size, to: url)
        try lieAboutSize(url, size: size)
        assertErrors(url, limits: limited { $0.maxEntryBytes = 1 << 20 }, contain: "more than its header declares (a zip bomb)")
        assertErrors(url, limits: limited { $0.maxTotalBytes = 2 << 20 }, contain: "refused: the workbook expands to more than 2097152 bytes in total")
    }

    /// Rewrites every little-endian copy of `size` in the zip (the declared uncompressed size in the
    /// local header, the central directory and any data descriptor) to 100 bytes.
    private func lieAboutSize(_ url: URL, size: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let pattern = (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) }
        var replaced = 0
        for i in 0 ..< bytes.count - 4 where Array(bytes[i ..< i + 4]) == pattern {
            bytes.replaceSubrange(i ..< i + 4, with: [100, 0, 0, 0])
            replaced += 1
        }
        XCTAssertGreaterThanOrEqual(replaced, 2)
        try Data(bytes).write(to: url)
    }

    func testRowsCellsColumnsAndStringsAreLimited() throws {
        let rows: [[TestWorkbook.Cell]] = [[.inline("id"), .inline("name")]] + (1...50).map { [.inline($0 == 1 ? "A" : $0 == 2 ? "B" : "C\($0)"), .inline("社区")] }
        var parts = try TestWorkbook.fromLists(Self.lists)
        parts["xl/worksheets/sheet2.xml"] = Data(TestWorkbook.sheetXML(rows).utf8)
        let url = try workbook(parts)
        XCTAssertNoThrow(try InstanceReader.read(workbook: url))
        assertErrors(url, limits: limited { $0.maxRowsPerSheet = 50 }, contain: "refused: sheet '社区' has more than 50 rows")
        assertErrors(url, limits: limited { $0.maxCells = 80 }, contain: "refused: the sheets hold more than 80 cells in all")
        assertErrors(url, limits: limited { $0.maxStringLength = 3 }, contain: "longer than 3 characters")
        assertErrors(url, limits: limited { $0.maxSharedStrings = 2 }, contain: "refused: xl/sharedStrings.xml holds more than 2 strings")

        parts["xl/worksheets/sheet2.xml"] = Data(TestWorkbook.sheetXML([[.inline("id")], [.inline(String(repeating: "长", count: 40_000))]]).utf8)
        assertErrors(try workbook(parts), contain: "refused: the cell holds more than 32767 characters", at: "lists.xlsx:社区!A2")
        let far = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c>"
            + "<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>"
        parts["xl/worksheets/sheet2.xml"] = Data(far.utf8)
        assertErrors(try workbook(parts), contain: "refused: a value lies beyond column AMJ", at: "lists.xlsx:社区!XFD1")
    }

    // MARK: - Encodings

    func testGB18030IsDetectedAndDecoded() throws {
        let text = "id,name\nC1,惠丰社区\nC2,𠀀丰泽社区\n"
        let bytes = try TestWorkbook.gb18030(text)
        XCTAssertNotEqual(bytes, Data(text.utf8))
        let decoded = try CSVFileDecoder.decode(bytes, file: "t.csv", choice: .auto)
        XCTAssertEqual(decoded.text, text)
        XCTAssertEqual(decoded.encoding, .gb18030)
        XCTAssertEqual(try CSVFileDecoder.decode(bytes, file: "t.csv", choice: .gb18030).text, text)
        XCTAssertEqual(try CSVFileDecoder.decode(Data(text.utf8), file: "t.csv", choice: .auto).encoding, .utf8)
        XCTAssertThrowsError(try CSVFileDecoder.decode(bytes, file: "t.csv", choice: .utf8)) { error in
            XCTAssertEqual((error as? InputError)?.location.description, "t.csv:2:4")
        }
    }

    func testUndecodableBytesAreLocated() throws {
        // Line 2 "C1," then GBK 社区 (valid GB18030, not UTF-8), then 0xFF, which neither decodes.
        let bytes = Data(Array("id,name\nC1,".utf8) + [0xC9, 0xE7, 0xC7, 0xF8, 0xFF] + Array("\n".utf8))
        XCTAssertThrowsError(try CSVFileDecoder.decode(bytes, file: "t.csv", choice: .auto)) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.location.description, "t.csv:2:6", "after C1,社区")
            XCTAssertTrue(error?.message.contains("neither UTF-8 nor GB18030") == true, error?.message ?? "")
            XCTAssertTrue(error?.message.contains("line 2, column 4") == true, "names the first non-UTF-8 byte too")
            XCTAssertTrue(error?.message.contains("0xFF") == true)
        }
        XCTAssertThrowsError(try CSVFileDecoder.decode(Data([0x41, 0x81]), file: "t.csv", choice: .gb18030)) { error in
            XCTAssertEqual((error as? InputError)?.location.description, "t.csv:1:2", "a truncated sequence at the end")
        }
    }

    func testFolderOfGB18030FilesReadsLikeUTF8() throws {
        let folder = scratch.appendingPathComponent("gb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lists = try TestWorkbook.lists(in: Fixtures.example("tiny"))
        for (name, text) in lists { try TestWorkbook.gb18030(text).write(to: folder.appendingPathComponent(name)) }
        let read = try InstanceReader.load(folder)
        XCTAssertEqual(Set(read.encodings.values), [.gb18030])
        assertSameLists(read.instance, try InstanceReader.read(folder: Fixtures.example("tiny")), "tiny")
    }
}
