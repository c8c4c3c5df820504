import Foundation

/// A zip archive of stored (uncompressed) entries with correct CRC-32s, written by hand: how the
/// workbook fuzz target hands fuzzed XML parts to the reader past its checksum check (a fuzzed
/// zip almost never has a matching CRC, so the XML behind it would rarely be read).
enum StoredZip {
    /// The bytes of a zip archive holding `entries` in order.
    static func archive(_ entries: [(path: String, data: [UInt8])]) -> Data {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for (path, data) in entries {
            let name = Array(path.utf8)
            let offset = out.count
            let crc = crc32(data)
            // Local header: signature, version 2.0, no flags, stored, 1980-01-01 00:00, CRC, sizes, name.
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(name.count)) + le16(0) + name + data
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(name.count)) + le16(0) + le16(0)
                + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + name
        }
        let directoryOffset = out.count
        out += directory
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(UInt32(directoryOffset)) + le16(0)
        return Data(out)
    }

    /// CRC-32 (IEEE 802.3, as zip uses it) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
