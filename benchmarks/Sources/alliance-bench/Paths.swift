import Foundation

/// Where things are: found from this source file, so the harness works from any directory.
enum Paths {
    /// `benchmarks/`.
    static let benchmarks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The repository root.
    static let root = benchmarks.deletingLastPathComponent()
    static let model = root.appendingPathComponent("models/alliance.mod").path
    static let highsDriver = benchmarks.appendingPathComponent("highs_driver.py").path
    static let results = benchmarks.appendingPathComponent("results").path
    /// Scratch space for instances, exported models and logs (gitignored).
    static let work = benchmarks.appendingPathComponent(".work").path

    /// This executable, to run `solve-one` and `generate` as child processes.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
    }
}
