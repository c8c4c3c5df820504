import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Output files appear whole or not at all; temporary files are hidden, named after the
/// process, and leftovers of a process that died between writing and renaming are removed by
/// the next write into the folder.
final class AtomicFilesTests: XCTestCase {
    func testWritesAllFilesAndLeavesNoTemporaries() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFiles.write([("a.csv", Data("1\n".utf8)), ("b.json", Data("{}\n".utf8))], into: folder)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.csv", "b.json"])
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("a.csv")), Data("1\n".utf8))
    }

    func testLeftoversOfDeadProcessesAreRemoved() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid that is not running (beyond Linux's pid_max), and one that is (our parent).
        let dead = AtomicFiles.temporaryName(for: "plan.csv", pid: 4_194_305)
        let alive = AtomicFiles.temporaryName(for: "plan.csv", pid: getppid())
        let unrelated = ".plan.csv.notes.tmp"
        XCTAssertTrue(dead.hasPrefix(".") && dead.hasSuffix(".tmp"), "hidden and marked temporary: \(dead)")
        for name in [dead, alive, unrelated] {
            try Data("partial".utf8).write(to: folder.appendingPathComponent(name))
        }
        try AtomicFiles.write([("plan.csv", Data("complete\n".utf8))], into: folder)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        XCTAssertEqual(names, ["plan.csv", alive, unrelated])
    }

    func testFailedWriteLeavesNoTemporaries() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFiles.write([("plan.csv", Data("old\n".utf8))], into: folder)
        // A directory in the way of the second file makes its rename fail after the first
        // temporary was written.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plan.json"),
                                                withIntermediateDirectories: false)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("plan.json/occupied"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFiles.write(
            [("plan.csv", Data("new\n".utf8)), ("plan.json", Data("{}\n".utf8))], into: folder))
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        XCTAssertEqual(names, ["plan.csv", "plan.json"], "no temporaries left")
    }
}
