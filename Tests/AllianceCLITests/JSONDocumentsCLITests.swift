import Foundation
import XCTest

/// Every JSON document `alliance` writes for programs carries the tool's version (the same as
/// `alliance --version` prints) and its schema version, and docs/JSON.md names every field it
/// has: each key met anywhere in the documents written for the caofeidian example (with
/// projects, so claims appear) and for district lists must appear in the document's section of
/// docs/JSON.md as `key`.
final class JSONDocumentsCLITests: XCTestCase {
    /// The sections of docs/JSON.md by schema name (`## plan — …` starts section "plan").
    static func documentedSections() throws -> [String: String] {
        let text = try String(contentsOf: CommandRunner.root.appendingPathComponent("docs/JSON.md"), encoding: .utf8)
        var sections: [String: String] = [:], current = "", body = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if !current.isEmpty { sections[current] = body }
                current = String(line.dropFirst(3).split(separator: " ").first ?? "")
                body = ""
            } else {
                body += line + "\n"
            }
        }
        if !current.isEmpty { sections[current] = body }
        sections[""] = String(text[..<(text.range(of: "\n## ")?.lowerBound ?? text.endIndex)])
        return sections
    }

    /// Every key of every object in `value`, recursively (keys of `counts`-like maps included).
    static func keys(_ value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys($1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: Set()) { $0.formUnion(keys($1)) } }
        return []
    }

    func assertDocumented(_ json: String, schema: String, version: String,
                          file: StaticString = #filePath, line: UInt = #line) throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                                   "\(schema): not a JSON object", file: file, line: line)
        XCTAssertEqual(object["tool_version"] as? String, version, "\(schema): tool_version", file: file, line: line)
        XCTAssertEqual(object["schema_version"] as? Int, 1, "\(schema): schema_version", file: file, line: line)
        let sections = try Self.documentedSections()
        let section = try XCTUnwrap(sections[schema], "docs/JSON.md has no section \(schema)", file: file, line: line)
        // The preamble documents the stamp, terms, weights and the district wrapper for all.
        let shared = sections[""] ?? ""
        // Keys that are data, not names: the reasons and change kinds of count maps are listed in
        // the section as values, so they are checked the same way.
        for key in Self.keys(object).sorted() where !section.contains("`\(key)`") && !shared.contains("`\(key)`") {
            XCTFail("\(schema): field `\(key)` is not described in docs/JSON.md", file: file, line: line)
        }
    }

    func testEveryJSONDocumentIsStampedAndDocumented() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lists = CommandRunner.root.appendingPathComponent("models/examples/caofeidian").path
        let version = try CommandRunner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        let toolVersion = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(toolVersion.isEmpty)

        let out = folder.appendingPathComponent("plan")
        let solve = try CommandRunner.run(["solve", lists, "--strategy", "local", "--time-limit", "20",
                                           "--out", out.path, "--json"])
        XCTAssertEqual(solve.status, 0, solve.stderr)
        try assertDocumented(solve.stdout, schema: "solve-summary", version: toolVersion)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])
        let run = try XCTUnwrap((summary["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(run["files"] as? [String] ?? []),
                       Set(try FileManager.default.contentsOfDirectory(atPath: out.path)),
                       "solve --json lists exactly the files in the folder")
        let planJSON = try String(contentsOf: out.appendingPathComponent("plan.json"), encoding: .utf8)
        try assertDocumented(planJSON, schema: "plan", version: toolVersion)
        XCTAssertEqual(run["objective"] as? Double,
                       (try JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any])?["objective"] as? Double)
        let plan = out.appendingPathComponent("plan.csv").path
        let claimFolder = folder.appendingPathComponent("claims")
        let claim = try CommandRunner.run(["claim", lists, "--plan", plan, "--out", claimFolder.path, "--quiet"])
        XCTAssertEqual(claim.status, 0, claim.stderr)
        try assertDocumented(try String(contentsOf: claimFolder.appendingPathComponent("claims.json"), encoding: .utf8),
                             schema: "claims", version: toolVersion)

        let check = try CommandRunner.run(["check", lists, "--json"])
        XCTAssertEqual(check.status, 0, check.stderr)
        try assertDocumented(check.stdout, schema: "check", version: toolVersion)
        let evaluate = try CommandRunner.run(["evaluate", lists, "--plan", plan, "--json"])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        try assertDocumented(evaluate.stdout, schema: "evaluation", version: toolVersion)
        let explain = try CommandRunner.run(["explain", lists, "--plan", plan, "--json"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        try assertDocumented(explain.stdout, schema: "explanation", version: toolVersion)
        let suggest = try CommandRunner.run(["suggest", lists, "--plan", plan, "--org", "O001", "--json"])
        if suggest.status == 0 {
            try assertDocumented(suggest.stdout, schema: "suggestions", version: toolVersion)
        } else {
            XCTFail("suggest: \(suggest.stderr)")
        }
        let greedy = folder.appendingPathComponent("greedy")
        XCTAssertEqual(try CommandRunner.run(["solve", lists, "--strategy", "greedy", "--out", greedy.path, "--quiet"]).status, 0)
        let diff = try CommandRunner.run(["diff", greedy.appendingPathComponent("plan.csv").path, plan, "--json"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        try assertDocumented(diff.stdout, schema: "diff", version: toolVersion)
        let compareFolder = folder.appendingPathComponent("compare")
        let compare = try CommandRunner.run(["compare", lists, "--strategies", "greedy,local", "--time-limit", "10",
                                             "--out", compareFolder.path])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        try assertDocumented(try String(contentsOf: compareFolder.appendingPathComponent("compare.json"), encoding: .utf8),
                             schema: "compare", version: toolVersion)
    }

    /// The documents of a batch split into shards: each district's `district.json` and plan.json
    /// (with its input digest), the shard manifest, `solve --json` of a resumed run and
    /// `merge --json`.
    /// `people --json` (stage 3) prints people.json, every field documented.
    func testPeopleDocumentIsStampedAndDocumented() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lists = folder.appendingPathComponent("lists")
        try FileManager.default.copyItem(at: CommandRunner.root.appendingPathComponent("models/examples/tiny"), to: lists)
        try PeopleCLITests.members.write(to: lists.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try PeopleCLITests.posts.write(to: lists.appendingPathComponent("posts.csv"), atomically: true, encoding: .utf8)
        let version = try CommandRunner.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CommandRunner.run(["people", lists.path, "--out", folder.appendingPathComponent("out").path,
                                            "--json", "--candidates", "2", "--max-distance-km", "6"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertDocumented(result.stdout, schema: "people", version: version)
        XCTAssertEqual(result.stdout, try String(contentsOf: folder.appendingPathComponent("out/people.json"), encoding: .utf8))
    }

    func testShardDocumentsAreStampedAndDocumented() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let version = try CommandRunner.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let city = folder.appendingPathComponent("city")
        XCTAssertEqual(try CommandRunner.run(["generate", "--out", city.path, "--districts", "2", "--communities", "6",
                                              "--units", "20"]).status, 0)
        let out = folder.appendingPathComponent("out")
        let arguments = ["solve", city.path, "--out", out.path, "--shard", "0/1", "--time-limit", "20", "--json"]
        XCTAssertEqual(try CommandRunner.run(arguments).status, 0)
        let resumed = try CommandRunner.run(arguments)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        try assertDocumented(resumed.stdout, schema: "solve-summary", version: version)
        XCTAssertTrue(resumed.stdout.contains("\"resumed\" : true"), resumed.stdout)
        try assertDocumented(try String(contentsOf: out.appendingPathComponent("shards/shard-0-of-1.json"), encoding: .utf8),
                             schema: "shard", version: version)
        try assertDocumented(try String(contentsOf: out.appendingPathComponent("区1/district.json"), encoding: .utf8),
                             schema: "district", version: version)
        try assertDocumented(try String(contentsOf: out.appendingPathComponent("区1/plan.json"), encoding: .utf8),
                             schema: "plan", version: version)
        let merged = try CommandRunner.run(["merge", out.path, "--json"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        try assertDocumented(merged.stdout, schema: "solve-summary", version: version)
    }

    /// `check --json` on lists with an input error: the error is in the document with its
    /// location (file, line, column), the exit status is 1, and stdout is still one JSON object.
    func testCheckJSONReportsInputErrorsWithTheirLocations() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = CommandRunner.root.appendingPathComponent("models/examples/tiny")
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny.path) where name.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: tiny.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let organizations = folder.appendingPathComponent("organizations.csv")
        var lines = try String(contentsOf: organizations, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let strengthColumn = try XCTUnwrap(header.firstIndex(of: "strength"))
        var cells = lines[1].components(separatedBy: ",")
        cells[strengthColumn] = "strong"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: organizations, atomically: true, encoding: .utf8)

        let check = try CommandRunner.run(["check", folder.path, "--json"])
        XCTAssertEqual(check.status, 1, check.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["status"] as? String, "input_errors")
        let errors = (document["errors"] as? [[String: Any]] ?? [])
            + (document["lists"] as? [[String: Any]] ?? []).flatMap { $0["errors"] as? [[String: Any]] ?? [] }
        let error = try XCTUnwrap(errors.first, check.stdout)
        let location = try XCTUnwrap(error["location"] as? [String: Any])
        XCTAssertTrue((location["file"] as? String ?? "").hasSuffix("organizations.csv"), "\(location)")
        XCTAssertEqual(location["line"] as? Int, 2)
        XCTAssertNotNil(location["column"] as? Int)
        XCTAssertTrue((error["message"] as? String ?? "").contains("strong"), "\(error)")
    }
}
