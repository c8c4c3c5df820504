import AllianceKit
import ArgumentParser
import Foundation

/// `alliance claim`: stage 2 alone — the alliances of a given plan (perhaps edited by hand) claim
/// their communities' projects.
struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Let each alliance of a given plan claim its community's projects (领单).",
        discussion: HelpText.discussion("""
            Writes projects.csv (one row per project: who claimed it, or why nobody did) and \
            claims.json (the totals) to the output folder. A plan that breaks a stage-1 rule is \
            still claimed, with a warning per broken rule.
            """,
            examples: ["alliance claim lists.xlsx --plan plan/plan.csv --out plan"],
            exits: [.success, .inputError, .notWritten]))

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("plan"),
            help: ArgumentHelp("The plan whose alliances claim (plan.csv as `solve` writes it).", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var planPath: String

    @Option(help: ArgumentHelp("Output folder (default: plan/ inside the input folder).", valueName: "folder"),
            completion: .directory)
    var out: String?

    @Option(help: ArgumentHelp("Communities claimed at once, each on its own thread (default: the number of cores, "
        + "at most 8).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "No warnings and no summary.")
    var quiet = false

    @Flag(help: "Write projects.csv without the UTF-8 byte order mark Excel needs.")
    var noBOM = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError(Message.claimJobsAtLeastOne.text) }
    }

    func run() throws {
        let problem = try model.loadProblem()
        let rows = try PlanningInput.readPlan(planPath)
        let (plan, evaluation) = try ClaimRun.evaluate(rows, in: problem)
        if !quiet {
            for warning in problem.warnings { Console.warning(warning) }
            for violation in evaluation.violations { Console.error(Message.warning(Message.planBreaksRule("\(violation)").text).text) }
        }
        if problem.instance.projects.isEmpty, !quiet {
            Console.error(Message.warning(Message.noProjectsFile(folder: "\(model.folder)").text).text)
        }
        let folder = out.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? model.defaultOutputFolder("plan")
        let claims = try ClaimRun(settings: ClaimSettings(threads: jobs ?? ClaimSettings.defaultThreads), byteOrderMark: !noBOM)
            .run(plan, in: problem, into: folder)
        if !quiet {
            print(ClaimSummaryText.line(claims))
            let names = ClaimRun.fileNames.map { folder.appendingPathComponent($0).relativePathForDisplay }
            print("wrote       \(names.joined(separator: ", "))")
        }
    }
}

/// The human line about stage 2 in `solve` and `claim` summaries.
enum ClaimSummaryText {
    static func line(_ claims: ClaimResult) -> String {
        let reasons = UnclaimedReason.allCases.compactMap { reason -> String? in
            let count = claims.unclaimedCount(reason)
            return count == 0 ? nil : Message.unclaimed(count: count, reason).text
        }
        return Message.claimsLine(claimed: claims.claims.count, total: claims.claims.count + claims.unclaimed.count,
                                  value: Format.number(claims.claimedValue), totalValue: Format.number(claims.totalValue),
                                  share: claims.totalValue > 0 ? Format.percent(claims.claimedValue / claims.totalValue) : nil,
                                  unclaimed: reasons.isEmpty ? nil : reasons.joined(separator: ", "),
                                  proven: claims.allOptimal).text
    }
}
