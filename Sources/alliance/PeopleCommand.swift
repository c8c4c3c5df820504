import AllianceKit
import ArgumentParser
import Foundation

/// `alliance people`: stage 3 — party members (双报到) to community posts and orders, solved
/// exactly as a min-cost flow (docs/MODEL.md, "Stage 3").
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Match party members to community posts and orders (领岗, 接单), exactly.",
        discussion: HelpText.discussion("""
            Reads members.csv and posts.csv (sheets 成员 and 岗位) beside the stage-1 lists and \
            writes people.csv (one row per filled seat), posts-open.csv (seats left empty and why) \
            and people.json to the output folder. With --plan, a member whose unit serves a \
            community in that plan is drawn to it (the unit term). With --from, the matches of an \
            earlier people.csv are kept and only the rest is solved (new orders through the week), \
            unless --reassign.
            """,
            examples: ["alliance people lists --plan lists/plan/plan.csv",
                       "alliance people lists --from lists/plan/people.csv --candidates 20",
                       "alliance people lists.xlsx --weight distance=2 --max-distance-km 5 --out people"],
            exits: [.success, .inputError, .notWritten]))

    @Argument(help: ArgumentHelp("Folder holding the lists (communities.csv … members.csv, posts.csv), or an .xlsx "
        + "workbook with them as sheets (… 成员, 岗位).", valueName: "folder-or-xlsx"),
              completion: .file(extensions: ["xlsx"]))
    var folder: String

    @Option(help: ArgumentHelp("Encoding of the CSV files (auto: UTF-8 when valid, else GB18030).", valueName: "encoding"))
    var encoding: EncodingChoice = .auto

    @Option(name: .customLong("plan"),
            help: ArgumentHelp("The stage-1 plan (plan.csv): members follow their unit's alliances (the unit term).",
                               valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var planPath: String?

    @Option(help: ArgumentHelp("Keep the matches of this earlier people.csv and fill only the rest.", valueName: "people.csv"),
            completion: .file(extensions: ["csv"]))
    var from: String?

    @Flag(help: "With --from: start afresh instead of keeping the earlier matches.")
    var reassign = false

    @Option(name: .customLong("weight"), parsing: .singleValue,
            help: ArgumentHelp("A term's weight; repeatable. (default: \(PeopleCommand.defaultWeights))",
                               valueName: "name=value"),
            completion: .list(["fill=", "distance=", "home=", "unit="]),
            transform: PeopleWeight.init(argument:))
    var weights: [PeopleWeight] = []

    @Option(help: ArgumentHelp("A member may not serve in a community farther away than this (kept matches excepted).",
                               valueName: "km"))
    var maxDistanceKm: Double?

    @Option(help: ArgumentHelp("Each member only considers the k nearest communities (and their own).", valueName: "k"))
    var candidates: Int?

    @Option(help: ArgumentHelp("The min-cost flow solver: scaling (cost scaling, the default), okalg (GLPK's "
        + "out-of-kilter) or relax4 (GLPK's RELAX-IV, where this GLPK has it).", valueName: "name"))
    var algorithm: PeopleAlgorithm?

    @Option(help: ArgumentHelp("Output folder (default: plan/ inside the input folder).", valueName: "folder"),
            completion: .directory)
    var out: String?

    @Flag(help: "Print people.json to stdout instead of the summary.")
    var json = false

    @Flag(help: "No warnings and no summary.")
    var quiet = false

    @Flag(help: "Write the CSV files without the UTF-8 byte order mark Excel needs.")
    var noBOM = false

    @Flag(help: "Leave the seconds out of people.json (the same input then gives the same bytes).")
    var noTimings = false

    static var defaultWeights: String {
        let weights = PeopleWeights()
        return PeopleTerm.allCases.map { "\($0.rawValue)=\(formatNumber(weights[$0]))" }.joined(separator: ", ")
    }

    func validate() throws {
        if let candidates, candidates < 1 { throw ValidationError(Message.candidatesAtLeastOne.text) }
        if let limit = maxDistanceKm, !(limit.isFinite && limit >= 0) {
            throw ValidationError(Message.maxDistanceNonNegative.text)
        }
        if reassign, from == nil { throw ValidationError(Message.peopleReassignNeedsFrom.text) }
        if let algorithm, !algorithm.isAvailable {
            throw ValidationError(Message.peopleAlgorithmUnavailable(
                algorithm: algorithm.rawValue, fallback: PeopleAlgorithm.preferred.rawValue).text)
        }
    }

    func run() throws {
        if json { Language.current = .english }
        var options = PeopleOptions(maxDistanceKm: maxDistanceKm, candidates: candidates)
        for weight in weights { options.weights[weight.term] = weight.value }
        let input = PeopleInput(path: folder, encoding: encoding, options: options, planPath: planPath,
                                fromPath: from, reassign: reassign)
        guard input.hasPeopleLists else {
            throw InputErrors([InputError(SourceLocation(file: folder, line: 1, column: 1),
                                          Message.peopleListsMissing(path: folder).text)])
        }
        let loaded = try input.load()
        if !quiet, !json {
            for note in loaded.notes { Console.error(Message.note(note).text) }
            for warning in loaded.warnings { Console.warning(warning) }
        }
        let report = try PeopleRun.solve(loaded.problem, algorithm: algorithm ?? .preferred, warnings: loaded.warnings)
        let folderURL = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? PlanningInput(path: folder).defaultOutputFolder("plan")
        try PeopleRun.write(report, into: folderURL, byteOrderMark: !noBOM, includeTimings: !noTimings)
        if json {
            print(try JSONOutput.text(report.document(includeTimings: !noTimings), as: .people), terminator: "")
        } else if !quiet {
            for line in PeopleSummaryText.lines(report) { print(line) }
            let names = PeopleReport.fileNames.map { folderURL.appendingPathComponent($0).relativePathForDisplay }
            print("wrote       \(names.joined(separator: ", "))")
        }
    }
}

/// The summary lines of stage 3 (`people`, and `solve` on lists with members and posts).
enum PeopleSummaryText {
    static func lines(_ report: PeopleReport) -> [String] {
        let problem = report.problem, evaluation = report.evaluation
        let filled = evaluation.seats.count
        let share = evaluation.totalSeats > 0 ? Format.percent(Double(filled) / Double(evaluation.totalSeats)) : "—"
        func open(_ reason: OpenSeatReason) -> Int {
            evaluation.openPosts.filter { $0.reason == reason }.reduce(0) { $0 + $1.open }
        }
        var lines = [
            Message.peopleMembersLine(members: problem.members.count,
                                      seats: problem.members.reduce(0) { $0 + $1.capacity }).text,
            Message.peoplePostsLine(posts: problem.posts.count, seats: evaluation.totalSeats,
                                    orders: problem.posts.filter { $0.kind == .order }.count).text,
            Message.peopleFilledLine(filled: filled, seats: evaluation.totalSeats, share: share,
                                     home: evaluation.seats.filter(\.isHome).count,
                                     unit: evaluation.seats.filter(\.unitServes).count,
                                     kept: evaluation.seats.filter(\.isKept).count).text,
        ]
        let openSeats = evaluation.openPosts.reduce(0) { $0 + $1.open }
        if openSeats > 0 {
            lines.append(Message.peopleOpenLine(open: openSeats, noSkill: open(.noSkill), tooFar: open(.tooFar),
                                                allBusy: open(.allBusy) + open(.unfilled)).text)
        }
        lines.append(Message.peopleObjectiveLine(objective: String(format: "%.3f", evaluation.objective),
                                                 optimal: report.facts.optimal, method: report.facts.method,
                                                 seconds: Format.seconds(report.facts.seconds)).text)
        return lines
    }

}

/// A weight of the stage-3 objective.
typealias PeopleWeight = NamedWeight<PeopleTerm>

extension PeopleAlgorithm: ExpressibleByArgument {}
