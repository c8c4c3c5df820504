import AllianceModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Receives the events of one workbook XML part. Names arrive without namespace prefixes
/// (`x:row` → `row`, `r:id` → `id`); throwing stops the parse with that error.
protocol WorkbookXMLHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws(InputError)
    func end(_ name: String) throws(InputError)
    func text(_ text: String) throws(InputError)
}

/// Parses workbook XML parts with our own `XMLScanner` (not Foundation's `XMLParser`, which traps
/// on some damaged parts on Linux), safely: a part that declares a document type (`<!DOCTYPE`, the
/// only place entities can be declared) is refused before scanning, and the scanner itself knows no
/// entity but XML's five predefined ones, so nothing is ever expanded (billion laughs) or loaded
/// from outside (XXE).
enum WorkbookXML {
    /// Parses `data`, the part at `part`, sending its events to `handler`. `screening` is turned off
    /// only by tests, to check that the scanner on its own expands and loads no entity either.
    static func parse(_ data: Data, part: String, place: WorkbookPlace, handler: WorkbookXMLHandler,
                      screening: Bool = true) throws(InputError) {
        if screening { try screen(data, part: part, place: place) }
        let bytes = [UInt8](data)
        do {
            try XMLScanner.scan(bytes, handler: handler)
        } catch {
            switch error {
            case .handler(let error): throw error
            case .syntax(let syntax): throw self.error(syntax, in: bytes, part: part, place: place)
            }
        }
    }

    /// The input error for a syntax error: `damaged workbook: xl/x.xml is not well-formed XML at line 3,
    /// column 14 (reason)`, or `refused: xl/x.xml nests elements deeper than 256 levels (line 1, column 769)`
    /// for XML that is well-formed but refused.
    static func error(_ syntax: XMLSyntaxError, in bytes: [UInt8], part: String, place: WorkbookPlace) -> InputError {
        let (line, column) = position(of: syntax.offset, in: bytes)
        if syntax.isRefusal {
            return place.error(Message.xmlRefused(part: part, reason: syntax.reason, line: line, column: column).text)
        }
        return place.error(Message.xmlMalformed(part: part, line: line, column: column, reason: syntax.reason).text)
    }

    /// The 1-based line and column of byte `offset`: LF, CR and CR LF each end a line; columns count
    /// characters (a UTF-8 sequence counts once).
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0 ..< min(max(offset, 0), bytes.count) {
            let byte = bytes[i]
            if byte == 0x0A || (byte == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D, byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Refuses document type and entity declarations and XML in encodings other than UTF-8 (in which
    /// a declaration could hide from this byte search).
    static func screen(_ data: Data, part: String, place: WorkbookPlace) throws(InputError) {
        let bytes = [UInt8](data.prefix(2))
        if bytes.count == 2, bytes.contains(0) || bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF] {
            throw place.error(Message.partNotUTF8(part: part).text)
        }
        if let declarationEnd = data.prefix(200).firstRange(of: Data("?>".utf8)), data.starts(with: Data("<?xml".utf8)) {
            let declaration = String(decoding: data[data.startIndex ..< declarationEnd.lowerBound], as: UTF8.self).lowercased()
            if let range = declaration.range(of: "encoding") {
                let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                guard value.hasPrefix("utf-8") || value.hasPrefix("utf8") else {
                    throw place.error(Message.partOtherEncoding(part: part).text)
                }
            }
        }
        if let marker = declarationMarker(in: data) {
            throw place.error(Message.partDeclaresEntities(part: part, marker: marker).text)
        }
    }

    /// `<!DOCTYPE` or `<!ENTITY` when `data` contains one. Scans with `memchr` for `!`, which
    /// workbook parts hold rarely, so that large sheets are screened quickly.
    static func declarationMarker(in data: Data) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, Int32(UInt8(ascii: "!")), buffer.count - offset) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if at > 0, buffer[at - 1] == UInt8(ascii: "<") {
                    let rest = UnsafeRawBufferPointer(rebasing: buffer[(at + 1)...])
                    for marker in ["DOCTYPE", "ENTITY"] where rest.starts(with: marker.utf8) { return "<!" + marker }
                }
                offset = at + 1
            }
            return nil
        }
    }
}
