import AllianceKit
import ArgumentParser
import Foundation

/// `alliance solve` on lists with a `district` (区县) column: the library's `DistrictBatchRun`
/// plans every district on its own, `--jobs` at once, into `<out>/<district>/` and writes the
/// combined files; this draws the progress bar and prints the warnings, failures and the table.
/// A failing district does not stop the others; it makes the exit status 2. Without `--gap` each
/// district stops at the batch's default gap (`DistrictBatchRun.defaultGap`); the stopping rule
/// is said once on stderr before the districts start, and with `--time-budget` how much of the
/// budget was used once they are done.
extension SolveCommand {
    func runDistricts(_ instance: Instance, cancellation: CancellationFlag) throws {
        let folder = outputFolder
        let (districts, options) = try model.districts(of: instance, quiet: quiet)
        // Stage 3 is not split by district (members may serve across a district border): say how
        // to run it over the whole city once the plans are written.
        if !quiet, PeopleInput(path: model.folder, encoding: model.encoding).hasPeopleLists {
            Console.warning(Message.peopleNotInBatch(lists: model.folder,
                                                     plan: folder.appendingPathComponent("plan.csv").path).text)
        }
        var run = runOptions
        run.relativeGap = gap ?? DistrictBatchRun.defaultGap
        let budget = timeBudget.map { BatchTimeBudget(seconds: $0, solveLimit: timeLimit) }
        let shard = try districtShard()
        // One batch, or one per scenario into its own folder (`ScenarioBatch`).
        let scenarioBatch = try scenarios.map { ScenarioBatch(try ScenarioReader.read(file: URL(fileURLWithPath: $0),
                                                                                     encoding: model.encoding)) }
        let scenarioTasks = scenarioBatch?.tasks(districts: districts, shard: shard)
        struct Part {
            var scenario: Scenario?
            var folder: URL
            var batch: DistrictBatchRun
            var planning: PlanningOptions
            var layout: DistrictBatchLayout
        }
        var parts: [Part] = []
        for k in scenarioBatch?.scenarios.indices ?? 0..<1 {
            let scenario = scenarioBatch?.scenarios[k]
            var batch = DistrictBatchRun(input: model.input, options: scenario.map { ScenarioBatch.runOptions($0, over: run) } ?? run,
                                         timeBudget: budget, jobs: jobCount, cancellation: cancellation)
            batch.shard = shard
            batch.resume = !force
            let planning = scenario.map { $0.apply(to: options) } ?? options
            let layout = batch.layout(districts, options: planning, tasks: scenarioTasks?[k],
                                      scenario: scenario.map { ($0.name, k) })
            parts.append(Part(scenario: scenario,
                              folder: scenarioBatch.map { folder.appendingPathComponent($0.folders[k], isDirectory: true) } ?? folder,
                              batch: batch, planning: planning, layout: layout))
        }
        let bar = DistrictProgressBar(total: parts.reduce(0) { $0 + $1.layout.positions.count },
                                      enabled: !quiet && Console.stderrIsTerminal)
        let quiet = self.quiet, logPhases = self.logPhases
        for k in parts.indices {
            let place = parts[k].folder, label = parts[k].scenario.map { "\($0.name)/" } ?? ""
            parts[k].batch.districtStarted = { _, _ in bar.started() }
            parts[k].batch.districtFinished = { _, result in bar.finished(failed: !result.hasPlan) }
            parts[k].batch.districtSkipped = { _, result in
                if !quiet {
                    Console.error(Message.districtSkipped(
                        district: label + result.district,
                        folder: place.appendingPathComponent(result.folder).relativePathForDisplay).text)
                }
                bar.started()
                bar.finished(failed: false)
            }
            if logPhases { parts[k].batch.phaseLog = { district, event in Console.error("[\(label)\(district)] " + event.line) } }
            if shard != nil { try parts[k].batch.writeManifest(parts[k].layout, into: place) }
        }
        if !quiet {
            Console.error(stoppingRule(gap: run.relativeGap, budget: budget,
                                       districts: parts.reduce(0) { $0 + $1.layout.positions.count }))
        }
        let clock = Deadline.unlimited()
        var all: [DistrictResult] = [], compared: [(name: String, outcomes: [DistrictOutcome])] = []
        for part in parts where !cancellation.isCancelled || all.isEmpty {  // Ctrl-C: no further scenario
            var results = part.batch.solveAll(districts, options: part.planning, into: part.folder, layout: part.layout)
            if shard == nil {
                try part.batch.writeSummary(results, into: part.folder)
                if let scenario = part.scenario {
                    compared.append((scenario.name, try results.map { try DistrictOutcome($0, includeTimings: !noTimings) }))
                }
            }
            if let scenario = part.scenario {  // named and placed below the output folder for the summary
                for i in results.indices {
                    results[i].district = scenario.name + "/" + results[i].district
                    results[i].folder = part.folder.lastPathComponent + "/" + results[i].folder
                }
            }
            all += results
        }
        bar.finish()
        if scenarioBatch != nil && shard == nil {
            try AtomicFiles.write([(ScenarioTable.fileName, ScenarioTable.csv(compared, byteOrderMark: !noBOM))], into: folder)
        }
        try report(all, folder: folder, shard: shard, budget: budget, seconds: clock.elapsed,
                   scenarioFolders: scenarioBatch?.folders)
    }

