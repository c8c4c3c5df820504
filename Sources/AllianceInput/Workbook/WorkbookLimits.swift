import AllianceModel

/// How much a workbook may hold before reading it is refused. An `.xlsx` file is a zip archive of
/// XML parts, so a small file can expand to gigabytes (a "zip bomb") or hold millions of cells;
/// these bounds keep reading a hostile workbook cheap. The defaults are far above any district's lists.
public struct WorkbookLimits: Sendable, Hashable {
    /// Entries (files) in the archive.
    public var maxEntries = 10_000
    /// Uncompressed bytes of one entry, declared or actually extracted.
    public var maxEntryBytes: UInt64 = 100 << 20
    /// Uncompressed bytes of all entries together, declared or actually extracted.
    public var maxTotalBytes: UInt64 = 200 << 20
    /// Rows (`<row>` elements) in one sheet.
    public var maxRowsPerSheet = 100_000
    /// Columns: no cell with a value may lie right of this column number.
    public var maxColumns = 1_024
    /// Cells kept from all the sheets read, empty cells inside rows included.
    public var maxCells = 2_000_000
    /// Characters in one cell's text (Excel's own limit is 32,767).
    public var maxStringLength = 32_767
    /// Entries in the shared-strings table.
    public var maxSharedStrings = 1_000_000

    /// The defaults.
    public init() {}

    /// The defaults, as used by the command line.
    public static let standard = WorkbookLimits()
}

/// Input errors about a workbook, located at the workbook as a whole or at one sheet's cell.
struct WorkbookPlace {
    /// The workbook's name in messages (`lists.xlsx`).
    let workbook: String

    /// An error about the whole workbook, printed `lists.xlsx: message`.
    func error(_ message: String) -> InputError {
        InputError(SourceLocation(file: "", line: 0, column: 0, workbook: workbook), message)
    }

    /// An error at a cell, printed `lists.xlsx:单位!C12: message`.
    func error(sheet: String, row: Int, column: Int, _ message: String) -> InputError {
        InputError(SourceLocation(file: sheet, line: row, column: column, workbook: workbook), message)
    }
}
