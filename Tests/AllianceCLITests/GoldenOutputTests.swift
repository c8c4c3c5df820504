import Foundation
import XCTest
import ZIPFoundation

/// Golden files: every case of `Golden/cases.txt` runs the built `alliance` into a fresh folder,
/// and its exit status, stdout, stderr and every file it wrote must equal, byte for byte, what
/// `Golden/<case>/` holds (written from the code before the refactor of the architecture issue).
///
/// With `ALLIANCE_GOLDEN_REFRESH=1` the test writes the fixture instead of comparing
/// (`scripts/refresh-golden.sh` does that, then runs the comparison once more).
/// `ALLIANCE_GOLDEN_ONLY=name,name` limits either mode to those cases.
final class GoldenOutputTests: XCTestCase {
    /// The fixture folder, relative to the repository root (what `@GOLDEN@` stands for).
    static let goldenPath = "Tests/AllianceCLITests/Golden"
    static let golden = CommandRunner.root.appendingPathComponent(goldenPath, isDirectory: true)

    struct GoldenCase {
        var name: String
        var arguments: [String]
        var masks: [NSRegularExpression] = []
        var line: Int
    }

    /// Parses `cases.txt` (its format is described at its top).
    static func cases() throws -> [GoldenCase] {
        let text = try String(contentsOf: golden.appendingPathComponent("cases.txt"), encoding: .utf8)
        var cases: [GoldenCase] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("mask ") {
                guard !cases.isEmpty else { throw GoldenError("cases.txt:\(index + 1): a mask before any case") }
                let pattern = String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)
                cases[cases.count - 1].masks.append(
                    try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]))
                continue
            }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2 else { throw GoldenError("cases.txt:\(index + 1): a case needs a name and arguments") }
            guard !cases.contains(where: { $0.name == words[0] }) else {
                throw GoldenError("cases.txt:\(index + 1): case \(words[0]) is listed twice")
            }
            cases.append(GoldenCase(name: words[0], arguments: Array(words.dropFirst()), line: index + 1))
        }
        return cases
    }

    func testEveryCaseWritesItsGoldenFilesByteForByte() throws {
        let environment = ProcessInfo.processInfo.environment
        let refresh = environment["ALLIANCE_GOLDEN_REFRESH"] == "1"
        let only = environment["ALLIANCE_GOLDEN_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
        let all = try Self.cases()
        XCTAssertFalse(all.isEmpty, "cases.txt lists no case")
        if let only {
            let unknown = only.subtracting(all.map(\.name))
            XCTAssertTrue(unknown.isEmpty, "ALLIANCE_GOLDEN_ONLY names unknown cases: \(unknown.sorted())")
        }
        let selected = all.filter { only?.contains($0.name) ?? true }

        // Folders of cases no longer listed: stale fixture.
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.golden.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.golden.appendingPathComponent($0).path,
                                                  isDirectory: &isDirectory) && isDirectory.boolValue
        }
        for stale in Set(folders).subtracting(all.map(\.name)).sorted() {
            if refresh && only == nil {
                try FileManager.default.removeItem(at: Self.golden.appendingPathComponent(stale))
            } else if !refresh {
                XCTFail("Golden/\(stale)/ belongs to no case of cases.txt (run scripts/refresh-golden.sh)")
            }
        }

        let scratch = try CommandRunner.temporaryFolder()
        var failed = false
        let started = Date()
        for goldenCase in selected {
            let caseStart = Date()
            let produced = try run(goldenCase, in: scratch)
            let fixture = Self.golden.appendingPathComponent(goldenCase.name, isDirectory: true)
            if refresh {
                try? FileManager.default.removeItem(at: fixture)
                for (path, data) in produced {
                    let url = fixture.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try data.write(to: url)
                }
            } else {
                let problems = try compare(produced, with: fixture)
                for problem in problems {
                    XCTFail("golden case \(goldenCase.name) (cases.txt:\(goldenCase.line)): \(problem)")
                }
                failed = failed || !problems.isEmpty
            }
            print(String(format: "golden %@ %@ in %.1f s", goldenCase.name, refresh ? "written" : "compared",
                         Date().timeIntervalSince(caseStart)))
        }
        print(String(format: "golden: %d cases in %.1f s", selected.count, Date().timeIntervalSince(started)))
        if failed {
            print("golden: this run's files are kept in \(scratch.path); if the change is intended, "
                  + "run scripts/refresh-golden.sh and review the diff")
        } else {
            try? FileManager.default.removeItem(at: scratch)
        }
    }

    // MARK: - Running a case

    /// Runs one case; returns every file to compare, by its path inside the case's fixture folder.
    private func run(_ goldenCase: GoldenCase, in scratch: URL) throws -> [String: Data] {
        let out = scratch.appendingPathComponent(goldenCase.name, isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let arguments = goldenCase.arguments.map {
            $0.replacingOccurrences(of: "@OUT@", with: out.path)
                .replacingOccurrences(of: "@GOLDEN@", with: Self.goldenPath)
        }
        let result = try CommandRunner.run(arguments)
        var files: [String: Data] = [
            "status": Data("\(result.status)\n".utf8),
            "stdout": Data(result.stdout.utf8),
            "stderr": Data(result.stderr.utf8),
        ]
        for path in try Self.files(under: out) {
            files["out/" + path] = try Data(contentsOf: out.appendingPathComponent(path))
        }
        return files.mapValues { normalize($0, out: out.path, masks: goldenCase.masks) }
    }

    /// Text (UTF-8, not a workbook) with this run's output folder written `@OUT@` and the masks
    /// applied; anything else unchanged.
    private func normalize(_ data: Data, out: String, masks: [NSRegularExpression]) -> Data {
        guard data.prefix(2) != Data("PK".utf8), var text = String(data: data, encoding: .utf8) else { return data }
        text = text.replacingOccurrences(of: out, with: "@OUT@")
        for mask in masks {
            text = mask.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                 withTemplate: "#")
        }
        return Data(text.utf8)
    }

    /// Paths of the regular files under `folder`, relative to it, sorted.
    static func files(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    // MARK: - Comparing

    /// What differs between this run's files and the fixture, one message per file.
    private func compare(_ produced: [String: Data], with fixture: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: fixture.path) else {
            return ["no fixture folder Golden/\(fixture.lastPathComponent)/ (run scripts/refresh-golden.sh)"]
        }
        let expectedPaths = Set(try Self.files(under: fixture))
        var problems: [String] = []
        for path in expectedPaths.subtracting(produced.keys).sorted() {
            problems.append("\(path) is in the fixture but was not written")
        }
        for path in Set(produced.keys).subtracting(expectedPaths).sorted() {
            problems.append("\(path) was written but is not in the fixture")
        }
        for path in expectedPaths.intersection(produced.keys).sorted() {
            let expected = try Data(contentsOf: fixture.appendingPathComponent(path))
            let actual = produced[path]!
            if expected != actual {
                problems.append("\(path) differs: " + Self.hint(expected: expected, actual: actual))
            }
        }
        return problems
    }

    /// Where two files first differ: the line for text, the part and line for a zip (.xlsx),
    /// the byte offset otherwise.
    static func hint(expected: Data, actual: Data) -> String {
        if expected.prefix(2) == Data("PK".utf8), actual.prefix(2) == Data("PK".utf8),
           let zipHint = try? zipHint(expected: expected, actual: actual) {
            return zipHint
        }
        if let expectedText = String(data: expected, encoding: .utf8),
           let actualText = String(data: actual, encoding: .utf8) {
            return lineHint(expected: expectedText, actual: actualText)
        }
        let a = [UInt8](expected), b = [UInt8](actual)
        let offset = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) ?? min(a.count, b.count)
        return "first differing byte at offset \(offset) (sizes \(expected.count) expected, \(actual.count) actual)"
    }

    static func lineHint(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : nil, y = i < b.count ? String(b[i]) : nil
            if x != y {
                // Long lines (XML parts are one line) are shown around the first differing character.
                let xs = Array(x ?? ""), ys = Array(y ?? "")
                let column = (0..<min(xs.count, ys.count)).first(where: { xs[$0] != ys[$0] }) ?? min(xs.count, ys.count)
                let from = max(0, column - 100)
                func show(_ line: String?, _ characters: [Character]) -> String {
                    guard line != nil else { return "(no such line)" }
                    let window = characters[min(from, characters.count)..<min(characters.count, from + 300)]
                    return (from > 0 ? "…" : "") + String(window) + (from + 300 < characters.count ? "…" : "")
                }
                return "first difference at line \(i + 1), column \(column + 1) "
                    + "(\(a.count) lines expected, \(b.count) actual)\n"
                    + "  expected: \(show(x, xs))\n  actual:   \(show(y, ys))"
            }
        }
        return "same lines, different bytes (line ends or a trailing newline?)"
    }

    static func zipHint(expected: Data, actual: Data) throws -> String {
        func parts(_ data: Data) throws -> [String: Data] {
            let archive = try Archive(data: data, accessMode: .read)
            var parts: [String: Data] = [:]
            for entry in archive where entry.type == .file {
                var contents = Data()
                _ = try archive.extract(entry) { contents.append($0) }
                parts[entry.path] = contents
            }
            return parts
        }
        let a = try parts(expected), b = try parts(actual)
        if Set(a.keys) != Set(b.keys) {
            return "the archives hold different parts: only expected \(Set(a.keys).subtracting(b.keys).sorted()), "
                + "only actual \(Set(b.keys).subtracting(a.keys).sorted())"
        }
        for name in a.keys.sorted() where a[name] != b[name] {
            return "part \(name): " + hint(expected: a[name]!, actual: b[name]!)
        }
        return "same parts, different zip bytes (entry order, dates or compression)"
    }
}

struct GoldenError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
