import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives the events of one workbook XML part. Names arrive without namespace prefixes
/// (`x:row` → `row`, `r:id` → `id`); throwing stops the parse with that error.
protocol WorkbookXMLHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws(InputError)
    func end(_ name: String) throws(InputError)
    func text(_ text: String) throws(InputError)
}

/// Parses workbook XML parts with Foundation's `XMLParser`, safely: a part that declares a
/// document type (`<!DOCTYPE`, the only place entities can be declared) is refused before parsing,
/// so no entity is ever expanded (billion laughs) or loaded from outside (XXE); external entity
/// resolution is off as well, and any declaration the parser still reports stops it.
enum WorkbookXML {
    /// Parses `data`, the part at `part`, sending its events to `handler`. `screening` is turned off
    /// only by tests, to check that the parser on its own expands and loads no entity either.
    static func parse(_ data: Data, part: String, place: WorkbookPlace, handler: WorkbookXMLHandler,
                      screening: Bool = true) throws(InputError) {
        if screening { try screen(data, part: part, place: place) }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        let delegate = Delegate(handler: handler, place: place, part: part)
        parser.delegate = delegate
        let finished = parser.parse()
        if let problem = delegate.problem { throw problem }
        // Some XMLParser versions report no error for a document cut off inside an element.
        if !finished || delegate.depth != 0 || !delegate.sawElement {
            let reason = parser.parserError.map { " (\($0.localizedDescription))" } ?? ""
            throw place.error("damaged workbook: \(part) is not well-formed XML at line \(parser.lineNumber), "
                + "column \(parser.columnNumber)\(reason)")
        }
    }

    /// Refuses document type and entity declarations and XML in encodings other than UTF-8 (in which
    /// a declaration could hide from this byte search).
    static func screen(_ data: Data, part: String, place: WorkbookPlace) throws(InputError) {
        let bytes = [UInt8](data.prefix(2))
        if bytes.count == 2, bytes.contains(0) || bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF] {
            throw place.error("refused: \(part) is not UTF-8 XML (workbook parts written by spreadsheet programs are UTF-8)")
        }
        if let declarationEnd = data.prefix(200).firstRange(of: Data("?>".utf8)), data.starts(with: Data("<?xml".utf8)) {
            let declaration = String(decoding: data[data.startIndex ..< declarationEnd.lowerBound], as: UTF8.self).lowercased()
            if let range = declaration.range(of: "encoding") {
                let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                guard value.hasPrefix("utf-8") || value.hasPrefix("utf8") else {
                    throw place.error("refused: \(part) declares an encoding other than UTF-8")
                }
            }
        }
        if let marker = declarationMarker(in: data) {
            throw place.error("refused: \(part) contains a document type or entity declaration (\(marker)); workbooks "
                + "never need one, and its entities could expand without bound or read other files")
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

    /// The name without its namespace prefix.
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let handler: WorkbookXMLHandler
        let place: WorkbookPlace
        let part: String
        var problem: InputError?
        /// Elements open now, and whether any was seen: a complete document ends at depth 0.
        var depth = 0
        var sawElement = false

        init(handler: WorkbookXMLHandler, place: WorkbookPlace, part: String) {
            self.handler = handler
            self.place = place
            self.part = part
        }

        private func run(_ parser: XMLParser, _ body: () throws(InputError) -> Void) {
            guard problem == nil else { return }
            do throws(InputError) {
                try body()
            } catch {
                problem = error
                parser.abortParsing()
            }
        }

        private func refuse(_ parser: XMLParser, _ what: String) {
            run(parser) { () throws(InputError) in
                throw place.error("refused: \(part) declares \(what); workbooks never need one")
            }
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict { attributes[WorkbookXML.local(key)] = value }
            depth += 1
            sawElement = true
            run(parser) { () throws(InputError) in try handler.start(WorkbookXML.local(elementName), attributes) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            depth -= 1
            run(parser) { () throws(InputError) in try handler.end(WorkbookXML.local(elementName)) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            run(parser) { () throws(InputError) in try handler.text(string) }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            run(parser) { () throws(InputError) in try handler.text(String(decoding: CDATABlock, as: UTF8.self)) }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refuse(parser, "the entity '\(name)'")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
                    systemID: String?) {
            refuse(parser, "the external entity '\(name)'")
        }

        func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?,
                    systemID: String?, notationName: String?) {
            refuse(parser, "the entity '\(name)'")
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            refuse(parser, "a reference to the external entity '\(name)'")
            return nil
        }
    }
}
