import AllianceModel

/// Typed cell accessors. Each returns nil for an empty cell or an absent column (the caller applies
/// the default) and throws an `InputError` located at the cell when the text does not fit.
extension CSVRow {
    /// The cell's trimmed text; throws "missing <column>" when it is empty or the column absent.
    public func requiredString(_ name: String) throws(InputError) -> String {
        guard let text = string(name) else { throw missing(name) }
        return text
    }

    /// Unwraps an accessor's result, throwing "missing <column>" for an empty cell.
    public func required<T>(_ value: T?, _ name: String) throws(InputError) -> T {
        guard let value else { throw missing(name) }
        return value
    }

    /// The "missing <column>" error at the cell of column `name`.
    public func missing(_ name: String) -> InputError {
        error(name, Message.missingValue(column: header(name)).text)
    }

    /// A finite number (see `CSVValue.number`).
    public func number(_ name: String) throws(InputError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = CSVValue.number(text) else {
            throw error(name, Message.expectedNumber(found: text, decimalComma: text.contains(",")).text)
        }
        return value
    }

    /// A number that is 0 or more.
    public func nonNegativeNumber(_ name: String) throws(InputError) -> Double? {
        guard let value = try number(name) else { return nil }
        guard value >= 0 else { throw error(name, Message.mustBeNonNegative(column: header(name), found: string(name) ?? "").text) }
        return value
    }

    /// A number greater than 0.
    public func positiveNumber(_ name: String) throws(InputError) -> Double? {
        guard let value = try number(name) else { return nil }
        guard value > 0 else { throw error(name, Message.mustBePositive(column: header(name), found: string(name) ?? "").text) }
        return value
    }

    /// A whole number (`3` or `3.0`), at least `minimum` when given.
    public func integer(_ name: String, atLeast minimum: Int? = nil) throws(InputError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = CSVValue.integer(text) else {
            throw error(name, Message.expectedWholeNumber(found: text).text)
        }
        if let minimum, value < minimum {
            throw error(name, Message.mustBeAtLeast(column: header(name), minimum: minimum, found: text).text)
        }
        return value
    }

    /// A boolean: true/false, 1/0, yes/no, y/n, 是/否.
    public func bool(_ name: String) throws(InputError) -> Bool? {
        guard let text = string(name) else { return nil }
        guard let value = CSVValue.bool(text) else {
            throw error(name, Message.expectedBoolean(found: text).text)
        }
        return value
    }
}
