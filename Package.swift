// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "alliance-planner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alliance", targets: ["alliance"]),
        .library(name: "AllianceKit", targets: ["AllianceKit"]),
        .library(name: "GLPK", targets: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Debian's libglpk-dev ships no pkg-config file: the module map links "glpk" directly.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // The only module that imports CGLPK: a safe wrapper that never lets GLPK abort().
        .target(name: "GLPK", dependencies: ["CGLPK"]),
        // Domain: instance, input, model builder, strategies, evaluator, exporters.
        .target(name: "AllianceKit", dependencies: ["GLPK"]),
        // The command-line tool.
        .executableTarget(
            name: "alliance",
            dependencies: [
                "AllianceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        .testTarget(
            name: "AllianceKitTests",
            dependencies: [
                "AllianceKit", "GLPK",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // Corpus/: bad-input cases read by CorpusTests at run time (tools/make_corpus.py writes them).
        .testTarget(name: "AllianceCLITests", dependencies: ["AllianceKit", "alliance"], exclude: ["Corpus"]),
    ]
)
