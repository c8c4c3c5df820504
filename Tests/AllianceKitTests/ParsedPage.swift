import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `report.html` read back with an XML parser (libxml2 through Foundation's `XMLParser`): the
/// page is XHTML-compatible, so a parse that succeeds proves every tag is closed and every
/// character reference valid, and the parsed text is what a browser shows (references decoded).
struct ParsedPage {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// All text inside the element, its descendants' included.
        var text: String

        /// The element's `class` attribute split into names.
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    /// Every element in document order.
    private(set) var elements: [Element] = []

    init(_ html: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw NSError(domain: "ParsedPage", code: 1, userInfo: [
                NSLocalizedDescriptionKey: "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): "
                    + String(describing: parser.parserError)])
        }
        elements = delegate.elements
    }

    /// Elements named `name` having every class in `classes`.
    func all(_ name: String, classes: String...) -> [Element] {
        elements.filter { $0.name == name && Set(classes).isSubset(of: $0.classes) }
    }

    /// The element with the given id.
    func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }

    /// All text of the page.
    var text: String { elements.first?.text ?? "" }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }
    }
}
