import AllianceModel

/// The characters an XML document may hold, checked over its UTF-8 bytes in one pass before it is
/// scanned: well-formed UTF-8 (no overlong forms, surrogates or values beyond U+10FFFF) and only
/// XML's `Char` production (tab, line feed, carriage return, U+0020 and up, except U+FFFE and U+FFFF).
/// After this check every slice of the document cut at ASCII delimiters is valid UTF-8 too.
enum XMLCharacters {
    /// The first problem in `bytes`, nil when all of it is allowed.
    static func firstProblem(in bytes: [UInt8]) -> XMLSyntaxError? {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                if lead < 0x20, lead != 0x09, lead != 0x0A, lead != 0x0D {
                    return XMLSyntaxError(offset: i, reason: Message.xmlControlCharacter(byte: hex(lead)).text)
                }
                i += 1
                continue
            }
            let length: Int, minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            default: return XMLSyntaxError(offset: i, reason: Message.xmlByteNotUTF8(byte: hex(lead)).text)
            }
            guard i + length <= count else {
                return XMLSyntaxError(offset: i, reason: Message.xmlUTF8CutOff.text)
            }
            for k in 1..<length {
                let byte = bytes[i + k]
                guard byte & 0xC0 == 0x80 else {
                    return XMLSyntaxError(offset: i, reason: Message.xmlUTF8Broken(lead: hex(lead), byte: hex(byte)).text)
                }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                return XMLSyntaxError(offset: i, reason: Message.xmlInvalidUTF8.text)
            }
            guard isAllowed(scalar) else {
                return XMLSyntaxError(offset: i, reason: Message.xmlCharacterNotAllowed(code: String(scalar, radix: 16, uppercase: true)).text)
            }
            i += length
        }
        return nil
    }

    /// Whether XML's `Char` production admits the scalar value `value` (also used for character references).
    static func isAllowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }
}
