// swift-tools-version:6.1
// Micro-benchmarks (ordo-one/benchmark): a package of its own, so that neither the root package
// nor the benchmark harness in `benchmarks/` (tools 6.0) resolves or builds the benchmark
// package. Run with `scripts/micro-benchmarks.sh` from the repository root.
import PackageDescription

/// SwiftPM names a path dependency after its folder, so the root package's identity is the
/// name of the folder two levels up (`main` here, something else in another clone).
let root = Context.packageDirectory.split(separator: "/").dropLast(2).last.map { String($0).lowercased() } ?? "main"

let package = Package(
    name: "alliance-micro-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The benchmarks; the plugin finds them under Benchmarks/<target name>.
        .executableTarget(
            name: "AllianceMicro",
            dependencies: [
                .product(name: "AllianceKit", package: root),
                .product(name: "XLSX", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkInputs",
            ],
            path: "Benchmarks/AllianceMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // `csv-throughput FILE`: reads one CSV file with the library's streaming reader and prints
        // MB/s; the reproducible figure of benchmarks/MEMORY.md ("CSV reading speed").
        .executableTarget(
            name: "csv-throughput",
            dependencies: [.product(name: "AllianceKit", package: root), "BenchmarkInputs"]
        ),
        // Inputs the benchmarks share: generated CSV text (UTF-8 and GB18030).
        .target(name: "BenchmarkInputs"),
    ]
)
