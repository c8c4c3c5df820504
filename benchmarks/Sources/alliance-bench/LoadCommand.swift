import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench load`: the load test of the web workbench (issue #13): "20 concurrent clients
/// editing and asking for suggestions on the S example for 30 s — no error, p99 latency of an
/// edit ≤ 100 ms, memory stable".
///
/// 1. Starts the release `alliance serve` (this repository's, or `--alliance PATH`) on a loopback
///    address, port 0, a fresh data folder and a token of its own; reads the address it prints and
///    refuses anything but loopback.
/// 2. The S benchmark instance (`generate --size S`: same generator and seed; the lists only,
///    without `previous-plan.csv`) zipped as CSV lists. Each client uploads it (its own project:
///    `--clients` planners) and solves it once (`--strategy`, default `local`, `--solve-time-limit`;
///    the server runs one solve at a time, the rest queue), then reads its plan's version.
/// 3. Load phase, all clients at once for `--duration` seconds (or until `--max-requests`
///    requests): each loops — suggestions for a random unit (`GET …/suggest?org=`; a seeded
///    generator per client), the best feasible one posted as an edit with the version it was
///    made on (`POST …/plan/edits`), and after an edit, with probability `--undo-share`, an undo.
///    Every request is timed (wall clock around `URLSession.data(for:)`, each client on a
///    session and connection of its own); any non-2xx answer or transport error is an error
///    (a 409 too: each client owns its project and knows its version).
/// 4. The server's resident memory (/proc/PID/status VmRSS) is sampled every second.
///
/// Writes `results/load.json`, prints the "serving: 20 planners at once" section of RESULTS.md;
/// exits 1 when there was an error or the edit p99 is over `--edit-p99-target`.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load-test `alliance serve` on loopback: N planners editing and asking for suggestions at once; writes results/load.json.")

    @Option(help: "Concurrent clients, each with a project of its own.")
    var clients: Int = 20

    @Option(help: "Seconds of the load phase.")
    var duration: Double = 30

    @Option(name: .customLong("max-requests"), help: "Hard cap on the requests of the load phase (all clients together).")
    var maxRequests: Int = 200_000

    @Option(help: "Instance size (the benchmark generator's).")
    var size: BenchmarkSize = .S

    @Option(help: "The strategy of each project's one solve.")
    var strategy: String = "local"

    @Option(name: .customLong("solve-time-limit"), help: "Time limit of each project's solve, seconds.")
    var solveTimeLimit: Double = 10

    @Option(name: .customLong("undo-share"), help: "Probability of an undo after an edit.")
    var undoShare: Double = 0.2

    @Option(name: .customLong("think-ms"), help: "Pause of each client after each cycle, milliseconds (0: back to back).")
    var thinkMs: Double = 0

    @Option(help: "How many suggestions of each kind (feasible, rule-breaking) to ask for (?top=).")
    var top: Int = 10

    @Flag(name: .customLong("no-edits"),
          help: "Ask for suggestions only, post no edit and no undo (a diagnostic: the server's memory without new plan versions).")
    var noEdits = false

    @Option(help: "Seed of the clients' random units (client i uses seed + i).")
    var seed: UInt64 = 13

    @Option(help: "The alliance executable (default: the release build of the repository root, found with `swift build -c release --show-bin-path`).")
    var alliance: String?

    @Option(help: "The loopback address the server listens on: 127.0.0.1, ::1 or localhost.")
    var host: String = "127.0.0.1"

    @Option(help: "The server's data folder (must not exist; default: a fresh folder under the system's temporary directory, removed afterwards).")
    var data: String?

    @Flag(name: .customLong("keep-data"), help: "Keep the data folder (and the server's log) afterwards.")
    var keepData = false

    @Option(name: .customLong("request-timeout"), help: "Seconds before a request counts as failed (transport error).")
    var requestTimeout: Double = 30

    @Option(name: .customLong("edit-p99-target"), help: "The edit p99 target, milliseconds.")
    var editP99Target: Double = 100

    @Option(help: "Where to write the results (JSON).")
    var out: String = (Paths.results as NSString).appendingPathComponent("load.json")

    @Option(help: "Which code was measured (commit), to state in RESULTS.md.")
    var code: String?

    @Option(help: "A note for the section (e.g. that the machine was shared).")
    var note: String?

    func validate() throws {
        guard clients > 0, clients <= 1000 else { throw ValidationError("--clients must be 1–1000") }
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be 0–3600 seconds") }
        guard maxRequests > 0 else { throw ValidationError("--max-requests must be positive") }
        guard (0...1).contains(undoShare) else { throw ValidationError("--undo-share must be 0–1") }
        guard thinkMs >= 0, solveTimeLimit > 0, requestTimeout > 0, top > 0 else {
            throw ValidationError("--think-ms, --solve-time-limit, --request-timeout, --top must be positive")
        }
        do { try LoadServer.requireLoopback(host) } catch { throw ValidationError("\(error)") }
        #if os(Linux)
        if host.contains(":") {
            // swift-corelibs-foundation's URLSession answers NSURLErrorBadURL (-1000) for http://[::1]:PORT/.
            throw ValidationError("--host \(host): URLSession on Linux does not take IPv6 literal addresses; use 127.0.0.1 or localhost")
        }
        #endif
    }

    /// Seconds after which the whole command gives up (the server is stopped, exit 1), whatever
    /// hangs: starting the server, the setup (every solve queued), the load, a request's timeout.
    var hardLimit: Double { 60 + (solveTimeLimit * Double(clients) + 120) + duration + requestTimeout + 60 }

    func run() throws {
        try requireReleaseBuild()
        let outcome = Locked<Result<LoadResults, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let command = self
        let running = Locked<LoadServer?>(nil)
        Task {
            do {
                let results = try await command.measure(running: running)
                outcome.withLock { $0 = .success(results) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        if done.wait(timeout: .now() + hardLimit) == .timedOut {
            log("error: the load test did not finish within \(Int(hardLimit)) s; stopping the server")
            running.withLock { $0 }?.stop(grace: 5)
            throw ExitCode(1)
        }
        let results = try outcome.withLock { $0! }.get()
        try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try JSONEncoder.results.encode(results).write(to: URL(fileURLWithPath: out))
        log("wrote \(out)")
        let report = LoadReport(results: results)
        print(report.render())
        let failed = report.exitFailures()
        if !failed.isEmpty {
            log("load test failed: " + failed.joined(separator: "; "))
            throw ExitCode(1)
        }
    }

    /// The release `alliance` of the repository root.
    func allianceBinary() throws -> String {
        if let alliance { return alliance }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "-c", "release", "--show-bin-path"]
        process.currentDirectoryURL = Paths.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let folder = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !folder.isEmpty else {
            throw HarnessError("cannot find the root package's release folder (`swift build -c release --show-bin-path` in \(Paths.root.path)); give --alliance PATH")
        }
        return (folder as NSString).appendingPathComponent("alliance")
    }

    func measure(running: Locked<LoadServer?>) async throws -> LoadResults {
        let binary = try allianceBinary()
        let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")

        // The S lists, zipped, and the unit ids to ask suggestions for.
        let (instance, _) = size.generate()
        let listFiles = InstanceWriter.files(instance)
        let zip = StoredZip.archive(listFiles)
        let problem = try Problem(instance: instance, options: PlanningOptions())
        let units = problem.units.map(\.id)
        log("== \(size.label): \(listFiles.count) CSV lists, \(zip.count) bytes zipped; \(units.count) units")

        // The server, on a data folder of its own.
        let dataFolder = data ?? (FileManager.default.temporaryDirectory.path as NSString)
            .appendingPathComponent("alliance-load-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        if FileManager.default.fileExists(atPath: dataFolder) {
            throw HarnessError("the data folder \(dataFolder) exists already; give a new one")
        }
        try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
        let logFile = (dataFolder as NSString).appendingPathComponent("serve.log")
        let token = (0..<2).map { _ in String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) }.joined()
        let server: LoadServer
        do {
            server = try LoadServer.start(binary: binary, data: (dataFolder as NSString).appendingPathComponent("workspace"),
                                          host: host, token: token, logFile: logFile)
        } catch {
            if !keepData { try? FileManager.default.removeItem(atPath: dataFolder) }
            throw error
        }
        log("server pid \(server.pid) at \(server.base.absoluteString) (data in \(dataFolder))")
        running.withLock { $0 = server }
        var stopped = false
        defer {
            if !stopped { server.stop() }
        }
        let sampler = RSSSampler { [server] in server.residentMB() }
        let idleMB = server.residentMB()

        do {
            // Setup: every client uploads and solves its project (at once; the server queues the solves).
            let sessions = try (0..<clients).map { _ in try LoadHTTP(base: server.base, token: token, timeout: requestTimeout) }
            let setupWatch = Stopwatch()
            let setups = try await withThrowingTaskGroup(of: (Int, ClientSetup).self) { group in
                for (i, http) in sessions.enumerated() {
                    let strategy = self.strategy, limit = self.solveTimeLimit, wait = self.solveTimeLimit * Double(self.clients) + 120
                    group.addTask { (i, try await ClientSetup.make(http: http, zip: zip, strategy: strategy, timeLimit: limit, wait: wait)) }
                }
                var all = [ClientSetup?](repeating: nil, count: clients)
                for try await (i, setup) in group { all[i] = setup }
                return all.map { $0! }
            }
            let setupSeconds = setupWatch.seconds
            log("setup: \(clients) projects uploaded and solved in \(format(setupSeconds)) s "
                + "(upload median \(ms(median(setups.map(\.uploadSeconds)))) ms; solve as seen by the client median "
                + "\(format(median(setups.map(\.solveSeconds)))) s, max \(format(setups.map(\.solveSeconds).max() ?? 0)) s)")

            // The load phase.
            let startMark = sampler.watch.seconds
            sampler.mark { server.residentMB() }
            let serverCPUStart = server.cpuSeconds(), clientCPUStart = LoadServer.cpuSeconds(of: "self")
            let budget = RequestBudget(maxRequests)
            let clock = Stopwatch()
            let end = duration
            let tallies = await withTaskGroup(of: (Int, ClientTally).self) { group in
                for (i, setup) in setups.enumerated() {
                    let loop = LoadLoop(client: i, http: sessions[i], project: setup.project, units: units,
                                        seed: seed &+ UInt64(i), undoShare: undoShare, think: thinkMs / 1000, top: top,
                                        edits: !noEdits)
                    group.addTask { (i, await loop.run(startVersion: setup.version, clock: clock, end: end, budget: budget)) }
                }
                var all = [ClientTally](repeating: ClientTally(), count: clients)
                for await (i, tally) in group { all[i] = tally }
                return all
            }
            let loadSeconds = clock.seconds
            let serverCPU = both(server.cpuSeconds(), serverCPUStart).map { $0 - $1 }
            let clientCPU = both(LoadServer.cpuSeconds(of: "self"), clientCPUStart).map { $0 - $1 }
            let endMark = sampler.watch.seconds
            sampler.mark { server.residentMB() }
            // A few more seconds of samples after the load: does the memory come back down?
            try? await Task.sleep(nanoseconds: 3_000_000_000)
            let samples = sampler.finish().sorted { $0.t < $1.t }
            for session in sessions { session.finish() }

            let logTail = server.logTail(10)
            let exit = server.stop()
            stopped = true
            let diskMB = Self.folderMB(dataFolder)
            if !keepData { try? FileManager.default.removeItem(atPath: dataFolder) }

            let commandLine = (["alliance-bench"] + CommandLine.arguments.dropFirst().map(Self.shellQuoted))
                .joined(separator: " ")
            return LoadResults.make(
                command: commandLine, date: ISO8601DateFormatter().string(from: Date()), machine: MachineInfo.summary,
                loadAverage: loadAverage, code: code, note: note, size: size, organizations: size.organizations,
                communities: size.communities, units: units.count, clients: clients, plannedSeconds: duration,
                loadSeconds: loadSeconds, maxRequests: maxRequests, capReached: budget.exhausted, strategy: strategy,
                solveTimeLimit: solveTimeLimit, undoShare: undoShare, thinkMs: thinkMs, top: top, seed: seed,
                setups: setups, setupSeconds: setupSeconds, tallies: tallies, samples: samples, idleMB: idleMB,
                loadStart: startMark, loadEnd: endMark, editP99TargetMs: editP99Target, diskMB: diskMB,
                serverExit: exit, serverLogTail: logTail, dataFolder: keepData ? dataFolder : nil,
                serverCPUSeconds: serverCPU, clientCPUSeconds: clientCPU, suggestionsOnly: noEdits)
        } catch {
            log("the server's log (\(logFile)):\n\(server.logTail())")
            _ = sampler.finish()
            server.stop()
            stopped = true
            if !keepData { try? FileManager.default.removeItem(atPath: dataFolder) }
            throw error
        }
    }

    /// `word` as a shell would need it: as it is when plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./=:,+@%"))
        if !word.isEmpty && word.unicodeScalars.allSatisfy({ plain.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Total size of the files under `path`, MB.
    static func folderMB(_ path: String) -> Double {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var bytes = 0
        for case let name as String in walker {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
            if (attributes?[.type] as? FileAttributeType) == .typeRegular {
                bytes += (attributes?[.size] as? Int) ?? Int((attributes?[.size] as? UInt64) ?? 0)
            }
        }
        return Double(bytes) / 1_048_576
    }
}

/// Both values, or nil.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// One client's project, ready for the load phase.
struct ClientSetup: Codable, Sendable {
    var project: String
    var version: Int
    var uploadSeconds: Double
    /// From posting the solve to seeing it done (queue wait included).
    var solveSeconds: Double
    /// The server's own solve time (`elapsed` of the job).
    var serverSolveSeconds: Double?
    var objective: Double?

    struct Solve: Encodable {
        var strategy: String
        var time_limit: Double
    }

    struct Created: Decodable { var id: String }
    struct Accepted: Decodable { var job: String }
    struct Job: Decodable {
        var status: String
        var elapsed: Double?
        var objective: Double?
        var version: Int?
        var error: String?
    }

    static func make(http: LoadHTTP, zip: Data, strategy: String, timeLimit: Double, wait: Double) async throws -> ClientSetup {
        let upload = await http.send("POST", "/api/projects", body: zip, contentType: "application/zip")
        guard upload.status == 201, let created = try? JSONDecoder().decode(Created.self, from: upload.body) else {
            throw HarnessError("upload failed: \(upload.summary)")
        }
        let solveWatch = Stopwatch()
        let solve = await http.json("POST", "/api/projects/\(created.id)/solve", Solve(strategy: strategy, time_limit: timeLimit))
        guard solve.status == 202, let accepted = try? JSONDecoder().decode(Accepted.self, from: solve.body) else {
            throw HarnessError("solve request failed: \(solve.summary)")
        }
        var job: Job?
        while solveWatch.seconds < wait {
            let answer = await http.send("GET", "/api/jobs/\(accepted.job)")
            guard answer.ok, let state = try? JSONDecoder().decode(Job.self, from: answer.body) else {
                throw HarnessError("job status failed: \(answer.summary)")
            }
            if ["done", "failed", "cancelled"].contains(state.status) {
                job = state
                break
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let solveSeconds = solveWatch.seconds
        guard let job else { throw HarnessError("the solve of project \(created.id) did not finish within \(Int(wait)) s") }
        guard job.status == "done" else { throw HarnessError("the solve of project \(created.id) ended \(job.status): \(job.error ?? "")") }
        let plan = await http.send("GET", "/api/projects/\(created.id)/plan")
        guard plan.ok, let state = try? JSONDecoder().decode(VersionAnswer.self, from: plan.body) else {
            throw HarnessError("reading the plan failed: \(plan.summary)")
        }
        return ClientSetup(project: created.id, version: state.version, uploadSeconds: upload.seconds,
                           solveSeconds: solveSeconds, serverSolveSeconds: job.elapsed, objective: job.objective)
    }
}
