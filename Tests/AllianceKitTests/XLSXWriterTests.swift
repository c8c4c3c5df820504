import Foundation
import XCTest
@testable import XLSX

/// The libxlsxwriter wrapper: what it writes is read back by openpyxl, and what Excel would
/// refuse is refused with the sheet and cell named.
final class XLSXWriterTests: XCTestCase {
    private func sample() -> Workbook {
        var first = Sheet(name: "总览", frozenRows: 1)
        first.append([.text("社区", .header), .text("数量", .header), .text("占比", .header)])
        first.append([.text("锦绣社区"), .number(3), .number(0.125, CellStyle(numberFormat: "0.0%"))])
        first.append([.text("多行\n文本", CellStyle(wrap: true)), .empty, .number(-2.5e-7)])
        first.append([.empty, .number(123_456_789.25)])
        first.columnWidths = [12, 8.5, 20]
        let second = Sheet(name: "Sheet 2", rows: [[.text("a")], [], [.text("c"), .text("")]],
                           frozenRows: 2, frozenColumns: 1)
        return Workbook(sheets: [first, second], title: "标题", author: "tests")
    }

    func testRoundTripThroughOpenpyxl() throws {
        let read = try SpreadsheetReader.read(try XLSXWriter.data(for: sample()))
        XCTAssertEqual(read.sheets.map(\.name), ["总览", "Sheet 2"])
        XCTAssertEqual(read.title, "标题")
        XCTAssertEqual(read.created?.prefix(19), "2000-01-01T00:00:00")
        let first = try read.sheet("总览")
        XCTAssertEqual(first.freeze, "A2")
        XCTAssertEqual(first.rows, [
            [.text("社区"), .text("数量"), .text("占比")],
            [.text("锦绣社区"), .number(3), .number(0.125)],
            [.text("多行\n文本"), .empty, .number(-2.5e-7)],
            [.empty, .number(123_456_789.25)],
        ])
        XCTAssertEqual(first.formats[1][2], "0.0%")
        XCTAssertEqual(first.formats[1][1], "General")
        // Excel stores a width plus a small padding for the cell margins.
        for (letter, width) in zip(["A", "B", "C"], [12, 8.5, 20]) {
            XCTAssertEqual(try XCTUnwrap(first.widths[letter]), width, accuracy: 1, letter)
        }
        let second = try read.sheet("Sheet 2")
        XCTAssertEqual(second.freeze, "B3")
        XCTAssertEqual(second.rows, [[.text("a")], [], [.text("c")]])
    }

    /// Autofilter, dropdowns, number checks, input messages and conditional formats, as openpyxl
    /// reads them back.
    func testFiltersValidationsAndConditionalFormats() throws {
        var sheet = Sheet(name: "名单", rows: [[.text("编号", .header), .text("规则", .header), .text("数量", .header)],
                                             [.text("C1"), .text("固定"), .number(2)]], frozenRows: 1)
        sheet.autoFilter = CellRange(rows: 0...1, columns: 0...2)
        sheet.validations = [
            DataValidation(range: CellRange(row: 0, column: 0), rule: .any, inputTitle: "编号", inputMessage: "社区的唯一编号"),
            DataValidation(range: CellRange(rows: 1...99, columns: 1...1), rule: .list(["固定", "禁止", "优先"]),
                           inputTitle: "规则", inputMessage: "选一个", errorMessage: "只能是固定、禁止或优先", refuse: false),
            DataValidation(range: CellRange(rows: 1...99, columns: 2...2), rule: .decimal(minimum: 0, maximum: 10)),
            DataValidation(range: CellRange(rows: 1...99, columns: 0...0), rule: .listFrom(formula: "='名单'!$A$2:$A$100")),
        ]
        sheet.conditionalFormats = [
            ConditionalFormat(range: CellRange(rows: 1...99, columns: 2...2), rule: .notBetween(1, 3),
                              style: CellStyle(bold: true, fontColor: 0xC00000)),
            ConditionalFormat(range: CellRange(rows: 1...99, columns: 2...2), rule: .lessThan(1), style: CellStyle(fill: 0xFFE699)),
        ]
        let read = try SpreadsheetReader.read(try XLSXWriter.data(for: Workbook(sheets: [sheet])))
        let back = try read.sheet("名单")
        XCTAssertEqual(back.filter, "A1:C2")
        let byRange = Dictionary(grouping: back.validations, by: \.range)
        XCTAssertEqual(byRange["A1"]?.first?.prompt, "社区的唯一编号")
        XCTAssertNil(byRange["A1"]?.first?.type, "an input message only")
        XCTAssertEqual(byRange["B2:B100"]?.first?.type, "list")
        XCTAssertEqual(byRange["B2:B100"]?.first?.formula, "\"固定,禁止,优先\"")
        XCTAssertEqual(byRange["B2:B100"]?.first?.errorStyle, "warning")
        XCTAssertEqual(byRange["C2:C100"]?.first?.type, "decimal")
        XCTAssertEqual(byRange["A2:A100"]?.first?.formula, "'名单'!$A$2:$A$100")
        XCTAssertEqual(back.conditionals.map(\.op), ["notBetween", "lessThan"])
        XCTAssertEqual(back.conditionals.first?.formulas, ["1", "3"])
    }

