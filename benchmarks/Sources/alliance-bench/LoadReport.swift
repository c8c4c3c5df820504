import Foundation

/// Latency figures of one kind of request (seconds).
struct LatencyStats: Codable, Sendable {
    var kind: String
    var count: Int
    var errors: Int
    /// Requests per second over the load phase.
    var rate: Double
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double
    var mean: Double

    init(kind: String, latencies: [Double], errors: Int, seconds: Double) {
        let sorted = latencies.sorted()
        self.kind = kind
        count = sorted.count
        self.errors = errors
        rate = seconds > 0 ? Double(sorted.count) / seconds : 0
        p50 = percentile(sorted, 0.50)
        p90 = percentile(sorted, 0.90)
        p99 = percentile(sorted, 0.99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }
}

/// The nearest-rank percentile of sorted values (0 for none).
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
}

/// The server's resident memory over the run.
struct MemoryFigures: Codable, Sendable {
    /// Right after the server announced its address (nothing uploaded).
    var idleMB: Double?
    /// At the start of the load phase (projects uploaded and solved), its middle, its end.
    var startMB: Double
    var midMB: Double
    var endMB: Double
    /// The largest sample during the load phase, and over the whole run.
    var maxLoadMB: Double
    var maxMB: Double
    /// The last sample, a few seconds after the load stopped.
    var afterMB: Double
    var firstHalfGrowthMB: Double
    var secondHalfGrowthMB: Double
    /// Growth over the load phase per 1000 plan versions made (edits).
    var mbPerThousandVersions: Double?
    /// The second half grew by at most 5 % of the RSS at the middle (no growth that keeps on).
    var stable: Bool
    /// Seconds since the load phase started (negative: during setup), MB.
    var samples: [RSSSampler.Sample]
}

/// `results/load.json`.
struct LoadResults: Codable, Sendable {
    var command: String
    var date: String
    var machine: String
    var loadAverage: String?
    var code: String?
    var note: String?
    var size: BenchmarkSize
    var communities: Int
    var organizations: Int
    var units: Int
    var clients: Int
    var plannedSeconds: Double
    var loadSeconds: Double
    var maxRequests: Int
    var capReached: Bool
    var strategy: String
    var solveTimeLimit: Double
    var undoShare: Double
    var thinkMs: Double
    var top: Int
    var seed: UInt64
    var setupSeconds: Double
    var setups: [ClientSetup]
    var requests: Int
    var errors: Int
    var statuses: [String: Int]
    var errorSamples: [String]
    var requestsPerSecond: Double
    /// suggest, edit, undo (and plan, when a client had to read its version again).
    var kinds: [LatencyStats]
    /// The edit latencies of the first and the second half of the load phase.
    var editFirstHalf: LatencyStats
    var editSecondHalf: LatencyStats
    var cycles: Int
    var edits: Int
    var undos: Int
    var noFeasible: Int
    var memory: MemoryFigures
    var editP99TargetMs: Double
    /// The data folder's size at the end (plan versions, journals, lists), MB.
    var diskMB: Double
    var serverExit: Int32?
    var serverLogTail: String
    var dataFolder: String?
    /// CPU seconds (user + system) of the server and of the harness (the clients) during the load phase.
    var serverCPUSeconds: Double?
    var clientCPUSeconds: Double?
    /// True for a `--no-edits` run (suggestions only).
    var suggestionsOnly: Bool?

    func stats(_ kind: LoadKind) -> LatencyStats? { kinds.first { $0.kind == kind.rawValue } }

