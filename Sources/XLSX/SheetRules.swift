/// A rectangle of cells, 0-based and inclusive (`CellRange(rows: 1...999, columns: 2...2)` is
/// C2:C1000).
public struct CellRange: Sendable, Hashable {
    public var rows: ClosedRange<Int>
    public var columns: ClosedRange<Int>

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.rows = rows
        self.columns = columns
    }

    /// One cell.
    public init(row: Int, column: Int) {
        self.init(rows: row...row, columns: column...column)
    }

    /// `A1:C10` (or `A1` for one cell).
    public var address: String {
        let first = cellAddress(row: rows.lowerBound, column: columns.lowerBound)
        let last = cellAddress(row: rows.upperBound, column: columns.upperBound)
        return first == last ? first : first + ":" + last
    }
}

/// What may be typed into a range (Excel's Data Validation), with the message shown when a cell
/// of it is selected and the one shown when a value is refused.
public struct DataValidation: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// Any value: only the input message is wanted.
        case any
        /// One of these values, offered in a dropdown (together at most 255 characters).
        case list([String])
        /// One of the values in a range, offered in a dropdown, e.g. `"=单位!$A$2:$A$2000"`.
        case listFrom(formula: String)
        /// A number within `minimum...maximum`.
        case decimal(minimum: Double, maximum: Double)
        /// A whole number within `minimum...maximum`.
        case integer(minimum: Int, maximum: Int)
    }

    public var range: CellRange
    public var rule: Rule
    /// Shown when a cell is selected: a title of at most 32 characters and a message of at most 255.
    public var inputTitle: String?
    public var inputMessage: String?
    /// Shown when a value breaks the rule (at most 255 characters); Excel's default when nil.
    public var errorMessage: String?
    /// Refuse a value that breaks the rule (true), or only warn (false).
    public var refuse: Bool

    public init(range: CellRange, rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil,
                errorMessage: String? = nil, refuse: Bool = true) {
        self.range = range
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorMessage = errorMessage
        self.refuse = refuse
    }

    /// Excel's limits on the texts.
    public static let maxTitleLength = 32
    public static let maxMessageLength = 255
    public static let maxListLength = 255
}

/// A style applied to the cells of a range that meet a condition (Excel's Conditional
/// Formatting), e.g. strengths outside a band in red.
public struct ConditionalFormat: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// The cell's number is below the value.
        case lessThan(Double)
        /// The cell's number is above the value.
        case greaterThan(Double)
        /// The cell's number lies outside `low...high`.
        case notBetween(Double, Double)
        /// A formula, true for the range's top-left cell, e.g. `"=$J2<1"`.
        case formula(String)
    }

    public var range: CellRange
    public var rule: Rule
    /// The style of the cells that meet the rule (bold, font colour, fill; no number format).
    public var style: CellStyle

    public init(range: CellRange, rule: Rule, style: CellStyle) {
        self.range = range
        self.rule = rule
        self.style = style
    }
}
