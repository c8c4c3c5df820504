import Foundation

/// The character encodings a list file may be read in.
/// Only UTF-8 today; GB18030 (what Chinese Excel saves as plain "CSV") is planned as a second case,
/// which is why every reading entry point takes an `encoding` parameter.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 with or without a byte order mark (Excel's "CSV UTF-8").
    case utf8 = "utf-8"
}

/// Turns the bytes of a list file into text, or explains at the offending byte why it cannot.
public enum CSVFileDecoder {
    /// Decodes `bytes` read from `file`; a leading byte order mark is dropped.
    /// Throws an `InputError` located at the first undecodable byte, so the user can find it.
    public static func decode(_ bytes: Data, file: String, encoding: TextEncoding = .utf8) throws(InputError) -> String {
        switch encoding {
        case .utf8:
            return try decodeUTF8(bytes, file: file)
        }
    }

    private static let saveHint = "save it as \"CSV UTF-8\" (Excel: Save As › CSV UTF-8 (逗号分隔))"

    private static func decodeUTF8(_ bytes: Data, file: String) throws(InputError) -> String {
        let start = bytes.startIndex
        if bytes.count >= 2, (bytes[start] == 0xFF && bytes[start + 1] == 0xFE) || (bytes[start] == 0xFE && bytes[start + 1] == 0xFF) {
            throw InputError(SourceLocation(file: file, line: 1, column: 1), "file is UTF-16, not UTF-8; \(saveHint)")
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                var text = String(decoding: bytes, as: UTF8.self)
                if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
                return text
            case .error:
                let badByte = bytes[start + offset]
                let location = position(after: bytes[start ..< start + offset], file: file)
                let hex = String(badByte, radix: 16, uppercase: true)
                throw InputError(location, "file is not UTF-8 (byte 0x\(hex) here cannot be decoded); \(saveHint)")
            }
        }
    }

    /// The line and column just after `prefix`, counted the way the CSV parser counts.
    private static func position(after prefix: Data, file: String) -> SourceLocation {
        var text = String(decoding: prefix, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var line = 1, column = 1
        for character in text {
            if CSVParser.isLineEnd(character) {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