    /// Warnings, failures, the table (or JSON) and the exit status of a batch.
    private func report(_ results: [DistrictResult], folder: URL, shard: DistrictShard?, budget: BatchTimeBudget?,
                        seconds: Double, scenarioFolders: [String]?) throws {
        if let budget, !quiet { Console.error(Self.budgetUsed(budget, seconds: seconds, results: results)) }
        let failed = results.filter { !$0.hasPlan }
        for result in results where !quiet {
            for warning in result.report?.problem.warnings ?? [] { Console.warning("\(result.district): \(warning)") }
            for repair in result.report?.start?.repairs ?? [] { Console.warning("\(result.district): \(repair)") }
        }
        for result in failed { Console.error("alliance: " + Message.districtFailed(district: result.district, error: result.error).text) }
        var topFiles = shard == nil ? DistrictOutput.fileNames : []
        if let scenarioFolders, shard == nil {
            topFiles = [ScenarioTable.fileName] + scenarioFolders.flatMap { name in DistrictOutput.fileNames.map { "\(name)/\($0)" } }
        }
        if json {
            print(try JSONOutput.text(Self.summaryDocument(results, folder: folder, files: topFiles, includeTimings: !noTimings),
                                      as: .solveSummary), terminator: "")
        } else if !quiet {
            print(DistrictSummary.text(results, folder: folder, files: topFiles))
        }
        if let shard, !quiet {
            let skipped = results.filter { $0.restored != nil }.count
            Console.error(Message.shardDone(shard: shard.label, solved: results.count - skipped - failed.count,
                                            skipped: skipped, failed: failed.count,
                                            folder: folder.relativePathForDisplay).text)
        }
        if !failed.isEmpty {
            Console.error(Message.districtsWithoutPlan(
                count: failed.count, of: results.count,
                file: folder.appendingPathComponent(shard == nil && scenarioFolders == nil ? "districts.csv" : "<district>/district.json")
                    .relativePathForDisplay).text)
            throw ExitCode(2)
        }
    }
}

extension SolveCommand {
    /// The line saying when each district stops, e.g. `stopping rule: each district stops once
    /// proven within 0.5 % (--gap, the batch default) or after 60 s (--time-limit), 2 at once`.
    func stoppingRule(gap: Double, budget: BatchTimeBudget?, districts: Int) -> String {
        let within = gap > 0 ? Format.percent(gap) : nil, batchDefault = self.gap == nil
        let atOnce = BatchTimeBudget.workers(jobs: jobCount, districts: districts)
        guard let budget else {
            return Message.stoppingRule(gap: within, batchDefault: batchDefault,
                                        timeLimit: Format.seconds(timeLimit ?? Self.defaultTimeLimit), atOnce: atOnce).text
        }
        return Message.stoppingRuleBudget(
            gap: within, batchDefault: batchDefault, districts: districts, budget: Format.seconds(budget.seconds),
            atOnce: atOnce, firstShare: Format.seconds(budget.firstShare(districts: districts, jobs: jobCount)),
            cap: budget.solveLimit.map { Format.seconds($0) }).text
    }

