import AllianceModel
import Foundation

/// Strict parsing of cell text into numbers and booleans. Strict on purpose: `NaN`, `inf`, hex and
/// decimal commas are rejected so that a typo never silently becomes a strange number.
public enum CSVValue {
    /// A finite decimal number: optional sign (`+` allowed), digits with an optional `.` fraction,
    /// optional exponent. Surrounding whitespace is ignored. A cell typed with a Chinese input
    /// method — full-width digits and punctuation such as `１２．５` or `－３` — is read after NFKC
    /// normalization (and U+2212 MINUS SIGN as `-`); `typedFullWidth` tells which cells those
    /// were. Nil for anything else.
    public static func number(_ text: String) -> Double? {
        var trimmed = text.trimmingWhitespace()
        if !isDecimalLiteral(trimmed) {
            guard trimmed.unicodeScalars.allSatisfy(isTypable) else { return nil }
            trimmed = normalized(trimmed)
            guard isDecimalLiteral(trimmed) else { return nil }
        }
        let unsigned = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        guard let value = Double(unsigned), value.isFinite else { return nil }
        return value == 0 ? 0 : value
    }

    /// A whole number, written as `3`, `+3` or `3.0`; nil for `3.5`, non-numbers and values beyond ±2^53.
    public static func integer(_ text: String) -> Int? {
        guard let value = number(text), value == value.rounded(.towardZero), abs(value) <= 9_007_199_254_740_992 else {
            return nil
        }
        return Int(value)
    }

    /// Whether `text` is a number only after normalization (`number` reads it; a plain ASCII
    /// number is not): the readers name such cells once in a warning.
    public static func typedFullWidth(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return !isDecimalLiteral(trimmed) && number(trimmed) != nil
    }

    /// What an input method types into a number cell: ASCII, the full-width forms U+FF01–FF5E,
    /// the ideographic space and U+2212. Others (circled digits ①, Chinese numerals) are refused
    /// rather than normalized into a number nobody typed.
    private static func isTypable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII || (0xFF01...0xFF5E).contains(scalar.value) || scalar.value == 0x3000 || scalar.value == 0x2212
    }

    /// NFKC (full-width digits, signs, point and space to ASCII), the minus sign U+2212 as `-`,
    /// trimmed again.
    private static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.replacingOccurrences(of: "\u{2212}", with: "-").trimmingWhitespace()
    }

    /// true/false, 1/0, yes/no, y/n, 是/否 in any case; nil for anything else.
    public static func bool(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "true", "1", "yes", "y", "是": return true
        case "false", "0", "no", "n", "否": return false
        default: return nil
        }
    }

    private static func isDecimalLiteral(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let s = scalars.first, ("0"..."9").contains(s) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if let s = scalars.first, s == "+" || s == "-" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let s = scalars.first, s == "e" || s == "E" {
            scalars.removeFirst()
            if let s = scalars.first, s == "+" || s == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
