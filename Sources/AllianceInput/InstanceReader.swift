import AllianceModel
import Foundation

/// Reads and validates the list files of one planning folder into an `Instance`.
/// Every problem in every file is collected, so a user fixes a spreadsheet in one pass.
/// Files are streamed (read, decoded and parsed chunk by chunk) one at a time, so reading holds
/// one chunk and one file's rows, never a whole file's text.
public enum InstanceReader {
    /// Files that must be present.
    public static let requiredFiles = ["communities.csv", "organizations.csv", "needs.csv", "resources.csv"]
    /// Files that may be absent (an absent or completely empty one means "no rows").
    public static let optionalFiles = ["projects.csv", "pairs.csv"]

    /// Reads the lists in `folder`. Throws `InputErrors` holding every error found, sorted by file
    /// (in the order above), line and column.
    public static func read(folder: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> Instance {
        try readFolder(folder, encoding: encoding).instance
    }

    /// Reads the lists in `folder`, telling which encoding each file was read in.
    /// `chunkSize` is how many bytes of a file are read at a time (tests make it tiny).
    static func readFolder(_ folder: URL, encoding: EncodingChoice,
                           chunkSize: Int = ByteSource.defaultChunkSize) throws(InputErrors) -> ListsRead {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let message = FileManager.default.fileExists(atPath: folder.path)
                ? "not a folder: give the folder that holds the CSV lists, or an .xlsx workbook" : "no such folder"
            throw InputErrors([InputError(SourceLocation(file: folder.path, line: 1, column: 1), message)])
        }
        var lists: [String: ListContents] = [:]
        for name in requiredFiles + optionalFiles {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            // Read when its table is: one file's records at a time, each file streamed.
            lists[name] = .file(ByteSource(file: url, chunkSize: chunkSize), encoding)
        }
        let builder = try finish(InstanceBuilder(lists: lists, unreadable: []), errors: [])
        return ListsRead(instance: builder.instance, encodings: builder.encodings)
    }

    /// Reads lists given in memory, file name → contents (e.g. `["communities.csv": "id\nC1\n", …]`).
    /// Same rules and errors as `read(folder:)`; meant for tests and generated instances.
    public static func read(files: [String: String]) throws(InputErrors) -> Instance {
        try build(InstanceBuilder(lists: files.mapValues { .text($0) }, unreadable: []), errors: [])
    }

    /// Reads the lists with `builder`, after the errors met while loading them.
    static func build(_ builder: InstanceBuilder, errors: [InputError]) throws(InputErrors) -> Instance {
        try finish(builder, errors: errors).instance
    }

    /// `builder` after reading every list, when no error was found.
    static func finish(_ builder: InstanceBuilder, errors: [InputError]) throws(InputErrors) -> InstanceBuilder {
        var builder = builder
        builder.errors = errors
        builder.readAll()
        // Errors about a workbook as a whole (file "") come first.
        let order = [""] + (requiredFiles + optionalFiles).map(builder.displayName)
        if !builder.errors.isEmpty { throw InputErrors(sorted(builder.errors, order: order)) }
        return builder
    }

    /// Errors in file order (known files first, in `order`), then line, column and message; duplicates dropped.
    static func sorted(_ errors: [InputError], order files: [String] = requiredFiles + optionalFiles) -> [InputError] {
        let order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func key(_ e: InputError) -> (Int, String, Int, Int, String) {
            (order[e.location.file] ?? order.count, e.location.file, e.location.line, e.location.column, e.message)
        }
        var seen: Set<InputError> = []
        return errors.filter { seen.insert($0).inserted }.sorted { key($0) < key($1) }
    }
}
