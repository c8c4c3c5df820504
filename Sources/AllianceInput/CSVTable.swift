import Foundation
import AllianceModel

/// Where each canonical column sits in one file's header, and how the user spelled it.
struct CSVColumns: Sendable {
    var index: [String: Int] = [:]
    var header: [String: String] = [:]
}

/// A parsed CSV file whose header has been mapped to canonical column names.
/// Structural problems (missing or doubled columns, rows with too many cells) are collected in
/// `errors` rather than thrown, so a reader can go on and report problems in other files too.
public struct CSVTable: Sendable {
    /// The file name used in every location (the sheet name for a workbook's sheet).
    public let file: String
    /// The workbook holding sheet `file`; nil for a CSV file.
    public let workbook: String?
    /// The data rows, header excluded, blank rows skipped.
    public let rows: [CSVRow]
    /// Structural errors: syntax, doubled or missing columns, rows with too many cells.
    public let errors: [InputError]
    /// Non-fatal remarks, e.g. ignored unknown columns, as `file:line:column: message`.
    public let warnings: [String]
    /// Required columns the header lacks; when not empty the rows cannot be read meaningfully.
    public let missingColumns: [String]
    let columns: CSVColumns

    /// Maps the first record of `records` as the header. Columns outside `required` and `optional`
    /// are ignored with a warning. `workbook` names the workbook when `file` is one of its sheets.
    public init(records: [CSVRecord], file: String, workbook: String? = nil, required: [String], optional: [String] = []) {
        var errors: [InputError] = []
        var warnings: [String] = []
        var columns = CSVColumns()
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: column, workbook: workbook)
        }
        guard let header = records.first else {
            let empty = InputError(at(1, 1), Message.emptyTable(isSheet: workbook != nil, expected: required.joined(separator: ", ")).text)
            self.init(file: file, workbook: workbook, rows: [], errors: [empty], warnings: [], missingColumns: required,
                      columns: columns)
            return
        }
        let known = Set(required + optional)
        var firstCell: [String: CSVField] = [:]
        for (position, cell) in header.fields.enumerated() {
            let written = cell.text.trimmingWhitespace()
            if written.isEmpty { continue }
            guard let canonical = ColumnNames.canonical(for: written), known.contains(canonical) else {
                warnings.append("\(at(cell.line, cell.column)): " + Message.unusedColumn(column: written, file: file).text)
                continue
            }
            if let first = firstCell[canonical] {
                let earlier = workbook == nil ? Message.columnNumber(first.column).text
                    : CellReference.name(row: first.line, column: first.column)
                errors.append(InputError(at(cell.line, cell.column), Message.duplicateColumn(
                    column: canonical, writtenAs: first.text.trimmingWhitespace(), earlier: earlier).text))
                continue
            }
            firstCell[canonical] = cell
            columns.index[canonical] = position
            columns.header[canonical] = written
        }
        let missing = required.filter { columns.index[$0] == nil }
        for name in missing {
            errors.append(InputError(at(header.line, 1),
                                     Message.missingColumn(column: name, alias: ColumnNames.aliases[name]?.first, file: file).text))
        }
        let width = header.fields.count
        var rows: [CSVRow] = []
        for record in records.dropFirst() {
            if record.fields.count > width {
                let extra = record.fields[width]
                errors.append(InputError(at(extra.line, extra.column),
                                         Message.tooManyCells(count: record.fields.count, width: width).text))
            }
            rows.append(CSVRow(file: file, workbook: workbook, record: record, columns: columns))
        }
        self.init(file: file, workbook: workbook, rows: rows, errors: errors, warnings: warnings, missingColumns: missing, columns: columns)
    }

    private init(file: String, workbook: String? = nil, rows: [CSVRow], errors: [InputError], warnings: [String],
                 missingColumns: [String], columns: CSVColumns) {
        self.file = file
        self.workbook = workbook
        self.rows = rows
        self.errors = errors
        self.warnings = warnings
        self.missingColumns = missingColumns
        self.columns = columns
    }

    /// Parses `text` and maps its header; syntax errors land in `errors` and leave no rows.
    public init(text: String, file: String, required: [String], optional: [String] = []) {
        self.init(parsed: CSVParser.parse(text, file: file), file: file, required: required, optional: optional)
    }

    /// Maps the header of a parsed file; syntax errors land in `errors` and leave no rows.
    init(parsed: CSVParseResult, file: String, required: [String], optional: [String] = []) {
        if parsed.errors.isEmpty {
            self.init(records: parsed.records, file: file, required: required, optional: optional)
        } else {
            self.init(file: file, rows: [], errors: parsed.errors, warnings: [], missingColumns: [], columns: CSVColumns())
        }
    }

    /// Whether the header has the canonical column `name`.
    public func hasColumn(_ name: String) -> Bool { columns.index[name] != nil }
}

/// One data row of a `CSVTable`, read by canonical column name. Cells missing at the end of a short
/// row read as empty; typed accessors live in `CSVRow+Values.swift`.
public struct CSVRow: Sendable {
    /// The file name used in every location (the sheet name for a workbook's sheet).
    public let file: String
    /// The workbook holding sheet `file`; nil for a CSV file.
    public let workbook: String?
    /// The parsed cells of this row, as written.
    public let record: CSVRecord
    let columns: CSVColumns

    init(file: String, workbook: String?, record: CSVRecord, columns: CSVColumns) {
        self.file = file
        self.workbook = workbook
        self.record = record
        self.columns = columns
    }

    /// Line on which the row starts.
    public var line: Int { record.line }

    /// Whether the table has the canonical column `name` (regardless of this row's cell).
    public func hasColumn(_ name: String) -> Bool { columns.index[name] != nil }

    /// The cell in column `name`; nil when the table has no such column. A cell missing from a short
    /// row is an empty cell located where the row ends.
    public func field(_ name: String) -> CSVField? {
        guard let position = columns.index[name] else { return nil }
        if position < record.fields.count { return record.fields[position] }
        return CSVField(text: "", line: record.endLine, column: record.endColumn)
    }

    /// Where the cell in column `name` is; the row's start when the column is absent.
    public func location(of name: String) -> SourceLocation {
        if let cell = field(name) { return SourceLocation(file: file, line: cell.line, column: cell.column, workbook: workbook) }
        return SourceLocation(file: file, line: line, column: record.fields.first?.column ?? 1, workbook: workbook)
    }

    /// The header of column `name` as the user wrote it (e.g. `数量`), for messages.
    public func header(_ name: String) -> String { columns.header[name] ?? name }

    /// The trimmed text of column `name`; nil when the column is absent or the cell empty.
    public func string(_ name: String) -> String? {
        guard let text = field(name)?.text.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }

    /// An error located at the cell of column `name`.
    public func error(_ name: String, _ message: String) -> InputError {
        InputError(location(of: name), message)
    }
}

extension CSVTable {
    /// Reads a CSV file given on its own (a plan, pins, scenarios): `missing` at line 1 when the
    /// file is absent, syntax and decoding errors located in it, the header mapped.
    static func read(file: URL, encoding: EncodingChoice, required: [String], optional: [String],
                     missing: Message) throws(InputErrors) -> CSVTable {
        let name = file.lastPathComponent
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw InputErrors([InputError(SourceLocation(file: name, line: 1, column: 1), missing.text)])
        }
        do {
            let parsed = try CSVParser.parse(ByteSource(file: file), file: name, choice: encoding).result
            return CSVTable(parsed: parsed, file: name, required: required, optional: optional)
        } catch {
            throw InputErrors([error])
        }
    }
}
