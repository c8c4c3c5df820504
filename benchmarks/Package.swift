// swift-tools-version:6.0
// The benchmark harness: a separate package so that building the root package never
// resolves or compiles benchmark tooling. Build with `swift build -c release` in this folder.
import PackageDescription

/// SwiftPM names a path dependency after its folder, so the root package's identity is the
/// name of the folder holding this one (`main` here, something else in another clone).
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "main"

let package = Package(
    name: "alliance-benchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alliance-bench", targets: ["alliance-bench"]),
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "alliance-bench",
            dependencies: [
                .product(name: "AllianceKit", package: root),
                .product(name: "GLPK", package: root),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
