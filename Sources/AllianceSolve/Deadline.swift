import AllianceModel
import Foundation

/// The one representation of a time budget in the solvers: a point on a `ContinuousClock`
/// (monotonic, unaffected by changes to the wall clock), read through an injectable clock so
/// tests can drive time by hand, as the GLPK wrapper's `MIPParameters.clock` already is.
///
/// A strategy starts one `Deadline` from `SolveSettings.timeLimit` and hands each phase a
/// share of what is left (`share(_:)`), or the whole of it; nothing below a strategy reads
/// `Date()` or keeps its own seconds for deadlines.
public struct Deadline: Sendable {
    /// Reads the current instant; `{ .now }` except in tests.
    public typealias Clock = @Sendable () -> ContinuousClock.Instant

    /// When the budget runs out.
    public let instant: ContinuousClock.Instant
    /// When the budget started (for `elapsed`).
    public let start: ContinuousClock.Instant
    /// The clock every comparison reads.
    public let clock: Clock

    /// A budget of `seconds` from now (`seconds` ≤ 0: already passed; infinite or NaN: ~31 years).
    public init(seconds: Double, clock: @escaping Clock = { .now }) {
        let now = clock()
        self.init(start: now, instant: now + Self.duration(seconds), clock: clock)
    }

    private init(start: ContinuousClock.Instant, instant: ContinuousClock.Instant, clock: @escaping Clock) {
        self.start = start
        self.instant = instant
        self.clock = clock
    }

    /// A budget that never runs out in practice (about 31 years).
    public static func unlimited(clock: @escaping Clock = { .now }) -> Deadline {
        Deadline(seconds: .infinity, clock: clock)
    }

    /// Seconds left (negative once passed).
    public var remaining: Double { (instant - clock()).seconds }
    /// Seconds since the budget started.
    public var elapsed: Double { (clock() - start).seconds }
    /// The budget's length in seconds.
    public var total: Double { (instant - start).seconds }
    /// Whether the budget has run out.
    public var hasPassed: Bool { clock() >= instant }

    /// A deadline `fraction` (0…1) of the time left from now, never past this one. The elapsed
    /// time of the result still counts from this budget's start.
    public func share(_ fraction: Double) -> Deadline {
        let now = clock()
        let left = max(0, (instant - now).seconds)
        let end = min(instant, now + Self.duration(left * min(max(fraction, 0), 1)))
        return Deadline(start: start, instant: end, clock: clock)
    }

    /// A deadline `fraction` (0…1) of this budget's whole length after its start (not of what is
    /// left), never past this one: "the first 35 % of the solve" whatever has been used so far.
    public func portion(_ fraction: Double) -> Deadline {
        let end = min(instant, start + Self.duration(total * min(max(fraction, 0), 1)))
        return Deadline(start: start, instant: end, clock: clock)
    }

    /// A deadline `seconds` from now, never past this one.
    public func capped(seconds: Double) -> Deadline {
        Deadline(start: start, instant: min(instant, clock() + Self.duration(seconds)), clock: clock)
    }

    /// The earlier of the two, keeping this budget's start and clock.
    public func earlier(than other: Deadline) -> Deadline {
        Deadline(start: start, instant: min(instant, other.instant), clock: clock)
    }

    private static func duration(_ seconds: Double) -> Duration {
        guard seconds.isFinite else { return seconds.isNaN ? .zero : .seconds(1_000_000_000) }
        return .nanoseconds(Int64(max(-1e9, min(seconds, 1e9)) * 1e9))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
