import AllianceKit
import Foundation
import WorkbookFixtures
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `alliance serve` as a user starts it: the built binary on a free port prints the address
/// with the token, answers 401 without the token and JSON with it, and stops on SIGTERM.
final class ServeCLITests: XCTestCase {
    /// A GET over HTTP: status and body.
    private func get(_ url: URL, token: String?) throws -> (status: Int, body: Data) {
        try send("GET", url, token: token)
    }

    /// A request over HTTP: status and body.
    private func send(_ method: String, _ url: URL, token: String?, body: Data? = nil) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let answer = Locked<(Int, Data)?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            answer.withLock { $0 = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            done.signal()
        }.resume()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        return try XCTUnwrap(answer.current)
    }

    /// Starts `alliance serve` on `data` and a free port; returns the process and the address it printed.
    private func startServer(data: URL) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--data", data.path, "--port", "0", "--token", "s3cret"]
        process.environment = CommandRunner.environment()
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read stdout until the address is printed.
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("?token="), Date() < deadline, process.isRunning {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let line = try XCTUnwrap(printed.split(separator: "\n").first { $0.hasPrefix("open http://127.0.0.1:") }, printed)
        XCTAssertTrue(line.hasSuffix("/?token=s3cret"), String(line))
        return (process, try XCTUnwrap(URL(string: String(line.dropFirst("open ".count)))))
    }

    /// Sends SIGTERM and waits up to `seconds` for the process to end.
    private func terminate(_ process: Process, within seconds: Double = 30) {
        kill(process.processIdentifier, SIGTERM)
        let stop = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.05) }
    }

    func testServePrintsTheAddressAndNeedsTheToken() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (process, address) = try startServer(data: scratch.appendingPathComponent("ws"))
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let api = try XCTUnwrap(URL(string: "/api/openapi.json", relativeTo: address))
        XCTAssertEqual(try get(api, token: nil).status, 401)
        let answer = try get(api, token: "s3cret")
        XCTAssertEqual(answer.status, 200)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        XCTAssertNotNil(document["paths"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("ws/projects").path))
        terminate(process)
        XCTAssertFalse(process.isRunning, "serve stops on SIGTERM")
        if !process.isRunning { XCTAssertEqual(process.terminationStatus, 0) }
    }

    /// SIGTERM during a long solve: the job stops, its best plan is written as version 1 with
    /// status `interrupted`, the server exits 0, and a restarted server hands out that plan.
    func testSIGTERMKeepsTheRunningSolvesBestPlanAsInterrupted() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let data = scratch.appendingPathComponent("ws")
        let (process, address) = try startServer(data: data)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let api = { (path: String) in URL(string: path, relativeTo: address)! }
        let folder = CommandRunner.root.appendingPathComponent("models/examples/caofeidian")
        var parts: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            parts[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        let zip = scratch.appendingPathComponent("lists.zip")
        try TestWorkbook.zip(parts, to: zip)
        let upload = try send("POST", api("/api/projects"), token: "s3cret", body: try Data(contentsOf: zip))
        XCTAssertEqual(upload.status, 201, String(decoding: upload.body, as: UTF8.self))
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: upload.body) as? [String: Any])?["id"] as? String)
        let solve = try send("POST", api("/api/projects/\(id)/solve"), token: "s3cret",
                             body: Data(#"{"strategy": "exact", "time_limit": 300}"#.utf8))
        XCTAssertEqual(solve.status, 202)
        let job = try XCTUnwrap((try JSONSerialization.jsonObject(with: solve.body) as? [String: Any])?["job"] as? String)
        // Wait until the solve has a plan (the live objective), then stop the server.
        let deadline = Date().addingTimeInterval(120)
        var live: [String: Any] = [:]
        while Date() < deadline {
            live = (try JSONSerialization.jsonObject(with: try get(api("/api/jobs/\(job)"), token: "s3cret").body) as? [String: Any]) ?? [:]
            if live["status"] as? String == "running", live["objective"] is Double { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTAssertEqual(live["status"] as? String, "running", "\(live)")
        let stopping = Date()
        terminate(process, within: 60)
        XCTAssertFalse(process.isRunning, "serve stops on SIGTERM with a solve running")
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 60)
        if !process.isRunning { XCTAssertEqual(process.terminationStatus, 0) }
        let planFile = data.appendingPathComponent("projects/\(id)/versions/1/plan.json")
        let written = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: planFile)) as? [String: Any])
        XCTAssertEqual(written["status"] as? String, "interrupted")

        let (again, address2) = try startServer(data: data)
        defer {
            if again.isRunning { kill(again.processIdentifier, SIGKILL) }
        }
        let plan = try get(URL(string: "/api/projects/\(id)/plan", relativeTo: address2)!, token: "s3cret")
        XCTAssertEqual(plan.status, 200)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: plan.body) as? [String: Any])
        XCTAssertEqual(document["version"] as? Int, 1)
        XCTAssertEqual(document["status"] as? String, "interrupted")
        terminate(again)
    }
}
