import AllianceModel

/// Strict parsing of cell text into numbers and booleans. Strict on purpose: `NaN`, `inf`, hex and
/// decimal commas are rejected so that a typo never silently becomes a strange number.
public enum CSVValue {
    /// A finite decimal number: optional sign (`+` allowed), digits with an optional `.` fraction,
    /// optional exponent. Surrounding whitespace is ignored. Nil for anything else.
    public static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        guard isDecimalLiteral(trimmed) else { return nil }
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
