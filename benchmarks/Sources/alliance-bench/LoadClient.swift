import AllianceKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one HTTP request gave: the status (nil on a transport error), the body, the wall time.
struct HTTPOutcome: Sendable {
    var status: Int?
    var body: Data
    var seconds: Double
    var transportError: String?

    var ok: Bool { status.map { (200..<300).contains($0) } ?? false }

    /// "409: {"error":"…"}" / "transport: …", short, for the error samples.
    var summary: String {
        if let transportError { return "transport error: \(transportError)" }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return "HTTP \(status ?? 0): \(text)"
    }
}

/// One simulated planner's connection to the server: its own `URLSession` (so its own keep-alive
/// connection; the clients do not queue behind each other inside the harness), the bearer token
/// on every request, a per-request timeout.
final class LoadHTTP: Sendable {
    let session: URLSession
    let base: URL
    let token: String

    init(base: URL, token: String, timeout: Double) throws {
        guard let host = base.host else { throw HarnessError("no host in \(base)") }
        try LoadServer.requireLoopback(host)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 1
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
        self.base = base
        self.token = token
    }

    /// `method path` (path with its query) with an optional body; never throws: a transport
    /// error is an outcome like any other.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil) async -> HTTPOutcome {
        guard let url = URL(string: base.absoluteString + path) else {
            return HTTPOutcome(status: nil, body: Data(), seconds: 0, transportError: "bad path \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        let watch = Stopwatch()
        do {
            let (data, response) = try await session.data(for: request)
            let seconds = watch.seconds
            return HTTPOutcome(status: (response as? HTTPURLResponse)?.statusCode, body: data, seconds: seconds)
        } catch {
            return HTTPOutcome(status: nil, body: Data(), seconds: watch.seconds, transportError: "\(error)")
        }
    }

    func json<T: Encodable>(_ method: String, _ path: String, _ value: T) async -> HTTPOutcome {
        let body = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return await send(method, path, body: body, contentType: "application/json")
    }

    func finish() { session.finishTasksAndInvalidate() }
}

/// The requests the load loop makes and times.
enum LoadKind: String, Codable, Sendable, CaseIterable {
    case suggest, edit, undo
    /// `GET …/plan`, only to learn the version again after a failed edit or undo.
    case plan
}

/// The shared cap on the number of requests of the load phase.
final class RequestBudget: Sendable {
    private let remaining: Locked<Int>
    private let refused = Locked(false)

    init(_ cap: Int) { remaining = Locked(cap) }

    /// Takes one request from the budget; false when it is spent.
    func take() -> Bool {
        let granted = remaining.withLock { left -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if !granted { refused.withLock { $0 = true } }
        return granted
    }

    var exhausted: Bool { refused.withLock { $0 } }
}

/// One client's tally: every latency by kind, the errors (with a few samples), and what the
/// loop saw (units without a feasible change, versions made).
struct ClientTally: Sendable {
    var latencies: [LoadKind: [Double]] = [:]
    var errors: [LoadKind: Int] = [:]
    var statuses: [String: Int] = [:]
    var samples: [String] = []
    var noFeasible = 0
    var edits = 0
    var undos = 0
    var cycles = 0
    /// Every request's end, seconds since the load phase started, with its kind (for the
    /// latency-over-time view: first half against second half).
    var timeline: [(t: Double, kind: LoadKind, seconds: Double)] = []

    mutating func record(_ kind: LoadKind, _ outcome: HTTPOutcome, at t: Double, client: Int) {
        latencies[kind, default: []].append(outcome.seconds)
        timeline.append((t, kind, outcome.seconds))
        let key = outcome.status.map(String.init) ?? "transport"
        statuses[key, default: 0] += 1
        if !outcome.ok {
            errors[kind, default: 0] += 1
            if samples.count < 5 { samples.append("client \(client) \(kind.rawValue): \(outcome.summary)") }
        }
    }

