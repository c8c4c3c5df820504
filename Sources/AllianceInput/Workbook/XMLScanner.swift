import AllianceModel

/// A small, bounded XML scanner for workbook parts, in Swift over the part's bytes: what `.xlsx`
/// parts use and nothing more. It reads the XML declaration, elements with attributes (single or
/// double quotes), text, CDATA sections, comments and processing instructions, and the predefined
/// entities and numeric character references (`XMLText`); it refuses a document type (entities
/// could expand without bound or read other files), elements nested deeper than `maxDepth`, and
/// every kind of malformed XML with the byte offset where it goes wrong.
///
/// It replaces Foundation's `XMLParser`, which on Linux traps (crashing the process) on some damaged
/// parts, e.g. an element name that is not UTF-8 (`<\u{E9}\u{9C}/>` as bytes; see docs/TESTING.md).
/// Names reach the handler without their namespace prefixes (`x:row` → `row`, `r:id` → `id`), as
/// the reader matches them; when two attributes of an element share a local name, the first counts.
struct XMLScanner {
    /// How deep elements may nest (libxml2's default limit too); workbook parts nest about ten deep.
    static let maxDepth = 256

    /// Why a scan stopped: the document is malformed, or the handler threw.
    enum Failure: Error {
        case syntax(XMLSyntaxError)
        case handler(InputError)
    }

    private let bytes: [UInt8]
    private let handler: WorkbookXMLHandler
    private var position = 0
    /// Byte ranges of the names of the elements open now, outermost first.
    private var open: [Range<Int>] = []
    private var sawRoot = false

    private init(_ bytes: [UInt8], handler: WorkbookXMLHandler) {
        self.bytes = bytes
        self.handler = handler
    }

    /// Scans the whole document, sending its events to `handler`: text only inside the root
    /// element, and `end` right after `start` for an empty element `<x/>`.
    static func scan(_ bytes: [UInt8], handler: WorkbookXMLHandler) throws(Failure) {
        if let problem = XMLCharacters.firstProblem(in: bytes) { throw .syntax(problem) }
        var scanner = XMLScanner(bytes, handler: handler)
        try scanner.run()
    }