    static func make(command: String, date: String, machine: String, loadAverage: String?, code: String?, note: String?,
                     size: BenchmarkSize, organizations: Int, communities: Int, units: Int, clients: Int,
                     plannedSeconds: Double, loadSeconds: Double, maxRequests: Int, capReached: Bool, strategy: String,
                     solveTimeLimit: Double, undoShare: Double, thinkMs: Double, top: Int, seed: UInt64,
                     setups: [ClientSetup], setupSeconds: Double, tallies: [ClientTally], samples: [RSSSampler.Sample],
                     idleMB: Double?, loadStart: Double, loadEnd: Double, editP99TargetMs: Double, diskMB: Double,
                     serverExit: Int32?, serverLogTail: String, dataFolder: String?,
                     serverCPUSeconds: Double?, clientCPUSeconds: Double?, suggestionsOnly: Bool) -> LoadResults {
        var kinds: [LatencyStats] = []
        for kind in LoadKind.allCases {
            let latencies = tallies.flatMap { $0.latencies[kind] ?? [] }
            let errors = tallies.reduce(0) { $0 + ($1.errors[kind] ?? 0) }
            if kind == .plan && latencies.isEmpty && errors == 0 { continue }
            kinds.append(LatencyStats(kind: kind.rawValue, latencies: latencies, errors: errors, seconds: loadSeconds))
        }
        let edits = tallies.flatMap { $0.timeline.filter { $0.kind == .edit } }
        let half = loadSeconds / 2
        let firstHalf = LatencyStats(kind: "edit, first half", latencies: edits.filter { $0.t < half }.map(\.seconds),
                                     errors: 0, seconds: half)
        let secondHalf = LatencyStats(kind: "edit, second half", latencies: edits.filter { $0.t >= half }.map(\.seconds),
                                      errors: 0, seconds: loadSeconds - half)
        var statuses: [String: Int] = [:]
        for tally in tallies { statuses.merge(tally.statuses, uniquingKeysWith: +) }
        let requests = kinds.reduce(0) { $0 + $1.count }
        let errors = kinds.reduce(0) { $0 + $1.errors }
        let made = tallies.reduce(0) { $0 + $1.edits }

        // Memory: samples on the load phase's clock.
        let shifted = samples.map { RSSSampler.Sample(t: $0.t - loadStart, mb: $0.mb) }
        let phase = loadEnd - loadStart
        func at(_ t: Double) -> Double {
            shifted.min { abs($0.t - t) < abs($1.t - t) }?.mb ?? 0
        }
        let during = shifted.filter { $0.t >= -0.01 && $0.t <= phase + 0.01 }
        let start = at(0), mid = at(phase / 2), end = at(phase)
        let memory = MemoryFigures(
            idleMB: idleMB, startMB: start, midMB: mid, endMB: end,
            maxLoadMB: during.map(\.mb).max() ?? 0, maxMB: shifted.map(\.mb).max() ?? 0,
            afterMB: shifted.last?.mb ?? 0, firstHalfGrowthMB: mid - start, secondHalfGrowthMB: end - mid,
            mbPerThousandVersions: made > 0 ? (end - start) / Double(made) * 1000 : nil,
            stable: end - mid <= 0.05 * mid, samples: shifted)

        return LoadResults(
            command: command, date: date, machine: machine, loadAverage: loadAverage, code: code, note: note,
            size: size, communities: communities, organizations: organizations, units: units, clients: clients,
            plannedSeconds: plannedSeconds, loadSeconds: loadSeconds, maxRequests: maxRequests, capReached: capReached,
            strategy: strategy, solveTimeLimit: solveTimeLimit, undoShare: undoShare, thinkMs: thinkMs, top: top,
            seed: seed, setupSeconds: setupSeconds, setups: setups, requests: requests, errors: errors,
            statuses: statuses, errorSamples: Array(tallies.flatMap(\.samples).prefix(20)),
            requestsPerSecond: loadSeconds > 0 ? Double(requests) / loadSeconds : 0, kinds: kinds,
            editFirstHalf: firstHalf, editSecondHalf: secondHalf,
            cycles: tallies.reduce(0) { $0 + $1.cycles }, edits: made, undos: tallies.reduce(0) { $0 + $1.undos },
            noFeasible: tallies.reduce(0) { $0 + $1.noFeasible }, memory: memory, editP99TargetMs: editP99TargetMs,
            diskMB: diskMB, serverExit: serverExit, serverLogTail: serverLogTail, dataFolder: dataFolder,
            serverCPUSeconds: serverCPUSeconds, clientCPUSeconds: clientCPUSeconds, suggestionsOnly: suggestionsOnly)
    }
}