    mutating func decodeError(_ kind: LoadKind, client: Int, _ what: String) {
        errors[kind, default: 0] += 1
        if samples.count < 5 { samples.append("client \(client) \(kind.rawValue): answer not understood: \(what)") }
    }
}

/// The part of `GET /suggest` the loop reads.
struct SuggestAnswer: Decodable {
    struct Entry: Decodable {
        var kind: String
        var org_id: String
        var from: String?
        var to: String?
        var other_org_id: String?
        var delta: Double
        var feasible: Bool
    }
    var suggestions: [Entry]
}

/// The body of `POST …/plan/edits`: a suggestion entry and the version it was made on.
struct EditBody: Encodable {
    var kind: String
    var org_id: String
    var from: String?
    var to: String?
    var other_org_id: String?
    var version: Int
}

/// What edits, undo and `GET /plan` answer: the version, at least.
struct VersionAnswer: Decodable {
    var version: Int
}

/// One simulated planner during the load phase: until `end` (seconds on `clock`) or until the
/// budget is spent, it asks for suggestions for a random unit (its own seeded generator), posts
/// the best feasible one as an edit with the version it was made on, and after an edit undoes it
/// with probability `undoShare`; `think` seconds of pause after each cycle.
struct LoadLoop: Sendable {
    var client: Int
    var http: LoadHTTP
    var project: String
    var units: [String]
    var seed: UInt64
    var undoShare: Double
    var think: Double
    var top: Int
    /// False: suggestions only (no edit, no undo).
    var edits = true

    func run(startVersion: Int, clock: Stopwatch, end: Double, budget: RequestBudget) async -> ClientTally {
        var tally = ClientTally()
        var rng = SeededGenerator(seed: seed)
        var version = startVersion
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func escaped(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        let base = "/api/projects/\(project)"

        /// Asks the server for the current version after a failed edit or undo.
        func resync(_ tally: inout ClientTally) async -> Int? {
            guard budget.take() else { return nil }
            let answer = await http.send("GET", base + "/plan")
            tally.record(.plan, answer, at: clock.seconds, client: client)
            return answer.ok ? (try? JSONDecoder().decode(VersionAnswer.self, from: answer.body))?.version : nil
        }

        while clock.seconds < end {
            tally.cycles += 1
            let unit = units[Int.random(in: 0..<units.count, using: &rng)]
            guard budget.take() else { break }
            let suggest = await http.send("GET", base + "/suggest?org=\(escaped(unit))&top=\(top)")
            tally.record(.suggest, suggest, at: clock.seconds, client: client)
            guard suggest.ok else { continue }
            guard let answer = try? JSONDecoder().decode(SuggestAnswer.self, from: suggest.body) else {
                tally.decodeError(.suggest, client: client, String(decoding: suggest.body.prefix(200), as: UTF8.self))
                continue
            }
            guard let best = answer.suggestions.first(where: \.feasible) else {
                tally.noFeasible += 1
                continue
            }
            guard edits else {
                if think > 0 { try? await Task.sleep(nanoseconds: UInt64(think * 1e9)) }
                continue
            }
            guard clock.seconds < end, budget.take() else { break }
            let edit = await http.json("POST", base + "/plan/edits",
                                       EditBody(kind: best.kind, org_id: best.org_id, from: best.from, to: best.to,
                                                other_org_id: best.other_org_id, version: version))
            tally.record(.edit, edit, at: clock.seconds, client: client)
            if edit.ok, let state = try? JSONDecoder().decode(VersionAnswer.self, from: edit.body) {
                version = state.version
                tally.edits += 1
            } else {
                if edit.ok { tally.decodeError(.edit, client: client, String(decoding: edit.body.prefix(200), as: UTF8.self)) }
                guard let current = await resync(&tally) else { continue }
                version = current
                continue
            }
            if Double.random(in: 0..<1, using: &rng) < undoShare {
                guard clock.seconds < end, budget.take() else { break }
                let undo = await http.send("POST", base + "/plan/undo")
                tally.record(.undo, undo, at: clock.seconds, client: client)
                if undo.ok, let state = try? JSONDecoder().decode(VersionAnswer.self, from: undo.body) {
                    version = state.version
                    tally.undos += 1
                } else {
                    if undo.ok { tally.decodeError(.undo, client: client, String(decoding: undo.body.prefix(200), as: UTF8.self)) }
                    if let current = await resync(&tally) { version = current }
                }
            }
            if think > 0 { try? await Task.sleep(nanoseconds: UInt64(think * 1e9)) }
        }
        return tally
    }
}
