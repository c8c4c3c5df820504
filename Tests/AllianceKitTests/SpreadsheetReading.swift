import Foundation
import XCTest

/// A workbook as an independent spreadsheet reader (Python's openpyxl) sees it.
struct ReadWorkbook: Decodable {
    struct Sheet: Decodable {
        var name: String
        /// The top-left cell of the scrolling pane, e.g. "A2" for a frozen header row.
        var freeze: String?
        /// Cell values row by row, trailing empty cells removed.
        var rows: [[ReadValue]]
        /// Excel number format codes, parallel to `rows`.
        var formats: [[String]]
        /// Column letter → width, for columns with a set width.
        var widths: [String: Double]
        /// The autofilter's range, e.g. "A1:L85".
        var filter: String?
        /// Data validations: range, type (nil for "any"), first formula, input title and message.
        var validations: [Validation]
        /// Conditional formats: range, rule type, operator and formulas.
        var conditionals: [Conditional]

        struct Validation: Decodable {
            var range: String
            var type: String?
            var formula: String?
            var title: String?
            var prompt: String?
            var errorStyle: String?
        }

        struct Conditional: Decodable {
            var range: String
            var type: String
            var op: String?
            var formulas: [String]
        }

        /// The cell at 0-based `row`, `column`, or `.empty` beyond the data.
        func value(_ row: Int, _ column: Int) -> ReadValue {
            row < rows.count && column < rows[row].count ? rows[row][column] : .empty
        }

        /// The texts of the first row.
        var header: [String] { rows.first?.map { $0.text ?? "" } ?? [] }

        /// The data rows (after the header) as dictionaries header → value.
        var records: [[String: ReadValue]] {
            rows.dropFirst().map { row in
                Dictionary(zip(header, row + [ReadValue](repeating: .empty, count: max(0, header.count - row.count))),
                           uniquingKeysWith: { first, _ in first })
            }
        }
    }

    var sheets: [Sheet]
    var title: String?
    var created: String?

    func sheet(_ name: String) throws -> Sheet {
        try XCTUnwrap(sheets.first { $0.name == name }, "no sheet \(name); sheets are \(sheets.map(\.name))")
    }
}

/// A cell's value: text, number or nothing.
enum ReadValue: Decodable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case empty

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .empty
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var text: String? { if case .text(let text) = self { return text } else { return nil } }
    var number: Double? { if case .number(let number) = self { return number } else { return nil } }

    var description: String {
        switch self {
        case .text(let text): return "'\(text)'"
        case .number(let number): return String(number)
        case .empty: return "empty"
        }
    }
}

/// Reads `.xlsx` files with openpyxl, an independent implementation of the format, so tests see
/// what Excel users see. `scripts/setup.sh` installs openpyxl; without it the tests fail (they
/// never skip), saying how to install it.
enum SpreadsheetReader {
    private static let script = #"""
import json, sys
try:
    import openpyxl
except ImportError:
    sys.exit(3)
book = openpyxl.load_workbook(sys.argv[1])
def trim(values):
    while values and values[-1] in (None, ""):
        values.pop()
    return values
sheets = []
for ws in book.worksheets:
    rows = [trim([cell.value for cell in row]) for row in ws.iter_rows()]
    formats = [[cell.number_format for cell in row] for row in ws.iter_rows()]
    widths = {key: dim.width for key, dim in ws.column_dimensions.items() if dim.customWidth}
    validations = [{"range": str(dv.sqref), "type": dv.type, "formula": dv.formula1, "title": dv.promptTitle,
                    "prompt": dv.prompt, "errorStyle": dv.errorStyle}
                   for dv in ws.data_validations.dataValidation]
    conditionals = [{"range": str(cf.sqref), "type": rule.type, "op": rule.operator, "formulas": list(rule.formula or [])}
                    for cf in ws.conditional_formatting for rule in cf.rules]
    sheets.append({"name": ws.title, "freeze": ws.freeze_panes, "rows": rows, "formats": formats, "widths": widths,
                   "filter": ws.auto_filter.ref, "validations": validations, "conditionals": conditionals})
created = book.properties.created
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump({"sheets": sheets, "title": book.properties.title,
               "created": created.isoformat() if created else None}, out, ensure_ascii=False)
"""#

    static func read(_ data: Data) throws -> ReadWorkbook {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        return try read(file, scratch: folder)
    }

    /// Runs the reader script; its JSON and its complaints go to files in `scratch`.
    private static func read(_ file: URL, scratch: URL) throws -> ReadWorkbook {
        let json = scratch.appendingPathComponent("book.json"), log = scratch.appendingPathComponent("stderr.txt")
        try Data().write(to: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, json.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            return try JSONDecoder().decode(ReadWorkbook.self, from: Data(contentsOf: json))
        case 3:
            throw ReaderMissing(message: "the Python package openpyxl is missing: run scripts/setup.sh "
                                + "(or python3 -m pip install --user openpyxl)")
        case 127:
            throw ReaderMissing(message: "python3 is missing: install python3 and run scripts/setup.sh")
        default:
            throw ReaderMissing(message: "openpyxl could not read \(file.path): "
                                + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
        }
    }

    struct ReaderMissing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