/// The "serving: 20 planners at once" section of RESULTS.md (issue #13's load test).
struct LoadReport {
    var results: LoadResults

    static let heading = "## serving: 20 planners at once"

    struct Check {
        var target: String
        var measured: String
        var met: Bool
    }

    func checks() -> [Check] {
        let r = results
        let edit = r.stats(.edit)
        let editP99 = (edit?.p99 ?? 0) * 1000
        let m = r.memory
        return [
            Check(target: "no error",
                  measured: "\(r.errors) errors in \(r.requests) requests"
                      + (r.errors > 0 ? " (statuses: " + r.statuses.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }.joined(separator: ", ") + ")" : ""),
                  met: r.errors == 0),
            Check(target: "p99 latency of an edit ≤ \(formatMs(r.editP99TargetMs)) ms",
                  measured: "p99 \(ms(edit?.p99 ?? 0)) ms over \(edit?.count ?? 0) edits ("
                      + (editP99 <= r.editP99TargetMs
                          ? String(format: "%.0f %% of the target", editP99 / r.editP99TargetMs * 100)
                          : String(format: editP99 < 1.1 * r.editP99TargetMs ? "%.2f × the target" : "%.1f × the target",
                                   editP99 / r.editP99TargetMs)) + ")",
                  met: (edit?.count ?? 0) > 0 && editP99 <= r.editP99TargetMs),
            Check(target: "memory stable (the second half of the load grows the RSS by ≤ 5 % of its value at the middle)",
                  measured: "RSS \(mb(m.startMB)) → \(mb(m.midMB)) → \(mb(m.endMB)) MB (start, middle, end of the load): "
                      + "\(signed(m.firstHalfGrowthMB)) MB in the first half, \(signed(m.secondHalfGrowthMB)) MB in the second",
                  met: m.stable),
        ]
    }

    /// What makes `alliance-bench load` exit 1: an error, or the edit p99 over the target (not
    /// judged in a suggestions-only run).
    func exitFailures() -> [String] {
        checks().prefix(results.suggestionsOnly == true ? 1 : 2).filter { !$0.met }.map { "\($0.target): \($0.measured)" }
    }

    func render() -> String {
        let r = results
        var out = Self.heading + "\n\n"
        out += "Issue #13 (the web workbench): \"a load test on loopback: 20 concurrent clients editing and asking for "
            + "suggestions on the S example for 30 s — no error, p99 latency of an edit ≤ 100 ms, memory stable\". "
            + "Regenerated by `benchmarks/run.sh --load`: `\(r.command)`.\n\n"
        out += "- Date: \(r.date); machine: \(r.machine)"
            + (r.loadAverage.map { "; load average before the run \($0)" } ?? "") + "\n"
        if let code = r.code { out += "- Code: \(code)\n" }
        if let note = r.note { out += "- Note: \(note)\n" }
        let setupSolve = r.setups.map(\.solveSeconds), serverSolve = r.setups.compactMap(\.serverSolveSeconds)
        out += "- The S example: the benchmark generator's size S (`alliance-bench generate --size S`: \(r.communities) communities × "
            + "\(r.organizations) organizations, \(r.units) units after merging groups; the lists only, no previous plan), zipped as CSV lists. "
            + "The release `alliance serve` on 127.0.0.1, port 0, a fresh data folder, one solve at a time (`--jobs 1`), "
            + "started and stopped by the harness; the clients and the server share the machine's cores.\n"
        out += "- Setup, not timed as load: each of the \(r.clients) clients uploads the lists (its own project) and solves them once with "
            + "`\(r.strategy)` (time limit \(format(r.solveTimeLimit)) s; the solves queue on the server): "
            + "\(format(r.setupSeconds)) s for all, upload median \(ms(median(r.setups.map(\.uploadSeconds)))) ms, "
            + "solve \(format(median(serverSolve))) s on the server (median), \(format(median(setupSolve))) s median / \(format(setupSolve.max() ?? 0)) s max "
            + "as the clients saw it (queue included).\n"
        out += "- Load: \(r.clients) clients at once for \(format(r.loadSeconds)) s (cap \(r.maxRequests) requests"
            + (r.capReached ? ", **reached**" : ", not reached") + "), each on its own HTTP connection (`URLSession`), back to back"
            + (r.thinkMs > 0 ? " with \(formatMs(r.thinkMs)) ms between cycles" : " (no pause between requests)") + ". "
            + "A cycle: suggestions for a random unit (`GET …/suggest?org=ID&top=\(r.top)`, seeded per client from \(r.seed)), "
            + "the best feasible one posted as an edit with the version it was made on (`POST …/plan/edits`), "
            + "then with probability \(formatMs(r.undoShare * 100)) % an undo (`POST …/plan/undo`). "
            + "Latency is the client's wall clock around each request; any non-2xx answer (a 409 too) or transport error is an error. "
            + "\(r.cycles) cycles: \(r.edits) edits, \(r.undos) undos, \(r.noFeasible) units without a feasible change (no edit)"
            + (r.suggestionsOnly == true ? "; **suggestions only** (`--no-edits`: no edit, no undo posted)" : "") + ".\n"
        if let server = r.serverCPUSeconds, let client = r.clientCPUSeconds {
            out += String(format: "- CPU during the load: the server %.1f s, the clients (this harness) %.1f s, in %.1f s on %d cores "
                + "(%.0f %% of the machine; the rest: other processes and idle).\n",
                server, client, r.loadSeconds, MachineInfo.processors,
                (server + client) / (r.loadSeconds * Double(MachineInfo.processors)) * 100)
        }
        out += "\n"
        out += "| target | measured | met |\n|---|---|---|\n"
        for check in checks() {
            out += "| \(check.target) | \(check.measured) | \(check.met ? "yes" : "**no**") |\n"
        }
        out += "\n| request | count | per second | errors | p50 ms | p90 ms | p99 ms | max ms | mean ms |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for s in r.kinds + [r.editFirstHalf, r.editSecondHalf] where s.count > 0 || s.errors > 0 {
            let cells = [s.kind, "\(s.count)", String(format: "%.1f", s.rate), s.kind.contains("half") ? "" : "\(s.errors)",
                         ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max), ms(s.mean)]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "| all | \(r.requests) | \(String(format: "%.1f", r.requestsPerSecond)) | \(r.errors) | | | | | |\n"
        let m = r.memory
        out += "\nServer memory (VmRSS, sampled every second): "
            + (m.idleMB.map { "\(mb($0)) MB idle, " } ?? "")
            + "\(mb(m.startMB)) MB when the load started (\(r.clients) projects solved), \(mb(m.midMB)) MB at its middle, "
            + "\(mb(m.endMB)) MB at its end, max \(mb(m.maxLoadMB)) MB during the load (\(mb(m.maxMB)) MB over the run), "
            + "\(mb(m.afterMB)) MB 3 s after it"
            + (m.mbPerThousandVersions.map { String(format: "; %.1f MB per 1000 plan versions made", $0) } ?? "")
            + ". Data folder at the end: \(mb(r.diskMB)) MB.\n"
        out += "\nWhere an edit's time goes, and why the memory grows: the hand-written section "
            + "\"Serving: where an edit's time goes, and what the server keeps\" (SERVING.md) below.\n"
        if !r.errorSamples.isEmpty {
            out += "\nFirst errors:\n\n" + r.errorSamples.prefix(5).map { "- `\($0.replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    private func mb(_ value: Double) -> String { String(format: "%.1f", value) }
    private func signed(_ value: Double) -> String { String(format: "%+.1f", value) }
    private func formatMs(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
