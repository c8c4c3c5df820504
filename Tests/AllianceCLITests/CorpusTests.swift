import Foundation
import XCTest

/// The bad-input corpus (Tests/AllianceCLITests/Corpus, written by tools/make_corpus.py): every case
/// is a full set of lists with one defect and an `expect.txt`. Each is solved into an output folder
/// that already holds an earlier plan; the error must name the expected file, line and column (or,
/// for infeasible pre-checks, the expected reason), the exit status must be the documented one, and
/// the earlier plan must survive byte for byte.
final class CorpusTests: XCTestCase {
    static let corpus = CommandRunner.root.appendingPathComponent("Tests/AllianceCLITests/Corpus", isDirectory: true)

    /// What `expect.txt` says about one case.
    struct Expectation {
        var status: Int32
        var location: String?
        var message: String
        var arguments: [String] = []

        init(_ text: String, file: String) throws {
            var status: Int32?, message: String?
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CorpusError("\(file): cannot read '\(line)'") }
                switch parts[0] {
                case "status": status = Int32(parts[1])
                case "at": location = parts[1]
                case "message": message = parts[1]
                case "args": arguments = parts[1].split(separator: " ").map(String.init)
                default: throw CorpusError("\(file): unknown key '\(parts[0])'")
                }
            }
            guard let status, let message else { throw CorpusError("\(file): needs status and message") }
            self.status = status
            self.message = message
        }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// An earlier plan in the output folder; a refused input must leave it exactly as it was.
    static let earlierPlan: [String: Data] = [
        "plan.csv": Data("community_id,community_name,org_id,org_name,role\nC1,惠丰社区,U1,区委组织部,lead\n".utf8),
        "communities.csv": Data("community_id,units\nC1,1\n".utf8),
        "plan.json": Data("{\"status\":\"optimal\"}\n".utf8),
    ]

    func testEveryCorpusCaseIsRefusedWithItsLocationAndLeavesTheOutputAlone() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
            .filter { FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent("\($0)/expect.txt").path) }
        XCTAssertGreaterThanOrEqual(cases.count, 40, "the corpus went missing")
        for name in cases {
            try check(name)
        }
    }

    private func check(_ name: String) throws {
        let source = Self.corpus.appendingPathComponent(name, isDirectory: true)
        let expect = try Expectation(String(contentsOf: source.appendingPathComponent("expect.txt"), encoding: .utf8),
                                     file: "\(name)/expect.txt")
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file != "expect.txt" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let out = folder.appendingPathComponent("earlier-plan", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (file, data) in Self.earlierPlan { try data.write(to: out.appendingPathComponent(file)) }

        // A case holding lists.xlsx gives its lists as one workbook instead of CSV files.
        let workbook = folder.appendingPathComponent("lists.xlsx")
        let input = FileManager.default.fileExists(atPath: workbook.path) ? workbook : folder
        let result = try CommandRunner.run(["solve", input.path, "--out", out.path, "--quiet", "--time-limit", "5"]
            + expect.arguments)
        let context = "case \(name):\n\(result.stderr)"
        XCTAssertEqual(result.status, expect.status, context)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        if let location = expect.location {
            let prefix = folder.path + "/" + location + ": "
            let here = lines.filter { $0.hasPrefix(prefix) }
            XCTAssertFalse(here.isEmpty, "expected an error at \(location); \(context)")
            XCTAssertTrue(here.contains { $0.localizedCaseInsensitiveContains(expect.message) },
                          "expected '\(expect.message)' at \(location); \(context)")
            // One defect, one error: no follow-on errors, no repeats.
            XCTAssertEqual(lines.last, "1 input error; nothing was written", context)
        } else {
            XCTAssertTrue(result.stderr.localizedCaseInsensitiveContains(expect.message),
                          "expected '\(expect.message)'; \(context)")
        }
        XCTAssertTrue(result.stdout.isEmpty, "case \(name) printed to stdout: \(result.stdout)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       Self.earlierPlan.keys.sorted(), "case \(name): files appeared or vanished in the output folder")
        for (file, data) in Self.earlierPlan {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(file)), data, "case \(name): \(file) changed")
        }
    }

    /// A 10 MB cell (a pasted document) is read, and the error after it on the same row still gets
    /// its exact column. Generated here rather than committed.
    func testTenMegabyteCellKeepsTheColumnOfTheNextError() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny")
        for file in try FileManager.default.contentsOfDirectory(atPath: tiny.path) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: tiny.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let huge = String(repeating: "党建联盟", count: 10 * 1024 * 1024 / 12) // 3 bytes a character
        var organizations = try String(contentsOf: folder.appendingPathComponent("organizations.csv"), encoding: .utf8)
        organizations = organizations.replacingOccurrences(of: "U2,区人民医院,事业,3,", with: "U2,\"\(huge)\",事业,x3,")
        try Data(organizations.utf8).write(to: folder.appendingPathComponent("organizations.csv"))
        XCTAssertGreaterThan(huge.utf8.count, 10_000_000)

        let result = try CommandRunner.run(["check", folder.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let column = 4 + (huge.count + 2) + 1 + "事业,".count // "U2," + the quoted cell + "," + "事业,"
        let expected = "\(folder.path)/organizations.csv:3:\(column): expected a number, found 'x3'"
        XCTAssertTrue(result.stderr.contains(expected), "expected \(expected); got \(result.stderr.prefix(500))")
    }

    /// CR-only line ends (old Mac Excel) are accepted, not refused: the lists read as with LF.
    func testCarriageReturnOnlyListsAreAccepted() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny")
        for file in try FileManager.default.contentsOfDirectory(atPath: tiny.path) where file.hasSuffix(".csv") {
            let text = try String(contentsOf: tiny.appendingPathComponent(file), encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n", with: "\r").utf8).write(to: folder.appendingPathComponent(file))
        }
        let crOnly = try CommandRunner.run(["check", folder.path])
        let original = try CommandRunner.run(["check", tiny.path])
        XCTAssertEqual(crOnly.status, 0, crOnly.stderr)
        XCTAssertEqual(crOnly.stdout, original.stdout, "CR-only lists must read exactly like the LF originals")
    }
}
