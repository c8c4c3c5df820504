/// Why a workbook could not be written, with where in it the problem lies.
public struct XLSXError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A sheet name Excel would refuse (length, characters, apostrophes, duplicate).
        case invalidSheetName
        /// A cell's content cannot be stored (non-finite number, text too long or with NUL).
        case invalidCell
        /// A sheet's layout is out of Excel's range (too many rows or columns, bad width or pane).
        case invalidLayout
        /// A style cannot be stored (number format too long or with NUL).
        case invalidStyle
        /// libxlsxwriter reported an error, with its `lxw_error` code.
        case library(code: Int)
        /// The temporary file could not be created or read back.
        case io
    }

    public var kind: Kind
    /// Where: `"sheet!B3"` for a cell, `"sheet"` for a sheet, `nil` for the whole workbook.
    public var location: String?
    public var message: String

    public init(_ kind: Kind, at location: String?, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String {
        "xlsx: " + (location.map { "\($0): " } ?? "") + message
    }
}
