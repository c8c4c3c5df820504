import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Every event the scanner sends, as text: `<name a=1 b=2>`, `</name>`, and the text between
/// (adjacent text events joined, since a handler may get text in several pieces).
final class XMLEventLog: WorkbookXMLHandler {
    private(set) var events: [String] = []
    private var pendingText: String?

    func start(_ name: String, _ attributes: [String: String]) {
        flush()
        events.append("<" + ([name] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            .joined(separator: " ") + ">")
    }

    func end(_ name: String) {
        flush()
        events.append("</\(name)>")
    }

    func text(_ text: String) { pendingText = (pendingText ?? "") + text }

    private func flush() {
        if let pendingText { events.append(pendingText) }
        pendingText = nil
    }
}

/// The workbook XML scanner on each construct it reads, each kind of malformed XML it refuses
/// (with the place), references at the edges of what XML allows, and nesting at the depth limit.
final class XMLScannerTests: XCTestCase {
    private func events(_ bytes: [UInt8], line: UInt = #line) -> [String] {
        let log = XMLEventLog()
        do {
            try XMLScanner.scan(bytes, handler: log)
        } catch {
            XCTFail("refused: \(error)", line: line)
        }
        return log.events
    }

    private func events(_ xml: String, line: UInt = #line) -> [String] { events(Array(xml.utf8), line: line) }

    /// The syntax error the scanner reports for `bytes`, failing when it accepts them.
    private func syntaxError(_ bytes: [UInt8], line: UInt = #line) -> XMLSyntaxError? {
        do {
            try XMLScanner.scan(bytes, handler: XMLEventLog())
            XCTFail("accepted \(String(decoding: bytes, as: UTF8.self))", line: line)
        } catch {
            guard case .syntax(let syntax) = error else {
                XCTFail("not a syntax error: \(error)", line: line)
                return nil
            }
            return syntax
        }
        return nil
    }

    /// Asserts that `xml` is refused with `reason` (a fragment) at byte `offset` when given.
    private func assertRefused(_ xml: String, _ reason: String, at offset: Int? = nil, line: UInt = #line) {
        assertRefused(Array(xml.utf8), reason, at: offset, line: line)
    }

    private func assertRefused(_ bytes: [UInt8], _ reason: String, at offset: Int? = nil, line: UInt = #line) {
        guard let error = syntaxError(bytes, line: line) else { return }
        XCTAssertTrue(error.reason.contains(reason), "expected '\(reason)', got '\(error.reason)'", line: line)
        if let offset { XCTAssertEqual(error.offset, offset, error.reason, line: line) }
    }

    // MARK: - What it reads

    func testDeclarationElementsAttributesAndPrefixes() {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone='yes'?>\n"
            + "<x:worksheet xmlns:x=\"urn:x\" xmlns=\"urn:d\"><x:sheetData><x:row r='1' x:spans=\"1:2\">"
            + "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><c r = 'B1' ><v>2.5</v></c></x:row></x:sheetData>"
            + "<empty/><empty a=\"\" /></x:worksheet>\n"
        XCTAssertEqual(events(xml), [
            "<worksheet x=urn:x xmlns=urn:d>", "<sheetData>", "<row r=1 spans=1:2>",
            "<c r=A1 t=s>", "<v>", "0", "</v>", "</c>", "<c r=B1>", "<v>", "2.5", "</v>", "</c>", "</row>", "</sheetData>",
            "<empty>", "</empty>", "<empty a=>", "</empty>", "</worksheet>",
        ])
    }

    /// Two attributes with one local name (`r:id`, `id`): the first in the tag counts.
    func testFirstAttributeWithALocalNameCounts() {
        XCTAssertEqual(events("<sheet r:id=\"rId1\" id=\"other\"/>"), ["<sheet id=rId1>", "</sheet>"])
        XCTAssertEqual(events("<sheet id=\"other\" r:id=\"rId1\"/>"), ["<sheet id=other>", "</sheet>"])
    }

    func testPredefinedEntitiesAndCharacterReferences() {
        XCTAssertEqual(events("<t>a&lt;b&gt;c&amp;d&apos;e&quot;f&#65;&#x42;&#x1F600;&#20013;&#0000065;&#x10FFFF;</t>"),
                       ["<t>", "a<b>c&d'e\"fAB😀中A\u{10FFFF}", "</t>"])
        XCTAssertEqual(events("<t v=\"&lt;&amp;&#x9;&quot;'\" w='\"&apos;'/>"), ["<t v=<&\t\"' w=\"'>", "</t>"])
        XCTAssertEqual(events("<t>&amp;lt;</t>"), ["<t>", "&lt;", "</t>"], "decoded once, not twice")
    }

    func testCDATACommentsAndProcessingInstructions() {
        XCTAssertEqual(events("<!-- before --><?app data?><r><!-- in - side --><?x y?>a<![CDATA[<b> &amp; ]] > ]]>c</r>"
                              + "<!-- after --><?end?>\n"),
                       ["<r>", "a<b> &amp; ]] > c", "</r>"])
        XCTAssertEqual(events("<r><![CDATA[]]></r>"), ["<r>", "</r>"])
    }

    /// Line ends read as LF in text and CDATA; tab, LF and CR read as a space in attribute values,
    /// but a character reference keeps its character.
    func testLineEndAndAttributeNormalization() {
        XCTAssertEqual(events("<r a=\"x\ty\nz\r\nw\rv&#10;u\">a\r\nb\rc\nd<![CDATA[e\r\nf\rg]]></r>"),
                       ["<r a=x y z w v\nu>", "a\nb\nc\nd" + "e\nf\ng", "</r>"])
    }

    func testNonASCIINamesAndText() {
        XCTAssertEqual(events("<单位 名称=\"一\">社区</单位>"), ["<单位 名称=一>", "社区", "</单位>"])
    }

    // MARK: - What it refuses

    /// The fuzzer's finding: an element name cut off inside a UTF-8 sequence made Foundation's
    /// `XMLParser` trap; here it is an error at the first byte that is not UTF-8.
    func testNameThatIsNotUTF8() {
        assertRefused([0x3C, 0xE9, 0x9C, 0x3C, 0xE6], "starts a UTF-8 sequence that byte 0x3C breaks", at: 1)
        assertRefused(Array("<r><".utf8) + [0xE9, 0x9C] + Array("/></r>".utf8), "byte 0xE9 starts a UTF-8 sequence", at: 4)
    }

    func testInvalidUTF8AndCharacters() {
        assertRefused(Array("<r>".utf8) + [0xFF] + Array("</r>".utf8), "byte 0xFF is not UTF-8", at: 3)
        assertRefused(Array("<r>".utf8) + [0xC0, 0xAF] + Array("</r>".utf8), "byte 0xC0 is not UTF-8", at: 3)
        assertRefused(Array("<r>".utf8) + [0xE0, 0x80, 0xAF] + Array("</r>".utf8), "overlong", at: 3)
        assertRefused(Array("<r>".utf8) + [0xED, 0xA0, 0x80] + Array("</r>".utf8), "surrogate", at: 3)
        assertRefused(Array("<r>".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("</r>".utf8), "not valid UTF-8", at: 3)
        assertRefused(Array("<r/>".utf8) + [0xE4, 0xB8], "cut off by the end of the part", at: 4)
        assertRefused("<r>a\u{01}</r>", "control character 0x01", at: 4)
        assertRefused("<r>\u{0}</r>", "control character 0x00", at: 3)
        assertRefused("<r>\u{FFFE}</r>", "U+FFFE is not allowed", at: 3)
    }

    func testUnclosedAndMismatchedTags() {
        assertRefused("<r><c></r>", "the end tag </r> does not match the open element <c>", at: 6)
        assertRefused("<r></s>", "does not match the open element <r>", at: 3)
        assertRefused("<r><c>", "ends inside the element <c> (2 elements not closed", at: 6)
        assertRefused("<r></r></r>", "the end tag </r> closes no element", at: 7)
        assertRefused("<r/><s/>", "a second root element", at: 4)
        assertRefused("</r>", "closes no element", at: 0)
        assertRefused("<r></r >x", "text after the root element", at: 8)
        assertRefused("x<r/>", "text before the root element", at: 0)
        assertRefused("<r></r", "not closed by '>'", at: 3)
        assertRefused("<1r/>", "expected an element name", at: 1)
        assertRefused("< r/>", "expected an element name", at: 1)
        assertRefused("<!FOO><r/>", "'<!' starts no comment or CDATA section", at: 0)
        assertRefused("<![CDATA[x]]><r/>", "CDATA section outside the root element", at: 0)
        XCTAssertEqual(events("<r></r   >  \n"), ["<r>", "</r>"])
    }

    func testBadAttributeSyntax() {
        assertRefused("<r a=1/>", "the value of the attribute 'a' is not in quotes", at: 5)
        assertRefused("<r a/>", "the attribute 'a' has no '=' and value", at: 4)
        assertRefused("<r a=\"1\"b=\"2\"/>", "attributes of <r> must be separated by spaces", at: 8)
        assertRefused("<r a=\"1\" a='2'/>", "the attribute 'a' appears twice", at: 9)
        assertRefused("<r x:a=\"1\" x:a='2'/>", "the attribute 'x:a' appears twice", at: 11)
        assertRefused("<r a=\"<\"/>", "a '<' inside an attribute value", at: 6)
        assertRefused("<r a=\"1/>", "never ends (truncated?)", at: 5)
        assertRefused("<r a=\"1\" =\"2\"/>", "expected an attribute name or the end of the tag <r>", at: 9)
        // Many attributes (beyond the few compared one by one) are still checked for repeats.
        let many = (0..<40).map { " a\($0)=\"\($0)\"" }.joined()
        XCTAssertEqual(events("<r\(many)/>").count, 2)
        assertRefused("<r\(many) a33='x'/>", "the attribute 'a33' appears twice")
    }

    func testTruncatedDocuments() {
        for (xml, reason) in [("", "no root element"), ("  \n", "no root element"), ("<", "ends inside a tag"),
                              ("<r", "ends inside the tag <r>"), ("<r a=\"1\"", "ends inside the tag <r>"),
                              ("<r a", "has no '=' and value"), ("<r><!-- x", "the comment never ends"),
                              ("<r><![CDATA[x", "the CDATA section never ends"), ("<?xml version=\"1.0\"", "the XML declaration never ends"),
                              ("<r><?pi", "the processing instruction never ends"), ("<r>text", "ends inside the element <r>"),
                              ("<r></", "ends where an element name after '</' should be"), ("<?xml version=\"1.0\"?>", "no root element")] {
            assertRefused(xml, reason)
        }
        // Every prefix of a well-formed document is refused, never accepted or crashed on.
        let document = Array("<?xml version=\"1.0\"?><r a=\"1\"><c>x&amp;y<![CDATA[z]]></c><!--n--><e/></r>".utf8)
        for length in 0 ..< document.count { _ = syntaxError(Array(document.prefix(length))) }
        XCTAssertEqual(events(document), ["<r a=1>", "<c>", "x&yz", "</c>", "<e>", "</e>", "</r>"])
    }

    func testEntityAndCharacterReferenceEdges() {
        assertRefused("<r>&nbsp;</r>", "the entity '&nbsp;' is not defined", at: 3)
        assertRefused("<r a=\"&x;\"/>", "the entity '&x;' is not defined", at: 6)
        assertRefused("<r>a & b</r>", "a '&' that starts no entity", at: 5)
        assertRefused("<r>&amp</r>", "a '&' that starts no entity", at: 3)
        assertRefused("<r>&" + String(repeating: "a", count: 40) + ";</r>", "a '&' that starts no entity", at: 3)
        for reference in ["&#0;", "&#x0;", "&#8;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#xFFFF;", "&#x110000;",
                          "&#1114112;", "&#99999999999999999999;", "&#;", "&#x;"] {
            assertRefused("<r>\(reference)</r>", "names no character XML allows", at: 3)
        }
        assertRefused("<r>&#12a;</r>", "a digit it cannot have", at: 3)
        assertRefused("<r>&#xG;</r>", "a digit it cannot have", at: 3)
        assertRefused("<r>&#-1;</r>", "a digit it cannot have", at: 3)
        assertRefused("<r>&#X41;</r>", "a digit it cannot have", at: 3)
        XCTAssertEqual(events("<r>&#9;&#xA;&#13;&#x20;&#xD7FF;&#xE000;&#xFFFD;&#x10000;</r>"),
                       ["<r>", "\t\n\r \u{D7FF}\u{E000}\u{FFFD}\u{10000}", "</r>"])
    }

    func testOtherMalformedMarkup() {
        assertRefused("<r>a]]>b</r>", "']]>' in text outside a CDATA section", at: 4)
        assertRefused("<r><!-- a -- b --></r>", "'--' inside a comment", at: 10)
        assertRefused("<r><!-- a --->", "'--' inside a comment")
        assertRefused("<r><?xml version=\"1.0\"?></r>", "an XML declaration that is not at the start", at: 3)
        assertRefused(" <?xml version=\"1.0\"?><r/>", "an XML declaration that is not at the start", at: 1)
        assertRefused("<r><? x?></r>", "expected a processing instruction's target", at: 5)
        guard let doctype = syntaxError(Array("<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>".utf8)) else { return }
        XCTAssertTrue(doctype.isRefusal && doctype.reason.contains("declares a document type"), doctype.reason)
    }

    func testNestingUpToTheDepthLimit() {
        let depth = XMLScanner.maxDepth
        XCTAssertEqual(events(String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)).count,
                       2 * depth + 1)
        XCTAssertEqual(events(String(repeating: "<a>", count: depth - 1) + "<a/>" + String(repeating: "</a>", count: depth - 1)).count,
                       2 * depth)
        for xml in [String(repeating: "<a>", count: depth + 1) + String(repeating: "</a>", count: depth + 1),
                    String(repeating: "<a>", count: depth) + "<a/>" + String(repeating: "</a>", count: depth),
                    String(repeating: "<a>", count: 200_000)] {
            guard let error = syntaxError(Array(xml.utf8)) else { continue }
            XCTAssertTrue(error.isRefusal, error.reason)
            XCTAssertEqual(error.reason, "nests elements deeper than \(depth) levels")
            XCTAssertEqual(error.offset, 3 * depth)
        }
    }

    // MARK: - Errors as the reader reports them

    func testErrorsNameTheWorkbookPartLineAndColumn() {
        let place = WorkbookPlace(workbook: "lists.xlsx")
        func message(_ xml: String) -> String {
            do {
                try WorkbookXML.parse(Data(xml.utf8), part: "xl/worksheets/sheet1.xml", place: place, handler: XMLEventLog())
                return "accepted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message("<r>\n  <c>\r\n</r>"), "lists.xlsx: damaged workbook: xl/worksheets/sheet1.xml is not well-formed XML "
                       + "at line 3, column 1 (the end tag </r> does not match the open element <c>)")
        XCTAssertEqual(message("<r>\r中文&bad;</r>"), "lists.xlsx: damaged workbook: xl/worksheets/sheet1.xml is not well-formed XML "
                       + "at line 2, column 3 (the entity '&bad;' is not defined (XML without a document type knows only "
                       + "&lt; &gt; &amp; &apos; &quot;))")
        XCTAssertEqual(message(String(repeating: "<a>", count: 300)), "lists.xlsx: refused: xl/worksheets/sheet1.xml nests "
                       + "elements deeper than 256 levels (line 1, column 769)")
    }

    /// An error the handler throws stops the scan and reaches the caller unchanged.
    func testHandlerErrorsPassThrough() {
        final class Refuser: WorkbookXMLHandler {
            var seen = 0
            func start(_ name: String, _ attributes: [String: String]) throws(InputError) {
                seen += 1
                if name == "stop" { throw InputError(SourceLocation(file: "s", line: 2, column: 3), "stopped") }
            }
            func end(_ name: String) {}
            func text(_ text: String) {}
        }
        let refuser = Refuser()
        XCTAssertThrowsError(try WorkbookXML.parse(Data("<r><stop/><later/>&bad;</r>".utf8), part: "p.xml",
                                                   place: WorkbookPlace(workbook: "w.xlsx"), handler: refuser)) { error in
            XCTAssertEqual((error as? InputError)?.message, "stopped")
        }
        XCTAssertEqual(refuser.seen, 2)
    }

    func testLineAndColumnOfAnOffset() {
        let bytes = Array("ab\r\ncd\ref\n中x".utf8)
        XCTAssertTrue(WorkbookXML.position(of: 0, in: bytes) == (1, 1))
        XCTAssertTrue(WorkbookXML.position(of: 4, in: bytes) == (2, 1))
        XCTAssertTrue(WorkbookXML.position(of: 7, in: bytes) == (3, 1))
        XCTAssertTrue(WorkbookXML.position(of: 13, in: bytes) == (4, 2), "\(WorkbookXML.position(of: 13, in: bytes))")
        XCTAssertTrue(WorkbookXML.position(of: bytes.count, in: bytes) == (4, 3))
    }
}
