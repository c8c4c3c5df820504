import Foundation

/// The character encodings a list file may be read in.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 with or without a byte order mark (Excel's "CSV UTF-8").
    case utf8 = "utf-8"
    /// GB18030, which includes GBK and GB2312: what Excel on Chinese Windows saves as plain "CSV".
    case gb18030 = "gb18030"

    /// The name shown to people: `UTF-8`, `GB18030`.
    public var displayName: String { self == .utf8 ? "UTF-8" : "GB18030" }
}

/// How to choose the encoding of each list file: a fixed one, or detected file by file.
public enum EncodingChoice: String, Sendable, CaseIterable {
    /// Valid UTF-8 is read as UTF-8, anything else as GB18030 when it decodes as such.
    case auto
    case utf8
    case gb18030
}

/// Turns the bytes of a list file into text, or explains at the offending byte why it cannot.
public enum CSVFileDecoder {
    /// Decodes `bytes` read from `file`; a leading byte order mark is dropped.
    /// Throws an `InputError` located at the first undecodable byte, so the user can find it.
    public static func decode(_ bytes: Data, file: String, encoding: TextEncoding = .utf8) throws(InputError) -> String {
        try decode(bytes, file: file, choice: encoding == .utf8 ? .utf8 : .gb18030).text
    }

    /// Decodes `bytes` as `choice` says and tells which encoding was used. With `.auto`, text that is
    /// valid UTF-8 is UTF-8, else GB18030 when it decodes as such; otherwise the error is located at
    /// the first undecodable byte of whichever encoding read further (and names the first byte that
    /// is not UTF-8 when that is GB18030).
    public static func decode(_ bytes: Data, file: String, choice: EncodingChoice) throws(InputError) -> (text: String, encoding: TextEncoding) {
        let start = bytes.startIndex
        if bytes.count >= 2, (bytes[start] == 0xFF && bytes[start + 1] == 0xFE) || (bytes[start] == 0xFE && bytes[start + 1] == 0xFF) {
            throw InputError(SourceLocation(file: file, line: 1, column: 1), "file is UTF-16, not UTF-8; \(saveHint)")
        }
        switch choice {
        case .utf8:
            switch decodeUTF8(bytes) {
            case .success(let text): return (text, .utf8)
            case .failure(let failure): throw notUTF8(bytes, failure.offset, file: file)
            }
        case .gb18030:
            switch GB18030.decode(bytes) {
            case .success(let text): return (text, .gb18030)
            case .failure(let failure): throw notGB18030(bytes, failure, file: file, firstNonUTF8: nil)
            }
        case .auto:
            let utf8Failure: Int
            switch decodeUTF8(bytes) {
            case .success(let text): return (text, .utf8)
            case .failure(let failure): utf8Failure = failure.offset
            }
            switch GB18030.decode(bytes) {
            case .success(let text): return (text, .gb18030)
            case .failure(let failure):
                let utf8Location = position(after: String(decoding: bytes[start ..< start + utf8Failure], as: UTF8.self), file: file)
                if !failure.unavailable, utf8Failure >= failure.offset {
                    // UTF-8 read further than GB18030: a UTF-8 file with a damaged or foreign row,
                    // so point at the first byte that is not UTF-8.
                    throw InputError(utf8Location, "file is neither UTF-8 nor GB18030: byte 0x\(hex(bytes[start + utf8Failure])) "
                        + "here is not UTF-8, though the text before it is; \(saveHint)")
                }
                throw notGB18030(bytes, failure, file: file, firstNonUTF8: utf8Location)
            }
        }
    }

    private static let saveHint = "save it as \"CSV UTF-8\" (Excel: Save As › CSV UTF-8 (逗号分隔))"

    private struct Failure: Error { var offset: Int }

    private static func decodeUTF8(_ bytes: Data) -> Result<String, Failure> {
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
                return .success(text)
            case .error:
                return .failure(Failure(offset: offset))
            }
        }
    }

    private static func notUTF8(_ bytes: Data, _ offset: Int, file: String) -> InputError {
        let start = bytes.startIndex
        let location = position(after: String(decoding: bytes[start ..< start + offset], as: UTF8.self), file: file)
        return InputError(location, "file is not UTF-8 (byte 0x\(hex(bytes[start + offset])) here cannot be decoded); "
            + "\(saveHint), or read it with --encoding gb18030 if it was saved by Chinese Excel as plain CSV")
    }

    /// The error for bytes GB18030 cannot decode; `firstNonUTF8` is where UTF-8 failed too (auto detection).
    private static func notGB18030(_ bytes: Data, _ failure: GB18030.Failure, file: String,
                                   firstNonUTF8: SourceLocation?) -> InputError {
        let start = bytes.startIndex
        if failure.unavailable {
            return InputError(SourceLocation(file: file, line: 1, column: 1),
                              "this system cannot decode GB18030 (iconv has no converter for it); \(saveHint)")
        }
        let prefix = bytes[start ..< start + failure.offset]
        let text = (try? GB18030.decode(Data(prefix)).get()) ?? String(decoding: prefix, as: UTF8.self)
        let location = position(after: text, file: file)
        let byte = failure.offset < bytes.count ? "byte 0x\(hex(bytes[start + failure.offset]))" : "the end of the file"
        var lead = "file is not GB18030"
        var hint = saveHint + ", or read it with --encoding auto if it is UTF-8"
        if let firstNonUTF8 {
            hint = saveHint
            lead = "file is neither UTF-8 nor GB18030"
            if firstNonUTF8 != location {
                lead += " (the first byte that is not UTF-8 is on line \(firstNonUTF8.line), column \(firstNonUTF8.column))"
            }
        }
        return InputError(location, "\(lead): \(byte) here cannot be decoded as GB18030; \(hint)")
    }

    private static func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true) }

    /// The line and column just after `prefix`, counted the way the CSV parser counts.
    private static func position(after prefix: String, file: String) -> SourceLocation {
        var text = prefix
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
