import Foundation

/// A batch by district under several scenarios (`alliance solve --scenarios scenarios.csv`):
/// every district solved once per scenario, each scenario a batch of its own in
/// `<out>/<scenario>/` (its districts' folders and combined files, as a batch without scenarios
/// writes them into `<out>/`), and `<out>/compare-scenarios.csv` with every district under every
/// scenario. Split over an array job (`--shard`), the tasks share the districts × scenarios pairs:
/// sorted by scenario name, then district name (UTF-8 bytes), every N-th (`modulo`), or balanced
/// by size (`size`), so one array job covers them all.
public struct ScenarioBatch: Sendable {
    public var scenarios: [Scenario]
    /// Each scenario's folder below the output folder (`FolderNames`), in order.
    public var folders: [String]

    public init(_ scenarios: [Scenario]) {
        self.scenarios = scenarios
        folders = FolderNames.unique(scenarios.map(\.name))
    }

    /// The run options of `scenario` over the command's: its time limit, gap and priorities.
    public static func runOptions(_ scenario: Scenario, over base: RunOptions) -> RunOptions {
        var options = base
        if let timeLimit = scenario.timeLimit { options.timeLimit = timeLimit }
        if let gap = scenario.gap { options.relativeGap = gap }
        if let priorities = scenario.priorities { options.priorities = priorities }
        return options
    }

    /// For each scenario, the task of each district when the pairs are split over `shard.count`
    /// tasks; nil without a shard.
    public func tasks(districts: [DistrictInstance], shard: DistrictShard?) -> [[Int]]? {
        guard let shard else { return nil }
        let names = scenarios.flatMap { scenario in districts.map { scenario.name + "\n" + $0.name } }
        let sizes = scenarios.flatMap { _ in districts.map { $0.instance.communities.count * $0.instance.organizations.count } }
        let task = DistrictShard.assignment(names: names, sizes: sizes, count: shard.count, split: shard.split)
        return scenarios.indices.map { Array(task[$0 * districts.count ..< ($0 + 1) * districts.count]) }
    }
}
