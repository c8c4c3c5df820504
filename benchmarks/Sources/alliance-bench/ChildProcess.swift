import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line the child wrote to its standard output, stamped with the seconds since it started.
struct TimedLine: Sendable {
    var seconds: Double
    var text: String
}

/// What a finished child process left: its exit, its timed output and its peak memory.
struct ChildResult: Sendable {
    /// Exit status, or nil when it died from a signal.
    var exitCode: Int32?
    /// True when the harness killed it for running past its hard deadline.
    var timedOut: Bool
    var wallSeconds: Double
    var lines: [TimedLine]
    /// Peak resident set size in MB: `/usr/bin/time -v` when present, else the child's own
    /// rusage from wait4 (the same number: GNU time reads it the same way).
    var peakMB: Double?
    var stdout: String { lines.map(\.text).joined(separator: "\n") }
}

/// Runs one benchmark command as a child process in its own process group: stdout is read
/// line by line and timestamped (glpsol's trace has no clock of its own), stderr goes to a
/// file, peak memory is measured, and the whole group is killed after `deadline` seconds.
enum ChildProcess {
    static let timeTool = "/usr/bin/time"

    static func run(_ arguments: [String], stderrPath: String, deadline: Double,
                    environment: [String: String] = [:]) throws -> ChildResult {
        let memoryFile = FileManager.default.isExecutableFile(atPath: timeTool)
            ? stderrPath + ".time" : nil
        var argv = arguments
        if let memoryFile { argv = [timeTool, "-v", "-o", memoryFile] + argv }

        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw HarnessError("pipe() failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let envStrings = env.map { "\($0)=\($1)" }
        let watch = Stopwatch()
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgs in
            withCStrings(envStrings) { cEnv in
                posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
            }
        }
        close(pipeFDs[1])
        guard spawned == 0 else {
            close(pipeFDs[0])
            throw HarnessError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }

        let reader = LineReader(fd: pipeFDs[0], watch: watch)
        let thread = Thread { reader.readAll() }
        thread.start()

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var killedAt = 0.0
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if !timedOut && watch.seconds > deadline {
                timedOut = true
                killedAt = watch.seconds
                // Kill the solver under /usr/bin/time first, so that time still reports its peak.
                let children = memoryFile == nil ? [] : childProcesses(of: pid)
                if children.isEmpty { kill(-pid, SIGKILL) }
                for child in children { kill(child, SIGKILL) }
            } else if timedOut && watch.seconds > killedAt + 5 {
                kill(-pid, SIGKILL)
            }
            usleep(20_000)
        }
        let wall = watch.seconds
        // Anything left in the group (a grandchild) must not keep the pipe open.
        kill(-pid, SIGKILL)
        reader.finished.wait()
        close(pipeFDs[0])

        let exited = (status & 0x7f) == 0
        var peakMB = Double(usage.ru_maxrss) / 1024
        if let memoryFile, let text = try? String(contentsOfFile: memoryFile, encoding: .utf8),
           let kb = parseMaximumResident(text) {
            peakMB = kb / 1024
            try? FileManager.default.removeItem(atPath: memoryFile)
        }
        // /usr/bin/time returns the child's status; a killed child makes it exit 128+signal.
        return ChildResult(exitCode: exited ? (status >> 8) & 0xff : nil, timedOut: timedOut,
                           wallSeconds: wall, lines: reader.lines, peakMB: peakMB > 0 ? peakMB : nil)
    }

    /// The direct children of `pid` (Linux `/proc/PID/task/PID/children`).
    static func childProcesses(of pid: pid_t) -> [pid_t] {
        let path = "/proc/\(pid)/task/\(pid)/children"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// "Maximum resident set size (kbytes): 12345" from `time -v`.
    static func parseMaximumResident(_ text: String) -> Double? {
        for line in text.split(separator: "\n") where line.contains("Maximum resident set size") {
            if let value = line.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
                return value
            }
        }
        return nil
    }

    /// Calls `body` with a NULL-terminated C array of the strings.
    private static func withCStrings<R>(_ strings: [String],
                                        _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

/// Reads a pipe to its end on a background thread, splitting it into timestamped lines.
private final class LineReader: @unchecked Sendable {
    let fd: Int32
    let watch: Stopwatch
    let finished = DispatchSemaphore(value: 0)
    private(set) var lines: [TimedLine] = []

    init(fd: Int32, watch: Stopwatch) {
        self.fd = fd
        self.watch = watch
    }

    func readAll() {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            let now = watch.seconds
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: 10) {
                lines.append(TimedLine(seconds: now, text: String(decoding: pending[..<newline], as: UTF8.self)))
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty {
            lines.append(TimedLine(seconds: watch.seconds, text: String(decoding: pending, as: UTF8.self)))
        }
        finished.signal()
    }
}

/// An error of the harness itself (not of a solver), reported and turned into exit code 1.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
