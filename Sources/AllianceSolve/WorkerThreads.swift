import AllianceModel
import Foundation
import GLPK

/// Runs independent jobs (e.g. one district's whole solve) on a fixed number of OS threads.
/// A job runs from start to end on one thread, so every GLPK problem it creates lives and dies
/// there; each thread releases its GLPK environment when it runs out of jobs. Which thread takes
/// which job varies, so jobs must not depend on each other; results come back in job order.
public enum WorkerThreads {
    /// Runs `body(0) … body(count − 1)` on `min(threads, count)` threads (8 MB stacks, like the
    /// pricing threads) and returns the results in index order once all are done.
    public static func run<T: Sendable>(count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let state = State<T>(count: count)
        let workers = max(1, min(threads, count))
        let done = DispatchGroup()
        for w in 0..<workers {
            done.enter()
            let thread = Thread {
                while let index = state.next() {
                    state.store(body(index), at: index)
                }
                GLPKEnvironment.releaseCurrentThread()
                done.leave()
            }
            thread.name = "alliance-worker-\(w + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return state.results()
    }

    private final class State<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private let count: Int
        private var slots: [T?]

        init(count: Int) {
            self.count = count
            slots = [T?](repeating: nil, count: count)
        }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextIndex < count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func store(_ value: T, at index: Int) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func results() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
