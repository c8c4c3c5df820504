import Foundation

/// Which districts of a batch one task of an array job solves (`alliance solve --shard I/N`):
/// task `index` of `count`. Every task reads the same lists, so every task works out the same
/// split and together they solve each district exactly once.
///
/// - `modulo` (the default): the districts sorted by name (byte order of their UTF-8), and task
///   I takes those at positions ≡ I (mod N). Simple to predict: district k of the sorted list is
///   in task k mod N.
/// - `size`: balanced by work, largest first — districts ordered by communities × units
///   (largest first, ties by name), each given to the task with the least work so far (ties to
///   the lower index). For cities whose districts differ a lot in size.
///
/// `auto` takes the index from the scheduler: Slurm's `SLURM_ARRAY_TASK_ID` (made 0-based by
/// `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_STEP`, so `--array=1-10` works too) or
/// Kubernetes' `JOB_COMPLETION_INDEX`; the count from `/N` or Slurm's `SLURM_ARRAY_TASK_COUNT`.
public struct DistrictShard: Sendable, Equatable {
    public enum Split: String, Sendable, CaseIterable, Codable {
        case modulo, size
    }

    /// This task, 0-based.
    public var index: Int
    /// How many tasks share the batch.
    public var count: Int
    public var split: Split

    public init(index: Int, count: Int, split: Split = .modulo) {
        self.index = index
        self.count = count
        self.split = split
    }

    /// Why a `--shard` value cannot be used; the message names what to fix.
    public struct UsageError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `I/N`, `auto/N` or `auto` against `environment` (the process's by default).
    public static func parse(_ text: String, split: Split = .modulo,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DistrictShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count) else { throw UsageError(description: Message.shardForm(got: text).text) }
        let count: Int
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 1 else { throw UsageError(description: Message.shardForm(got: text).text) }
            count = n
        } else if parts[0] == "auto" {
            guard let n = environment["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }), n >= 1 else {
                throw UsageError(description: Message.shardCountMissing.text)
            }
            count = n
        } else {
            throw UsageError(description: Message.shardForm(got: text).text)
        }
        let index: Int
        if parts[0] == "auto" {
            index = try schedulerIndex(environment)
        } else {
            guard let i = Int(parts[0]) else { throw UsageError(description: Message.shardForm(got: text).text) }
            index = i
        }
        guard (0..<count).contains(index) else {
            throw UsageError(description: Message.shardIndexOutOfRange(index: index, count: count).text)
        }
        return DistrictShard(index: index, count: count, split: split)
    }

    /// The 0-based task index the scheduler gave this process.
    static func schedulerIndex(_ environment: [String: String]) throws -> Int {
        if let text = environment["SLURM_ARRAY_TASK_ID"] {
            guard let id = Int(text) else { throw UsageError(description: Message.shardBadVariable(name: "SLURM_ARRAY_TASK_ID", value: text).text) }
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
            let step = max(1, environment["SLURM_ARRAY_TASK_STEP"].flatMap { Int($0) } ?? 1)
            return (id - minimum) / step
        }
        if let text = environment["JOB_COMPLETION_INDEX"] {
            guard let id = Int(text) else { throw UsageError(description: Message.shardBadVariable(name: "JOB_COMPLETION_INDEX", value: text).text) }
            return id
        }
        throw UsageError(description: Message.shardIndexMissing.text)
    }

    /// The positions (in `districts`' order) this task solves, ascending. `sizes` are each
    /// district's communities × units, used by the `size` split.
    public func positions(names: [String], sizes: [Int]) -> [Int] {
        let task = Self.assignment(names: names, sizes: sizes, count: count, split: split)
        return task.indices.filter { task[$0] == index }
    }

    /// The task of every district, in `names`' order.
    public static func assignment(names: [String], sizes: [Int], count: Int, split: Split) -> [Int] {
        func byName(_ a: Int, _ b: Int) -> Bool {
            let x = Array(names[a].utf8), y = Array(names[b].utf8)
            return x.lexicographicallyPrecedes(y) || (x == y && a < b)
        }
        var task = [Int](repeating: 0, count: names.count)
        switch split {
        case .modulo:
            for (position, district) in names.indices.sorted(by: byName).enumerated() { task[district] = position % count }
        case .size:
            var load = [Int](repeating: 0, count: count)
            let order = names.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : byName($0, $1) }
            for district in order {
                let lightest = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
                task[district] = lightest
                load[lightest] += sizes[district]
            }
        }
        return task
    }

    /// `I/N` as the files and messages show it.
    public var label: String { "\(index)/\(count)" }
}
