import Foundation

/// Monotonic wall-clock seconds since creation.
struct Stopwatch: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Runs `body` and returns its result with the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let watch = Stopwatch()
        let value = try body()
        return (value, watch.seconds)
    }
}
