import Foundation

/// A value shared between threads, reached only under its lock: the one hand-written
/// `@unchecked Sendable` type for shared mutable state in the library (the standard library's
/// `Synchronization.Mutex` needs macOS 15, above this package's platform floor).
///
/// Keep the closures short: they run with the lock held.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value and returns what it returns.
    @discardableResult
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value.
    public var current: Value { withLock { $0 } }
}
