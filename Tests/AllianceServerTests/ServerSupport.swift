import AllianceKit
import AllianceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
import ZIPFoundation

/// The repository's root (this file is Tests/AllianceServerTests/ServerSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func exampleFolder(_ name: String) -> URL {
    repositoryRoot.appendingPathComponent("models/examples/\(name)", isDirectory: true)
}

/// A .zip built in memory: entries named as given (hostile names too), stored uncompressed.
func makeZip(_ entries: [(name: String, contents: Data)]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, contents) in entries {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(contents.count)) { position, size in
            contents.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return archive.data!
}

/// The CSV lists of an example, zipped as a user would upload them.
func exampleZip(_ name: String) throws -> Data {
    let folder = exampleFolder(name)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
    return try makeZip(try files.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
}

/// A fresh data folder under the temporary directory.
func temporaryDataFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-serve-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let testToken = "test-token-0123"

/// One answer: status code, body bytes, the body as a JSON value.
struct Answer: Sendable {
    var status: Int
    var body: Data
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    var array: [[String: Any]] { ((try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]]) ?? [] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The test client with the token and JSON helpers.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    func send(_ method: HTTPRequest.Method, _ uri: String, body: Data? = nil, token: String? = testToken) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers,
                                        body: body.map { ByteBuffer(bytes: $0) }) { response in
            var buffer = response.body
            return Answer(status: Int(response.status.code), body: Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
        }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, json: [String: Any]) async throws -> Answer {
        try await send(method, uri, body: try JSONSerialization.data(withJSONObject: json))
    }

    /// Uploads lists; returns the project id (asserting 201).
    func upload(_ data: Data, file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let answer = try await send(.post, "/api/projects", body: data)
        XCTAssertEqual(answer.status, 201, answer.text, file: file, line: line)
        return try XCTUnwrap(answer.object["id"] as? String, file: file, line: line)
    }

    /// Starts a solve and polls the job until it is no longer queued or running.
    func solve(_ project: String, _ request: [String: Any], timeout: Double = 120) async throws -> [String: Any] {
        let started = try await send(.post, "/api/projects/\(project)/solve", json: request)
        XCTAssertEqual(started.status, 202, started.text)
        let job = try XCTUnwrap(started.object["job"] as? String)
        return try await wait(job: job, timeout: timeout)
    }

    func wait(job: String, timeout: Double = 120) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let status = try await send(.get, "/api/jobs/\(job)").object
            if let s = status["status"] as? String, s != "queued", s != "running" { return status }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("job \(job) did not finish in \(timeout) s")
        return [:]
    }
}

/// Runs `body` against a server on `data` in process (HummingbirdTesting's router client).
func withServer<T: Sendable>(data: URL, maxBodyBytes: Int = 50 << 20, jobs: Int = 1,
                             _ body: @Sendable (APIClient) async throws -> T) async throws -> T {
    let server = try WorkbenchServer(configuration: WorkbenchConfiguration(
        dataDirectory: data, port: 0, jobs: jobs, token: testToken, maxBodyBytes: maxBodyBytes))
    return try await server.makeApplication().test(.router) { client in try await body(APIClient(client: client)) }
}
