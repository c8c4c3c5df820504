import AllianceModel

/// One cell of a CSV file together with where it was written.
public struct CSVField: Sendable, Hashable {
    /// The cell's text: unquoted cells are trimmed of surrounding whitespace; quoted cells are kept
    /// exactly, with `""` turned into `"` and every line end turned into "\n".
    public var text: String
    /// 1-based line of the cell's first character.
    public var line: Int
    /// 1-based column, in characters, of the cell's first character (the opening quote of a quoted cell).
    public var column: Int
    /// Whether the cell was written in quotes.
    public var isQuoted: Bool

    /// A cell with its text and position (mainly for tests and synthesized empty cells).
    public init(text: String, line: Int, column: Int, isQuoted: Bool = false) {
        self.text = text
        self.line = line
        self.column = column
        self.isQuoted = isQuoted
    }
}

/// One row of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The cells in file order; never empty for a record returned by the parser.
    public var fields: [CSVField]
    /// Line of the position just after the record's last character, where a missing trailing cell would go.
    public var endLine: Int
    /// Column of that position.
    public var endColumn: Int

    /// A record from its cells and end position.
    public init(fields: [CSVField], endLine: Int, endColumn: Int) {
        self.fields = fields
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// Line on which the record starts.
    public var line: Int { fields.first?.line ?? endLine }
}

/// What parsing a CSV text found: the records read and every syntax error met on the way.
public struct CSVParseResult: Sendable {
    /// Records read, blank ones skipped (after an unterminated quote: those before it).
    public var records: [CSVRecord]
    /// Syntax errors in file order.
    public var errors: [InputError]
}

/// A small RFC 4180 parser that keeps the line and column of every cell, so that later checks can
/// point at the exact spreadsheet cell. Accepts CRLF, lone CR and LF line ends, a leading byte order
/// mark, quoted cells spanning lines, and skips blank lines and rows whose cells are all empty.
/// The text may arrive in pieces (a file decoded chunk by chunk), never held whole.
public enum CSVParser {
    /// Parses `text` (named `file` in messages), collecting all syntax errors instead of stopping at the first.
    /// An unterminated quote ends parsing, since the rest of the file is inside it.
    public static func parse(_ text: String, file: String, separator: Character = ",") -> CSVParseResult {
        var source = WholeText(text)
        return parse(&source, file: file, separator: separator)
    }

    /// Parses the text of `source` as it arrives, piece by piece, holding one piece's bytes and
    /// the records read. Records and errors are the same however the text is cut into pieces.
    /// The bytes are parsed directly (`CSVByteParser`) unless the separator is not one ASCII byte.
    static func parse<Source: TextChunks>(_ source: inout Source, file: String, separator: Character = ",") -> CSVParseResult {
        guard let byte = CSVByteParser<Source>.byte(of: separator) else {
            return parseCharacters(&source, file: file, separator: separator)
        }
        var parser = CSVByteParser(source, file: file, separator: byte)
        defer { source = parser.source }
        return parser.parse()
    }

    /// The reference scanner: parses `source` character by character (grapheme clusters, which is
    /// what columns count), going on from `state` (the start of a record). The byte parser gives
    /// a file over to it where a character joins a separator or quote; tests compare the two.
    static func parseCharacters<Source: TextChunks>(_ source: inout Source, file: String, separator: Character = ",",
                                                    from state: CSVScanState = CSVScanState(),
                                                    skippingByteOrderMark: Bool = true) -> CSVParseResult {
        var scanner = CSVScanner(characters: CharacterStream(source), file: file, separator: separator, state: state)
        defer { source = scanner.characters.source }
        // Skipped without counting a column, like the byte order mark the decoder drops.
        if skippingByteOrderMark, scanner.current == "\u{FEFF}" { scanner.characters.advance() }
        var records = state.records
        var fields: [CSVField] = []
        while scanner.current != nil {
            guard let field = scanner.field() else { break }
            fields.append(field)
            if scanner.current == separator {
                scanner.advance()
                if scanner.current != nil { continue }
                // A separator at the very end of the file closes one more, empty, cell.
                fields.append(CSVField(text: "", line: scanner.line, column: scanner.column))
            }
            let record = CSVRecord(fields: fields, endLine: scanner.line, endColumn: scanner.column)
            if record.fields.contains(where: { !$0.text.isEmpty }) { records.append(record) }
            fields = []
            scanner.advance() // the line end, if any
        }
        return CSVParseResult(records: records, errors: scanner.errors)
    }

