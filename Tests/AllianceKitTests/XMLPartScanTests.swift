import Foundation
import Testing
@testable import AllianceInput
@testable import AllianceModel

/// `XMLPartScan`, the micro-benchmarks' way into the workbook XML scanner: it scans as the reader does.
@Suite struct XMLPartScanTests {
    @Test func countsElementsAndRefusesWhatTheReaderRefuses() throws {
        #expect(try XMLPartScan.elementCount(Data("<?xml version=\"1.0\"?><a><b/><c>x &amp; y</c></a>".utf8)) == 3)
        #expect(throws: InputError.self) { try XMLPartScan.elementCount(Data("<a><b></a>".utf8)) }
        #expect(throws: InputError.self) {
            try XMLPartScan.elementCount(Data("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>".utf8))
        }
    }
}
