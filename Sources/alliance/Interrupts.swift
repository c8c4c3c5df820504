import AllianceKit
import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM while a command runs.
///
/// The first signal sets the cancellation flag: the solver stops promptly and returns its best
/// plan, which the command writes with status `interrupted` before exiting with status 130. A
/// second signal exits at once with status 130: output files half-way through being written are
/// removed (`AtomicFiles.abandonPending()`), so the output folder keeps either the old files or
/// the complete new set.
///
/// Signals are received through dispatch signal sources (the default actions are switched off
/// first), never in an asynchronous signal handler, so the handlers may lock and allocate.
final class Interrupts: Sendable {
    /// The exit status after an interrupt (128 + SIGINT, as shells report Ctrl-C).
    static let exitStatus: Int32 = 130

    /// Set by the first signal; pass it to `SolveSettings`.
    let flag = CancellationFlag()
    /// Signals received so far.
    private let received = Locked(0)
    /// The signal sources, kept alive for as long as the process runs.
    private let sources = Locked<[DispatchSourceSignal]>([])

    /// Starts listening for SIGINT and SIGTERM until the process exits.
    static func install() -> Interrupts {
        let interrupts = Interrupts()
        let queue = DispatchQueue(label: "alliance.signals")
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [interrupts, source] in interrupts.receive(count: Int(source.data)) }
            source.resume()
            interrupts.sources.withLock { $0.append(source) }
        }
        return interrupts
    }

    /// Whether a signal arrived.
    var wasInterrupted: Bool { flag.isCancelled }

    private func receive(count: Int) {
        let (before, total) = received.withLock { received in
            let before = received
            received += max(1, count)
            return (before, received)
        }
        if before == 0 {
            flag.cancel()
            Console.error("\n" + Message.interruptedStopping.text)
        }
        if total >= 2 {
            AtomicFiles.abandonPending()
            Console.error(Message.interruptedAgain.text)
            _exit(Self.exitStatus)
        }
    }
}
