import AllianceModel

/// Character data and attribute values of a workbook XML part turned into their text, as XML
/// defines it: the five predefined entities (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and numeric
/// character references (`&#38;`, `&#x26;`, valid `Char` values only) replaced, line ends normalized
/// (CR LF and a lone CR read as LF), and in attribute values tab, line feed and carriage return read
/// as a space. No other entity exists: documents that declare one are refused before scanning.
enum XMLText {
    /// The text of `bytes[range]`, which `XMLCharacters` has already checked: character data, or an
    /// attribute value between its quotes when `attribute` is true.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, attribute: Bool) throws(XMLSyntaxError) -> String {
        var plain = true
        for i in range {
            switch bytes[i] {
            case UInt8(ascii: "&"), UInt8(ascii: "\r"): plain = false
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): if attribute { plain = false }
            case UInt8(ascii: "<") where attribute:
                throw XMLSyntaxError(offset: i, reason: Message.xmlLessThanInAttribute.text)
            case UInt8(ascii: ">") where !attribute:
                if i - 2 >= range.lowerBound, bytes[i - 1] == UInt8(ascii: "]"), bytes[i - 2] == UInt8(ascii: "]") {
                    throw XMLSyntaxError(offset: i - 2, reason: Message.xmlCDATAEndInText.text)
                }
            default: break
            }
        }
        if plain { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            switch bytes[i] {
            case UInt8(ascii: "&"):
                i = try reference(bytes, at: i, end: range.upperBound, into: &out)
            case UInt8(ascii: "\r"):
                out.append(attribute ? UInt8(ascii: " ") : UInt8(ascii: "\n"))
                i += 1
                if i < range.upperBound, bytes[i] == UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "\t") where attribute, UInt8(ascii: "\n") where attribute:
                out.append(UInt8(ascii: " "))
                i += 1
            default:
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Line ends of CDATA content normalized (CR LF and CR → LF); nothing else changes in a CDATA section.
    static func cdata(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        guard bytes[range].contains(UInt8(ascii: "\r")) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if i + 1 < range.upperBound, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of the reference starting with the `&` at `start` and returns the offset after its `;`.
    private static func reference(_ bytes: [UInt8], at start: Int, end: Int,
                                  into out: inout [UInt8]) throws(XMLSyntaxError) -> Int {
        var i = start + 1
        while i < end, bytes[i] != UInt8(ascii: ";"), i - start <= 32 { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: ";") else {
            throw XMLSyntaxError(offset: start, reason: Message.xmlBareAmpersand.text)
        }
        let body = bytes[(start + 1) ..< i]
        if body.first == UInt8(ascii: "#") {
            let value = try characterReference(body.dropFirst(), at: start)
            UTF8.encode(value) { out.append($0) }
            return i + 1
        }
        switch String(decoding: body, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "apos": out.append(UInt8(ascii: "'"))
        case "quot": out.append(UInt8(ascii: "\""))
        case let name:
            throw XMLSyntaxError(offset: start, reason: Message.xmlUndefinedEntity(name: name).text)
        }
        return i + 1
    }

    /// The scalar of `&#…;` given its digits (`65`, or `x41` in hex), refused unless XML allows the character.
    private static func characterReference(_ digits: ArraySlice<UInt8>, at start: Int) throws(XMLSyntaxError) -> Unicode.Scalar {
        let hex = digits.first == UInt8(ascii: "x")
        let body = hex ? digits.dropFirst() : digits
        var value: UInt32 = 0
        for byte in body {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw XMLSyntaxError(offset: start, reason: Message.xmlBadDigit.text)
            }
            value = value * (hex ? 16 : 10) + digit
            guard value <= 0x10FFFF else { break }
        }
        guard !body.isEmpty, XMLCharacters.isAllowed(value), let scalar = Unicode.Scalar(value) else {
            let text = String(decoding: digits, as: UTF8.self)
            throw XMLSyntaxError(offset: start, reason: Message.xmlReferenceNotAllowed(digits: text).text)
        }
        return scalar
    }
}
