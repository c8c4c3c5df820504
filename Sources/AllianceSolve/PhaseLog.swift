import AllianceModel
import Foundation

/// One moment of a solve worth telling whoever watches the time limit: a phase beginning or
/// ending, or a line from inside a phase (GLPK's output during branch-and-cut).
public struct PhaseEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case begin, end, note
    }

    public var kind: Kind
    /// The phase: `heuristic`, `decomposition`, `model`, `branch-and-cut`, …
    public var phase: String
    /// Seconds since the solve started.
    public var elapsedSeconds: Double
    /// Seconds left until the time limit (negative once it has passed).
    public var remainingSeconds: Double
    /// For `note`: the text (one line, without the newline).
    public var text: String

    public init(kind: Kind, phase: String, elapsedSeconds: Double, remainingSeconds: Double, text: String = "") {
        self.kind = kind
        self.phase = phase
        self.elapsedSeconds = elapsedSeconds
        self.remainingSeconds = remainingSeconds
        self.text = text
    }

    /// The event as one line for people, e.g. `  74.812 s  end    decomposition  (40.188 s left)`.
    public var line: String {
        let head = String(format: "%9.3f s  %@ %@", elapsedSeconds,
                          kind.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0), phase)
        let left = String(format: "(%.3f s left)", remainingSeconds)
        return kind == .note ? "\(head)  \(left)  \(text)" : "\(head)  \(left)"
    }
}

/// Reports the phases of one solve to `SolveSettings.phaseLog`, timed by the solve's
/// `Deadline` (elapsed since its start, remaining until the time limit). Does nothing (and
/// costs nothing) when no log is installed.
struct PhaseClock: Sendable {
    let deadline: Deadline
    let sink: (@Sendable (PhaseEvent) -> Void)?

    init(settings: SolveSettings, deadline: Deadline) {
        self.deadline = deadline
        self.sink = settings.phaseLog
    }

    func report(_ kind: PhaseEvent.Kind, _ phase: String, _ text: String = "") {
        guard let sink else { return }
        let elapsed = deadline.elapsed
        sink(PhaseEvent(kind: kind, phase: phase, elapsedSeconds: elapsed,
                        remainingSeconds: deadline.total - elapsed, text: text))
    }

    /// Runs `body` between a `begin` and an `end` event of `phase` (the end is reported also
    /// when `body` throws).
    func run<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        report(.begin, phase)
        defer { report(.end, phase) }
        return try body()
    }

    /// A GLPK log handler forwarding each complete line of GLPK's output as a note of `phase`,
    /// or nil when no log is installed.
    func glpkLines(_ phase: String) -> (@Sendable (String) -> Void)? {
        guard sink != nil else { return nil }
        let buffer = LineBuffer()
        return { fragment in
            for line in buffer.lines(appending: fragment) { report(.note, phase, line) }
        }
    }
}

/// Splits a stream of text fragments into lines (GLPK may call its log handler from the
/// thread of any solve, so the unfinished line is kept under a lock).
private struct LineBuffer: Sendable {
    private let pending = Locked("")

    func lines(appending fragment: String) -> [String] {
        pending.withLock { pending in
            pending += fragment
            var lines: [String] = []
            while let newline = pending.firstIndex(of: "\n") {
                lines.append(String(pending[..<newline]))
                pending = String(pending[pending.index(after: newline)...])
            }
            return lines
        }
    }
}

extension Optional where Wrapped == PhaseClock {
    /// `body` between the phase's events when a clock is set, else just `body`.
    func run<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard let clock = self else { return try body() }
        return try clock.run(phase, body)
    }
}
