import AllianceModel
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
/// Files are decoded as a stream (see `read(_:file:choice:_:)`): chunk by chunk, never whole.
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
        try decode(ByteSource(bytes: bytes), file: file, choice: choice)
    }

    /// `decode(_:file:choice:)` on bytes read in chunks of `source.chunkSize`.
    static func decode(_ source: ByteSource, file: String, choice: EncodingChoice) throws(InputError) -> (text: String, encoding: TextEncoding) {
        try read(source, file: file, choice: choice) { decoder in
            var text = ""
            while let piece = decoder.nextText() { text += piece }
            return text
        }
    }

    /// Decodes `source` as `choice` says, handing the decoder to `consume` (which reads its text
    /// piece by piece, e.g. into the CSV parser), and returns what `consume` made of it with the
    /// encoding used. `consume` may run twice: with `.auto`, a file that turns out not to be UTF-8
    /// is read again as GB18030, and what the first run made is dropped. Throws as `decode` does,
    /// and "cannot read the file" when the file cannot be opened or read.
    static func read<Value>(_ source: ByteSource, file: String, choice: EncodingChoice,
                            _ consume: (inout TextDecoder) -> Value) throws(InputError) -> (Value, TextEncoding) {
        let head = source.prefix(2)
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] {
            throw InputError(SourceLocation(file: file, line: 1, column: 1), Message.utf16File.text)
        }
        func attempt(_ encoding: TextEncoding) throws(InputError) -> Result<Value, DecodeFailure> {
            guard var decoder = TextDecoder(source, encoding: encoding) else {
                throw InputError(SourceLocation(file: file, line: 1, column: 1), Message.noGB18030Converter.text)
            }
            let value = consume(&decoder)
            if let error = decoder.readError {
                throw cannotRead(file, error)
            }
            if let failure = decoder.failure { return .failure(failure) }
            return .success(value)
        }
        switch choice {
        case .utf8:
            switch try attempt(.utf8) {
            case .success(let value): return (value, .utf8)
            case .failure(let failure): throw try notUTF8(source, failure, file: file)
            }
        case .gb18030:
            switch try attempt(.gb18030) {
            case .success(let value): return (value, .gb18030)
            case .failure(let failure): throw try notGB18030(source, failure, file: file, firstNonUTF8: nil)
            }
        case .auto:
            let utf8Failure: DecodeFailure
            switch try attempt(.utf8) {
            case .success(let value): return (value, .utf8)
            case .failure(let failure): utf8Failure = failure
            }
            switch try attempt(.gb18030) {
            case .success(let value): return (value, .gb18030)
            case .failure(let failure):
                let utf8Location = try position(in: source, before: utf8Failure.offset, encoding: .utf8, file: file)
                if utf8Failure.offset >= failure.offset {
                    // UTF-8 read further than GB18030: a UTF-8 file with a damaged or foreign row,
                    // so point at the first byte that is not UTF-8.
                    throw InputError(utf8Location, Message.notUTF8ButReadFurther(byte: hex(utf8Failure.byte)).text)
                }
                throw try notGB18030(source, failure, file: file, firstNonUTF8: utf8Location)
            }
        }
    }

    /// The error for a file that cannot be opened or read, e.g. a folder named like a list.
    static func cannotRead(_ file: String, _ error: any Error) -> InputError {
        InputError(SourceLocation(file: file, line: 1, column: 1), Message.cannotReadFile(reason: error.localizedDescription).text)
    }

    private static func notUTF8(_ source: ByteSource, _ failure: DecodeFailure, file: String) throws(InputError) -> InputError {
        let location = try position(in: source, before: failure.offset, encoding: .utf8, file: file)
        return InputError(location, Message.notUTF8(byte: hex(failure.byte)).text)
    }

    /// The error for bytes GB18030 cannot decode; `firstNonUTF8` is where UTF-8 failed too (auto detection).
    private static func notGB18030(_ source: ByteSource, _ failure: DecodeFailure, file: String,
                                   firstNonUTF8: SourceLocation?) throws(InputError) -> InputError {
        let location = try position(in: source, before: failure.offset, encoding: .gb18030, file: file)
        let elsewhere = firstNonUTF8.flatMap { $0 == location ? nil : $0 }
        return InputError(location, Message.notGB18030(byte: failure.byte.map { hex($0) }, neitherUTF8: firstNonUTF8 != nil,
                                                       firstNonUTF8Line: elsewhere?.line,
                                                       firstNonUTF8Column: elsewhere?.column).text)
    }

    private static func hex(_ byte: UInt8?) -> String { byte.map { String($0, radix: 16, uppercase: true) } ?? "?" }

    /// The line and column just after the first `count` bytes of `source` decoded as `encoding`,
    /// counted the way the CSV parser counts; those bytes decode (the first bad one comes after).
    /// A byte order mark at the start is skipped, and one more after it when GB18030 (as ever).
    private static func position(in source: ByteSource, before count: Int, encoding: TextEncoding,
                                 file: String) throws(InputError) -> SourceLocation {
        guard let decoder = TextDecoder(source, encoding: encoding, limit: count) else {
            return SourceLocation(file: file, line: 1, column: 1)
        }
        var characters = CharacterStream(decoder)
        if encoding == .gb18030, characters.current == "\u{FEFF}" { characters.advance() }
        var line = 1, column = 1
        while let character = characters.current {
            if CSVParser.isLineEnd(character) {
                line += 1
                column = 1
            } else {
                column += 1
            }
            characters.advance()
        }
        if let error = characters.source.readError {
            throw cannotRead(file, error)
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
