import Foundation
import WorkbookFixtures
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Damaged zip entries are refused before their XML is read: ZIPFoundation's streaming extract
/// computes an entry's CRC-32 but leaves the comparison to the caller.
final class WorkbookChecksumTests: XCTestCase {
    func testEntryThatDoesNotMatchItsChecksumIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parts = try TestWorkbook.fromLists(try TestWorkbook.lists(in: Fixtures.example("tiny")))
        XCTAssertNotNil(parts["xl/sharedStrings.xml"])
        // Stored (not deflated) so that a changed byte reads fine and only the checksum tells.
        let url = folder.appendingPathComponent("lists.xlsx")
        try TestWorkbook.zip(parts, to: url, compressed: false)
        XCTAssertNoThrow(try InstanceReader.read(workbook: url))
        var bytes = [UInt8](try Data(contentsOf: url))
        let marker = Array("uniqueCount=\"".utf8)
        let at = try XCTUnwrap((0 ..< bytes.count - marker.count).first { Array(bytes[$0 ..< $0 + marker.count]) == marker })
        // Another digit in the count: well-formed XML the reader would take, but not the bytes the checksum covers.
        bytes[at + marker.count] = bytes[at + marker.count] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try InstanceReader.read(workbook: url)) { error in
            let messages = ((error as? InputErrors)?.errors ?? []).map(\.description)
            XCTAssertEqual(messages, ["lists.xlsx: damaged workbook: xl/sharedStrings.xml does not match its checksum (CRC-32); "
                + "the file is damaged"])
        }
    }
}
