import AllianceKit
import AllianceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import WorkbookFixtures
import XCTest

/// Workbook uploads (told from a zip of CSV files by content, not by name), and the API over
/// real HTTP on an ephemeral port (HummingbirdTesting's live client).
final class WorkbookUploadTests: XCTestCase {
    /// The tiny example as an .xlsx workbook, with `edit` applied to its lists first.
    static func tinyWorkbook(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> Data {
        var lists = try TestWorkbook.lists(in: exampleFolder("tiny"))
        edit(&lists)
        let url = try temporaryDataFolder().appendingPathComponent("upload.bin")
        try TestWorkbook.zip(try TestWorkbook.fromLists(lists), to: url)
        return try Data(contentsOf: url)
    }

    func testWorkbookUploadGivesTheSameReportAsTheCSVZip() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let book = try await api.upload(try Self.tinyWorkbook())
            let zip = try await api.upload(try exampleZip("tiny"))
            XCTAssertNotEqual(book, zip)
            let fromBook = try await api.send(.get, "/api/projects/\(book)").object
            let fromZip = try await api.send(.get, "/api/projects/\(zip)").object
            XCTAssertEqual(fromBook["input"] as? String, "lists/lists.xlsx")
            XCTAssertEqual(fromZip["input"] as? String, "lists")
            XCTAssertEqual(fromBook["counts"] as? NSDictionary, fromZip["counts"] as? NSDictionary)
            XCTAssertTrue(FileManager.default.fileExists(atPath: data.appendingPathComponent("projects/\(book)/lists/lists.xlsx").path))
        }
    }

    func testBadCellOfAWorkbookIsLocatedAtSheetAndCell() async throws {
        let data = try temporaryDataFolder()
        let book = try Self.tinyWorkbook { lists in
            lists["organizations.csv"] = lists["organizations.csv"]!
                .replacingOccurrences(of: "\nU2,区人民医院,事业,3,", with: "\nU2,区人民医院,事业,三,")
        }
        try await withServer(data: data) { api in
            let answer = try await api.send(.post, "/api/projects", body: book)
            XCTAssertEqual(answer.status, 422, answer.text)
            XCTAssertEqual(answer.array.first?["location"] as? String, "lists.xlsx:单位!D3")
            XCTAssertTrue((answer.array.first?["message"] as? String ?? "").contains("三"), answer.text)
            // With the user's file name (`?name=`, as the page sends it) the location names their file.
            let named = try await api.send(.post, "/api/projects?name=%E5%8F%A4%E5%86%B6%E5%90%8D%E5%8D%95.xlsx", body: book)
            XCTAssertEqual(named.array.first?["location"] as? String, "古冶名单.xlsx:单位!D3", named.text)
            let projects = try await api.send(.get, "/api/projects")
            XCTAssertEqual((projects.object["projects"] as? [Any])?.count, 0, "nothing kept of a refused upload")
        }
    }

    /// The name names the project (check report, project list) and is never a path: a name that
    /// climbs keeps its last component only, and the lists stay where the server puts them.
    func testTheUploadsNameNamesTheProjectOnly() async throws {
        let data = try temporaryDataFolder()
        try await withServer(data: data) { api in
            let answer = try await api.send(.post, "/api/projects?name=..%2F..%2Fetc%2F%E5%90%8D%E5%8D%95.xlsx", body: try Self.tinyWorkbook())
            XCTAssertEqual(answer.status, 201, answer.text)
            let id = try XCTUnwrap(answer.object["id"] as? String)
            let report = try await api.send(.get, "/api/projects/\(id)").object
            XCTAssertEqual(report["name"] as? String, "名单.xlsx")
            XCTAssertEqual(report["input"] as? String, "lists/lists.xlsx")
            let listed = try await api.send(.get, "/api/projects").object["projects"] as? [[String: Any]]
            XCTAssertEqual(listed?.first?["name"] as? String, "名单.xlsx")
            XCTAssertTrue(FileManager.default.fileExists(atPath: data.appendingPathComponent("projects/\(id)/lists/lists.xlsx").path))
            XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("etc").path))
        }
        // After a restart the name is still there.
        try await withServer(data: data) { api in
            let listed = try await api.send(.get, "/api/projects").object["projects"] as? [[String: Any]]
            XCTAssertEqual(listed?.first?["name"] as? String, "名单.xlsx")
        }
    }

    func testLiveHTTPOnAnEphemeralPort() async throws {
        let data = try temporaryDataFolder()
        let server = try WorkbenchServer(configuration: WorkbenchConfiguration(dataDirectory: data, port: 0, token: testToken))
        try await server.makeApplication().test(.live) { client in
            XCTAssertNotEqual(client.port ?? 0, 0)
            let api = APIClient(client: client)
            let refused = try await api.send(.get, "/api/openapi.json", token: nil)
            XCTAssertEqual(refused.status, 401)
            let missing = try await api.send(.get, "/api/no-such-endpoint")
            XCTAssertEqual(missing.status, 404)
            XCTAssertNotNil(missing.object["error"] as? String, missing.text)
            let id = try await api.upload(try exampleZip("tiny"))
            let job = try await api.solve(id, ["strategy": "greedy"])
            XCTAssertEqual(job["status"] as? String, "done", "\(job)")
            let plan = try await api.send(.get, "/api/projects/\(id)/plan")
            XCTAssertEqual(plan.object["version"] as? Int, 1)
        }
    }
}
