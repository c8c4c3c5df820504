import Foundation

/// A ZIP archive of uncompressed ("stored") entries, enough to upload CSV lists to
/// `alliance serve` (`POST /api/projects` takes a .zip of CSV files) without a zip library
/// or an outside `zip` command.
enum StoredZip {
    /// `files` (name → contents) as one archive; names are UTF-8 (flag bit 11), dated 1980-01-01.
    static func archive(_ files: [(name: String, contents: Data)]) -> Data {
        var out = Data(), central = Data()
        for file in files {
            let name = Data(file.name.utf8)
            let crc = crc32(file.contents)
            let offset = UInt32(out.count)
            // Local file header.
            out.append(le32: 0x0403_4B50)
            out.append(le16: 20)          // version needed: 2.0
            out.append(le16: 0x0800)      // UTF-8 names
            out.append(le16: 0)           // stored
            out.append(le16: 0)           // time 00:00
            out.append(le16: 0x0021)      // date 1980-01-01
            out.append(le32: crc)
            out.append(le32: UInt32(file.contents.count))
            out.append(le32: UInt32(file.contents.count))
            out.append(le16: UInt16(name.count))
            out.append(le16: 0)           // no extra field
            out.append(name)
            out.append(file.contents)
            // Its central directory record.
            central.append(le32: 0x0201_4B50)
            central.append(le16: 20)      // made by: MS-DOS attributes, 2.0
            central.append(le16: 20)
            central.append(le16: 0x0800)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0x0021)
            central.append(le32: crc)
            central.append(le32: UInt32(file.contents.count))
            central.append(le32: UInt32(file.contents.count))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)       // extra
            central.append(le16: 0)       // comment
            central.append(le16: 0)       // disk
            central.append(le16: 0)       // internal attributes
            central.append(le32: 0)       // external attributes: a plain file
            central.append(le32: offset)
            central.append(name)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        // End of central directory.
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(files.count))
        out.append(le16: UInt16(files.count))
        out.append(le32: UInt32(central.count))
        out.append(le32: centralOffset)
        out.append(le16: 0)
        return out
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (IEEE 802.3), as ZIP stores it.
    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

private extension Data {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
