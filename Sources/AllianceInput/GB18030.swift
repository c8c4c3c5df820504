import AllianceModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (the superset of GBK and GB2312 that Excel on Chinese Windows uses for plain "CSV")
/// decoded chunk by chunk with the C library's iconv: Foundation on Linux has no GB18030 converter.
/// A 2- or 4-byte sequence cut by the end of a chunk (iconv's EINVAL) is held back for the next.
struct GB18030ChunkDecoder: ChunkDecoder {
    /// Owns the iconv descriptor, which must be closed exactly once.
    private final class Converter {
        let descriptor: iconv_t

        init?() {
            // iconv_open signals failure with (iconv_t)-1.
            guard let descriptor = iconv_open("UTF-8", "GB18030"), Int(bitPattern: descriptor) != -1 else { return nil }
            self.descriptor = descriptor
        }

        deinit { iconv_close(descriptor) }
    }

    private let converter: Converter
    /// The start of a sequence cut by the end of the last chunk.
    private var held: [UInt8] = []
    /// Bytes decoded before `held`.
    private var offset = 0

    /// Nil when this system's iconv has no GB18030 converter.
    init?() {
        guard let converter = Converter() else { return nil }
        self.converter = converter
    }

    mutating func decode(_ bytes: [UInt8], final: Bool) -> Result<String, DecodeFailure> {
        var input = held.isEmpty ? bytes : held + bytes
        held = []
        // Every GB18030 sequence of n bytes (1, 2 or 4) becomes at most 4 bytes of UTF-8 (1, 3 or 4).
        var output = [UInt8](repeating: 0, count: input.count * 3 + 4)
        let inputCount = input.count, outputCount = output.count
        let descriptor = converter.descriptor
        let (inLeft, written, code) = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount, outLeft = outputCount
                let result = inputCount == 0 ? 0 : iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return (inLeft, outputCount - outLeft, result == -1 ? errno : 0)
            }
        }
        let consumed = inputCount - inLeft
        if inLeft > 0 {
            if code == EINVAL && !final {
                held = Array(input[consumed...])
            } else {
                return .failure(DecodeFailure(offset: offset + consumed, byte: input[consumed]))
            }
        }
        offset += consumed
        return .success(String(decoding: output[..<written], as: UTF8.self))
    }
}
