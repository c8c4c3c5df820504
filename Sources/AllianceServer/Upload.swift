import AllianceKit
import Foundation
import ZIPFoundation

/// An uploaded set of lists, unpacked into a project's `lists/` folder: an `.xlsx` workbook is
/// kept as `lists/lists.xlsx`; a `.zip` of CSV files is unpacked into `lists/` (a single top
/// folder inside the archive is stripped). The kind is told by the bytes, not by a file name:
/// both are ZIP archives, and a workbook is the one holding `[Content_Types].xml`.
///
/// Hostile archives are refused before anything is written outside the folder: entry names
/// that are absolute or climb with `..`, symbolic links, more than `maxEntries` entries, an
/// entry over `maxEntryBytes` or a total over `maxTotalBytes` (counted while unpacking, not
/// taken from the archive's own claims).
struct Upload {
    static let maxEntries = 200
    static let maxEntryBytes: UInt64 = 50 << 20
    static let maxTotalBytes: UInt64 = 200 << 20

    enum Kind: String, Sendable { case workbook, csvZip = "csv-zip" }

    /// Writes `data` into `folder` (created) and returns the path of the lists to read:
    /// the workbook file or the folder of CSV files. Throws `InputErrorsResponse` (422).
    static func unpack(_ data: Data, into folder: URL) throws -> (path: URL, kind: Kind) {
        guard data.count >= 4, data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) else {
            throw InputErrorsResponse(location: "upload", message: "not a .zip of CSV lists nor an .xlsx workbook (the file does not start with a ZIP signature)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw InputErrorsResponse(location: "upload", message: "the ZIP archive cannot be read: \(error)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if archive["[Content_Types].xml"] != nil {
            let workbook = folder.appendingPathComponent("lists.xlsx")
            try data.write(to: workbook, options: .atomic)
            return (workbook, .workbook)
        }
        let entries = Array(archive)
        if entries.count > maxEntries {
            throw InputErrorsResponse(location: "upload", message: "the archive has \(entries.count) entries; at most \(maxEntries) are accepted")
        }
        var files: [(entry: Entry, components: [String])] = []
        for entry in entries {
            let name = entry.path
            let components = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("\\") || (name.count > 1 && name.dropFirst().hasPrefix(":"))
                || components.contains("..") || components.contains(".") {
                throw InputErrorsResponse(location: "upload:\(name)", message: "entry name is absolute or leaves the folder; refused")
            }
            switch entry.type {
            case .symlink:
                throw InputErrorsResponse(location: "upload:\(name)", message: "symbolic links are refused")
            case .directory:
                continue
            case .file:
                if components.first == "__MACOSX" || components.last?.hasPrefix(".") == true { continue }
                if entry.uncompressedSize > maxEntryBytes {
                    throw InputErrorsResponse(location: "upload:\(name)", message: "entry is larger than \(maxEntryBytes >> 20) MB")
                }
                files.append((entry, components))
            }
        }
        // A single folder holding everything (zipping the folder itself) is stripped.
        if let top = files.first?.components.first, files.allSatisfy({ $0.components.count > 1 && $0.components.first == top }) {
            files = files.map { ($0.entry, Array($0.components.dropFirst())) }
        }
        var total: UInt64 = 0
        for (entry, components) in files where components.count == 1 {
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += UInt64(chunk.count)
                    if UInt64(bytes.count + chunk.count) > maxEntryBytes || total > maxTotalBytes {
                        throw InputErrorsResponse(location: "upload:\(entry.path)", message: "the archive unpacks to more than the size limit")
                    }
                    bytes.append(chunk)
                }
            } catch let error as InputErrorsResponse {
                throw error
            } catch {
                throw InputErrorsResponse(location: "upload:\(entry.path)", message: "entry cannot be unpacked: \(error)")
            }
            try bytes.write(to: folder.appendingPathComponent(components[0]), options: .atomic)
        }
        return (folder, .csvZip)
    }

    /// The name of the user's file as a page or script gives it (`?name=`), for messages and
    /// lists only — never part of a path: its last component, without control characters, at
    /// most 120 characters; nil when nothing is left.
    static func displayName(_ given: String) -> String? {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !$0.properties.isNoncharacterCodePoint && !CharacterSet.controlCharacters.contains($0) }
            .prefix(120).map(Character.init)).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? nil : clean
    }

    /// A CSV file sent as the whole body (last year's plan): UTF-8 (with or without BOM) or
    /// GB18030, as the CLI reads files; anything else is 422 naming `name`.
    static func text(_ data: Data, name: String) throws -> String {
        do {
            return try CSVFileDecoder.decode(data, file: name, choice: .auto).text
        } catch {
            throw InputErrorsResponse(InputErrors([error]))
        }
    }

    /// One district's lists as the zip of CSV files an upload would be (the `district` column
    /// left out: the project is the district).
    static func zip(of instance: Instance) throws -> Data {
        var lists = instance
        for c in lists.communities.indices { lists.communities[c].district = nil }
        for o in lists.organizations.indices { lists.organizations[o].district = nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-district-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try InstanceWriter.write(lists, to: scratch)
        let archive = try Archive(data: Data(), accessMode: .create)
        for name in try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() {
            let contents = try Data(contentsOf: scratch.appendingPathComponent(name))
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(contents.count)) { position, size in
                contents.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw APIError(500, "the district's lists could not be packed") }
        return data
    }
}
