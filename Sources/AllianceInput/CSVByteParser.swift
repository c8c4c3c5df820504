import AllianceModel

/// The fast path of `CSVParser`: parses the UTF-8 bytes of the text pieces directly instead of
/// walking `Character`s. It looks for separators, quotes and line ends in the bytes, makes each
/// cell's `String` once from its bytes, and counts columns by bytes in ASCII runs and by
/// characters (`String.count`) only in runs with other characters, so records, positions and
/// errors are exactly those of the character scanner (`CSVParser.parseCharacters`).
///
/// Columns count grapheme clusters, and a cluster can swallow an ASCII separator or quote: a
/// combining mark right after `,` or `"`, or a prepended concatenation mark right before it, makes
/// one character that is neither. Runs between such bytes are decoded on their own, so wherever
/// a non-ASCII scalar touches a separator or quote the pair is checked; if they would join, the
/// rest of the file (from the start of that record) is left to the character scanner, which
/// handles it exactly. Real lists never get there.
///
/// Holds the bytes of the unparsed part of the latest pieces: records are parsed as soon as they
/// are complete, a record cut by a piece's end is parsed again once the next piece arrives, and
/// a record longer than what is held doubles what is read before the next try (so a huge quoted
/// cell costs linear time).
struct CSVByteParser<Source: TextChunks> {
    private(set) var source: Source
    private let file: String
    private let separator: UInt8
    private var buffer: [UInt8] = []
    private var ended = false
    private var state = CSVScanState()

    /// A parser for separator `separator`, which must be an ASCII byte other than a quote or line end.
    init(_ source: Source, file: String, separator: UInt8) {
        self.source = source
        self.file = file
        self.separator = separator
    }

    /// Whether `separator` can be parsed as bytes: one ASCII scalar, not a quote, NUL or line end.
    static func byte(of separator: Character) -> UInt8? {
        guard separator.unicodeScalars.count == 1, let byte = separator.asciiValue,
              byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D, byte != 0 else { return nil }
        return byte
    }

    mutating func parse() -> CSVParseResult {
        var atStart = true
        while true {
            let wanted = buffer.count
            if !readMore(until: wanted) { ended = true }
            if atStart {
                // Skipped without counting a column, like the byte order mark the decoder drops.
                if buffer.count < 3, !ended { continue }
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
                atStart = false
            }
            let bytes = buffer, ended = ended, file = file, separator = separator
            // The state is moved, never shared, so that appending a record never copies the records.
            var state = self.state
            self.state = CSVScanState()
            let (consumed, stop) = bytes.withUnsafeBufferPointer { pointer in
                var records = CSVByteRecords(bytes: pointer, ended: ended, file: file, separator: separator, state: state)
                state = CSVScanState()
                let stop = records.parse()
                state = records.state
                return (records.recordStart, stop)
            }
            self.state = state
            switch stop {
            case nil:
                return CSVParseResult(records: state.records, errors: state.errors)
            case .needMore?:
                buffer.removeFirst(consumed)
            case .characterwise?:
                var rest = PrefixedText(prefix: String(decoding: buffer[consumed...], as: UTF8.self), source: source)
                buffer = []
                let result = CSVParser.parseCharacters(&rest, file: file, separator: Character(Unicode.Scalar(separator)),
                                                       from: state, skippingByteOrderMark: false)
                source = rest.source
                return result
            }
        }
    }

    /// Appends pieces until more than `count` bytes are held, and at least twice `count` when
    /// `count` (the record left unparsed) is over half a piece; false at the end of the text.
    private mutating func readMore(until count: Int) -> Bool {
        guard !ended else { return false }
        let target = count < 32 * 1024 ? count + 1 : 2 * count
        while buffer.count < target {
            guard var piece = source.nextText() else { return false }
            piece.withUTF8 { buffer.append(contentsOf: $0) }
        }
        return true
    }
}

/// Why the byte parser stopped before the end of the bytes it holds.
enum CSVByteStop: Error {
    /// The record needs bytes not read yet.
    case needMore
    /// A scalar joins a separator or quote into one character: the character scanner takes over.
    case characterwise
}

/// What the CSV scanners carry from record to record: the position, the records and errors so
/// far, and whether a NUL was reported. The byte parser hands it to the character scanner when it
/// gives a file over.
struct CSVScanState {
    var line = 1
    var column = 1
    var records: [CSVRecord] = []
    var errors: [InputError] = []
    /// A NUL is reported once per file: UTF-16 read as UTF-8 has one in every other byte.
    var reportedNUL = false
}

/// Text that starts with `prefix` and goes on with `source`.
struct PrefixedText<Source: TextChunks>: TextChunks {
    var prefix: String?
    var source: Source

