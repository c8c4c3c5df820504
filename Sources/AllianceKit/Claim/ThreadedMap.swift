import Foundation
import GLPK

/// Runs `body(i)` for i in 0..<count on `threads` OS threads — the calling thread plus
/// `threads − 1` workers — and returns the results in index order.
///
/// Thread t takes indices t, t + threads, t + 2·threads, …, so the work each thread does does not
/// depend on scheduling. `body` must create, use and delete its GLPK problems itself (a problem
/// never leaves the thread that made it); each worker releases its GLPK environment before it
/// ends. The first error thrown (lowest index among those that failed) is rethrown.
enum ThreadedMap {
    static func run<T: Sendable>(count: Int, threads: Int,
                                 _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let box = ResultBox<T>(count: count)
        let threadCount = max(1, min(threads, count))
        let finished = DispatchGroup()
        for t in 1..<max(1, threadCount) {
            finished.enter()
            let thread = Thread {
                box.work(start: t, stride: threadCount, body)
                GLPKEnvironment.releaseCurrentThread()
                finished.leave()
            }
            thread.name = "alliance-claim-\(t)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        box.work(start: 0, stride: threadCount, body)
        finished.wait()
        return try box.collect()
    }

    /// Results written by several threads, each index by exactly one of them.
    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var results: [Result<T, any Error>?]

        init(count: Int) {
            self.count = count
            results = Array(repeating: nil, count: count)
        }

        func work(start: Int, stride step: Int, _ body: (Int) throws -> T) {
            for i in Swift.stride(from: start, to: count, by: step) {
                let outcome = Result { try body(i) }
                lock.lock()
                results[i] = outcome
                lock.unlock()
            }
        }

        func collect() throws -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return try results.map { try $0!.get() }
        }
    }
}
