import Foundation
import XCTest

/// Runs the built `alliance` command the way a user does and captures what it says.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    /// The repository root, found from this file's location.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `alliance` executable SwiftPM built next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("alliance")
        }
        return directory.appendingPathComponent("alliance")
    }

    /// This process's environment with the locale forced to `LC_ALL` (English for `C`), so that
    /// the messages a test compares do not depend on the locale of the developer running it.
    static func environment(locale: String = "C") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_MESSAGES"] = nil
        environment["LANG"] = locale
        environment["LC_ALL"] = locale
        return environment
    }

    /// Runs `alliance` with `arguments`, in English unless `locale` says otherwise (e.g. `zh_CN.UTF-8`).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, locale: String = "C",
                    extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(locale: locale).merging(extraEnvironment) { _, new in new }
        process.currentDirectoryURL = directory ?? root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a chatty process cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("alliance-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try XCTUnwrap(object as? [String: Any])
    }
}

/// An output folder that already holds an earlier plan.csv, for checking that a failing command
/// writes nothing: afterwards the folder must hold that file alone, unchanged.
struct EarlierPlan {
    let folder: URL
    let contents = Data("community_id,org_id,role\nA,u1,lead\n".utf8)

    init(in parent: URL) throws {
        folder = parent.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try contents.write(to: folder.appendingPathComponent("plan.csv"))
    }

    func assertUnchanged(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["plan.csv"],
                       "nothing new may be written", file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("plan.csv")), contents, file: file, line: line)
    }
}

/// A running `alliance` process whose output is collected in the background.
final class RunningCommand: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()
    private let group = DispatchGroup()

    init(_ arguments: [String]) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.environment = CommandRunner.environment()
        process.currentDirectoryURL = CommandRunner.root
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            DispatchQueue.global().async(group: group) { [self] in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                lock.lock()
                if isOut { out = data } else { err = data }
                lock.unlock()
            }
        }
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit (killing the process after `limit` seconds); returns the status,
    /// stdout and stderr, and whether it exited by itself.
    func finish(within limit: Double = 60) -> (result: CommandResult, exitedByItself: Bool) {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let exited = !process.isRunning
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return (CommandResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                              stderr: String(decoding: err, as: UTF8.self)), exited)
    }
}