    mutating func nextText() -> String? {
        if let prefix {
            self.prefix = nil
            if !prefix.isEmpty { return prefix }
        }
        return source.nextText()
    }
}

/// One pass of the byte parser over the bytes held: parses whole records from `recordStart` on,
/// and stops at the end of the bytes, or where a record needs bytes not held yet (undoing that
/// record), or where the character scanner must take over.
private struct CSVByteRecords {
    let bytes: UnsafeBufferPointer<UInt8>
    let ended: Bool
    let file: String
    let separator: UInt8
    var state: CSVScanState
    /// Where the record being parsed starts.
    private(set) var recordStart = 0
    private var index = 0

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    init(bytes: UnsafeBufferPointer<UInt8>, ended: Bool, file: String, separator: UInt8, state: CSVScanState) {
        self.bytes = bytes
        self.ended = ended
        self.file = file
        self.separator = separator
        self.state = state
    }

    /// Parses records until the end (nil) or a stop; `state` then holds what the records before
    /// `recordStart` made.
    mutating func parse() -> CSVByteStop? {
        while true {
            // What to undo when the record stops; not a copy of `state`, whose arrays would then
            // be copied on every append.
            let line = state.line, column = state.column, reportedNUL = state.reportedNUL
            let recordCount = state.records.count, errorCount = state.errors.count
            recordStart = index
            do throws(CSVByteStop) {
                if try !record() { return nil }
            } catch {
                state.line = line
                state.column = column
                state.reportedNUL = reportedNUL
                state.records.removeSubrange(recordCount...)
                state.errors.removeSubrange(errorCount...)
                index = recordStart
                return error
            }
        }
    }

    /// Whether `index` is past the bytes held: false when there are more, nil (the end) when the
    /// text has ended, a stop when the record needs more bytes.
    private func atEnd(_ position: Int) throws(CSVByteStop) -> Bool {
        if position < bytes.count { return false }
        if ended { return true }
        throw .needMore
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    /// Parses one record and its line end; false when there is none (the end, or after an
    /// unterminated quote, which ends parsing).
    private mutating func record() throws(CSVByteStop) -> Bool {
        if try atEnd(index) { return false }
        var fields: [CSVField] = []
        while true {
            guard let field = try field() else { return false }
            fields.append(field)
            guard try !atEnd(index), bytes[index] == separator else { break }
            index += 1
            state.column += 1
            if try !atEnd(index) { continue }
            // A separator at the very end of the file closes one more, empty, cell.
            fields.append(CSVField(text: "", line: state.line, column: state.column))
            break
        }
        let record = CSVRecord(fields: fields, endLine: state.line, endColumn: state.column)
        if record.fields.contains(where: { !$0.text.isEmpty }) { state.records.append(record) }
        // The line end, if any: CRLF, CR or LF, one character.
        if try !atEnd(index) {
            if bytes[index] == Self.cr, try !atEnd(index + 1), bytes[index + 1] == Self.lf { index += 1 }
            index += 1
            state.line += 1
            state.column = 1
        }
        return true
    }

    /// The end of the run of cell bytes from `start`: the next separator or line end (or the end
    /// of the text), and whether every scalar of the run is a character of its own (`isSimple`).
    private func run(from start: Int) throws(CSVByteStop) -> (end: Int, plain: Bool) {
        var end = start, special: UInt8 = 0
        while end < bytes.count {
            let byte = bytes[end]
            if byte == separator || byte == Self.lf || byte == Self.cr { break }
            special |= byte & 0x80
            if byte == 0 { special |= 1 }
            end += 1
        }
        if end == bytes.count, !ended { throw .needMore }
        if end > start, end < bytes.count, bytes[end] == separator { try checkBefore(end, separator) }
        return (end, special == 0 || (special & 1 == 0 && allSimple(start ..< end)))
    }

    /// Whether every scalar of `range` is `isSimple`, so that each is one character.
    private func allSimple(_ range: Range<Int>) -> Bool {
        var position = range.lowerBound
        while position < range.upperBound {
            if bytes[position] < 0x80 {
                if bytes[position] == 0 { return false }
                position += 1
                continue
            }
            let (scalar, length) = scalar(at: position)
            if !Self.isSimple(scalar) { return false }
            position += length
        }
        return true
    }

    /// Scalars that are a character of their own whatever comes before or after them (their
    /// grapheme break property is Other or Control, and they join no emoji or Indic cluster): below
    /// U+0300, CJK ideographs, CJK punctuation, full-width ASCII forms. Lists are mostly these;
    /// a run of them is counted by scalars, without Swift's character breaking.
    static func isSimple(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x01 ..< 0x300, 0x3000 ... 0x3029, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF, 0xFF01 ... 0xFF5E: return true
        default: return false
        }
    }

