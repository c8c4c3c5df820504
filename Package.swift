// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "alliance-planner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alliance", targets: ["alliance"]),
        .library(name: "AllianceKit", targets: ["AllianceKit"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "AllianceServer", targets: ["AllianceServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // `swift package generate-documentation`: AllianceKit's DocC catalog (README, "Documentation").
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // Debian's libglpk-dev ships no pkg-config file: the module map links "glpk" directly.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // The only module that imports CGLPK: a safe wrapper that never lets GLPK abort().
        .target(name: "GLPK", dependencies: ["CGLPK"]),
        // Debian's libxlsxwriter-dev (writes .xlsx workbooks); the module map links "xlsxwriter".
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter"),
        // The only module that imports CXLSXWriter: workbooks as Swift values, validated, written in one call.
        .target(name: "XLSX", dependencies: ["CXLSXWriter"]),
        // The layers of the domain, each importing only the ones above it in this list
        // (docs/ARCHITECTURE.md draws the graph):
        // the model: lists as values, the derived problem, the objective, the evaluator, diagnostics.
        .target(name: "AllianceModel"),
        // Reading the lists: CSV (UTF-8, GB18030), .xlsx workbooks, plan files.
        .target(
            name: "AllianceInput",
            dependencies: ["AllianceModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // GB18030 is decoded with iconv, which glibc includes and macOS keeps in libiconv.
            linkerSettings: [.linkedLibrary("iconv", .when(platforms: [.macOS]))]
        ),
        // Finding plans: strategies, the decomposition, branch-and-cut, claiming projects (GLPK).
        .target(name: "AllianceSolve", dependencies: ["AllianceModel", "GLPK"]),
        // Writing what is handed over: CSV, JSON, .xlsx, HTML report, MathProg data, diffs.
        .target(name: "AllianceReport", dependencies: ["AllianceModel", "AllianceInput", "XLSX"]),
        // The run pipeline (read → solve → evaluate → write) and the instance generator; re-exports
        // the layers below, so a program needs `import AllianceKit` only.
        .target(
            name: "AllianceKit",
            dependencies: ["AllianceModel", "AllianceInput", "AllianceSolve", "AllianceReport"]
        ),
        // The workbench's JSON API (`alliance serve`): projects, solve jobs, plan edits, files,
        // all kept as ordinary files under one data folder. A front end: AllianceKit only.
        .target(
            name: "AllianceServer",
            dependencies: [
                "AllianceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("openapi.json"), .copy("Web")]
        ),
        // An example program on AllianceKit's public API only, compiled with the package so it
        // cannot drift (the DocC article "Getting started" walks through it).
        .executableTarget(name: "PlanDistrict", dependencies: ["AllianceKit"], path: "Examples/PlanDistrict"),
        // The command-line tool.
        .executableTarget(
            name: "alliance",
            dependencies: [
                "AllianceKit",
                "AllianceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        // The server in process (HummingbirdTesting's router client), on temporary data folders.
        .testTarget(
            name: "AllianceServerTests",
            dependencies: [
                "AllianceServer", "AllianceKit", "WorkbookFixtures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Tests only: builds .xlsx workbooks (well-formed and hostile) from their XML parts.
        .target(
            name: "WorkbookFixtures",
            dependencies: ["AllianceKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/WorkbookFixtures"
        ),
        .testTarget(
            name: "AllianceKitTests",
            dependencies: [
                "AllianceKit", "AllianceModel", "AllianceInput", "AllianceSolve", "AllianceReport", "GLPK", "XLSX",
                "WorkbookFixtures",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // The README's library snippet, against the public API only (no @testable import).
        .testTarget(name: "LibraryUsageTests", dependencies: ["AllianceKit"]),
        // Corpus/: bad-input cases read by CorpusTests at run time (tools/make_corpus.py writes them).
        // Golden/: every example's output files, read by GoldenOutputTests (scripts/refresh-golden.sh).
        .testTarget(
            name: "AllianceCLITests",
            dependencies: [
                "AllianceKit", "AllianceModel", "AllianceInput", "AllianceSolve", "AllianceReport", "alliance",
                "WorkbookFixtures", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Corpus", "Golden"]
        ),
    ]
)