    private mutating func run() throws(Failure) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if matches("<?xml"), position + 5 < bytes.count, isSpace(bytes[position + 5]) {
            position = try after("?>", from: position + 5, what: .declaration)
        }
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") {
                try markup()
            } else {
                try characterData()
            }
        }
        if let innermost = open.last {
            throw .syntax(XMLSyntaxError(offset: bytes.count, reason: Message.xmlEndsInsideElement(element: name(innermost),
                                                                                                  notClosed: open.count).text))
        }
        if !sawRoot { throw .syntax(XMLSyntaxError(offset: bytes.count, reason: Message.xmlNoRoot.text)) }
    }

    // MARK: - Markup

    private mutating func markup() throws(Failure) {
        let start = position
        guard start + 1 < bytes.count else { throw error(start, .xmlEndsInsideTag) }
        switch bytes[start + 1] {
        case UInt8(ascii: "/"): try endTag()
        case UInt8(ascii: "?"): try processingInstruction()
        case UInt8(ascii: "!"):
            if matches("<!--") {
                try comment()
            } else if matches("<![CDATA[") {
                guard !open.isEmpty else { throw error(start, .xmlCDATAOutsideRoot) }
                let end = try after("]]>", from: start + 9, what: .cdata)
                position = end
                guard end - 3 > start + 9 else { return }
                try deliver { () throws(InputError) in try handler.text(XMLText.cdata(bytes, (start + 9) ..< (end - 3))) }
            } else if matches("<!DOCTYPE") {
                throw refusal(start, .xmlDocumentType)
            } else {
                throw error(start, .xmlBangStartsNothing)
            }
        default: try startTag()
        }
    }

    private mutating func startTag() throws(Failure) {
        let start = position
        guard open.isEmpty ? !sawRoot : true else { throw error(start, .xmlSecondRoot) }
        position += 1
        let nameRange = try scanName(what: .elementName)
        var attributes: [String: String] = [:]
        var attributeNames = AttributeNames()
        while true {
            let hadSpace = skipSpaces()
            guard position < bytes.count else { throw error(start, .xmlEndsInsideTagNamed(tag: name(nameRange))) }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") || matches("/>") {
                position += byte == UInt8(ascii: ">") ? 1 : 2
                sawRoot = true
                open.append(nameRange)
                guard open.count <= Self.maxDepth else {
                    throw refusal(start, .xmlTooDeep(levels: Self.maxDepth))
                }
                let elementName = localName(nameRange)
                try deliver { () throws(InputError) in try handler.start(elementName, attributes) }
                if byte != UInt8(ascii: ">") { try close() }
                return
            }
            guard hadSpace else { throw error(position, .xmlAttributesNotSeparated(tag: name(nameRange))) }
            let bytes = self.bytes
            let attributeName = try scanName(what: .attributeNameOrEnd(tag: Self.text(bytes[nameRange])))
            guard attributeNames.insert(bytes[attributeName]) else {
                throw error(attributeName.lowerBound, .xmlAttributeTwice(attribute: name(attributeName)))
            }
            let value = try attributeValue(of: attributeName)
            let key = localName(attributeName)
            if attributes[key] == nil { attributes[key] = value }
        }
    }

    /// `= "value"` after an attribute name, with optional spaces around `=`.
    private mutating func attributeValue(of attribute: Range<Int>) throws(Failure) -> String {
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw error(position, .xmlAttributeWithoutValue(attribute: name(attribute)))
        }
        position += 1
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw error(position, .xmlAttributeNotQuoted(attribute: name(attribute)))
        }
        let quote = bytes[position]
        let valueStart = position + 1
        guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else {
            throw error(position, .xmlAttributeNeverEnds(attribute: name(attribute)))
        }
        position = valueEnd + 1
        do {
            return try XMLText.decode(bytes, valueStart ..< valueEnd, attribute: true)
        } catch {
            throw .syntax(error)
        }
    }

    private mutating func endTag() throws(Failure) {
        let start = position
        position += 2
        let nameRange = try scanName(what: .endTagName)
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw error(start, .xmlEndTagNotClosed(tag: name(nameRange)))
        }
        position += 1
        guard let innermost = open.last else { throw error(start, .xmlEndTagClosesNothing(tag: name(nameRange))) }
        guard bytes[innermost] == bytes[nameRange] else {
            throw error(start, .xmlEndTagMismatch(tag: name(nameRange), open: name(innermost)))
        }
        try close()
    }

    /// Ends the innermost open element.
    private mutating func close() throws(Failure) {
        guard let innermost = open.popLast() else { return }
        let elementName = localName(innermost)
        try deliver { () throws(InputError) in try handler.end(elementName) }
    }

    private mutating func processingInstruction() throws(Failure) {
        let start = position
        position += 2
        let target = try scanName(what: .processingTarget)
        if String(decoding: bytes[target], as: UTF8.self).lowercased() == "xml" {
            throw error(start, .xmlDeclarationNotAtStart)
        }
        position = try after("?>", from: position, what: .processingInstruction)
    }

    private mutating func comment() throws(Failure) {
        let start = position
        guard let dashes = find("--", from: start + 4) else { throw error(start, .xmlCommentNeverEnds) }
        guard dashes + 2 < bytes.count, bytes[dashes + 2] == UInt8(ascii: ">") else {
            throw error(dashes, .xmlDoubleDashInComment)
        }
        position = dashes + 3
    }

    // MARK: - Text

    private mutating func characterData() throws(Failure) {
        let start = position
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        position = end
        guard !open.isEmpty else {
            if let offset = (start ..< end).first(where: { !isSpace(bytes[$0]) }) {
                throw error(offset, .xmlTextOutsideRoot(afterRoot: sawRoot))
            }
            return
        }
        let text: String
        do {
            text = try XMLText.decode(bytes, start ..< end, attribute: false)
        } catch {
            throw .syntax(error)
        }
        try deliver { () throws(InputError) in try handler.text(text) }
    }

    // MARK: - Pieces

    /// An XML name at `position` (ASCII letters, digits and `_:.-`, and any non-ASCII character;
    /// not starting with a digit, `.` or `-`), moving past it.
    private mutating func scanName(what: @autoclosure () -> Message.XMLPlace) throws(Failure) -> Range<Int> {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        guard position > start, !Self.isDigitDotOrDash(bytes[start]) else {
            throw error(start, position >= bytes.count ? .xmlEndsWhere(what()) : .xmlExpected(what()))
        }
        return start ..< position
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "-"), 0x80...0xFF: return true
        default: return false
        }
    }

    private static func isDigitDotOrDash(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Skips white space; whether there was any.
    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literal in
            (0..<count).allSatisfy { bytes[position + $0] == literal[$0] }
        }
    }

    /// Offset of the first `literal` at or after `from`, nil when there is none.
    private func find(_ literal: StaticString, from: Int) -> Int? {
        literal.withUTF8Buffer { literal -> Int? in
            guard let first = literal.first, from < bytes.count else { return nil }
            var i = from
            while let hit = bytes[i...].firstIndex(of: first) {
                guard hit + literal.count <= bytes.count else { return nil }
                if (1..<literal.count).allSatisfy({ bytes[hit + $0] == literal[$0] }) { return hit }
                i = hit + 1
            }
            return nil
        }
    }

    /// The offset just past the `literal` that ends `what`, which starts at `position`.
    private func after(_ literal: StaticString, from: Int, what: Message.XMLPlace) throws(Failure) -> Int {
        guard let hit = find(literal, from: from) else { throw error(position, .xmlNeverEnds(what)) }
        return hit + literal.utf8CodeUnitCount
    }

    /// The qualified names of one element's attributes, to refuse a repeated one: compared one by one
    /// while there are few (the usual case), hashed when a hostile element has many.
    private struct AttributeNames {
        private var few: [ArraySlice<UInt8>] = []
        private var many: Set<ArraySlice<UInt8>> = []

        /// Adds `name`; false when the element already has it.
        mutating func insert(_ name: ArraySlice<UInt8>) -> Bool {
            if few.count < 16 {
                guard !few.contains(name) else { return false }
                few.append(name)
                return true
            }
            return !few.contains(name) && many.insert(name).inserted
        }
    }

    private func name(_ range: Range<Int>) -> String { Self.text(bytes[range]) }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private func error(_ offset: Int, _ reason: Message) -> Failure { .syntax(XMLSyntaxError(offset: offset, reason: reason.text)) }

    private func refusal(_ offset: Int, _ reason: Message) -> Failure {
        .syntax(XMLSyntaxError(offset: offset, reason: reason.text, isRefusal: true))
    }

    private func deliver(_ event: () throws(InputError) -> Void) throws(Failure) {
        do { try event() } catch { throw .handler(error) }
    }

    /// The name without its namespace prefix.
    private func localName(_ range: Range<Int>) -> String {
        let colon = bytes[range].lastIndex(of: UInt8(ascii: ":"))
        return name(colon.map { ($0 + 1) ..< range.upperBound } ?? range)
    }
}
