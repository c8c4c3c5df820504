import AllianceKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `alliance serve` process the load test runs against: started on a loopback address and
/// port 0 with a data folder and token of the harness's choosing; its address is read from the
/// line it prints (`open http://127.0.0.1:PORT/?token=T`) and refused unless it is loopback.
/// Its standard error goes to a log file (the harness shows the end of it when something fails).
final class LoadServer: @unchecked Sendable {
    let process: Process
    /// `http://127.0.0.1:PORT` (no path).
    let base: URL
    let token: String
    let logFile: String

    var pid: Int32 { process.processIdentifier }

    /// The addresses a load test may send requests to.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    static func requireLoopback(_ host: String) throws {
        guard loopbackHosts.contains(host.lowercased()) else {
            throw HarnessError("refusing host '\(host)': the load test only talks to loopback (127.0.0.1, ::1, localhost)")
        }
    }

    private init(process: Process, base: URL, token: String, logFile: String) {
        self.process = process
        self.base = base
        self.token = token
        self.logFile = logFile
    }

    /// Starts `binary serve --data DATA --host HOST --port 0 --token TOKEN` and waits (at most
    /// `timeout` seconds) for the address it announces.
    static func start(binary: String, data: String, host: String, token: String, logFile: String,
                      timeout: Double = 60) throws -> LoadServer {
        try requireLoopback(host)
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw HarnessError("no alliance executable at \(binary); build it with `swift build -c release --product alliance` at the repository root, or give --alliance PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--data", data, "--host", host, "--port", "0", "--token", token]
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logFile) else { throw HarnessError("cannot write \(logFile)") }
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // Read stdout on a thread of its own until it closes, so the server never blocks on it.
        let lines = Locked<[String]>([])
        let reader = output.fileHandleForReading
        Thread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lines.withLock { $0.append(line) }
                }
            }
        }.start()

        let watch = Stopwatch()
        while watch.seconds < timeout {
            if let line = lines.withLock({ $0.first { $0.hasPrefix("open ") } }) {
                let address = String(line.dropFirst("open ".count)).trimmingCharacters(in: .whitespaces)
                guard let components = URLComponents(string: address), let announced = components.host,
                      let port = components.port, components.scheme == "http" else {
                    process.terminate()
                    throw HarnessError("cannot read the server's address from '\(line)'")
                }
                do {
                    try requireLoopback(announced)
                } catch {
                    process.terminate()
                    throw error
                }
                let shown = announced.contains(":") && !announced.hasPrefix("[") ? "[\(announced)]" : announced
                guard let base = URL(string: "http://\(shown):\(port)") else {
                    process.terminate()
                    throw HarnessError("bad address \(address)")
                }
                return LoadServer(process: process, base: base, token: token, logFile: logFile)
            }
            if !process.isRunning {
                throw HarnessError("alliance serve exited (status \(process.terminationStatus)) before announcing its address; "
                    + "its log: \(tail(of: logFile))")
            }
            usleep(50_000)
        }
        process.terminate()
        throw HarnessError("alliance serve announced no address within \(Int(timeout)) s; its log: \(tail(of: logFile))")
    }

    /// The resident set size in MB (`VmRSS` of /proc/PID/status), nil when unreadable.
    func residentMB() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kB = Double(fields[1]) { return kB / 1024 }
        }
        return nil
    }

    /// CPU seconds (user + system) the server has used so far.
    func cpuSeconds() -> Double? { Self.cpuSeconds(of: "\(pid)") }

    /// CPU seconds (user + system) of `/proc/<process>/stat` ("self" for this process).
    static func cpuSeconds(of process: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)": state is field 3, utime field 14, stime field 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Asks the server to stop (SIGTERM: it shuts down gracefully), then kills it after `grace`
    /// seconds. Returns its exit status (nil when killed by a signal).
    @discardableResult
    func stop(grace: Double = 10) -> Int32? {
        guard process.isRunning else { return process.terminationReason == .exit ? process.terminationStatus : nil }
        kill(pid, SIGTERM)
        let watch = Stopwatch()
        while process.isRunning && watch.seconds < grace { usleep(20_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// The last `lines` lines of the log file.
    func logTail(_ lines: Int = 20) -> String { Self.tail(of: logFile, lines: lines) }

    static func tail(of file: String, lines: Int = 20) -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return "(no log)" }
        let last = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines)
        return last.joined(separator: "\n")
    }
}

/// Samples a process's resident set size once per `interval` seconds on a thread of its own.
final class RSSSampler: @unchecked Sendable {
    struct Sample: Codable, Sendable {
        /// Seconds since the sampler started.
        var t: Double
        var mb: Double
    }

    private let samples = Locked<[Sample]>([])
    private let stopped = Locked(false)
    private let done = DispatchSemaphore(value: 0)
    let watch = Stopwatch()

    init(interval: Double = 1, read: @escaping @Sendable () -> Double?) {
        Thread { [samples, stopped, done, watch] in
            while !stopped.withLock({ $0 }) {
                if let mb = read() { samples.withLock { $0.append(Sample(t: watch.seconds, mb: mb)) } }
                var slept = 0.0
                while slept < interval && !stopped.withLock({ $0 }) {
                    usleep(50_000)
                    slept += 0.05
                }
            }
            done.signal()
        }.start()
    }

    /// Stops sampling; the samples taken.
    func finish() -> [Sample] {
        stopped.withLock { $0 = true }
        done.wait()
        return samples.withLock { $0 }
    }

    /// One sample now (besides the periodic ones), e.g. at a phase boundary.
    func mark(_ read: () -> Double?) {
        if let mb = read() { samples.withLock { $0.append(Sample(t: watch.seconds, mb: mb)) } }
    }
}
