import AllianceKit
import AllianceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// The API in process on temporary data folders: authentication, uploads (good and hostile),
/// solve jobs, edits checked against the evaluator, undo/redo, files, cancellation, restarts.
final class ServerAPITests: XCTestCase {
    /// The tiny example's model with the default weights, as the server judges plans.
    static func tinyProblem() throws -> Problem {
        try PlanningInput(path: exampleFolder("tiny").path).loadProblem().problem
    }

    func testEveryRequestNeedsTheToken() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/openapi.json"), (.post, "/api/projects"),
                                  (.get, "/api/projects/0123456789abcdef"), (.get, "/api/jobs/x")] {
                let none = try await api.send(method, uri, token: nil)
                XCTAssertEqual(none.status, 401, uri)
                XCTAssertEqual(Set(none.object.keys), ["error"], "no data without the token: \(none.text)")
                let wrong = try await api.send(method, uri, token: "wrong")
                XCTAssertEqual(wrong.status, 401, uri)
            }
            let document = try await api.send(.get, "/api/openapi.json")
            XCTAssertEqual(document.status, 200)
            XCTAssertEqual(document.object["openapi"] as? String, "3.0.3")
            let paths = try XCTUnwrap(document.object["paths"] as? [String: Any])
            for path in ["/api/projects/{id}/plan/edits", "/api/projects/{id}/lists", "/api/projects/{id}/diff",
                         "/api/projects/{id}/previous-plan", "/api/jobs/{job}/events", "/api/template.xlsx"] {
                XCTAssertTrue(paths.keys.contains(path), path)
            }
        }
    }

    func testUploadTinyZipGivesTheCheckReport() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("tiny"))
            XCTAssertEqual(id.count, 16)
            let report = try await api.send(.get, "/api/projects/\(id)")
            XCTAssertEqual(report.status, 200, report.text)
            let counts = try XCTUnwrap(report.object["counts"] as? [String: Any])
            let problem = try Self.tinyProblem()
            XCTAssertEqual(counts["communities"] as? Int, problem.instance.communities.count)
            XCTAssertEqual(counts["organizations"] as? Int, problem.instance.organizations.count)
            XCTAssertEqual(counts["units"] as? Int, problem.units.count)
            XCTAssertEqual(report.object["prechecks_passed"] as? Bool, true)
            XCTAssertNil(report.object["version"] as? Int, "no plan yet")
            // The lists are kept as uploaded.
            let kept = data.appendingPathComponent("projects/\(id)/lists/communities.csv")
            XCTAssertEqual(try Data(contentsOf: kept), try Data(contentsOf: exampleFolder("tiny").appendingPathComponent("communities.csv")))
            // Unknown and malformed ids are 404, never a path.
            let unknown = try await api.send(.get, "/api/projects/0123456789abcdef")
            XCTAssertEqual(unknown.status, 404)
            let traversal = try await api.send(.get, "/api/projects/..%2F..%2Fetc")
            XCTAssertEqual(traversal.status, 404)
            // No plan yet: 409.
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.status, 409)
        }
    }

    func testBadUploadsAreLocated422AndTheServerKeepsServing() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data, maxBodyBytes: 200_000) { api in
            // A CSV list with a bad number: located at file:line:column.
            let folder = exampleFolder("tiny")
            var files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
                .map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
            let c = try XCTUnwrap(files.firstIndex { $0.0 == "communities.csv" })
            files[c].1 = Data(String(decoding: files[c].1, as: UTF8.self).replacingOccurrences(of: "C1,惠丰社区,唐海镇,2,", with: "C1,惠丰社区,唐海镇,two,").utf8)
            let bad = try await api.send(.post, "/api/projects", body: try makeZip(files))
            XCTAssertEqual(bad.status, 422, bad.text)
            let location = try XCTUnwrap(bad.array.first?["location"] as? String)
            XCTAssertTrue(location.hasPrefix("communities.csv:2:"), location)
            XCTAssertNotNil(bad.array.first?["message"] as? String)
            // A broken workbook (a ZIP with [Content_Types].xml but no sheets).
            let workbook = try makeZip([("[Content_Types].xml", Data("<Types/>".utf8))])
            let badBook = try await api.send(.post, "/api/projects", body: workbook)
            XCTAssertEqual(badBook.status, 422, badBook.text)
            XCTAssertFalse(badBook.array.isEmpty)
            XCTAssertTrue((badBook.array.first?["location"] as? String ?? "").contains("lists.xlsx"), badBook.text)
            // Not a ZIP at all.
            let text = try await api.send(.post, "/api/projects", body: Data("id,name\n".utf8))
            XCTAssertEqual(text.status, 422)
            XCTAssertEqual(text.array.first?["location"] as? String, "upload")
            // Too large: 413.
            let huge = try await api.send(.post, "/api/projects", body: Data(count: 300_000))
            XCTAssertEqual(huge.status, 413)
            XCTAssertNotNil(huge.object["error"])
            // Nothing was left behind, and the server still answers.
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("projects").path), [])
            _ = try await api.upload(try exampleZip("tiny"))
        }
    }

    func testPathTraversalZipIsRefused() async throws {
        let data = try temporaryDataFolder()
        let workspace = data.appendingPathComponent("inner", isDirectory: true)
        try await withServer(data: workspace) { api in
            let tiny = try FileManager.default.contentsOfDirectory(atPath: exampleFolder("tiny").path).filter { $0.hasSuffix(".csv") }
                .map { ($0, try Data(contentsOf: exampleFolder("tiny").appendingPathComponent($0))) }
            for hostile in ["../../../evil.csv", "/tmp/evil-alliance.csv", "a/../../evil.csv"] {
                let answer = try await api.send(.post, "/api/projects", body: try makeZip(tiny + [(hostile, Data("x".utf8))]))
                XCTAssertEqual(answer.status, 422, hostile)
                XCTAssertTrue((answer.array.first?["message"] as? String ?? "").contains("refused"), answer.text)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("evil.csv").path))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("projects").path), [])
        }
    }

    func testSolveEditUndoRedoExplainFiles() async throws {
        let data = try temporaryDataFolder()
        let problem = try Self.tinyProblem()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("tiny"))
            let job = try await api.solve(id, ["strategy": "exact", "time_limit": 20])
            XCTAssertEqual(job["status"] as? String, "done", "\(job)")
            XCTAssertEqual(job["version"] as? Int, 1)
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.status, 200, plan.text)
            XCTAssertEqual(plan.object["version"] as? Int, 1)
            XCTAssertNotNil(plan.object["assignments"] as? [Any])
            XCTAssertNotNil(plan.object["terms"] as? [String: Any])
            let objective0 = try XCTUnwrap(plan.object["objective"] as? Double)
            XCTAssertEqual(objective0, try XCTUnwrap(job["objective"] as? Double), accuracy: 1e-9)

            // The first feasible suggestion of some unit, posted back as it is.
            var chosen: [String: Any]?
            for unit in problem.units {
                let suggest = try await api.send(.get, "/api/projects/\(id)/suggest?org=\(unit.id)")
                XCTAssertEqual(suggest.status, 200, suggest.text)
                let entries = suggest.object["suggestions"] as? [[String: Any]] ?? []
                if let first = entries.first(where: { $0["feasible"] as? Bool == true }) {
                    chosen = first
                    break
                }
            }
            var edit = try XCTUnwrap(chosen, "tiny has a feasible single change")
            edit["version"] = 1
            let edited = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: edit)
            XCTAssertEqual(edited.status, 200, edited.text)
            XCTAssertEqual(edited.object["version"] as? Int, 2)
            let objective1 = try XCTUnwrap(edited.object["objective"] as? Double)
            let delta = try XCTUnwrap(edit["delta"] as? Double)
            XCTAssertEqual(objective1, objective0 + delta, accuracy: 1e-9)
            // The evaluator agrees on the plan file the server now hands out.
            let csv = try await api.send(.get, "/api/projects/\(id)/files/plan.csv")
            XCTAssertEqual(csv.status, 200)
            let file = data.appendingPathComponent("downloaded-plan.csv")
            try csv.body.write(to: file)
            let (_, evaluation) = Evaluator.evaluate(try PlanningInput.readPlan(file.path), in: problem)
            XCTAssertEqual(objective1, evaluation.objective, accuracy: 1e-9)
            XCTAssertTrue(evaluation.isFeasible)

            // The same edit again on the old version: 409; an impossible edit: 422.
            let stale = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: edit)
            XCTAssertEqual(stale.status, 409, stale.text)
            let impossible = try await api.send(.post, "/api/projects/\(id)/plan/edits",
                                                json: ["kind": "move", "org_id": "nobody", "from": "C1", "to": "C2", "version": 2])
            XCTAssertEqual(impossible.status, 422)
            XCTAssertNotNil(impossible.object["error"] as? String)
            let malformed = try await api.send(.post, "/api/projects/\(id)/plan/edits", body: Data("{not json".utf8))
            XCTAssertEqual(malformed.status, 400)

            // Undo and redo restore the objectives and versions.
            let undone = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            XCTAssertEqual(undone.object["version"] as? Int, 1)
            XCTAssertEqual(try XCTUnwrap(undone.object["objective"] as? Double), objective0, accuracy: 1e-9)
            let redone = try await api.send(.post, "/api/projects/\(id)/plan/redo")
            XCTAssertEqual(redone.object["version"] as? Int, 2)
            XCTAssertEqual(try XCTUnwrap(redone.object["objective"] as? Double), objective1, accuracy: 1e-9)
            let nothing = try await api.send(.post, "/api/projects/\(id)/plan/redo")
            XCTAssertEqual(nothing.status, 409)

            // Explain: the document of the current plan.
            let explain = try await api.send(.get, "/api/projects/\(id)/explain")
            XCTAssertEqual(explain.status, 200)
            XCTAssertEqual(try XCTUnwrap(explain.object["objective"] as? Double), objective1, accuracy: 1e-9)
            XCTAssertEqual((explain.object["communities"] as? [Any])?.count, problem.communities.count)
            let byCommunity = try await api.send(.get, "/api/projects/\(id)/suggest?community=\(problem.communities[0].id)")
            XCTAssertEqual(byCommunity.status, 200)
            XCTAssertEqual(byCommunity.object["community_id"] as? String, problem.communities[0].id)

            // Files: the listed ones, and 404 for any other name.
            for name in ["plan.xlsx", "report.html", "communities.csv", "projects.csv"] {
                let answer = try await api.send(.get, "/api/projects/\(id)/files/\(name)")
                XCTAssertEqual(answer.status, 200, name)
                XCTAssertFalse(answer.body.isEmpty, name)
            }
            let unknown = try await api.send(.get, "/api/projects/\(id)/files/secret.txt")
            XCTAssertEqual(unknown.status, 404)

            // Pins are kept for the next solve, which starts from the current plan and keeps them.
            let unit = problem.units[0].id
            let pinned = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: ["kind": "pin", "org_id": unit])
            XCTAssertEqual(pinned.status, 200, pinned.text)
            XCTAssertEqual((pinned.object["pins"] as? [[String: Any]])?.first?["id"] as? String, unit)
            let before = try await api.send(.get, "/api/projects/\(id)/plan")
            let again = try await api.solve(id, ["strategy": "local", "time_limit": 5, "from": "current"])
            XCTAssertEqual(again["status"] as? String, "done", "\(again)")
            let after = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(after.object["version"] as? Int, 3)
            func rows(_ answer: Answer) -> Set<String> {
                Set((answer.object["assignments"] as? [[String: Any]] ?? []).filter { $0["org_id"] as? String == unit }
                    .map { "\($0["community_id"] ?? "")" })
            }
            XCTAssertEqual(rows(after), rows(before), "the pinned unit keeps its communities")
            XCTAssertEqual((after.object["pins"] as? [String])?.count, 1, "plan.json names the solve's pin: \(after.text)")
        }
    }

    func testRestartKeepsPlanVersionAndHistory() async throws {
        let data = try temporaryDataFolder()
        let problem = try Self.tinyProblem()
        let (id, version, objective) = try await withServer(data: data) { api -> (String, Int, Double) in
            let id = try await api.upload(try exampleZip("tiny"))
            _ = try await api.solve(id, ["strategy": "greedy"])
            var edited: Answer?
            for unit in problem.units {
                let entries = try await api.send(.get, "/api/projects/\(id)/suggest?org=\(unit.id)").object["suggestions"] as? [[String: Any]] ?? []
                if let first = entries.first(where: { $0["feasible"] as? Bool == true }) {
                    edited = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: first)
                    break
                }
            }
            let answer = try XCTUnwrap(edited)
            XCTAssertEqual(answer.status, 200, answer.text)
            _ = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: ["kind": "pin", "community_id": problem.communities[0].id])
            return (id, try XCTUnwrap(answer.object["version"] as? Int), try XCTUnwrap(answer.object["objective"] as? Double))
        }
        XCTAssertEqual(version, 2)
        try await withServer(data: data) { api in
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.status, 200, plan.text)
            XCTAssertEqual(plan.object["version"] as? Int, version)
            XCTAssertEqual(try XCTUnwrap(plan.object["objective"] as? Double), objective, accuracy: 1e-9)
            XCTAssertEqual(plan.object["can_undo"] as? Bool, true)
            XCTAssertEqual((plan.object["project_pins"] as? [[String: Any]])?.first?["id"] as? String, problem.communities[0].id)
            let undone = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            XCTAssertEqual(undone.object["version"] as? Int, 1)
        }
        // The undo itself survives the next restart.
        try await withServer(data: data) { api in
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.object["version"] as? Int, 1)
            XCTAssertEqual(plan.object["can_redo"] as? Bool, true)
        }
    }

    func testCancelLongSolveKeepsBestPlan() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("caofeidian"))
            let started = try await api.send(.post, "/api/projects/\(id)/solve", json: ["strategy": "exact", "time_limit": 60])
            XCTAssertEqual(started.status, 202, started.text)
            let job = try XCTUnwrap(started.object["job"] as? String)
            // A second solve waits for the first (--jobs 1).
            let queued = try await api.send(.post, "/api/projects/\(id)/solve", json: ["strategy": "greedy"])
            let second = try XCTUnwrap(queued.object["job"] as? String)
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let running = try await api.send(.get, "/api/jobs/\(job)").object
            XCTAssertEqual(running["status"] as? String, "running")
            XCTAssertGreaterThan(running["elapsed"] as? Double ?? 0, 0.5)
            XCTAssertNotNil(running["objective"] as? Double, "live values from the progress callback: \(running)")
            let waiting = try await api.send(.get, "/api/jobs/\(second)").object
            XCTAssertEqual(waiting["status"] as? String, "queued")
            let cancel = try await api.send(.delete, "/api/jobs/\(job)")
            XCTAssertEqual(cancel.status, 200)
            let begin = Date()
            let final = try await api.wait(job: job, timeout: 30)
            XCTAssertLessThan(Date().timeIntervalSince(begin), 30)
            XCTAssertEqual(final["status"] as? String, "cancelled", "\(final)")
            XCTAssertEqual(final["version"] as? Int, 1, "the best plan so far is kept")
            XCTAssertNotNil(final["objective"] as? Double)
            let next = try await api.wait(job: second, timeout: 60)
            XCTAssertEqual(next["status"] as? String, "done", "\(next)")
            XCTAssertEqual(next["version"] as? Int, 2)
            // The cancelled solve's plan is version 1; the queued solve starts as soon as the
            // cancelled one ends and may already have made version 2, so step back to it.
            let undone = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            XCTAssertEqual(undone.object["version"] as? Int, 1)
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.object["version"] as? Int, 1)
            XCTAssertEqual(plan.object["status"] as? String, "interrupted")
        }
    }
}

