import AllianceKit
@testable import AllianceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// What the pages need besides the core API: the pages themselves (no token, the CSP, the cookie
/// that `/?token=` sets), the project list, the lists document, diffs against the previous,
/// solved and last year's plans, the template, and a job's trace and server-sent events.
final class WorkbenchEndpointTests: XCTestCase {
    func testPagesNeedNoTokenCarryTheCSPAndTheTokenBecomesACookie() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let page = try await api.send(.get, "/", token: nil)
            XCTAssertEqual(page.status, 200)
            XCTAssertTrue(page.text.contains("<html lang=\"zh-CN\""), page.text)
            for name in ["app.js", "style.css"] {
                let file = try await api.send(.get, "/\(name)", token: nil)
                XCTAssertEqual(file.status, 200, name)
            }
            // Only the folder's files by name: nothing else, however spelled.
            for path in ["/Package.swift", "/..%2FPackage.swift", "/openapi.json", "/Web"] {
                let answer = try await api.send(.get, path, token: nil)
                XCTAssertEqual(answer.status, 404, path)
            }

            // The CSP on pages and API answers alike.
            let headers = try await api.client.execute(uri: "/", method: .get) { $0.headers }
            let csp = try XCTUnwrap(headers[.contentSecurityPolicy])
            XCTAssertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp)
            XCTAssertFalse(csp.contains("unsafe-inline"), csp)
            XCTAssertEqual(headers[.xContentTypeOptions], "nosniff")

            // /?token= with the right token: the cookie, and a redirect that drops the token from the address.
            let login = try await api.client.execute(uri: "/?token=\(testToken)", method: .get) { $0 }
            XCTAssertEqual(login.status, .seeOther)
            XCTAssertEqual(login.headers[.location], "/")
            let cookie = try XCTUnwrap(login.headers[.setCookie])
            XCTAssertTrue(cookie.hasPrefix("alliance_token=\(testToken)"), cookie)
            XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie)
            let wrong = try await api.client.execute(uri: "/?token=nope", method: .get) { $0 }
            XCTAssertEqual(wrong.status, .unauthorized)
            XCTAssertNil(wrong.headers[.setCookie])

            // The cookie opens the API; a wrong cookie does not.
            for (value, status) in [(testToken, HTTPResponse.Status.ok), ("nope", .unauthorized)] {
                let answer = try await api.client.execute(uri: "/api/projects", method: .get,
                                                          headers: [.cookie: "alliance_token=\(value)"]) { $0.status }
                XCTAssertEqual(answer, status, value)
            }
        }
    }

    func testProjectListListsAndTemplate() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let empty = try await api.send(.get, "/api/projects")
            XCTAssertEqual((empty.object["projects"] as? [Any])?.count, 0)
            let id = try await api.upload(try exampleZip("guye"))
            let projects = try await api.send(.get, "/api/projects")
            let listed = try XCTUnwrap(projects.object["projects"] as? [[String: Any]])
            XCTAssertEqual(listed.map { $0["id"] as? String }, [id])

            let problem = try PlanningInput(path: exampleFolder("guye").path).loadProblem().problem
            let lists = try await api.send(.get, "/api/projects/\(id)/lists")
            XCTAssertEqual(lists.status, 200, lists.text)
            let communities = try XCTUnwrap(lists.object["communities"] as? [[String: Any]])
            let units = try XCTUnwrap(lists.object["units"] as? [[String: Any]])
            XCTAssertEqual(communities.map { $0["id"] as? String }, problem.communities.map(\.id))
            XCTAssertEqual(units.map { $0["org_id"] as? String }, problem.units.map(\.id))
            XCTAssertEqual(units.map { $0["max_communities"] as? Int }, problem.units.map(\.maxCommunities))
            XCTAssertEqual(try XCTUnwrap(lists.object["mean_strength"] as? Double), problem.meanStrength, accuracy: 1e-9)
            // 古冶's communities have coordinates: every one gets a point on the map.
            XCTAssertNotNil(lists.object["coordinates"] as? String)
            XCTAssertTrue(communities.allSatisfy { $0["x"] is Double && $0["y"] is Double })
            // Needs by category add up to the lists' needs.
            let listed0 = (communities[0]["needs"] as? [String: Double] ?? [:]).values.reduce(0, +)
            let expected0 = problem.instance.needs.filter { $0.communityID == problem.communities[0].id }.map(\.amount).reduce(0, +)
            XCTAssertEqual(listed0, expected0, accuracy: 1e-9)

            let template = try await api.send(.get, "/api/template.xlsx")
            XCTAssertEqual(template.status, 200)
            XCTAssertEqual(template.body.prefix(2), Data("PK".utf8))
        }
    }

    func testDiffAgainstPreviousSolvedAndLastYear() async throws {
        let data = try temporaryDataFolder()
        let problem = try ServerAPITests.tinyProblem()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("tiny"))
            let none = try await api.send(.get, "/api/projects/\(id)/diff?against=previous")
            XCTAssertEqual(none.status, 409, "no plan yet")
            let job = try await api.solve(id, ["strategy": "exact", "time_limit": 20])
            XCTAssertEqual(job["status"] as? String, "done")
            let first = try await api.send(.get, "/api/projects/\(id)/diff?against=previous")
            XCTAssertEqual(first.status, 409, "the first plan has no previous one")
            let lastYear = try await api.send(.get, "/api/projects/\(id)/diff?against=last_year")
            XCTAssertEqual(lastYear.status, 409, "no plan of last year yet")
            let bad = try await api.send(.get, "/api/projects/\(id)/diff?against=yesterday")
            XCTAssertEqual(bad.status, 400)

            // Two hand edits; each diff names exactly the unit that moved.
            var moved: [String] = []
            for version in [1, 2] {
                var edit: [String: Any]?
                for unit in problem.units where !moved.contains(unit.id) {
                    let entries = try await api.send(.get, "/api/projects/\(id)/suggest?org=\(unit.id)").object["suggestions"] as? [[String: Any]] ?? []
                    if let move = entries.first(where: { $0["kind"] as? String == "move" }) {
                        edit = move
                        moved.append(unit.id)
                        break
                    }
                }
                var body = try XCTUnwrap(edit, "tiny has a move")
                body["version"] = version
                let answer = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: body)
                XCTAssertEqual(answer.status, 200, answer.text)
                // The explanation's delta: the suggestion's change of the objective, shared out
                // over the communities (their objectives add up to the plan's), naming the move's two.
                let delta = try XCTUnwrap(answer.object["delta"] as? [String: Any], answer.text)
                let change = try XCTUnwrap(delta["objective"] as? Double)
                XCTAssertEqual(change, try XCTUnwrap(body["delta"] as? Double), accuracy: 1e-9)
                let communities = delta["communities"] as? [[String: Any]] ?? []
                XCTAssertEqual(communities.compactMap { $0["delta"] as? Double }.reduce(0, +), change, accuracy: 1e-9)
                XCTAssertTrue(Set(communities.compactMap { $0["id"] as? String }).isSubset(of: [body["from"] as? String, body["to"] as? String].compactMap { $0 }),
                              "\(communities)")
            }
            let previous = try await api.send(.get, "/api/projects/\(id)/diff?against=previous")
            XCTAssertEqual(previous.status, 200, previous.text)
            XCTAssertEqual(previous.object["old_version"] as? Int, 2)
            XCTAssertEqual(previous.object["version"] as? Int, 3)
            let orgs = { (answer: Answer) in
                ((answer.object["diff"] as? [String: Any])?["organizations"] as? [[String: Any]] ?? []).compactMap { $0["org_id"] as? String }
            }
            XCTAssertEqual(orgs(previous), [moved[1]])
            let sinceSolve = try await api.send(.get, "/api/projects/\(id)/diff?against=solved")
            XCTAssertEqual(sinceSolve.object["old_version"] as? Int, 1)
            XCTAssertEqual(Set(orgs(sinceSolve)), Set(moved))

            // Last year's plan: the solved plan, uploaded as plan.csv; then the diff is the two moves,
            // and KEEP counts its pairs (the check report's model knows it).
            let undo1 = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            let undo2 = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            XCTAssertEqual(undo2.object["version"] as? Int, 1, "\(undo1.text) \(undo2.text)")
            let solvedCSV = try await api.send(.get, "/api/projects/\(id)/files/plan.csv").body
            _ = try await api.send(.post, "/api/projects/\(id)/plan/redo")
            _ = try await api.send(.post, "/api/projects/\(id)/plan/redo")
            let put = try await api.send(.put, "/api/projects/\(id)/previous-plan", body: solvedCSV)
            XCTAssertEqual(put.status, 200, put.text)
            XCTAssertEqual(put.object["has_previous_plan"] as? Bool, true)
            let againstLastYear = try await api.send(.get, "/api/projects/\(id)/diff?against=last_year")
            XCTAssertEqual(againstLastYear.status, 200, againstLastYear.text)
            XCTAssertNil(againstLastYear.object["old_version"] as? Int)
            XCTAssertEqual(Set(orgs(againstLastYear)), Set(moved))
            // The current plan keeps all but the moved pairs of last year: KEEP's term agrees with the evaluator.
            var withPrevious = PlanningOptions()
            let previousFile = data.appendingPathComponent("last-year.csv")
            try solvedCSV.write(to: previousFile)
            withPrevious.previousPlan = try PlanningInput.readPlan(previousFile.path)
            let judged = try Problem(instance: problem.instance, options: withPrevious)
            let current = try await api.send(.get, "/api/projects/\(id)/plan")
            let currentCSV = try await api.send(.get, "/api/projects/\(id)/files/plan.csv").body
            let currentFile = data.appendingPathComponent("current.csv")
            try currentCSV.write(to: currentFile)
            let (_, evaluation) = Evaluator.evaluate(try PlanningInput.readPlan(currentFile.path), in: judged)
            let explain = try await api.send(.get, "/api/projects/\(id)/explain")
            XCTAssertEqual(try XCTUnwrap(explain.object["objective"] as? Double), evaluation.objective, accuracy: 1e-9,
                           "version \(current.object["version"] ?? "?")")
            XCTAssertGreaterThan(evaluation.terms.keep, 0, "most of last year's pairs are kept")

            // A bad plan file: 422 at its cell, and nothing changes.
            let broken = try await api.send(.put, "/api/projects/\(id)/previous-plan", body: Data("community_id,org_id\nC1\n".utf8))
            XCTAssertEqual(broken.status, 422, broken.text)
            XCTAssertTrue((broken.array.first?["location"] as? String ?? "").hasPrefix("previous-plan.csv"), broken.text)
        }
    }

    func testJobTraceAndServerSentEvents() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let id = try await api.upload(try exampleZip("guye"))
            let started = try await api.send(.post, "/api/projects/\(id)/solve", json: ["strategy": "exact", "time_limit": 3])
            XCTAssertEqual(started.status, 202)
            let job = try XCTUnwrap(started.object["job"] as? String)
            // The stream lasts until the job ends: progress events, then one `end` with the final document.
            let stream = try await api.send(.get, "/api/jobs/\(job)/events")
            XCTAssertEqual(stream.status, 200)
            let events = stream.text.components(separatedBy: "\n\n").filter { !$0.isEmpty && !$0.hasPrefix(":") }
            XCTAssertGreaterThanOrEqual(events.count, 1)
            let last = try XCTUnwrap(events.last)
            XCTAssertTrue(last.hasPrefix("event: end\ndata: "), last)
            XCTAssertTrue(events.dropLast().allSatisfy { $0.hasPrefix("event: progress\ndata: ") }, stream.text)
            let final = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(last.dropFirst("event: end\ndata: ".count).utf8)) as? [String: Any])
            XCTAssertEqual(final["status"] as? String, "done")
            XCTAssertEqual(final["job"] as? String, job)
            // The trace: time never goes back, and the last point's objective is the plan's.
            let trace = try XCTUnwrap(final["trace"] as? [[String: Any]])
            XCTAssertFalse(trace.isEmpty)
            let times = trace.compactMap { $0["t"] as? Double }
            XCTAssertEqual(times, times.sorted())
            // The best so far: objectives never fall, bounds never rise (maximization).
            let objectives = trace.compactMap { $0["objective"] as? Double }, bounds = trace.compactMap { $0["bound"] as? Double }
            XCTAssertEqual(objectives, objectives.sorted())
            XCTAssertEqual(bounds, bounds.sorted(by: >))
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            let objective = try XCTUnwrap(plan.object["objective"] as? Double)
            let traced = trace.compactMap { $0["objective"] as? Double }
            XCTAssertEqual(try XCTUnwrap(traced.max()), objective, accuracy: 1e-6 * max(1, abs(objective)),
                           "the best traced plan is the kept one")
            // A finished job's stream is its `end` event at once; the project's job list has it.
            let again = try await api.send(.get, "/api/jobs/\(job)/events")
            XCTAssertTrue(again.text.hasPrefix("event: end\n"), again.text)
            let jobs = try await api.send(.get, "/api/projects/\(id)/jobs")
            XCTAssertEqual((jobs.object["jobs"] as? [[String: Any]])?.first?["job"] as? String, job)
            let unknown = try await api.send(.get, "/api/jobs/nope/events")
            XCTAssertEqual(unknown.status, 404)
        }
    }

    /// Lists with a `district` column: one project per district, each with its district's share,
    /// as `alliance solve` plans them; a community without a district is 422 at its cell.
    func testDistrictListsBecomeOneProjectPerDistrict() async throws {
        let data = try temporaryDataFolder()
        let (city, _) = InstanceGenerator(communities: 6, units: 20).generateCity(districts: 2, seed: 5)
        let folder = data.appendingPathComponent("city-lists")
        try InstanceWriter.write(city, to: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        func lists(_ change: (inout [(String, Data)]) -> Void = { _ in }) throws -> Data {
            var entries = try files.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
            change(&entries)
            return try makeZip(entries)
        }
        let good = try lists()
        let broken = try lists { entries in
            let c = entries.firstIndex { $0.0 == "communities.csv" }!
            var lines = String(decoding: entries[c].1, as: UTF8.self).components(separatedBy: "\n")
            lines[1] = lines[1].replacingOccurrences(of: "区1", with: "")
            entries[c].1 = Data(lines.joined(separator: "\n").utf8)
        }
        try await withServer(data: data) { api in
            let answer = try await api.send(.post, "/api/projects", body: good)
            XCTAssertEqual(answer.status, 201, answer.text)
            let districts = try XCTUnwrap(answer.object["districts"] as? [[String: Any]])
            XCTAssertEqual(districts.map { $0["district"] as? String }, ["区1", "区2"])
            XCTAssertEqual(answer.object["id"] as? String, districts[0]["id"] as? String)
            let (split, _) = try DistrictSplit.split(city)
            for (entry, district) in zip(districts, split) {
                let id = try XCTUnwrap(entry["id"] as? String)
                let report = try await api.send(.get, "/api/projects/\(id)")
                let counts = try XCTUnwrap(report.object["counts"] as? [String: Any])
                XCTAssertEqual(counts["communities"] as? Int, district.instance.communities.count)
                XCTAssertEqual(counts["organizations"] as? Int, district.instance.organizations.count)
                XCTAssertEqual(counts["needs"] as? Int, district.instance.needs.count)
            }
            let listed = try await api.send(.get, "/api/projects")
            XCTAssertEqual((listed.object["projects"] as? [Any])?.count, 2)

            // A community without its district: located, and no project made.
            let refused = try await api.send(.post, "/api/projects", body: broken)
            XCTAssertEqual(refused.status, 422, refused.text)
            XCTAssertTrue((refused.array.first?["location"] as? String ?? "").hasPrefix("communities.csv:2:"), refused.text)
            let after = try await api.send(.get, "/api/projects")
            XCTAssertEqual((after.object["projects"] as? [Any])?.count, 2)
        }
    }
}

