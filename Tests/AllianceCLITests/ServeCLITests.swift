import AllianceKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `alliance serve` as a user starts it: the built binary on a free port prints the address
/// with the token, answers 401 without the token and JSON with it, and stops on SIGTERM.
final class ServeCLITests: XCTestCase {
    /// A GET over HTTP: status and body.
    private func get(_ url: URL, token: String?) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url)
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

    func testServePrintsTheAddressAndNeedsTheToken() throws {
        let scratch = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--data", scratch.appendingPathComponent("ws").path, "--port", "0", "--token", "s3cret"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        // Read stdout until the address is printed.
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("?token="), Date() < deadline, process.isRunning {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let line = try XCTUnwrap(printed.split(separator: "\n").first { $0.hasPrefix("open http://127.0.0.1:") }, printed)
        XCTAssertTrue(line.hasSuffix("/?token=s3cret"), String(line))
        let address = try XCTUnwrap(URL(string: String(line.dropFirst("open ".count))))
        let api = try XCTUnwrap(URL(string: "/api/openapi.json", relativeTo: address))
        XCTAssertEqual(try get(api, token: nil).status, 401)
        let answer = try get(api, token: "s3cret")
        XCTAssertEqual(answer.status, 200)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        XCTAssertNotNil(document["paths"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("ws/projects").path))
        kill(process.processIdentifier, SIGTERM)
        let stop = Date().addingTimeInterval(30)
        while process.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertFalse(process.isRunning, "serve stops on SIGTERM")
        if !process.isRunning { XCTAssertEqual(process.terminationStatus, 0) }
    }
}
