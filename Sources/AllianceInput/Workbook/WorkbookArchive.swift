import AllianceModel
import Foundation
import ZIPFoundation

/// The zip archive of an `.xlsx` workbook, read with `WorkbookLimits` enforced: entry count and
/// declared sizes are checked when it is opened, and the bytes actually inflated are counted while
/// extracting (declared sizes can lie), so a zip bomb is refused before it fills memory.
final class WorkbookArchive {
    private let archive: Archive
    private let place: WorkbookPlace
    private let limits: WorkbookLimits
    /// Entry path, lowercased (part names are case-insensitive) → entry.
    private var entries: [String: Entry] = [:]
    private var extracted: UInt64 = 0

    init(url: URL, place: WorkbookPlace, limits: WorkbookLimits) throws(InputError) {
        self.place = place
        self.limits = limits
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw place.error((FileManager.default.fileExists(atPath: url.path) ? Message.cannotReadTheFile : .noSuchFile).text)
        }
        let magic = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        try? handle.close()
        if magic == [0xD0, 0xCF, 0x11, 0xE0] {
            throw place.error(Message.oldStyleWorkbook.text)
        }
        guard magic.count == 4, magic[0] == 0x50, magic[1] == 0x4B else {
            throw place.error(Message.notAWorkbook.text)
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw place.error(Message.zipUnreadable(error: "\(error)").text)
        }
        var count = 0
        var declared: UInt64 = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw place.error(Message.tooManyZipEntries(limit: limits.maxEntries).text)
            }
            let size = entry.uncompressedSize
            if size > limits.maxEntryBytes {
                throw place.error(Message.partTooLargeDeclared(part: entry.path, size: "\(size)", limit: "\(limits.maxEntryBytes)").text)
            }
            declared += size
            if declared > limits.maxTotalBytes {
                throw place.error(Message.workbookTooLargeDeclared(limit: "\(limits.maxTotalBytes)").text)
            }
            entries[Self.key(entry.path)] = entry
        }
        if count == 0 { throw place.error(Message.zipListsNoFiles.text) }
    }

    private static func key(_ path: String) -> String {
        (path.hasPrefix("/") ? String(path.dropFirst()) : path).lowercased()
    }

    /// Whether the archive has an entry at `path`.
    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// The bytes of the entry at `path`, nil when there is none; throws when a limit is hit or the
    /// entry is damaged (undecodable, or its bytes do not match its CRC-32, which ZIPFoundation's
    /// streaming `extract` computes but does not compare).
    func data(_ path: String) throws(InputError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        var data = Data()
        var problem: InputError?
        let limits = self.limits, place = self.place
        var total = extracted
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                total += UInt64(chunk.count)
                if UInt64(data.count + chunk.count) > limits.maxEntryBytes {
                    problem = place.error(Message.partTooLarge(part: entry.path, limit: "\(limits.maxEntryBytes)").text)
                } else if total > limits.maxTotalBytes {
                    problem = place.error(Message.workbookTooLarge(limit: "\(limits.maxTotalBytes)").text)
                }
                if problem != nil { throw CancellationError() }
                data.append(chunk)
            }
        } catch {
            extracted = total
            throw problem ?? place.error(Message.partNotExtracted(part: entry.path, error: "\(error)").text)
        }
        extracted = total
        guard checksum == entry.checksum else {
            throw place.error(Message.partChecksum(part: entry.path).text)
        }
        return data
    }
}
