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
        let bar = DistrictProgressBar(total: districts.count, enabled: !quiet && Console.stderrIsTerminal)
        var run = runOptions
        run.relativeGap = gap ?? DistrictBatchRun.defaultGap
        let budget = timeBudget.map { BatchTimeBudget(seconds: $0, solveLimit: timeLimit) }
        var batch = DistrictBatchRun(
            input: model.input, options: run, timeBudget: budget, jobs: jobCount, cancellation: cancellation,
            districtStarted: { _, _ in bar.started() },
            districtFinished: { _, result in bar.finished(failed: result.report == nil) })
        if logPhases { batch.phaseLog = { district, event in Console.error("[\(district)] " + event.line) } }
        if !quiet { Console.error(stoppingRule(gap: run.relativeGap, budget: budget, districts: districts.count)) }
        let clock = Deadline.unlimited()
        let results = batch.solveAll(districts, options: options, into: folder)
        bar.finish()
        if let budget, !quiet { Console.error(Self.budgetUsed(budget, seconds: clock.elapsed, results: results)) }
        try batch.writeSummary(results, into: folder)
        let failed = results.filter { $0.report == nil }
        for result in results where !quiet {
            for warning in result.report?.problem.warnings ?? [] { Console.warning("\(result.district): \(warning)") }
            for repair in result.report?.start?.repairs ?? [] { Console.warning("\(result.district): \(repair)") }
        }
        for result in failed { Console.error("alliance: " + Message.districtFailed(district: result.district, error: result.error).text) }
        if json {
            print(try JSONOutput.text(Self.summaryDocument(results, folder: folder, includeTimings: !noTimings),
                                      as: .solveSummary), terminator: "")
        } else if !quiet {
            print(DistrictSummary.text(results, folder: folder))
        }
        if !failed.isEmpty {
            Console.error(Message.districtsWithoutPlan(
                count: failed.count, of: results.count,
                file: folder.appendingPathComponent("districts.csv").relativePathForDisplay).text)
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
    static func summaryDocument(_ results: [DistrictResult], folder: URL, includeTimings: Bool) -> SolveSummaryDocument {
        SolveSummaryDocument(runs: results.map { result in
            guard let report = result.report else {
                return .init(district: result.district, error: result.error ?? "failed")
            }
            let districtFolder = folder.appendingPathComponent(result.folder, isDirectory: true)
            let files = PlanReport.fileNames.filter {
                FileManager.default.fileExists(atPath: districtFolder.appendingPathComponent($0).path)
            }
            return .init(district: result.district, report: report, folder: districtFolder.relativePathForDisplay,
                         files: files, includeTimings: includeTimings)
        }, folder: folder.relativePathForDisplay, files: DistrictOutput.fileNames)
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
    static func text(_ results: [DistrictResult], folder: URL) -> String {
        var rows = [[Message.Column.district, .status, .objective, .gap, .time].map { Message.column($0).text }]
        for result in results {
            rows.append([result.district, result.status,
                         result.report.map { Format.objective($0.evaluation.objective) } ?? "—",
                         result.report?.gap.map(Format.percent) ?? "—", Format.seconds(result.seconds)])
        }
        // Chinese characters take two columns in a terminal.
        let widths = (0..<5).map { column in rows.map { Message.columns($0[column]) }.max()! }
        var lines = rows.map { row in
            zip(row, widths).map { Message.padded($0, to: $1) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let names = DistrictOutput.fileNames.map { folder.appendingPathComponent($0).relativePathForDisplay }
        lines.append(Message.wroteDistrictFiles(files: names.joined(separator: ", ")).text)
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
