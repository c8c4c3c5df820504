import Foundation

/// Writes a set of output files so that a reader never sees a half-written one: every file is
/// first written to a temporary name in its destination folder, and only when all of them are
/// complete are they renamed into place. On any failure the temporary files are removed and
/// whatever was in the folder before is left untouched.
public enum AtomicFiles {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `files` (name → contents) into `folder`, creating the folder if needed.
    public static func write(_ files: [(name: String, contents: Data)], into folder: URL) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: error.localizedDescription)
        }
        var temporaries: [(URL, URL)] = []
        defer {
            for (temporary, _) in temporaries where manager.fileExists(atPath: temporary.path) {
                try? manager.removeItem(at: temporary)
            }
        }
        for file in files {
            let destination = folder.appendingPathComponent(file.name)
            let temporary = folder.appendingPathComponent(".\(file.name).\(ProcessInfo.processInfo.processIdentifier).tmp")
            do {
                try file.contents.write(to: temporary)
            } catch {
                throw WriteError(path: destination.path, reason: error.localizedDescription)
            }
            temporaries.append((temporary, destination))
        }
        for (temporary, destination) in temporaries {
            if rename(temporary.path, destination.path) != 0 {
                throw WriteError(path: destination.path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes one file atomically.
    public static func write(_ contents: Data, to file: URL) throws {
        try write([(file.lastPathComponent, contents)], into: file.deletingLastPathComponent())
    }
}