    /// `solve --json` for a batch: each district's result with the files in its folder, and the
    /// combined files.
    static func summaryDocument(_ results: [DistrictResult], folder: URL, files topFiles: [String] = DistrictOutput.fileNames,
                                includeTimings: Bool) -> SolveSummaryDocument {
        SolveSummaryDocument(runs: results.map { result in
            let districtFolder = folder.appendingPathComponent(result.folder, isDirectory: true)
            let files = PlanReport.fileNames.filter {
                FileManager.default.fileExists(atPath: districtFolder.appendingPathComponent($0).path)
            }
            if let restored = result.restored {
                return .init(restored: restored, folder: districtFolder.relativePathForDisplay, files: files)
            }
            guard let report = result.report else {
                return .init(district: result.district, error: result.error ?? "failed")
            }
            return .init(district: result.district, report: report, folder: districtFolder.relativePathForDisplay,
                         files: files, includeTimings: includeTimings)
        }, folder: folder.relativePathForDisplay, files: topFiles)
    }

    /// How much of the budget the batch used and which districts had a second pass.
    static func budgetUsed(_ budget: BatchTimeBudget, seconds: Double, results: [DistrictResult]) -> String {
        let again = results.filter { $0.passes > 1 }.map(\.district)
        return Message.timeBudgetUsed(used: Format.seconds(seconds), budget: Format.seconds(budget.seconds),
                                      secondPass: again.count, districts: again.joined(separator: ", ")).text
    }
}

/// The table printed after a batch run.
enum DistrictSummary {
    static func text(_ results: [DistrictResult], folder: URL, files: [String] = DistrictOutput.fileNames) -> String {
        text(rows: results.map { ($0.district, $0.status, $0.objective, $0.gap, $0.seconds) }, folder: folder, files: files)
    }

    /// The same table from the districts' outcomes (`alliance merge`).
    static func text(_ outcomes: [DistrictOutcome], folder: URL, files: [String]) -> String {
        text(rows: outcomes.map { ($0.district, $0.status, $0.objective, $0.gap, $0.seconds) }, folder: folder, files: files)
    }

    static func text(rows results: [(district: String, status: String, objective: Double?, gap: Double?, seconds: Double?)],
                     folder: URL, files: [String]) -> String {
        var rows = [[Message.Column.district, .status, .objective, .gap, .time].map { Message.column($0).text }]
        for result in results {
            let status = SolveStatus(rawValue: result.status).map { Message.statusWord($0).text } ?? Message.statusFailedWord.text
            rows.append([result.district, status, result.objective.map(Format.objective) ?? "—",
                         result.gap.map(Format.percent) ?? "—", result.seconds.map(Format.seconds) ?? "—"])
        }
        var lines = [TextTable.render(rows)]
        let names = files.map { folder.appendingPathComponent($0).relativePathForDisplay }
        if !names.isEmpty { lines.append(Message.wroteDistrictFiles(files: names.joined(separator: ", ")).text) }
        return lines.joined(separator: "\n")
    }
}

/// A progress bar over districts on stderr, redrawn when a district starts or ends and once a
/// second: `districts [#####.....] 5/10 done, 1 failed, 2 running, 42 s`. Silent when disabled.
final class DistrictProgressBar: Sendable {
    private struct Counts {
        var done = 0, failed = 0, running = 0
        var timer: DispatchSourceTimer?
    }

    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let counts = Locked(Counts())

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        guard enabled else { return }
        let timer = ProgressLine.everySecond { [weak self] in self?.render() }
        counts.withLock { $0.timer = timer }
    }

    func started() { change { $0.running += 1 } }
    func finished(failed: Bool) {
        change {
            $0.running -= 1
            $0.done += 1
            if failed { $0.failed += 1 }
        }
    }

    /// Clears the bar and stops the ticker.
    func finish() {
        guard enabled else { return }
        counts.withLock { counts in
            counts.timer?.cancel()
            counts.timer = nil
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }

    private func change(_ body: (inout Counts) -> Void) {
        counts.withLock { body(&$0) }
        render()
    }

    private func render() {
        guard enabled else { return }
        counts.withLock { counts in
            let width = 20, filled = total > 0 ? counts.done * width / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let text = Message.districtProgress(bar: bar, done: counts.done, total: total, failed: counts.failed,
                                                running: counts.running,
                                                seconds: Format.seconds(Date().timeIntervalSince(start))).text
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }
}
