import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic CSV text shaped like an organizations list: ASCII ids and numbers, Chinese names
/// and addresses (3 bytes a character in UTF-8), some quoted cells with a comma or a doubled quote
/// inside, CRLF line ends as Excel writes them. The same bytes on every run and machine.
public enum CSVSample {
    static let header = "organization_id,name,address,category,capacity,score,note\r\n"
    static let names = ["社区服务中心", "阳光志愿者协会", "青年创业联盟", "老年大学", "街道卫生服务站", "Riverside Club"]
    static let streets = ["人民路", "解放大道", "建设街", "中山北路", "Harbour Road"]

    /// About `bytes` bytes of rows (whole rows, so a little more), after the header.
    public static func text(bytes: Int) -> String {
        var text = header
        text.reserveCapacity(bytes + 200)
        var row = 0
        while text.utf8.count < bytes {
            row += 1
            let name = names[row % names.count]
            let street = streets[(row / 7) % streets.count]
            let note: String
            switch row % 10 {
            case 0: note = "\"needs \"\"quiet\"\" rooms, weekends only\""
            case 3: note = "\"第\(row % 97)号, 二楼\""
            default: note = ""
            }
            text += "ORG-\(row),\(name)\(row % 13),\(street)\(row % 211)号,C\(row % 8),\(row % 40 + 1),"
                + "\(row % 1000).\(row % 10),\(note)\r\n"
        }
        return text
    }

    /// `text` encoded as GB18030 (iconv), as Excel on Chinese Windows saves plain "CSV".
    public static func gb18030(_ text: String) -> Data {
        guard let converter = iconv_open("GB18030", "UTF-8"), Int(bitPattern: converter) != -1 else {
            fatalError("iconv has no GB18030 converter")
        }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let inputCount = input.count, outputCount = output.count
        let written = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount, outLeft = outputCount
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(result != -1, "GB18030 cannot encode the sample")
                return outputCount - outLeft
            }
        }
        return Data(output[..<written])
    }
}
