import Foundation
import PropertyBased
import Testing
import WorkbookFixtures
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Random damage to a valid sheet part never crashes the workbook XML scanner: every mutant is
/// either read (with balanced start and end events) or refused with an error inside the part, and
/// the sheet reader behind it ends in records or an input error naming the workbook.
@Suite struct XMLScannerPropertyTests {
    /// A sheet part using every construct the scanner reads: declaration, namespace prefixes,
    /// attributes in both quotes, shared and inline strings, references, CDATA, comments, a PI.
    static let sheet: [UInt8] = {
        var xml = TestWorkbook.sheetXML([
            [.inline("id"), .inline("name"), .inline("strength"), .inline("can_lead")],
            [.inline("u1"), .inline("单位 <一> & \"二\""), .number("4"), .bool(true)],
            [.shared(0), .empty, .number("1E-3"), .bool(false)],
        ])
        xml = xml.replacingOccurrences(of: "<sheetData>", with: "<!-- rows --><?mso-application progid=\"Excel\"?><sheetData>")
        xml = xml.replacingOccurrences(of: "<t xml:space=\"preserve\">u1</t>",
                                       with: "<x:t xmlns:x='urn:x' xml:space='preserve'>u&#x31;<![CDATA[<&>]]></x:t>")
        return Array(xml.utf8)
    }()

    /// Pieces of XML syntax inserted by the mutations, so that mutants reach deep into the scanner.
    static let tokens: [[UInt8]] = ["<", ">", "/>", "</", "&", ";", "&amp;", "&#x", "&#", "\"", "'", "=", ":", " ", "\r", "\n",
                                    "<!--", "-->", "--", "<![CDATA[", "]]>", "<?", "?>", "<!DOCTYPE", "<a>", "</a>", "<row>"]
        .map { Array($0.utf8) } + [[0x00], [0xE9, 0x9C], [0xFF], [0xEF, 0xBF, 0xBE], [0xED, 0xA0, 0x80], [0xC0, 0x80]]

    /// `count` random mutations of `bytes`: byte changes, token insertions, deletions, duplicated
    /// slices, truncations.
    static func mutate(_ bytes: [UInt8], _ count: Int, _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<count where !bytes.isEmpty {
            let at = Int.random(in: 0 ..< bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &random) ?? [], at: at)
            case 2: bytes.removeSubrange(at ..< min(bytes.count, at + Int.random(in: 1...16, using: &random)))
            case 3:
                let slice = bytes[at ..< min(bytes.count, at + Int.random(in: 1...64, using: &random))]
                bytes.insert(contentsOf: Array(slice), at: Int.random(in: 0 ... bytes.count, using: &random))
            default: bytes.removeSubrange(at...)
            }
        }
        return bytes
    }

    /// Counts events and checks that each end closes the innermost open element.
    final class Balance: WorkbookXMLHandler {
        var open: [String] = []
        var mismatched = false
        var events = 0
        func start(_ name: String, _ attributes: [String: String]) {
            open.append(name)
            events += 1
        }
        func end(_ name: String) {
            mismatched = mismatched || open.popLast() != name
            events += 1
        }
        func text(_ text: String) { events += 1 }
    }

    @Test func theSheetItselfIsRead() throws {
        let balance = Balance()
        try XMLScanner.scan(Self.sheet, handler: balance)
        #expect(balance.open.isEmpty && !balance.mismatched)
        let records = try reader().read(Data(Self.sheet))
        #expect(records.map { $0.fields.map(\.text) } == [["id", "name", "strength", "can_lead"],
                                                            ["u1<&>", "单位 <一> & \"二\"", "4", "true"],
                                                            ["共享", "", "0.001", "false"]])
    }

    @Test func mutatedSheetsAreReadOrRefusedNeverCrash() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...Int(UInt32.max)), Gen.int(in: 1...6)) { seed, count in
            var random = SeededGenerator(seed: UInt64(seed))
            let bytes = Self.mutate(Self.sheet, count, &random)
            let balance = Balance()
            do throws(XMLScanner.Failure) {
                try XMLScanner.scan(bytes, handler: balance)
                #expect(balance.open.isEmpty && !balance.mismatched && balance.events > 0, "seed \(seed)")
            } catch {
                switch error {
                case .syntax(let syntax):
                    #expect((0...bytes.count).contains(syntax.offset) && !syntax.reason.isEmpty, "seed \(seed)")
                    #expect(!balance.mismatched, "seed \(seed)")
                case .handler(let error): Issue.record("seed \(seed): the handler never throws, yet \(error)")
                }
            }
            do throws(InputError) {
                _ = try reader().read(Data(bytes))
            } catch {
                #expect(error.location.workbook == "w.xlsx", "seed \(seed): \(error)")
                #expect(error.location.file.isEmpty || error.location.line >= 1 && error.location.column >= 1,
                        "seed \(seed): \(error)")
            }
        }
    }

    /// Found by the property above: a cell outside any row (a mutant without its `<row>` tag) was
    /// reported at row 0 of the sheet (`单位!A0`); it is a damaged part, located at the workbook.
    @Test func cellOutsideARowIsADamagedPart() {
        let xml = "<worksheet><sheetData><c r=\"A1\"><v>1</v></c><row r=\"1\"><c><v>2</v></c></row><c><v>3</v></c></sheetData></worksheet>"
        #expect(throws: InputError.self) { try reader().read(Data(xml.utf8)) }
        do {
            _ = try reader().read(Data(xml.utf8))
        } catch {
            #expect(error.description == "w.xlsx: damaged workbook: xl/worksheets/sheet1.xml has a cell outside a row")
        }
        let after = "<worksheet><sheetData><row r=\"1\"><c><v>2</v></c></row><c><v>3</v></c></sheetData></worksheet>"
        #expect(throws: InputError.self) { try reader().read(Data(after.utf8)) }
    }

    private func reader() -> WorksheetReader {
        WorksheetReader(sheet: "单位", part: "xl/worksheets/sheet1.xml", place: WorkbookPlace(workbook: "w.xlsx"),
                        limits: .standard, sharedStrings: ["共享"], budget: WorksheetReader.CellBudget(10_000))
    }
}
