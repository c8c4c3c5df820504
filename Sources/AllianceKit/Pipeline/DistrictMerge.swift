import Foundation

/// `alliance merge`: the top-level files of a batch split over the tasks of an array job
/// (`alliance solve --shard`), from what the tasks left in the output folder — the manifests in
/// `shards/` (`ShardManifest`) and each district's `district.json` (`DistrictOutcome`). The files
/// are those a one-machine batch writes (`DistrictOutput.files`), byte for byte with
/// `--no-timings`, whatever the number of shards and the order they finished in.
///
/// A district counts only when its `district.json` carries the digest the manifests give it: a
/// folder left from a run on other lists or options is "missing", not merged. Missing and failed
/// districts are listed (and the command exits 2), and appear in the files as failed rows.
public struct DistrictMerge: Sendable {
    /// Why the folder cannot be merged at all.
    public struct MergeError: Error, CustomStringConvertible {
        public var description: String
    }

    public var folder: URL
    /// The batch as the manifests describe it.
    public var manifest: ShardManifest
    /// Every district in batch order: its recorded outcome, or a failed row for a missing one.
    public var outcomes: [DistrictOutcome]
    /// Districts without a finished `district.json` of this batch.
    public var missing: [String]
    /// Districts whose task ended without a plan.
    public var failed: [String]

    /// Reads the manifests and the districts' outcomes below `folder`. Throws `MergeError` when
    /// there is no manifest, one cannot be read, or two describe different batches.
    public static func read(_ folder: URL) throws -> DistrictMerge {
        let shards = folder.appendingPathComponent(ShardManifest.folder, isDirectory: true)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? [])
            .filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else {
            throw MergeError(description: Message.mergeNoManifest(folder: folder.relativePathForDisplay).text)
        }
        var first: (name: String, manifest: ShardManifest)?
        for name in names {
            let path = shards.appendingPathComponent(name)
            let manifest: ShardManifest
            do {
                manifest = try JSONDecoder().decode(ShardManifest.self, from: Data(contentsOf: path))
            } catch {
                throw MergeError(description: Message.mergeManifestUnreadable(
                    file: path.relativePathForDisplay, reason: Self.reason(error)).text)
            }
            if let first, !first.manifest.sameBatch(as: manifest) {
                throw MergeError(description: Message.mergeManifestsDisagree(
                    file: shards.appendingPathComponent(first.name).relativePathForDisplay,
                    other: path.relativePathForDisplay).text)
            }
            if first == nil { first = (name, manifest) }
        }
        let manifest = first!.manifest
        var outcomes: [DistrictOutcome] = [], missing: [String] = [], failed: [String] = []
        for district in manifest.districts {
            let place = folder.appendingPathComponent(district.folder, isDirectory: true)
            if let outcome = DistrictOutcome.read(from: place), outcome.input_digest == district.input_digest,
               outcome.district == district.district {
                outcomes.append(outcome)
                if !outcome.hasPlan { failed.append(district.district) }
            } else {
                missing.append(district.district)
                outcomes.append(DistrictOutcome(
                    missing: district.district, folder: district.folder, communities: district.communities,
                    organizations: district.organizations,
                    error: Message.districtNotSolvedYet(shard: "\(district.task)/\(manifest.shards)").text))
            }
        }
        return DistrictMerge(folder: folder, manifest: manifest, outcomes: outcomes, missing: missing, failed: failed)
    }

    /// The top-level files, as the batch writes them.
    public func files() throws -> [(name: String, contents: Data)] {
        try DistrictOutput.files(outcomes, includeTimings: manifest.include_timings,
                                 byteOrderMark: manifest.byte_order_mark)
    }

    /// Writes `files()` into the folder, all or nothing (`AtomicFiles`).
    public func write() throws {
        try AtomicFiles.write(try files(), into: folder)
    }

    /// A decoding error as the JSON field it is about.
    static func reason(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue): missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            return "\(path(context).isEmpty ? "JSON" : path(context)): \(context.debugDescription)"
        default: return error.localizedDescription
        }
    }
}
