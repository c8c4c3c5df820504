import Foundation

/// A value shared between threads, reached only under its lock: the one hand-written
/// `@unchecked Sendable` type for shared mutable state in the library (the standard library's
/// `Synchronization.Mutex` needs macOS 15, above this package's platform floor).
///
/// Threads that must wait for another thread's change (a worker waiting for work, a caller
/// waiting for its workers) use `withLock(when:_:)`, and the changing thread uses
/// `withLockNotifying(_:)`; the lock is a condition variable's mutex, so plain `withLock` costs
/// what a plain lock costs.
///
/// Keep the closures short: they run with the lock held.
public final class Locked<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value and returns what it returns.
    @discardableResult
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        condition.lock()
        defer { condition.unlock() }
        return try body(&value)
    }

    /// Waits until `ready` holds for the value (re-checked after every `withLockNotifying`),
    /// then runs `body` with exclusive access, still under the same hold of the lock.
    @discardableResult
    public func withLock<R>(when ready: (Value) -> Bool, _ body: (inout Value) throws -> R) rethrows -> R {
        condition.lock()
        defer { condition.unlock() }
        while !ready(value) { condition.wait() }
        return try body(&value)
    }

    /// Runs `body` like `withLock`, then wakes every thread waiting in `withLock(when:_:)`.
    @discardableResult
    public func withLockNotifying<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&value)
    }

    /// A copy of the value.
    public var current: Value { withLock { $0 } }
}