    func testRefusesBadRules() {
        func with(_ change: (inout Sheet) -> Void) -> XLSXError? {
            var sheet = Sheet(name: "S", rows: [[.text("a")]])
            change(&sheet)
            return failure(Workbook(sheets: [sheet]))
        }
        let cell = CellRange(row: 1, column: 0)
        XCTAssertEqual(with { $0.autoFilter = CellRange(rows: 0...1_048_576, columns: 0...0) }?.kind, .invalidLayout)
        XCTAssertEqual(with { $0.validations = [DataValidation(range: cell, rule: .list([String](repeating: "很长的选项", count: 60)))] }?.kind,
                       .invalidLayout, "a list over 255 characters")
        XCTAssertEqual(with { $0.validations = [DataValidation(range: cell, rule: .list(["a,b"]))] }?.kind, .invalidLayout)
        XCTAssertEqual(with { $0.validations = [DataValidation(range: cell, rule: .any)] }?.kind, .invalidLayout,
                       "any value without a message says nothing")
        XCTAssertEqual(with { $0.validations = [DataValidation(range: cell, rule: .decimal(minimum: 2, maximum: 1))] }?.kind,
                       .invalidLayout)
        XCTAssertEqual(with { $0.validations = [DataValidation(range: cell, rule: .any, inputTitle: String(repeating: "题", count: 33),
                                                               inputMessage: "m")] }?.kind, .invalidLayout)
        XCTAssertEqual(with { $0.conditionalFormats = [ConditionalFormat(range: cell, rule: .lessThan(.nan), style: CellStyle(bold: true))] }?.kind,
                       .invalidLayout)
        XCTAssertEqual(with { $0.conditionalFormats = [ConditionalFormat(range: cell, rule: .lessThan(1), style: CellStyle(fontColor: 0x1000000))] }?.kind,
                       .invalidStyle)
    }

    func testSameWorkbookSameBytes() throws {
        let first = try XLSXWriter.data(for: sample())
        Thread.sleep(forTimeInterval: 1.1)  // a clock-dependent timestamp would now differ
        XCTAssertEqual(first, try XLSXWriter.data(for: sample()))
    }

    private func failure(_ workbook: Workbook) -> XLSXError? {
        do {
            _ = try XLSXWriter.data(for: workbook)
            return nil
        } catch {
            return error
        }
    }

    func testRefusesWhatExcelWouldRefuse() {
        func one(_ sheet: Sheet) -> Workbook { Workbook(sheets: [sheet]) }
        let cases: [(Workbook, XLSXError.Kind, String?)] = [
            (Workbook(sheets: []), .invalidLayout, nil),
            (one(Sheet(name: "")), .invalidSheetName, nil),
            (one(Sheet(name: "a/b")), .invalidSheetName, "a/b"),
            (one(Sheet(name: "'quoted")), .invalidSheetName, "'quoted"),
            (one(Sheet(name: String(repeating: "社", count: 32))), .invalidSheetName, String(repeating: "社", count: 32)),
            (Workbook(sheets: [Sheet(name: "名单"), Sheet(name: "Lists"), Sheet(name: "LISTS")]), .invalidSheetName, "LISTS"),
            (one(Sheet(name: "S", rows: [[.text("x"), .number(.nan)]])), .invalidCell, "S!B1"),
            (one(Sheet(name: "S", rows: [[], [], [.number(.infinity)]])), .invalidCell, "S!A3"),
            (one(Sheet(name: "S", rows: [[.text(String(repeating: "长", count: 32_768))]])), .invalidCell, "S!A1"),
            (one(Sheet(name: "S", rows: [[.text("a\0b")]])), .invalidCell, "S!A1"),
            (one(Sheet(name: "S", rows: [[.number(1, CellStyle(numberFormat: String(repeating: "0", count: 128)))]])),
             .invalidStyle, "S!A1"),
            (one(Sheet(name: "S", columnWidths: [10, 256])), .invalidLayout, "S"),
            (one(Sheet(name: "S", frozenRows: -1)), .invalidLayout, "S"),
        ]
        for (workbook, kind, location) in cases {
            let error = failure(workbook)
            XCTAssertEqual(error?.kind, kind, "\(workbook.sheets.map(\.name)): \(String(describing: error))")
            XCTAssertEqual(error?.location, location, String(describing: error))
        }
        // The limits themselves are accepted.
        let longest = Sheet(name: String(repeating: "社", count: 31),
                            rows: [[.text(String(repeating: "长", count: 32_767))]], columnWidths: [255])
        XCTAssertNil(failure(Workbook(sheets: [longest])))
    }

    func testAddressesAndDisplayWidths() {
        XCTAssertEqual(cellAddress(row: 0, column: 0), "A1")
        XCTAssertEqual(cellAddress(row: 9, column: 25), "Z10")
        XCTAssertEqual(cellAddress(row: 0, column: 26), "AA1")
        XCTAssertEqual(cellAddress(row: 0, column: 27), "AB1")
        XCTAssertEqual(cellAddress(row: 0, column: 701), "ZZ1")
        XCTAssertEqual(cellAddress(row: 0, column: 702), "AAA1")
        XCTAssertEqual(cellAddress(row: 1_048_575, column: 16_383), "XFD1048576")
        XCTAssertEqual(displayWidth("ab"), 2)
        XCTAssertEqual(displayWidth("社区ab"), 6)
        XCTAssertEqual(displayWidth("（１）"), 6)
        var sheet = Sheet(name: "S", rows: [[.text("锦绣社区"), .number(1)], [.text("x"), .empty, .text(String(repeating: "y", count: 99))]])
        sheet.fitColumnWidths(minimum: 5, maximum: 30, numberWidth: 10)
        XCTAssertEqual(sheet.columnWidths, [10, 12, 30])
    }
}
