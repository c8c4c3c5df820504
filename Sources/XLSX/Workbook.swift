import Foundation

/// How a cell looks. Each distinct style becomes one libxlsxwriter format when the workbook is
/// written, so styles are plain values that can be compared and reused freely.
public struct CellStyle: Sendable, Hashable {
    public var bold: Bool
    /// Wrap long text inside the cell instead of letting it run over the next one.
    public var wrap: Bool
    /// An Excel number format code, e.g. `"0.00"` or `"0.0%"`; `nil` is Excel's "General".
    public var numberFormat: String?
    /// Background colour as 0xRRGGBB, or `nil` for none.
    public var fill: UInt32?
    /// Font colour as 0xRRGGBB, or `nil` for the default.
    public var fontColor: UInt32?

    public init(bold: Bool = false, wrap: Bool = false, numberFormat: String? = nil, fill: UInt32? = nil,
                fontColor: UInt32? = nil) {
        self.bold = bold
        self.wrap = wrap
        self.numberFormat = numberFormat
        self.fill = fill
        self.fontColor = fontColor
    }

    /// No formatting at all.
    public static let plain = CellStyle()
    /// A header cell: bold on a light grey background.
    public static let header = CellStyle(bold: true, fill: 0xD9E1F2)
}

/// One cell's content.
public enum Cell: Sendable, Hashable {
    case text(String, CellStyle = .plain)
    case number(Double, CellStyle = .plain)
    /// Nothing is written (the cell stays blank).
    case empty
}

/// One worksheet: a name, rows of cells from A1 on, column widths and frozen panes.
public struct Sheet: Sendable {
    /// The tab name: 1–31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`,
    /// unique in the workbook ignoring case (Excel's rules).
    public var name: String
    /// Rows from row 1 down; each row's cells from column A right. Rows may differ in length.
    public var rows: [[Cell]]
    /// Width of column A, B, … in characters of the default font; columns past the end keep
    /// Excel's default width.
    public var columnWidths: [Double]
    /// Rows kept in view at the top while scrolling (e.g. 1 for a header row).
    public var frozenRows: Int
    /// Columns kept in view at the left while scrolling.
    public var frozenColumns: Int
    /// The range with filter buttons on its first row (Excel's AutoFilter), if any.
    public var autoFilter: CellRange?
    /// What may be typed where, with messages (dropdowns, number ranges, input hints).
    public var validations: [DataValidation]
    /// Styles applied to cells that meet a condition.
    public var conditionalFormats: [ConditionalFormat]

    public init(name: String, rows: [[Cell]] = [], columnWidths: [Double] = [],
                frozenRows: Int = 0, frozenColumns: Int = 0, autoFilter: CellRange? = nil,
                validations: [DataValidation] = [], conditionalFormats: [ConditionalFormat] = []) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.autoFilter = autoFilter
        self.validations = validations
        self.conditionalFormats = conditionalFormats
    }

    /// Appends one row.
    public mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// Sets every column's width from its widest cell (in display columns, where CJK characters
    /// count twice), plus a margin, kept within `minimum...maximum`; wide text beyond `maximum`
    /// should be given a wrapping style. Numbers count as `numberWidth` characters.
    public mutating func fitColumnWidths(minimum: Double = 8, maximum: Double = 50, numberWidth: Int = 10) {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = [Double](repeating: minimum, count: columnCount)
        for row in rows {
            for (column, cell) in row.enumerated() {
                let width: Int
                switch cell {
                case .text(let text, _): width = text.split(separator: "\n").map(displayWidth).max() ?? 0
                case .number: width = numberWidth
                case .empty: width = 0
                }
                widths[column] = max(widths[column], min(maximum, Double(width) + 2))
            }
        }
        columnWidths = widths
    }
}

/// How many columns of a monospaced display `text` takes: East Asian wide and full-width
/// characters (CJK ideographs, kana, hangul, full-width forms) count two, others one.
func displayWidth<S: StringProtocol>(_ text: S) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}

/// A whole workbook as a value: its sheets in tab order and its document properties.
/// `XLSXWriter.data(for:)` turns it into the bytes of an `.xlsx` file.
public struct Workbook: Sendable {
    public var sheets: [Sheet]
    /// Document properties shown by Excel under File → Info.
    public var title: String?
    public var author: String?
    /// The creation time stored in the file. It is fixed by default rather than "now", so that
    /// the same workbook always gives the same bytes.
    public var created: Date

    /// 2000-01-01 00:00:00 UTC, the default creation time (any fixed time would do).
    public static let fixedCreationDate = Date(timeIntervalSince1970: 946_684_800)

    public init(sheets: [Sheet] = [], title: String? = nil, author: String? = nil,
                created: Date = Workbook.fixedCreationDate) {
        self.sheets = sheets
        self.title = title
        self.author = author
        self.created = created
    }
}

/// A cell's address in A1 notation, e.g. `cellAddress(row: 0, column: 27)` = `"AB1"` (0-based arguments).
public func cellAddress(row: Int, column: Int) -> String {
    var letters = ""
    var n = column + 1
    while n > 0 {
        let digit = (n - 1) % 26
        letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
        n = (n - 1) / 26
    }
    return letters + String(row + 1)
}
