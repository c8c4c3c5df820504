import AllianceModel
import Foundation

/// Where the bytes of a list come from: a file, or bytes already in memory (tests, fuzzing). They
/// are handed out in chunks of at most `chunkSize` bytes, so reading a file holds one chunk of it
/// at a time, never the whole file. A source can be read more than once: encoding detection reads
/// a file again as GB18030 when it turns out not to be UTF-8.
struct ByteSource: Sendable {
    enum Origin: Sendable {
        case file(URL)
        case bytes(Data)
    }

    /// The chunk size of the readers: big enough that the per-chunk work is noise, small enough
    /// that a chunk (and its decoded characters, 16 bytes each) is far below the rows kept.
    static let defaultChunkSize = 64 * 1024

    var origin: Origin
    /// Bytes per chunk; tests use tiny chunks to put chunk boundaries everywhere.
    var chunkSize: Int

    init(file: URL, chunkSize: Int = defaultChunkSize) {
        precondition(chunkSize > 0, "chunks hold at least one byte")
        origin = .file(file)
        self.chunkSize = chunkSize
    }

    init(bytes: Data, chunkSize: Int = defaultChunkSize) {
        precondition(chunkSize > 0, "chunks hold at least one byte")
        origin = .bytes(bytes)
        self.chunkSize = chunkSize
    }

    /// The bytes from the start, stopping after `limit` bytes when given.
    func chunks(limit: Int? = nil) -> ByteChunks { ByteChunks(source: self, limit: limit) }

    /// The first `count` bytes (fewer when the source is shorter or cannot be read).
    func prefix(_ count: Int) -> [UInt8] {
        var chunks = chunks(limit: count)
        var bytes: [UInt8] = []
        while let chunk = chunks.next() { bytes += chunk }
        return bytes
    }
}

/// The bytes of a `ByteSource` in order, one chunk at a time. A file is opened on the first chunk
/// and closed at its end; a failure to open or read it ends the chunks and is kept in `error`.
struct ByteChunks {
    private let source: ByteSource
    private var handle: FileHandle?
    private var offset = 0
    private var remaining: Int
    private var finished = false
    /// Why the file could not be opened or read; nil while all is well.
    private(set) var error: (any Error)?

    fileprivate init(source: ByteSource, limit: Int?) {
        self.source = source
        remaining = limit ?? .max
    }

    /// The next chunk, never empty; nil at the end, after `limit` bytes, or on a read error.
    mutating func next() -> [UInt8]? {
        guard !finished, remaining > 0 else { return finish() }
        let count = min(source.chunkSize, remaining)
        let chunk: [UInt8]
        switch source.origin {
        case .bytes(let data):
            let start = data.startIndex + offset
            chunk = Array(data[start ..< min(start + count, data.endIndex)])
        case .file(let url):
            do {
                if handle == nil { handle = try FileHandle(forReadingFrom: url) }
                chunk = try handle?.read(upToCount: count).map { Array($0) } ?? []
            } catch {
                self.error = error
                return finish()
            }
        }
        guard !chunk.isEmpty else { return finish() }
        offset += chunk.count
        remaining -= chunk.count
        return chunk
    }

    private mutating func finish() -> [UInt8]? {
        finished = true
        try? handle?.close()
        handle = nil
        return nil
    }
}
