/// Where each canonical column sits in one file's header, and how the user spelled it.
struct CSVColumns: Sendable {
    var index: [String: Int] = [:]
    var header: [String: String] = [:]
}

/// A parsed CSV file whose header has been mapped to canonical column names.
/// Structural problems (missing or doubled columns, rows with too many cells) are collected in
/// `errors` rather than thrown, so a reader can go on and report problems in other files too.
public struct CSVTable: Sendable {
    /// The file name used in every location.
    public let file: String
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
    /// are ignored with a warning.
    public init(records: [CSVRecord], file: String, required: [String], optional: [String] = []) {
        var errors: [InputError] = []
        var warnings: [String] = []
        var columns = CSVColumns()
        guard let header = records.first else {
            let empty = InputError(SourceLocation(file: file, line: 1, column: 1),
                                   "file is empty; expected a header row with \(required.joined(separator: ", "))")
            self.init(file: file, rows: [], errors: [empty], warnings: [], missingColumns: required, columns: columns)
            return
        }
        let known = Set(required + optional)
        var firstCell: [String: CSVField] = [:]
        for (position, cell) in header.fields.enumerated() {
            let written = cell.text.trimmingWhitespace()
            if written.isEmpty { continue }
            guard let canonical = ColumnNames.canonical(for: written), known.contains(canonical) else {
                warnings.append("\(file):\(cell.line):\(cell.column): column '\(written)' is not used in \(file) and was ignored")
                continue
            }
            if let first = firstCell[canonical] {
                errors.append(InputError(SourceLocation(file: file, line: cell.line, column: cell.column),
                                         "column '\(canonical)' appears twice (also as '\(first.text.trimmingWhitespace())' at column \(first.column))"))
                continue
            }
            firstCell[canonical] = cell
            columns.index[canonical] = position
            columns.header[canonical] = written
        }
        let missing = required.filter { columns.index[$0] == nil }
        for name in missing {
            let alias = ColumnNames.aliases[name]?.first.map { " (\($0))" } ?? ""
            errors.append(InputError(SourceLocation(file: file, line: header.line, column: 1),
                                     "missing required column '\(name)'\(alias) in \(file)"))
        }
        let width = header.fields.count
        var rows: [CSVRow] = []
        for record in records.dropFirst() {
            if record.fields.count > width {
                let extra = record.fields[width]
                errors.append(InputError(SourceLocation(file: file, line: extra.line, column: extra.column),
                                         "too many cells: this row has \(record.fields.count) but the header has \(width)"))
            }
            rows.append(CSVRow(file: file, record: record, columns: columns))
        }
        self.init(file: file, rows: rows, errors: errors, warnings: warnings, missingColumns: missing, columns: columns)
    }

    private init(file: String, rows: [CSVRow], errors: [InputError], warnings: [String], missingColumns: [String],
                 columns: CSVColumns) {
        self.file = file
        self.rows = rows
        self.errors = errors
        self.warnings = warnings
        self.missingColumns = missingColumns
        self.columns = columns
    }

    /// Parses `text` and maps its header; syntax errors land in `errors` and leave no rows.
    public init(text: String, file: String, required: [String], optional: [String] = []) {
        let parsed = CSVParser.parse(text, file: file)
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
    /// The file name used in every location.
    public let file: String
    /// The parsed cells of this row, as written.
    public let record: CSVRecord
    let columns: CSVColumns

    init(file: String, record: CSVRecord, columns: CSVColumns) {
        self.file = file
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
        if let cell = field(name) { return SourceLocation(file: file, line: cell.line, column: cell.column) }
        return SourceLocation(file: file, line: line, column: record.fields.first?.column ?? 1)
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
