import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The CSV layer: parsing with exact positions, decoding, header mapping, typed cells, writing.
final class CSVParserTests: XCTestCase {
    private func parse(_ text: String) -> CSVParseResult { CSVParser.parse(text, file: "t.csv") }

    private func cells(_ text: String) -> [[String]] { parse(text).records.map { $0.fields.map(\.text) } }

    private func position(_ field: CSVField) -> String { "\(field.line):\(field.column)" }

    func testFieldsCarryLineAndColumn() {
        let records = parse("id,name\nC1,社区一\n").records
        XCTAssertEqual(records.map { $0.fields.map(position) }, [["1:1", "1:4"], ["2:1", "2:4"]])
        XCTAssertEqual(records[1].fields[1].text, "社区一")
    }

    func testColumnsCountCharactersNotBytes() {
        let records = parse("名称,力量,x\n社区一,3,7").records
        XCTAssertEqual(records[1].fields.map(position), ["2:1", "2:5", "2:7"])
    }

    func testUnquotedFieldsAreTrimmedAndPointAtTheirFirstCharacter() {
        let fields = parse("  a  ,\tb , ,c").records[0].fields
        XCTAssertEqual(fields.map(\.text), ["a", "b", "", "c"])
        XCTAssertEqual(fields.map(position), ["1:3", "1:8", "1:11", "1:13"])
    }

    func testQuotedFieldsKeepCommasQuotesAndSpaces() {
        let fields = parse("x, \"a,b\" ,\"say \"\"hi\"\"\",\" pad \"").records[0].fields
        XCTAssertEqual(fields.map(\.text), ["x", "a,b", "say \"hi\"", " pad "])
        XCTAssertEqual(fields.map(position), ["1:1", "1:4", "1:11", "1:24"])
        XCTAssertEqual(fields.map(\.isQuoted), [false, true, true, true])
    }

    func testQuotedNewlineContinuesLineCounting() {
        let records = parse("id,name\nC1,\"first\r\nsecond\nthird\"\nC2,x\n").records
        XCTAssertEqual(records[1].fields[1].text, "first\nsecond\nthird")
        XCTAssertEqual(position(records[1].fields[1]), "2:4")
        XCTAssertEqual(records[2].fields.map(position), ["5:1", "5:4"])
    }

    func testLineEndsCRLFLoneCRAndLF() {
        let records = parse("a,b\r\nc,d\re,f\ng,h").records
        XCTAssertEqual(records.map { $0.fields.map(\.text) }, [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 4])
    }

    func testByteOrderMarkAtStartIsStripped() {
        let result = parse("\u{FEFF}id,name\r\nC1,x\r\n")
        XCTAssertTrue(result.errors.isEmpty)
        XCTAssertEqual(result.records[0].fields.map(\.text), ["id", "name"])
        XCTAssertEqual(position(result.records[0].fields[0]), "1:1")
    }

    func testByteOrderMarkElsewhereIsAnError() {
        let result = parse("id,name\nC1,a\u{FEFF}b\n")
        XCTAssertEqual(result.errors.map(\.location.description), ["t.csv:2:5"])
        XCTAssertTrue(result.errors[0].message.contains("byte order mark"))
    }

    func testBlankLinesAreSkippedAnywhere() {
        let records = parse("\n\nid\n\n   \nC1\n,,\nC2\n\n\n").records
        XCTAssertEqual(records.map { $0.fields[0].text }, ["id", "C1", "C2"])
        XCTAssertEqual(records.map(\.line), [3, 6, 8])
    }

    func testTrailingSeparatorGivesAnEmptyLastField() {
        XCTAssertEqual(cells("a,b,\nc,d,"), [["a", "b", ""], ["c", "d", ""]])
    }

    func testEmptyTextHasNoRecords() {
        XCTAssertTrue(parse("").records.isEmpty)
        XCTAssertTrue(parse("\u{FEFF}").records.isEmpty)
        XCTAssertTrue(parse("\r\n\n").records.isEmpty)
    }

    func testTextAfterClosingQuoteIsAnError() {
        let result = parse("a,b\n1,\"x\"y,3\n")
        XCTAssertEqual(result.errors.map(\.location.description), ["t.csv:2:6"])
        XCTAssertTrue(result.errors[0].message.contains("after the closing quote"))
        XCTAssertEqual(result.records[1].fields.map(\.text), ["1", "x", "3"])
    }

    func testUnterminatedQuoteIsReportedAtTheOpeningQuote() {
        let result = parse("a,b\n1,2\n3, \"open,\n5,6\n")
        XCTAssertEqual(result.errors.map(\.location.description), ["t.csv:3:4"])
        XCTAssertTrue(result.errors[0].message.contains("unterminated quoted field starting here"))
    }

