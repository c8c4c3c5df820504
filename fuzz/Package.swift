// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for alliance-planner, kept out of the main package so that a plain
// `swift build` / `swift test` there never meets them. Build and run them with
// `scripts/fuzz.sh`, which passes `-sanitize=fuzzer,address`; a plain `swift build` here
// fails at the link step (LLVMFuzzerRunDriver comes from the fuzzer runtime).
//
// The main package is a path dependency; SwiftPM names such a package after its folder
// (lowercased), so the name is taken from wherever this checkout lives (as in benchmarks/).
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map { String($0).lowercased() } ?? "main"

// Each fuzz target has one source file and no `main`: libFuzzer's driver is entered from
// `<Target>_main`, the symbol SwiftPM links as `main` for executables on Linux.
let fuzzerFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"], swiftSettings: fuzzerFlags)
}

let package = Package(
    name: "alliance-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "AllianceKit", package: mainPackage), .product(name: "GLPK", package: mainPackage),
        ]),
        fuzzTarget("FuzzInput"),
        fuzzTarget("FuzzModel"),
        fuzzTarget("FuzzWorkbook"),
    ]
)
