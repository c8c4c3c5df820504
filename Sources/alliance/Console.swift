import AllianceKit
import ArgumentParser
import Foundation

/// Messages for people on stderr, and the mapping from failures to exit statuses.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// A warning for people on stderr: "warning: …" (警告：… in Chinese).
    static func warning(_ text: String) {
        error(Message.warning(text).text)
    }

    /// Whether stderr is a terminal, where a progress line can overwrite itself.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Prints what went wrong in the user's terms and returns the documented exit status.
    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case let errors as InputErrors:
            for item in errors.errors { Console.error(item.description) }
            Console.error(Message.inputErrors(count: errors.errors.count).text)
            return ExitCode(1)
        case let item as InputError:
            Console.error(item.description)
            Console.error(Message.inputErrors(count: 1).text)
            return ExitCode(1)
        case let tooLarge as ModelTooLarge:
            Console.error("alliance: \(tooLarge.description)")
            Console.error(Message.nothingWritten.text)
            return ExitCode(1)
        case SolveError.interrupted:
            Console.error("alliance: \(SolveError.interrupted.description); \(Message.nothingWritten.text)")
            return ExitCode(Interrupts.exitStatus)
        case let failure as SolveError:
            Console.error("alliance: \(failure.description)")
            Console.error(Message.nothingWritten.text)
            return ExitCode(2)
        case let failure as AtomicFiles.WriteError:
            Console.error("alliance: \(failure.description)")
            return ExitCode(4)
        default:
            Console.error("alliance: \(error)")
            return ExitCode(4)
        }
    }

    /// What `Alliance.main` exits with for an error a command threw: exit statuses, validation
    /// errors and `--help`-style clean exits pass through to the argument parser; everything else is
    /// told to the user here and becomes its documented exit status.
    static func exitError(for error: Error) -> Error {
        switch error {
        case is ExitCode, is ValidationError, is CleanExit: return error
        // `--help` after a subcommand is parsed into the parser's own help command, whose `run`
        // throws the parser's (internal) error types; they, too, are the parser's to report.
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."): return error
        default: return exitCode(for: error)
        }
    }
}

/// A one-line progress display on stderr, overwritten in place once a second with the elapsed
/// time and the latest snapshot from the solver (which may report less often, e.g. while the root
/// LP or a heuristic runs). Silent when stderr is not a terminal or the user asked for quiet.
final class ProgressLine: Sendable {
    private struct State {
        var latest: SolveProgress?
        var phase = Message.solvingPhase.text
        var shown = false
        var timer: DispatchSourceTimer?
    }

    private let enabled: Bool
    private let started = Date()
    private let state = Locked(State())

    init(enabled: Bool) {
        self.enabled = enabled
        guard enabled else { return }
        let timer = Self.everySecond { [weak self] in self?.render() }
        state.withLock { $0.timer = timer }
    }

    /// A running timer calling `handler` once a second on a background queue, for progress displays.
    static func everySecond(_ handler: @escaping @Sendable () -> Void) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler(handler: handler)
        timer.resume()
        return timer
    }

    /// Records the solver's latest snapshot; it is shown at the next tick.
    func update(_ progress: SolveProgress) {
        state.withLock { $0.latest = progress }
    }

    /// Names what is running now (e.g. the strategy), shown first on the line.
    func setPhase(_ text: String) {
        state.withLock {
            $0.phase = text
            $0.latest = nil
        }
    }

    /// Clears the line and stops the ticker.
    func finish() {
        guard enabled else { return }
        state.withLock { state in
            state.timer?.cancel()
            state.timer = nil
            if state.shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            state.shown = false
        }
    }

    private func render() {
        state.withLock { state in
            let elapsed = Date().timeIntervalSince(started)
            let line = Message.progressLine(
                phase: state.phase, elapsed: Format.seconds(elapsed),
                plan: state.latest?.incumbent.map { Format.objective($0) } ?? "—",
                bound: state.latest?.bound.map { Format.objective($0) } ?? "—",
                gap: state.latest?.gap.map { Format.percent($0) } ?? "—").text
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            state.shown = true
        }
    }
}

/// Numbers formatted for people.
enum Format {
    static func objective(_ value: Double) -> String { String(format: "%.4f", value) }
    static func percent(_ share: Double) -> String {
        if share > 10 { return ">1000 %" }
        return String(format: share < 0.001 && share > 0 ? "%.3f %%" : "%.1f %%", share * 100)
    }
    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f s", value) : String(format: "%.0f s", value)
    }
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.2f", value)
    }
}
