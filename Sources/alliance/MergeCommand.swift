import AllianceKit
import ArgumentParser
import Foundation

/// `alliance merge`: once every task of a sharded batch (`alliance solve --shard`) has finished,
/// writes the combined `plan.csv`, `districts.csv`, `plan.xlsx` and `report.html` at the top of
/// the output folder from the districts' folders (`DistrictMerge`), and names the districts
/// still missing or failed.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the district folders that the tasks of `solve --shard` wrote into the batch's top-level files.",
        discussion: HelpText.discussion("""
            Reads shards/shard-*.json and each district's district.json below the folder, from any \
            number of tasks in any order, and writes plan.csv, districts.csv, plan.xlsx and \
            report.html as a one-machine batch writes them (byte for byte with --no-timings). \
            Districts not yet written, or written from other lists or options, are listed as \
            missing; the files are written all the same, with those districts as failed rows.
            """,
            examples: ["alliance merge city/plan", "alliance merge city/plan --json"],
            exits: [.success, .noPlanMerged, .notWritten]))

    @Argument(help: ArgumentHelp("The output folder the tasks wrote into (their --out).", valueName: "folder"),
              completion: .directory)
    var folder: String

    @Flag(help: "Print what was merged as JSON on stdout (solve --json's summary, one run per district; docs/JSON.md).")
    var json = false

    @Flag(help: "No summary.")
    var quiet = false

    func run() throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        var merges: [(scenario: String?, merge: DistrictMerge)] = []
        do {
            if !FileManager.default.fileExists(atPath: root.appendingPathComponent(ShardManifest.folder).path),
               let scenarios = try DistrictMerge.readScenarios(root) {
                merges = scenarios.map { ($0.name, $0.merge) }
            } else {
                merges = [(nil, try DistrictMerge.read(root))]
            }
        } catch let error as DistrictMerge.MergeError {
            Console.error("alliance: \(error.description)")
            throw ExitCode(4)
        }
        for (_, merge) in merges { try merge.write() }
        if merges.first?.scenario != nil {
            let table = merges.map { (name: $0.scenario ?? "", outcomes: $0.merge.outcomes) }
            try AtomicFiles.write([(ScenarioTable.fileName,
                                    ScenarioTable.csv(table, byteOrderMark: merges[0].merge.manifest.byte_order_mark))],
                                  into: root)
        }
        // For the summary: every district of every scenario, named `scenario/district`.
        var merge = (outcomes: [DistrictOutcome](), missing: [String](), failed: [String]())
        for (scenario, part) in merges {
            let prefix = scenario.map { _ in part.folder.lastPathComponent + "/" } ?? ""
            let name = scenario.map { "\($0)/" } ?? ""
            merge.outcomes += part.outcomes.map { outcome in
                var copy = outcome
                copy.district = name + outcome.district
                copy.folder = prefix + outcome.folder
                return copy
            }
            merge.missing += part.missing.map { name + $0 }
            merge.failed += part.failed.map { name + $0 }
        }
        // The combined files written: at the top, or per scenario beside compare-scenarios.csv.
        let topFiles = merges.first?.scenario == nil ? DistrictOutput.fileNames
            : [ScenarioTable.fileName] + merges.flatMap { part in
                DistrictOutput.fileNames.map { "\(part.merge.folder.lastPathComponent)/\($0)" }
            }
        if json {
            let runs = merge.outcomes.map { outcome -> SolveSummaryDocument.Run in
                guard outcome.hasPlan else {
                    return .init(district: outcome.district, error: outcome.error ?? "failed")
                }
                let place = root.appendingPathComponent(outcome.folder, isDirectory: true)
                let files = PlanReport.fileNames.filter {
                    FileManager.default.fileExists(atPath: place.appendingPathComponent($0).path)
                }
                return .init(restored: outcome, folder: place.relativePathForDisplay, files: files)
            }
            print(try JSONOutput.text(SolveSummaryDocument(runs: runs, folder: root.relativePathForDisplay, files: topFiles),
                                      as: .solveSummary), terminator: "")
        } else if !quiet {
            print(DistrictSummary.text(merge.outcomes, folder: root, files: topFiles))
        }
        let total = merge.outcomes.count
        if !merge.missing.isEmpty {
            Console.error("alliance: " + Message.mergeMissing(count: merge.missing.count, of: total,
                                                              districts: merge.missing.joined(separator: ", ")).text)
        }
        if !merge.failed.isEmpty {
            Console.error("alliance: " + Message.mergeFailed(count: merge.failed.count, of: total,
                                                             districts: merge.failed.joined(separator: ", ")).text)
        }
        if !merge.missing.isEmpty || !merge.failed.isEmpty { throw ExitCode(2) }
    }
}

extension HelpText.Exit {
    static let noPlanMerged = Self(code: 2, meaning: "a district is missing or failed (named on stderr)")
}
