import AllianceKit
import ArgumentParser
import Foundation

/// `alliance compare`: the same lists through several strategies, in one table.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several strategies on the same lists and compare objective, terms, gap and time.",
        discussion: HelpText.discussion(
            examples: [
                "alliance compare models/examples/caofeidian --time-limit 30",
                "alliance compare lists.xlsx --strategies local,exact --out compare",
            ],
            exits: [.success, .inputError, .noPlan, .notWritten]))

    @OptionGroup var model: ModelOptions
    @OptionGroup var size: SizeOptions

    @Option(help: ArgumentHelp("Comma-separated strategies: \(StrategyName.allCases.map(\.rawValue).joined(separator: ", ")) "
        + "(default: all).", valueName: "name,name,…"),
            completion: .list(StrategyName.allCases.map(\.rawValue)), transform: StrategyName.list)
    var strategies: [StrategyName] = StrategyName.allCases

    @Option(help: ArgumentHelp("Seconds each strategy may take.", valueName: "seconds"))
    var timeLimit: Double = 60

    @Option(help: ArgumentHelp("Folder for compare.csv and compare.json, with district lists one subfolder per district "
        + "(default: compare/ inside the input folder, or beside the workbook).", valueName: "folder"),
            completion: .directory)
    var out: String?

    @Flag(help: "Write compare.csv without the byte order mark that tells Excel it is UTF-8.")
    var noBOM = false

    @Flag(help: "No progress line.")
    var quiet = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0 else { throw ValidationError(Message.timeLimitPositive.text) }
        guard !strategies.isEmpty else { throw ValidationError(Message.strategiesNeedOne.text) }
    }

    func run() throws {
        let instance = try model.loadInstance(quiet: quiet)
        if DistrictSplit.hasDistricts(instance) { return try runDistricts(instance) }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        try size.check(problem)
        let comparison = compare(problem, phase: "")
        try write(comparison, into: outputFolder)
        print(table(comparison))
        print(wroteLine(outputFolder))
        if comparison.rows.allSatisfy({ $0.evaluation == nil }) { throw ExitCode(2) }
    }

    /// `--out`, or compare/ inside the input folder (beside the workbook).
    var outputFolder: URL {
        out.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? model.defaultOutputFolder("compare")
    }

    /// Every strategy on `problem` (`ComparisonRun`), with a progress line whose phase starts with `phase`.
    func compare(_ problem: Problem, phase: String) -> Comparison {
        let progressLine = ProgressLine(enabled: !quiet && Console.stderrIsTerminal)
        let run = ComparisonRun(strategies: strategies, timeLimit: timeLimit, progress: { progressLine.update($0) },
                                strategyStarted: { progressLine.setPhase(phase + $0.rawValue) })
        let comparison = run.run(problem)
        progressLine.finish()
        return comparison
    }

    /// compare.csv and compare.json into `folder`.
    func write(_ comparison: Comparison, into folder: URL) throws {
        try ComparisonRun.write(comparison, into: folder, byteOrderMark: !noBOM)
    }

    /// The line naming the files written into `folder`.
    func wroteLine(_ folder: URL) -> String {
        let written = Comparison.fileNames.map { folder.appendingPathComponent($0).relativePathForDisplay }
        return Message.wroteFile(path: written.joined(separator: ", ")).text
    }

    func table(_ comparison: Comparison) -> String {
        let header: [Message.Column] = [.strategy, .status, .objective, .coverage, .balance, .distance, .preference, .keep,
                                        .gap, .time]
        var rows = [header.map { Message.column($0).text }]
        for row in comparison.rows {
            guard let evaluation = row.evaluation else {
                rows.append([row.strategy, Message.noPlanCell.text, "—", "", "", "", "", "", "", Format.seconds(row.seconds)])
                continue
            }
            let terms = evaluation.terms
            rows.append([row.strategy, row.status.map { Message.statusWord($0).text } ?? "", Format.objective(evaluation.objective),
                         Format.percent(terms.coverage), String(format: "%.4f", terms.balance),
                         String(format: "%.4f", terms.distance), Format.number(terms.preference),
                         Format.percent(terms.keep), comparison.gap(row).map(Format.percent) ?? "—",
                         Format.seconds(row.seconds)])
        }
        var text = TextTable.render(rows)
        if let bound = comparison.bestBound { text += "\n" + Message.bestProvenBound(Format.objective(bound)).text }
        for row in comparison.rows {
            if let failure = row.failure { text += "\n" + Message.strategyFailed(strategy: row.strategy, error: failure).text }
        }
        return text
    }
}

/// Left-aligned columns padded by terminal columns (`Message.columns`: a Chinese character takes
/// two), as the per-district tables are.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Message.columns(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in Message.padded(cell, to: widths[i]) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