/// Memory stays flat however many edits a project sees: only the last plans are held, older
/// ones are read back from their plan.csv — undoing all the way gives the solved plan back.
final class PlanCacheTests: XCTestCase {
    func testManyEditsKeepFewPlansInMemoryAndUndoReadsOldOnesBack() async throws {
        let data = try temporaryDataFolder()
        let problem = try ServerAPITests.tinyProblem()
        let server = try WorkbenchServer(configuration: WorkbenchConfiguration(dataDirectory: data, port: 0, token: testToken))
        try await server.makeApplication().test(.router) { client in
            let api = APIClient(client: client)
            let id = try await api.upload(try exampleZip("tiny"))
            let report = try await api.send(.get, "/api/projects/\(id)")
            XCTAssertEqual((report.object["weights"] as? [String: Any])?["coverage"] as? Double, Weights().coverage)
            let job = try await api.solve(id, ["strategy": "exact", "time_limit": 20])
            let solved = try XCTUnwrap(job["objective"] as? Double)
            // Edits: each unit's first move in turn, as many as the cache holds and then some.
            let edits = AllianceServer.ProjectStore.cachedPlans + 8
            var version = 1
            var u = 0
            while version <= edits {
                let unit = problem.units[u % problem.units.count].id
                u += 1
                let entries = try await api.send(.get, "/api/projects/\(id)/suggest?org=\(unit)&top=0").object["suggestions"] as? [[String: Any]] ?? []
                guard var move = entries.first(where: { $0["kind"] as? String == "move" || $0["kind"] as? String == "swap" }) else { continue }
                move["version"] = version
                let answer = try await api.send(.post, "/api/projects/\(id)/plan/edits", json: move)
                XCTAssertEqual(answer.status, 200, answer.text)
                version += 1
                if u > 50 * problem.units.count { break }
            }
            XCTAssertGreaterThan(version, AllianceServer.ProjectStore.cachedPlans + 1, "enough edits to fill the cache")
            let store = try await server.workspace.project(id)
            let held = await store.cachedPlanCount
            XCTAssertLessThanOrEqual(held, AllianceServer.ProjectStore.cachedPlans)
            var undone = try await api.send(.post, "/api/projects/\(id)/plan/undo")
            while undone.status == 200 { undone = try await api.send(.post, "/api/projects/\(id)/plan/undo") }
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.object["version"] as? Int, 1)
            let explain = try await api.send(.get, "/api/projects/\(id)/explain")
            XCTAssertEqual(try XCTUnwrap(explain.object["objective"] as? Double), solved, accuracy: 1e-9)
        }
    }
}
