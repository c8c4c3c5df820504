import AllianceModel
import Foundation

/// Writes CSV text that `CSVParser` (and Excel) read back to the same cells.
public enum CSVWriter {
    /// The byte order mark that makes Excel open a UTF-8 CSV with Chinese text correctly.
    public static let byteOrderMark = "\u{FEFF}"

    /// The header and rows as CSV, each line ending in "\n"; prefixed with a byte order mark when
    /// `byteOrderMark` is true (for files meant to be opened in Excel).
    public static func encode(header: [String], rows: [[String]], byteOrderMark: Bool = false) -> String {
        var text = byteOrderMark ? Self.byteOrderMark : ""
        for row in [header] + rows {
            text += row.map(field).joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// CSV text as the bytes of a file, after the byte order mark when `byteOrderMark` is true.
    public static func file(_ text: String, byteOrderMark: Bool) -> Data {
        Data(((byteOrderMark ? Self.byteOrderMark : "") + text).utf8)
    }

    /// One cell, quoted when it holds a comma, quote, CR or LF or starts or ends with whitespace
    /// (which the parser would otherwise trim); quotes inside are doubled.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