    /// Parses `text` and throws every syntax error at once when there are any.
    public static func records(_ text: String, file: String, separator: Character = ",") throws(InputErrors) -> [CSVRecord] {
        let result = parse(text, file: file, separator: separator)
        if !result.errors.isEmpty { throw InputErrors(result.errors) }
        return result.records
    }

    /// A NUL character never belongs in a list; it is what UTF-16 text without a byte order mark,
    /// or a damaged file, looks like when read as UTF-8.
    static var nulMessage: String {
        Message.unexpectedNUL.text
    }

    /// Whether `character` ends a line: LF, CR, or CRLF (which Swift treats as one character).
    public static func isLineEnd(_ character: Character) -> Bool {
        character == "\n" || character == "\r" || character == "\r\n"
    }
}

/// Walks the characters of a CSV text, keeping the current line and column.
private struct CSVScanner<Source: TextChunks> {
    var characters: CharacterStream<Source>
    let file: String
    let separator: Character
    var line: Int
    var column: Int
    var errors: [InputError]
    /// A NUL is reported once per file: UTF-16 read as UTF-8 has one in every other byte.
    var reportedNUL: Bool

    init(characters: CharacterStream<Source>, file: String, separator: Character, state: CSVScanState) {
        self.characters = characters
        self.file = file
        self.separator = separator
        line = state.line
        column = state.column
        errors = state.errors
        reportedNUL = state.reportedNUL
    }

    var current: Character? { characters.current }

    /// The current character ends neither the cell nor the record.
    var inCell: Bool {
        guard let c = current else { return false }
        return c != separator && !CSVParser.isLineEnd(c)
    }

    mutating func advance() {
        guard let c = current else { return }
        if CSVParser.isLineEnd(c) {
            line += 1
            column = 1
        } else {
            column += 1
        }
        characters.advance()
    }

    mutating func fail(_ message: String, line: Int? = nil, column: Int? = nil) {
        errors.append(InputError(SourceLocation(file: file, line: line ?? self.line, column: column ?? self.column), message))
    }

    mutating func skipWhitespace() {
        while inCell, let c = current, c.isWhitespace { advance() }
    }

    mutating func failOnceForNUL() {
        if !reportedNUL { fail(CSVParser.nulMessage) }
        reportedNUL = true
    }

    /// Reads one cell, leaving the scanner on the separator, line end or end of text after it.
    /// Returns nil after an unterminated quote.
    mutating func field() -> CSVField? {
        let startLine = line, startColumn = column
        skipWhitespace()
        if current == "\"" { return quotedField() }
        var text = ""
        var first: (line: Int, column: Int)?
        while inCell, let c = current {
            if c == "\u{FEFF}" {
                fail(Message.unexpectedByteOrderMark(pasted: true).text)
            } else if c == "\0" {
                failOnceForNUL()
            } else {
                if first == nil { first = (line, column) }
                text.append(c)
            }
            advance()
        }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return CSVField(text: text, line: first?.line ?? startLine, column: first?.column ?? startColumn)
    }

    private mutating func quotedField() -> CSVField? {
        let quoteLine = line, quoteColumn = column
        advance()
        var text = ""
        while true {
            guard let c = current else {
                fail(Message.unterminatedQuote.text,
                     line: quoteLine, column: quoteColumn)
                return nil
            }
            if c == "\"" {
                advance()
                guard current == "\"" else { break }
                text.append("\"")
            } else if c == "\u{FEFF}" {
                fail(Message.unexpectedByteOrderMark(pasted: false).text)
            } else if c == "\0" {
                failOnceForNUL()
            } else {
                text.append(CSVParser.isLineEnd(c) ? "\n" : c)
            }
            advance()
        }
        skipWhitespace()
        if inCell {
            fail(Message.textAfterClosingQuote.text)
            while inCell { advance() }
        }
        return CSVField(text: text, line: quoteLine, column: quoteColumn, isQuoted: true)
    }
}
