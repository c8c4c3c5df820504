import AllianceModel
import Foundation

/// Writes a set of output files so that a reader never sees a half-written one: every file is
/// first written to a temporary name in its destination folder, and only when all of them are
/// complete are they renamed into place. On any failure the temporary files are removed and
/// whatever was in the folder before is left untouched.
///
/// Temporary files are named `.<name>.<pid>.tmp` (hidden, never mistaken for an output). A
/// process that must quit at once (a second Ctrl-C) calls `abandonPending()` first, which
/// removes them; should a process die anyway (SIGKILL, power loss) between writing and
/// renaming, the next write into the same folder removes the leftovers of dead processes.
public enum AtomicFiles {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { Message.cannotWrite(path: path, reason: reason).text }
    }

    /// Writes `files` (name → contents) into `folder`, creating the folder if needed.
    public static func write(_ files: [(name: String, contents: Data)], into folder: URL) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: error.localizedDescription)
        }
        removeLeftovers(of: files.map(\.name), in: folder)
        var temporaries: [(URL, URL)] = []
        defer {
            for (temporary, _) in temporaries {
                if manager.fileExists(atPath: temporary.path) { try? manager.removeItem(at: temporary) }
                pending.remove(temporary.path)
            }
        }
        for file in files {
            let destination = folder.appendingPathComponent(file.name)
            let temporary = folder.appendingPathComponent(temporaryName(for: file.name, pid: getpid()))
            guard pending.add(temporary.path) else {
                throw WriteError(path: destination.path, reason: Message.programQuitting.text)
            }
            temporaries.append((temporary, destination))
            do {
                try file.contents.write(to: temporary)
            } catch {
                throw WriteError(path: destination.path, reason: error.localizedDescription)
            }
        }
        // All renames happen under the registry's lock, so `abandonPending()` either comes
        // before any of them or after all of them: the folder holds the old set or the new set.
        try pending.locked {
            for (temporary, destination) in temporaries {
                if rename(temporary.path, destination.path) != 0 {
                    throw WriteError(path: destination.path, reason: String(cString: strerror(errno)))
                }
            }
        }
    }

    /// Writes one file atomically.
    public static func write(_ contents: Data, to file: URL) throws {
        try write([(file.lastPathComponent, contents)], into: file.deletingLastPathComponent())
    }

    /// Removes every temporary file a write in this process has not renamed yet, waiting for a
    /// batch of renames in progress to finish, and makes later writes fail. For a process about
    /// to exit at once (`_exit`) instead of finishing its writes.
    public static func abandonPending() {
        pending.abandon()
    }

    /// `.<name>.<pid>.tmp`.
    static func temporaryName(for name: String, pid: Int32) -> String {
        ".\(name).\(pid).tmp"
    }

    /// Removes `.<name>.<pid>.tmp` files in `folder` left by processes that no longer run.
    static func removeLeftovers(of names: [String], in folder: URL) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries where entry.hasPrefix(".") && entry.hasSuffix(".tmp") {
            for name in names where entry.hasPrefix(".\(name).") {
                let middle = entry.dropFirst(name.utf8.count + 2).dropLast(4)
                guard let pid = Int32(middle), pid > 0, pid != getpid(), !isRunning(pid) else { continue }
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
            }
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    private static let pending = PendingTemporaries()
}

/// The temporary files of writes in progress in this process.
private struct PendingTemporaries: Sendable {
    private struct Registry {
        var paths: Set<String> = []
        var abandoned = false
    }
    private let registry = Locked(Registry())

    /// Registers a path about to be created; false once abandoned.
    func add(_ path: String) -> Bool {
        registry.withLock { registry in
            guard !registry.abandoned else { return false }
            registry.paths.insert(path)
            return true
        }
    }

    func remove(_ path: String) {
        registry.withLock { _ = $0.paths.remove(path) }
    }

    /// Runs `body` while no path can be registered or abandoned.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        try registry.withLock { _ in try body() }
    }

    func abandon() {
        registry.withLock { registry in
            registry.abandoned = true
            for path in registry.paths { unlink(path) }
            registry.paths = []
        }
    }
}
