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

    /// The next job to hand out and the results so far, shared by the threads.
    private struct State<T: Sendable>: Sendable {
        private struct Progress {
            var nextIndex = 0
            var slots: [T?]
        }
        private let progress: Locked<Progress>
        private let count: Int

        init(count: Int) {
            self.count = count
            progress = Locked(Progress(slots: [T?](repeating: nil, count: count)))
        }

        func next() -> Int? {
            progress.withLock { progress in
                guard progress.nextIndex < count else { return nil }
                progress.nextIndex += 1
                return progress.nextIndex - 1
            }
        }

        func store(_ value: T, at index: Int) {
            progress.withLock { $0.slots[index] = value }
        }

        func results() -> [T] {
            progress.withLock { $0.slots.map { $0! } }
        }
    }
}
