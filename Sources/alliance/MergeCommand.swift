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
        let merge: DistrictMerge
        do {
            merge = try DistrictMerge.read(root)
        } catch let error as DistrictMerge.MergeError {
            Console.error("alliance: \(error.description)")
            throw ExitCode(4)
        }
        try merge.write()
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
            print(try JSONOutput.text(SolveSummaryDocument(runs: runs, folder: root.relativePathForDisplay,
                                                           files: DistrictOutput.fileNames),
                                      as: .solveSummary), terminator: "")
        } else if !quiet {
            print(DistrictSummary.text(merge.outcomes, folder: root))
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