/// Edits racing on one project: the project's actor lets exactly one of several edits made on
/// the same version through; the others are stale (409). Solve options reach the plan.
final class ServerConcurrencyTests: XCTestCase {
    func testConcurrentEditsOnOneVersionAreSerialized() async throws {
        let data = try temporaryDataFolder()
        let problem = try ServerAPITests.tinyProblem()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("tiny"))
            let job = try await api.solve(id, ["strategy": "greedy", "weights": ["coverage": 2]])
            XCTAssertEqual(job["status"] as? String, "done", "\(job)")
            let plan = try await api.send(.get, "/api/projects/\(id)/plan").object
            XCTAssertEqual((plan["weights"] as? [String: Any])?["coverage"] as? Double, 2)
            XCTAssertEqual((plan["weights"] as? [String: Any])?["balance"] as? Double, 0.5, "unnamed weights keep their defaults")
            // Every feasible single change of every unit, each made on version 1, sent at once.
            var edits: [[String: Any]] = []
            for unit in problem.units {
                let entries = try await api.send(.get, "/api/projects/\(id)/suggest?org=\(unit.id)&top=0").object["suggestions"]
                    as? [[String: Any]] ?? []
                edits += entries.filter { $0["feasible"] as? Bool == true }.map { var e = $0; e["version"] = 1; return e }
            }
            XCTAssertGreaterThan(edits.count, 1)
            let bodies = try edits.map { try JSONSerialization.data(withJSONObject: $0) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for body in bodies {
                    group.addTask { try await api.send(.post, "/api/projects/\(id)/plan/edits", body: body).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == 409 }.count, edits.count - 1, "\(statuses)")
            let after = try await api.send(.get, "/api/projects/\(id)/plan").object
            XCTAssertEqual(after["version"] as? Int, 2)
        }
    }
}
