import Foundation

/// A1-style cell references, as spreadsheets name cells: column letters (A … Z, AA … XFD) then the row.
public enum CellReference {
    /// The largest column a spreadsheet has (XFD).
    public static let maxColumn = 16_384
    /// The largest row a spreadsheet has.
    public static let maxRow = 1_048_576

    /// Column letters for a 1-based column number: 1 → A, 27 → AA.
    public static func letters(_ column: Int) -> String {
        var number = max(column, 1)
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// `C12` for row 12, column 3.
    public static func name(row: Int, column: Int) -> String { letters(column) + String(row) }

    /// `单位!` — the sheet name and `!`, quoted Excel-style (`'my list'!`) when it holds anything
    /// but letters, digits and underscores.
    public static func sheetPrefix(_ sheet: String) -> String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        return plain ? sheet + "!" : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!"
    }

    /// Parses `C12` into (row 12, column 3); nil unless it is letters then digits within the sheet's bounds.
    public static func parse(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0
        var scalars = text.unicodeScalars[...]
        while let s = scalars.first, ("A"..."Z").contains(s) || ("a"..."z").contains(s) {
            column = column * 26 + Int(s.value & ~0x20) - 64 // 'a' (0x61) & ~0x20 = 'A' (0x41)
            guard column <= maxColumn else { return nil }
            scalars.removeFirst()
        }
        guard column > 0, !scalars.isEmpty else { return nil }
        while let s = scalars.first, ("0"..."9").contains(s) {
            row = row * 10 + Int(s.value) - 48
            guard row <= maxRow else { return nil }
            scalars.removeFirst()
        }
        guard scalars.isEmpty, row > 0 else { return nil }
        return (row, column)
    }
}
