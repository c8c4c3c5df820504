import AllianceModel
import Foundation

/// A request to stop a running solve, shared between the solving threads and whoever decides
/// to stop it (the command line on Ctrl-C, a test, a GUI's Stop button).
///
/// The library installs no signal handlers: callers set the flag, and every phase of every
/// strategy polls it — local search every few hundred move evaluations, GLPK's branch-and-cut
/// at every callback, the simplex between short slices (see `GLPK.StopPolling`), the
/// decomposition between pricing problems — and returns its best plan so far with status
/// `interrupted` (or throws `SolveError.interrupted` when it has none). Setting it is permanent.
public final class CancellationFlag: Sendable {
    private let cancelled = Locked(false)

    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.current }

    /// Asks every solve polling this flag to stop as soon as it can. Safe from any thread (not
    /// from a signal handler: use a dispatch signal source).
    public func cancel() {
        cancelled.withLock { $0 = true }
    }

    /// The flag as a GLPK stop request (`MIPParameters.stopRequested`).
    var stopRequest: @Sendable () -> Bool { { [self] in isCancelled } }
}

extension SolveSettings {
    /// Whether the solve should stop now: its cancellation flag is set.
    var isCancelled: Bool { cancellation.isCancelled }

    /// Runs a strategy's search and marks the outcome of a cancelled search: a plan not proven
    /// optimal becomes `interrupted` (a proven optimum stays `optimal`), and a search that
    /// ended without a plan, or for lack of time, throws `SolveError.interrupted`.
    func interruptible(_ search: () throws -> SolveOutcome) throws -> SolveOutcome {
        do {
            var outcome = try search()
            if isCancelled && outcome.status != .optimal {
                guard outcome.plan != nil else { throw SolveError.interrupted }
                outcome.status = .interrupted
            }
            return outcome
        } catch SolveError.noPlanWithinTimeLimit where isCancelled {
            throw SolveError.interrupted
        }
    }
}
