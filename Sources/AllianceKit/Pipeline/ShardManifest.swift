import Foundation

/// A batch of districts as one process sees it before solving (`DistrictBatchRun.layout`): the
/// districts' names, their folders and digests, and — split over the tasks of an array job —
/// which task solves each.
public struct DistrictBatchLayout: Sendable {
    public var names: [String]
    /// The folder below the output folder of each district.
    public var folders: [String]
    /// Each district's `DistrictResume` digest.
    public var digests: [String]
    /// Each district's communities and organizations (as listed).
    public var sizes: [(communities: Int, organizations: Int)]
    /// The task of each district when the batch is split (`DistrictShard.assignment`); nil: one process.
    public var tasks: [Int]?
    public var shard: DistrictShard?

    /// The positions this process solves.
    public var positions: [Int] {
        guard let tasks, let shard else { return Array(names.indices) }
        return tasks.indices.filter { tasks[$0] == shard.index }
    }
}

/// `shards/shard-I-of-N.json` at the top of a sharded batch's output folder, written by each
/// task before it solves: the whole batch (every district's name, folder, digest and task) and
/// the options that shape the top-level files. `alliance merge` reads every manifest there,
/// requires them to describe the same batch, and combines the districts' `district.json` files
/// whose digest matches (`DistrictMerge`).
public struct ShardManifest: Codable, Sendable, Equatable {
    /// The folder of the manifests below the output folder (a reserved folder name).
    public static let folder = "shards"

    public struct District: Codable, Sendable, Equatable {
        public var district: String
        public var folder: String
        public var input_digest: String
        /// Its communities and organizations (as listed), for the row of a district still missing.
        public var communities: Int
        public var organizations: Int
        /// The 0-based task that solves it.
        public var task: Int
    }

    /// This task (0-based) and the number of tasks.
    public var shard: Int
    public var shards: Int
    /// `modulo` or `size` (`DistrictShard.Split`).
    public var split: String
    /// How the top-level files are written: with timings, with the CSV byte order mark.
    public var include_timings: Bool
    public var byte_order_mark: Bool
    public var districts: [District]

    /// The manifest of a sharded layout; nil without a shard.
    public init?(_ layout: DistrictBatchLayout, options: RunOptions) {
        guard let shard = layout.shard, let tasks = layout.tasks else { return nil }
        self.shard = shard.index
        shards = shard.count
        split = shard.split.rawValue
        include_timings = options.includeTimings
        byte_order_mark = options.byteOrderMark
        districts = layout.names.indices.map {
            District(district: layout.names[$0], folder: layout.folders[$0], input_digest: layout.digests[$0],
                     communities: layout.sizes[$0].communities, organizations: layout.sizes[$0].organizations,
                     task: tasks[$0])
        }
    }

    /// `shard-3-of-10.json`.
    public var fileName: String { "shard-\(shard)-of-\(shards).json" }

    public func data() throws -> Data { try JSONOutput.encode(self, as: .shard) }

    /// Whether two manifests describe the same batch (the same districts, folders, digests,
    /// split and output options; they differ only in which task wrote them).
    public func sameBatch(as other: ShardManifest) -> Bool {
        shards == other.shards && split == other.split && include_timings == other.include_timings
            && byte_order_mark == other.byte_order_mark && districts == other.districts
    }
}
