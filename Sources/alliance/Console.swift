import AllianceKit
import ArgumentParser
import Foundation

/// Messages for people on stderr, and the mapping from failures to exit statuses.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether stderr is a terminal, where a progress line can overwrite itself.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Prints what went wrong in the user's terms and returns the documented exit status.
    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case let errors as InputErrors:
            for item in errors.errors { Console.error(item.description) }
            let count = errors.errors.count
            Console.error("\(count) input error\(count == 1 ? "" : "s"); nothing was written")
            return ExitCode(1)
        case let item as InputError:
            Console.error(item.description)
            Console.error("1 input error; nothing was written")
            return ExitCode(1)
        case let failure as SolveError:
            Console.error("alliance: \(failure.description)")
            Console.error("nothing was written")
            return ExitCode(2)
        case let failure as AtomicFiles.WriteError:
            Console.error("alliance: \(failure.description)")
            return ExitCode(4)
        default:
            Console.error("alliance: \(error)")
            return ExitCode(4)
        }
    }

    /// Runs a command body, turning failures into messages and exit statuses.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            throw error
        } catch {
            throw exitCode(for: error)
        }
    }
}

/// A one-line progress display on stderr, overwritten in place; silent when stderr is not a
/// terminal or the user asked for quiet.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var shown = false
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ text: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        shown = true
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    static func describe(_ progress: SolveProgress) -> String {
        var parts = ["\(Format.seconds(progress.elapsedSeconds))"]
        parts.append("plan " + (progress.incumbent.map { Format.objective($0) } ?? "—"))
        parts.append("bound " + (progress.bound.map { Format.objective($0) } ?? "—"))
        parts.append("gap " + (progress.gap.map { Format.percent($0) } ?? "—"))
        return "solving  " + parts.joined(separator: "  ")
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
