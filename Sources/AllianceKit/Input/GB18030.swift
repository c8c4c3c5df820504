import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (the superset of GBK and GB2312 that Excel on Chinese Windows uses for plain "CSV")
/// decoded with the C library's iconv: Foundation on Linux has no GB18030 converter.
enum GB18030 {
    /// The decoded text, or the offset of the first byte that is not valid GB18030 (a truncated
    /// sequence at the end counts as invalid at its first byte).
    static func decode(_ bytes: Data) -> Result<String, Failure> {
        guard let converter = iconvOpen() else { return .failure(Failure(offset: 0, unavailable: true)) }
        defer { iconv_close(converter) }
        var input = [CChar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = bytes.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
        }
        // Every GB18030 sequence of n bytes (1, 2 or 4) becomes at most 4 bytes of UTF-8 (1, 3 or 4).
        var output = [CChar](repeating: 0, count: bytes.count * 3 + 4)
        let inputCount = input.count, outputCount = output.count
        return input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var inLeft = inputCount, outLeft = outputCount
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft > 0 {
                    return .failure(Failure(offset: inputCount - inLeft, unavailable: false))
                }
                let written = UnsafeRawBufferPointer(start: outBuffer.baseAddress, count: outputCount - outLeft)
                var text = String(decoding: written, as: UTF8.self)
                if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
                return .success(text)
            }
        }
    }

    /// Why decoding stopped: at `offset`, or because the system has no GB18030 converter.
    struct Failure: Error {
        var offset: Int
        var unavailable: Bool
    }

    private static func iconvOpen() -> iconv_t? {
        let converter = iconv_open("UTF-8", "GB18030")
        // iconv_open signals failure with (iconv_t)-1.
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        return converter
    }
}
