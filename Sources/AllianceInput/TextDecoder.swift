import AllianceModel

/// Where decoding stopped: the offset of the first byte that cannot be decoded (a sequence cut
/// off by the end of the file counts as invalid at its first byte) and that byte.
struct DecodeFailure: Error, Equatable {
    var offset: Int
    var byte: UInt8?
}

/// Turns bytes that arrive in chunks into text, holding back a sequence cut by a chunk's end
/// until the next chunk completes it.
protocol ChunkDecoder {
    /// The text of `bytes` (after the bytes held back from earlier chunks). `final` means no bytes
    /// follow, so nothing may be held back. Fails at the first byte that cannot be decoded.
    mutating func decode(_ bytes: [UInt8], final: Bool) -> Result<String, DecodeFailure>
}

/// UTF-8 decoded chunk by chunk; a chunk's text is exactly what decoding the whole file gives
/// for those bytes, and the first invalid byte is found at the same offset.
struct UTF8ChunkDecoder: ChunkDecoder {
    /// The start of a sequence cut by the end of the last chunk.
    private var held: [UInt8] = []
    /// Bytes decoded before `held`.
    private var offset = 0

    mutating func decode(_ bytes: [UInt8], final: Bool) -> Result<String, DecodeFailure> {
        var input = held.isEmpty ? bytes : held + bytes
        let keep = final ? 0 : Self.cutSequence(at: input)
        held = Array(input.suffix(keep))
        input.removeLast(keep)
        if let text = String(validating: input, as: UTF8.self) {
            offset += input.count
            return .success(text)
        }
        let bad = Self.firstInvalid(input)
        return .failure(DecodeFailure(offset: offset + bad, byte: input[bad]))
    }

    /// How many bytes at the end of `bytes` may start a sequence that the next chunk completes.
    static func cutSequence(at bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        for back in 1 ... min(3, bytes.count) where bytes[bytes.count - back] & 0xC0 != 0x80 {
            let lead = bytes[bytes.count - back]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            return length > back ? back : 0
        }
        return 0
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence (there is one).
    private static func firstInvalid(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
        return offset
    }
}

/// The text of a `ByteSource` decoded as one encoding, piece by piece. A leading byte order mark
/// is dropped. Decoding stops at the first undecodable byte (`failure`) or at a read error
/// (`readError`); either way the text handed out so far is only a prefix of the file.
struct TextDecoder: TextChunks {
    private enum Engine {
        case utf8(UTF8ChunkDecoder)
        case gb18030(GB18030ChunkDecoder)

        mutating func decode(_ bytes: [UInt8], final: Bool) -> Result<String, DecodeFailure> {
            switch self {
            case .utf8(var decoder):
                defer { self = .utf8(decoder) }
                return decoder.decode(bytes, final: final)
            case .gb18030(var decoder):
                defer { self = .gb18030(decoder) }
                return decoder.decode(bytes, final: final)
            }
        }
    }

    private var bytes: ByteChunks
    private var engine: Engine
    private var atStart = true
    /// Where decoding stopped at a byte it cannot decode.
    private(set) var failure: DecodeFailure?
    /// Why the file could not be read.
    var readError: (any Error)? { bytes.error }

    /// Decodes `source` (its first `limit` bytes when given) as `encoding`; nil when the system
    /// cannot decode that encoding (no GB18030 converter in iconv).
    init?(_ source: ByteSource, encoding: TextEncoding, limit: Int? = nil) {
        switch encoding {
        case .utf8: engine = .utf8(UTF8ChunkDecoder())
        case .gb18030:
            guard let decoder = GB18030ChunkDecoder() else { return nil }
            engine = .gb18030(decoder)
        }
        bytes = source.chunks(limit: limit)
    }

    mutating func nextText() -> String? {
        while failure == nil {
            let chunk = bytes.next()
            switch engine.decode(chunk ?? [], final: chunk == nil) {
            case .failure(let stop):
                failure = stop
            case .success(var text):
                if atStart, !text.isEmpty {
                    atStart = false
                    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
                }
                if !text.isEmpty { return text }
                if chunk == nil { return nil }
            }
        }
        return nil
    }
}