    /// The number of scalars (characters, in a run of simple scalars) in `range`.
    private func scalarCount(_ range: Range<Int>) -> Int {
        var count = 0
        for position in range where bytes[position] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether the scalar at `position` is whitespace; its length in bytes.
    private func whitespace(at position: Int) -> (Bool, length: Int) {
        let byte = bytes[position]
        if byte < 0x80 { return (Self.isWhitespace(byte), 1) }
        let (scalar, length) = scalar(at: position)
        // The whitespace among simple scalars (the only runs asked): NEL, no-break and ideographic space.
        return (scalar == "\u{85}" || scalar == "\u{A0}" || scalar == "\u{3000}", length)
    }

    /// The start of the scalar that ends just before `position`.
    private func scalarStart(before position: Int) -> Int {
        var start = position - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// Reads one cell from `index`, leaving `index` on the separator, line end or end after it.
    /// Returns nil after an unterminated quote.
    private mutating func field() throws(CSVByteStop) -> CSVField? {
        if index > recordStart, bytes[index - 1] == separator { try checkAfter(separator, index) }
        let startLine = state.line, startColumn = state.column
        let (end, plain) = try run(from: index)
        if plain {
            var first = index, skipped = 0
            while first < end {
                let (isWhitespace, length) = whitespace(at: first)
                guard isWhitespace else { break }
                first += length
                skipped += 1
            }
            if first < end, bytes[first] == Self.quote {
                state.column += skipped
                index = first
                return try quotedField()
            }
            var last = end
            while last > first {
                let start = scalarStart(before: last)
                guard whitespace(at: start).0 else { break }
                last = start
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[first ..< last]), as: UTF8.self)
            let column = first < last ? state.column + skipped : startColumn
            state.column += scalarCount(index ..< end)
            index = end
            return CSVField(text: text, line: startLine, column: column)
        }
        let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[index ..< end]), as: UTF8.self)
        var position = run.startIndex, column = state.column
        while position < run.endIndex, run[position].isWhitespace {
            position = run.index(after: position)
            column += 1
        }
        if position < run.endIndex, run[position] == "\"" {
            state.column = column
            index += run.utf8.distance(from: run.startIndex, to: position)
            return try quotedField()
        }
        var text = "", first: Int?
        if hasNULOrByteOrderMark(index ..< end) {
            for character in run[position...] {
                if character == "\u{FEFF}" {
                    fail(Message.unexpectedByteOrderMark(pasted: true).text,
                         column: column)
                } else if character == "\0" {
                    failOnceForNUL(column: column)
                } else {
                    if first == nil { first = column }
                    text.append(character)
                }
                column += 1
            }
        } else {
            text = String(run[position...])
            if position < run.endIndex { first = column }
        }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        state.column += run.count
        index = end
        return CSVField(text: text, line: startLine, column: first ?? startColumn)
    }

    /// A quoted cell from the opening quote at `index`; nil when it never closes.
    private mutating func quotedField() throws(CSVByteStop) -> CSVField? {
        let quoteLine = state.line, quoteColumn = state.column
        index += 1
        state.column += 1
        try checkAfter(Self.quote, index)
        var text: [UInt8] = []
        while true {
            var end = index
            while end < bytes.count, bytes[end] != Self.quote { end += 1 }
            if end == bytes.count, !ended { throw .needMore }
            if end < bytes.count { try checkBefore(end, Self.quote) }
            appendQuoted(index ..< end, to: &text)
            index = end
            if try atEnd(index) {
                fail(Message.unterminatedQuote.text,
                     line: quoteLine, column: quoteColumn)
                return nil
            }
            index += 1
            state.column += 1
            if try atEnd(index) || bytes[index] != Self.quote {
                if index < bytes.count { try checkAfter(Self.quote, index) }
                break
            }
            text.append(Self.quote)
            index += 1
            state.column += 1
            try checkAfter(Self.quote, index)
        }
        try afterClosingQuote()
        return CSVField(text: String(decoding: text, as: UTF8.self), line: quoteLine, column: quoteColumn, isQuoted: true)
    }

    /// Appends the text of the quoted bytes `range` (no quote among them) to `text`, with every
    /// line end as "\n", counting lines and columns; reports a byte order mark or NUL inside.
    private mutating func appendQuoted(_ range: Range<Int>, to text: inout [UInt8]) {
        var nonASCII = false, lineEnd = false
        for position in range {
            let byte = bytes[position]
            if byte >= 0x80 { nonASCII = true }
            if byte == Self.cr || byte == Self.lf { lineEnd = true }
        }
        let special = lineEnd || hasNULOrByteOrderMark(range)
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if !special {
            text.append(contentsOf: slice)
            state.column += !nonASCII ? slice.count
                : allSimple(range) ? scalarCount(range) : String(decoding: slice, as: UTF8.self).count
        } else if !nonASCII && !slice.contains(0) {
            var position = range.lowerBound
            while position < range.upperBound {
                let byte = bytes[position]
                position += 1
                if byte == Self.cr || byte == Self.lf {
                    if byte == Self.cr, position < range.upperBound, bytes[position] == Self.lf { position += 1 }
                    text.append(Self.lf)
                    state.line += 1
                    state.column = 1
                } else {
                    text.append(byte)
                    state.column += 1
                }
            }
        } else {
            for character in String(decoding: slice, as: UTF8.self) {
                if character == "\u{FEFF}" {
                    fail(Message.unexpectedByteOrderMark(pasted: false).text, column: state.column)
                } else if character == "\0" {
                    failOnceForNUL(column: state.column)
                } else if CSVParser.isLineEnd(character) {
                    text.append(Self.lf)
                } else {
                    text.append(contentsOf: character.utf8)
                }
                if CSVParser.isLineEnd(character) {
                    state.line += 1
                    state.column = 1
                } else {
                    state.column += 1
                }
            }
        }
    }

    /// After a closing quote: whitespace is skipped, and anything else up to the separator or
    /// line end is reported once and skipped.
    private mutating func afterClosingQuote() throws(CSVByteStop) {
        let (end, plain) = try run(from: index)
        var column = state.column, width = end - index
        if plain {
            var first = index
            while first < end {
                let (isWhitespace, length) = whitespace(at: first)
                guard isWhitespace else { break }
                first += length
                column += 1
            }
            if first < end { failAfterQuote(column: column) }
            width = scalarCount(index ..< end)
        } else {
            let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[index ..< end]), as: UTF8.self)
            let rest = run.drop(while: \.isWhitespace)
            column += run.count - rest.count
            if !rest.isEmpty { failAfterQuote(column: column) }
            width = run.count
        }
        state.column += width
        index = end
    }

    private mutating func failAfterQuote(column: Int) {
        fail(Message.textAfterClosingQuote.text,
             column: column)
    }

    private func hasNULOrByteOrderMark(_ range: Range<Int>) -> Bool {
        for position in range {
            let byte = bytes[position]
            if byte == 0 { return true }
            if byte == 0xEF, position + 2 < range.upperBound, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF {
                return true
            }
        }
        return false
    }

    private mutating func fail(_ message: String, line: Int? = nil, column: Int) {
        state.errors.append(InputError(SourceLocation(file: file, line: line ?? state.line, column: column), message))
    }

    private mutating func failOnceForNUL(column: Int) {
        if !state.reportedNUL { fail(CSVParser.nulMessage, column: column) }
        state.reportedNUL = true
    }

    // MARK: Characters that join a separator or quote

    /// Stops for the character scanner when the scalar at `position` joins the ASCII `byte` before
    /// it into one character. Only scalars from U+0300 on can (combining marks and the like).
    private func checkAfter(_ byte: UInt8, _ position: Int) throws(CSVByteStop) {
        guard position < bytes.count, bytes[position] >= 0xCC else { return }
        let scalar = scalar(at: position).scalar
        if !Self.isSimple(scalar), Self.joins(Unicode.Scalar(byte), scalar) { throw .characterwise }
    }

    /// Stops for the character scanner when the scalar ending just before `position` joins the
    /// ASCII `byte` at `position` into one character (a prepended concatenation mark).
    private func checkBefore(_ position: Int, _ byte: UInt8) throws(CSVByteStop) {
        guard position > 0, bytes[position - 1] >= 0x80 else { return }
        let scalar = scalar(at: scalarStart(before: position)).scalar
        if !Self.isSimple(scalar), Self.joins(scalar, Unicode.Scalar(byte)) { throw .characterwise }
    }

    /// The scalar whose UTF-8 sequence starts at `position` (the text is valid UTF-8), and its length.
    private func scalar(at position: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[position])
        func next(_ offset: Int) -> UInt32 { UInt32(bytes[position + offset] & 0x3F) }
        let value: UInt32, length: Int
        switch lead {
        case ..<0x80: (value, length) = (lead, 1)
        case ..<0xE0: (value, length) = ((lead & 0x1F) << 6 | next(1), 2)
        case ..<0xF0: (value, length) = ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3)
        default: (value, length) = ((lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether `a` followed by `b` is one character (grapheme cluster), as Swift counts them.
    private static func joins(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        var pair = ""
        pair.unicodeScalars.append(a)
        pair.unicodeScalars.append(b)
        return pair.count == 1
    }
}