    func testRecordsThrowingVariant() {
        XCTAssertThrowsError(try CSVParser.records("\"x", file: "t.csv")) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.first?.location.description, "t.csv:1:1")
        }
        XCTAssertEqual(try CSVParser.records("a\nb", file: "t.csv").count, 2)
    }

    // MARK: decoding

    func testDecodesUTF8WithAndWithoutBOM() throws {
        XCTAssertEqual(try CSVFileDecoder.decode(Data("id\n社区".utf8), file: "t.csv"), "id\n社区")
        XCTAssertEqual(try CSVFileDecoder.decode(Data([0xEF, 0xBB, 0xBF] + Array("id".utf8)), file: "t.csv"), "id")
    }

    func testInvalidUTF8IsLocatedAtTheByte() {
        // "id,名\r\nC1,\xB2" : the bad byte is on line 2, column 4.
        let bytes = [0xEF, 0xBB, 0xBF] + Array("id,名\r\nC1,".utf8) + [0xB2, 0xE9]
        XCTAssertThrowsError(try CSVFileDecoder.decode(Data(bytes), file: "t.csv")) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.location.description, "t.csv:2:4")
            XCTAssertTrue(error?.message.contains("not UTF-8") == true)
            XCTAssertTrue(error?.message.contains("CSV UTF-8") == true)
        }
    }

    func testUTF16IsRejected() {
        XCTAssertThrowsError(try CSVFileDecoder.decode(Data([0xFF, 0xFE, 0x69, 0x00]), file: "t.csv")) { error in
            XCTAssertTrue((error as? InputError)?.message.contains("UTF-16") == true)
        }
    }

    // MARK: values

    func testNumbers() {
        for (text, value) in [("3", 3.0), ("+3", 3), ("-2.5", -2.5), (" 1e3 ", 1000), (".5", 0.5), ("3.", 3), ("-0", 0)] {
            XCTAssertEqual(CSVValue.number(text), value, text)
        }
        for text in ["", "abc", "NaN", "nan", "inf", "Infinity", "-infinity", "1,5", "0x10", "1e999", "1e", "+", ".", "3 4", "٣"] {
            XCTAssertNil(CSVValue.number(text), text)
        }
    }

    /// Cells typed with a Chinese input method: full-width digits, point and signs, an
    /// ideographic space, the minus sign U+2212, read after NFKC; nothing else loosens.
    func testFullWidthNumbers() {
        for (text, value) in [("１２．５", 12.5), ("－３", -3.0), ("＋４", 4), ("　７　", 7), ("\u{2212}2", -2), ("１ｅ３", 1000)] {
            XCTAssertEqual(CSVValue.number(text), value, text)
            XCTAssertTrue(CSVValue.typedFullWidth(text), text)
        }
        XCTAssertEqual(CSVValue.integer("３"), 3)
        XCTAssertFalse(CSVValue.typedFullWidth("12.5"), "a plain number is not full-width")
        XCTAssertFalse(CSVValue.typedFullWidth("strong"))
        for text in ["１，５", "三", "１２．５．", "ＮａＮ", "①"] {
            XCTAssertNil(CSVValue.number(text), text)
        }
    }

    func testIntegers() {
        XCTAssertEqual(CSVValue.integer("3"), 3)
        XCTAssertEqual(CSVValue.integer("3.0"), 3)
        XCTAssertEqual(CSVValue.integer("-2"), -2)
        XCTAssertNil(CSVValue.integer("3.5"))
        XCTAssertNil(CSVValue.integer("1e300"))
    }

    func testBooleans() {
        for text in ["true", "TRUE", "1", "yes", "Y", "是"] { XCTAssertEqual(CSVValue.bool(text), true, text) }
        for text in ["false", "False", "0", "no", "N", "否"] { XCTAssertEqual(CSVValue.bool(text), false, text) }
        for text in ["", "maybe", "2", "对"] { XCTAssertNil(CSVValue.bool(text), text) }
    }

    // MARK: tables

    private func table(_ text: String, required: [String] = ["id"], optional: [String] = []) -> CSVTable {
        CSVTable(text: text, file: "t.csv", required: required, optional: optional)
    }

    func testHeadersAreCaseInsensitiveAndChineseAliasesMap() {
        let t = table(" ID ,名称,实力,Min Orgs\nC1,社区一,2,1\n", optional: ["name", "strength", "min_orgs"])
        XCTAssertTrue(t.errors.isEmpty)
        XCTAssertEqual(t.rows[0].string("id"), "C1")
        XCTAssertEqual(t.rows[0].string("name"), "社区一")
        XCTAssertEqual(try t.rows[0].number("strength"), 2)
        XCTAssertEqual(try t.rows[0].integer("min_orgs"), 1)
        XCTAssertEqual(t.rows[0].header("strength"), "实力")
    }

    func testColumnGivenTwiceIsAnErrorAtTheSecond() {
        let t = table("id,力量,strength\nC1,1,2\n", optional: ["strength"])
        XCTAssertEqual(t.errors.map(\.description), ["t.csv:1:7: column 'strength' appears twice (also as '力量' at column 4)"])
        XCTAssertEqual(try t.rows[0].number("strength"), 1)
    }

    func testMissingRequiredColumn() {
        let t = table("name,amount\nx,1\n", required: ["id", "amount"], optional: ["name"])
        XCTAssertEqual(t.missingColumns, ["id"])
        XCTAssertEqual(t.errors.map(\.location.description), ["t.csv:1:1"])
        XCTAssertTrue(t.errors[0].message.contains("'id'"))
        XCTAssertTrue(t.errors[0].message.contains("t.csv"))
    }

    func testUnknownColumnsAreIgnoredWithAWarning() {
        let t = table("id,note,priority\nC1,hello,3\n")
        XCTAssertTrue(t.errors.isEmpty)
        XCTAssertEqual(t.warnings.count, 2)
        XCTAssertTrue(t.warnings[0].hasPrefix("t.csv:1:4: column 'note'"))
        XCTAssertFalse(t.rows[0].hasColumn("priority"))
    }

    func testRowWithTooManyCellsIsAnErrorAtTheFirstExtraCell() {
        let t = table("id,name\nC1,x,oops,more\n", optional: ["name"])
        XCTAssertEqual(t.errors.map(\.location.description), ["t.csv:2:6"])
        XCTAssertTrue(t.errors[0].message.contains("too many cells"))
    }

    func testShortRowsReadMissingTrailingCellsAsEmpty() {
        let t = table("id,name,strength\nC1\n", optional: ["name", "strength"])
        XCTAssertTrue(t.errors.isEmpty)
        XCTAssertNil(t.rows[0].string("strength"))
        XCTAssertThrowsError(try t.rows[0].requiredString("name")) { error in
            XCTAssertEqual((error as? InputError)?.description, "t.csv:2:3: missing name")
        }
    }

    func testEmptyFileIsAnError() {
        let t = table("\n\n")
        XCTAssertEqual(t.errors.map(\.location.description), ["t.csv:1:1"])
        XCTAssertEqual(t.missingColumns, ["id"])
    }

    func testTypedAccessorsReportAtTheCell() {
        let u = CSVTable(text: "id,strength,amount,min_orgs,can_lead,score\nC1, abc ,-1,3.5,maybe,NaN\n,1,0,-1,是,1,5\n",
                         file: "t.csv", required: ["id"], optional: ["strength", "amount", "min_orgs", "can_lead", "score"])
        let row = u.rows[0]
        func message(_ body: () throws -> Any?) -> String {
            do { _ = try body(); return "no error" } catch { return (error as? InputError)?.description ?? "\(error)" }
        }
        XCTAssertEqual(message { try row.number("strength") }, "t.csv:2:5: expected a number, found 'abc'")
        XCTAssertEqual(message { try row.positiveNumber("amount") }, "t.csv:2:10: amount must be greater than 0, found '-1'")
        XCTAssertEqual(message { try row.nonNegativeNumber("amount") }, "t.csv:2:10: amount must be 0 or more, found '-1'")
        XCTAssertEqual(message { try row.integer("min_orgs") }, "t.csv:2:13: expected a whole number, found '3.5'")
        XCTAssertTrue(message { try row.bool("can_lead") }.hasPrefix("t.csv:2:17: expected true or false"))
        XCTAssertEqual(message { try row.number("score") }, "t.csv:2:23: expected a number, found 'NaN'")
        let second = u.rows[1]
        XCTAssertEqual(message { try second.requiredString("id") }, "t.csv:3:1: missing id")
        XCTAssertEqual(message { try second.positiveNumber("amount") }, "t.csv:3:4: amount must be greater than 0, found '0'")
        XCTAssertEqual(message { try second.integer("min_orgs", atLeast: 0) }, "t.csv:3:6: min_orgs must be 0 or more, found '-1'")
        XCTAssertEqual(try second.bool("can_lead"), true)
        XCTAssertEqual(try second.number("strength"), 1)
        XCTAssertEqual(u.errors.map(\.location.description), ["t.csv:3:13"]) // seven cells under six headers
    }

    func testDecimalCommaGetsAHint() {
        let t = CSVTable(text: "id,amount\nC1,\"1,5\"\n", file: "t.csv", required: ["id"], optional: ["amount"])
        XCTAssertThrowsError(try t.rows[0].number("amount")) { error in
            XCTAssertTrue((error as? InputError)?.message.contains("expected a number, found '1,5' (use '.'") == true)
        }
    }

    // MARK: writing

    func testWriterQuotesOnlyWhenNeeded() {
        let text = CSVWriter.encode(header: ["id", "name"],
                                    rows: [["C1", "plain"], ["C2", "a,b"], ["C3", "say \"hi\""], ["C4", "two\nlines"],
                                           ["C5", " pad"], ["C6", "crlf\r\n"], ["C7", ""]])
        XCTAssertEqual(text, "id,name\nC1,plain\nC2,\"a,b\"\nC3,\"say \"\"hi\"\"\"\nC4,\"two\nlines\"\nC5,\" pad\"\nC6,\"crlf\r\n\"\nC7,\n")
    }

    func testWriterOutputParsesBackToTheSameCells() {
        let rows = [["社区一", "a,b", "\"q\"", " lead ", "x\ny"], ["", "1", "2", "3", "4"]]
        let text = CSVWriter.encode(header: ["a", "b", "c", "d", "e"], rows: rows, byteOrderMark: true)
        XCTAssertTrue(text.hasPrefix("\u{FEFF}a,"))
        XCTAssertEqual(cells(text), [["a", "b", "c", "d", "e"]] + rows)
    }
}
