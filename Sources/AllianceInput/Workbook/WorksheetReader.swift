import AllianceModel
import Foundation

/// Reads one worksheet part into CSV-like records: one record per row that has a value, cells
/// placed by their references (`C12` is row 12, column 3; skipped cells read as empty), every cell
/// located at its row and column. The first record is the header; later records are padded to its
/// width so that an empty cell has its own location.
final class WorksheetReader: WorkbookXMLHandler {
    private let sheet: String
    private let part: String
    private let place: WorkbookPlace
    private let limits: WorkbookLimits
    private let sharedStrings: [String]?
    /// Cells the workbook may still hold, shared by all its sheets.
    private let budget: CellBudget
    private(set) var records: [CSVRecord] = []

    private var rowCount = 0
    private var row = 0
    private var cells: [CSVField] = []
    private var column = 0
    private var type = "n"
    private var value = ""
    private var inline = ""
    private var inValue = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var inRow = false

    /// Cells left to the workbook's readers (a class, so that every sheet draws on one budget).
    final class CellBudget {
        var remaining: Int
        init(_ remaining: Int) { self.remaining = remaining }
    }

    init(sheet: String, part: String, place: WorkbookPlace, limits: WorkbookLimits, sharedStrings: [String]?,
         budget: CellBudget) {
        self.sheet = sheet
        self.part = part
        self.place = place
        self.limits = limits
        self.sharedStrings = sharedStrings
        self.budget = budget
    }

    /// The records of the sheet in `data`.
    func read(_ data: Data) throws(InputError) -> [CSVRecord] {
        try WorkbookXML.parse(data, part: part, place: place, handler: self)
        guard let width = records.first?.fields.count else { return records }
        for index in records.indices.dropFirst() where records[index].fields.count < width {
            let record = records[index]
            let line = record.endLine
            try spend(width - record.fields.count)
            let padding = (record.fields.count + 1 ... width).map { CSVField(text: "", line: line, column: $0) }
            records[index] = CSVRecord(fields: record.fields + padding, endLine: line, endColumn: width + 1)
        }
        return records
    }

    private func error(_ message: String) -> InputError {
        place.error(sheet: sheet, row: row, column: max(column, 1), message)
    }

    private func spend(_ count: Int) throws(InputError) {
        budget.remaining -= count
        if budget.remaining < 0 {
            throw place.error(Message.sheetsTooManyCells(limit: limits.maxCells).text)
        }
    }

    func start(_ name: String, _ attributes: [String: String]) throws(InputError) {
        switch name {
        case "row":
            rowCount += 1
            guard rowCount <= limits.maxRowsPerSheet else {
                throw place.error(Message.sheetTooManyRows(sheet: sheet, limit: limits.maxRowsPerSheet).text)
            }
            let previous = row
            if let reference = attributes["r"] {
                guard let number = Int(reference), number >= 1, number <= CellReference.maxRow else {
                    throw place.error(Message.badRowNumber(part: part, reference: "\(reference)").text)
                }
                row = number
            } else {
                row += 1
            }
            guard row > previous else {
                throw place.error(Message.rowOutOfOrder(part: part, row: row, previous: previous).text)
            }
            cells = []
            column = 0
            inRow = true
        case "c":
            // A cell belongs to a row; outside one it has no row to be located at (a damaged part).
            guard inRow else { throw place.error(Message.cellOutsideRow(part: part).text) }
            let previous = column
            if let reference = attributes["r"] {
                guard let parsed = CellReference.parse(reference), parsed.row == row else {
                    throw error(Message.badCellReference(part: part, reference: "\(reference)", row: row).text)
                }
                column = parsed.column
            } else {
                column += 1
            }
            guard column > previous else { throw error(Message.cellsOutOfOrder(row: row).text) }
            type = attributes["t"] ?? "n"
            value = ""
            inline = ""
        case "v": inValue = true
        case "rPh": phoneticDepth += 1
        case "t": inInlineText = type == "inlineStr" && phoneticDepth == 0
        default: break
        }
    }

    func text(_ text: String) throws(InputError) {
        if inValue {
            value += text
        } else if inInlineText {
            inline += text
        } else {
            return
        }
        if value.count + inline.count > limits.maxStringLength {
            throw error(Message.cellTooLong(limit: limits.maxStringLength).text)
        }
    }

    func end(_ name: String) throws(InputError) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": phoneticDepth -= 1
        case "c":
            let text = try cellText()
            if !text.isEmpty {
                guard column <= limits.maxColumns else {
                    throw error(Message.valueBeyondColumn(column: CellReference.letters(limits.maxColumns)).text)
                }
                try spend(1)
                cells.append(CSVField(text: text, line: row, column: column))
            }
        case "row":
            inRow = false
            guard let last = cells.last?.column, cells.contains(where: { !$0.text.trimmingWhitespace().isEmpty }) else {
                return
            }
            try spend(last - cells.count)
            var fields = (1...last).map { CSVField(text: "", line: row, column: $0) }
            for cell in cells { fields[cell.column - 1] = cell }
            records.append(CSVRecord(fields: fields, endLine: row, endColumn: last + 1))
        default: break
        }
    }

    /// The cell's text as a CSV file saved by Excel would hold it.
    private func cellText() throws(InputError) -> String {
        let raw = value.trimmingWhitespace()
        switch type {
        case "s":
            guard !raw.isEmpty else { return "" }
            guard let index = Int(raw), index >= 0 else { throw error(Message.sharedStringIndexNotNumber(raw: raw).text) }
            guard let strings = sharedStrings else {
                throw error(Message.noSharedStrings(index: index).text)
            }
            guard index < strings.count else {
                throw error(Message.tooFewSharedStrings(index: index, count: strings.count).text)
            }
            return strings[index]
        case "inlineStr": return inline
        case "b": return raw == "1" ? "true" : raw == "0" ? "false" : raw
        case "n": return Self.numberText(raw)
        default: return value // "str" (a formula's text), "e" (an error such as #N/A), "d" (an ISO date)
        }
    }

    /// A stored number as Excel shows and saves it: 15 significant digits, so that binary noise
    /// (`3.0000000000000004`) and exponent forms (`1E-3`) read as in the CSV file (`3`, `0.001`).
    static func numberText(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        let text = String(format: "%.15g", value)
        return text == "-0" ? "0" : text
    }
}
