import AllianceKit
import ArgumentParser
import Foundation

/// `alliance solve` on lists with a `district` (区县) column: every district is planned on its
/// own (its own mean strength, balance band and size rules; its units serve only its
/// communities), `--jobs` districts at once, each through the same code path as a single run
/// (`SolveCommand.solveAndWrite`) into `<out>/<district>/`. Then `<out>/plan.csv` combines the
/// plans behind a `district` column, `<out>/districts.csv` lists how each district ended, and
/// `<out>/plan.xlsx` / `<out>/report.html` summarize the districts for people.
/// A failing district does not stop the others; it makes the exit status 2.
struct DistrictBatch {
    let command: SolveCommand
    /// Set by Ctrl-C: every district still solving stops and writes its best plan so far.
    let cancellation: CancellationFlag

    func run(_ instance: Instance, folder: URL) throws {
        let quiet = command.quiet
        let (districts, options) = try DistrictLists.split(instance, model: command.model, quiet: quiet)
        let folders = FolderNames.unique(districts.map(\.name))
        let bar = DistrictProgressBar(total: districts.count, enabled: !quiet && Console.stderrIsTerminal)
        let command = self.command, cancellation = self.cancellation
        let results = WorkerThreads.run(count: districts.count, threads: command.jobs) { index in
            bar.started()
            let result = Self.solve(districts[index], folder: folders[index], options: options,
                                    under: folder, command: command, cancellation: cancellation)
            bar.finished(failed: result.report == nil)
            return result
        }
        bar.finish()
        try AtomicFiles.write(try DistrictOutput.files(results, includeTimings: !command.noTimings,
                                                         byteOrderMark: !command.noBOM), into: folder)
        let failed = results.filter { $0.report == nil }
        for result in results where !quiet {
            for warning in result.report?.problem.warnings ?? [] { Console.error("warning: \(result.district): \(warning)") }
        }
        for result in failed { Console.error("alliance: district \(result.district): \(result.error ?? "failed")") }
        if !quiet { print(Self.summary(results, folder: folder)) }
        if !failed.isEmpty {
            Console.error("\(failed.count) of \(results.count) districts have no plan; see \(folder.appendingPathComponent("districts.csv").relativePathForDisplay)")
            throw ExitCode(2)
        }
    }

    /// One district, start to end on the calling thread; failures become the result's error.
    private static func solve(_ district: DistrictInstance, folder name: String, options: PlanningOptions,
                              under root: URL, command: SolveCommand, cancellation: CancellationFlag) -> DistrictResult {
        let start = Date()
        var result = DistrictResult(district: district.name, folder: name,
                                    communities: district.instance.communities.count,
                                    organizations: district.instance.organizations.count, report: nil, error: nil, seconds: 0)
        do {
            let problem = try DistrictLists.problem(district, options: options, model: command.model)
            result.report = try command.solveAndWrite(problem, into: root.appendingPathComponent(name, isDirectory: true),
                                                      cancellation: cancellation, district: district.name,
                                                      progress: nil).report
        } catch {
            result.error = Self.oneLine(error)
        }
        result.seconds = Date().timeIntervalSince(start)
        return result
    }

    /// An error as one line for districts.csv.
    static func oneLine(_ error: Error) -> String {
        let text: String
        switch error {
        case let errors as InputErrors: text = errors.errors.map(\.description).joined(separator: "; ")
        case let failure as SolveError: text = failure.description
        case let failure as AtomicFiles.WriteError: text = failure.description
        default: text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    /// The table printed after a batch run.
    static func summary(_ results: [DistrictResult], folder: URL) -> String {
        var rows = [["district", "status", "objective", "gap", "time"]]
        for result in results {
            rows.append([result.district, result.status,
                         result.report.map { Format.objective($0.evaluation.objective) } ?? "—",
                         result.report?.gap.map(Format.percent) ?? "—", Format.seconds(result.seconds)])
        }
        // Chinese characters take two columns in a terminal.
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        let widths = (0..<5).map { column in rows.map { width($0[column]) }.max()! }
        var lines = rows.map { row in
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - width($0)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let names = DistrictOutput.fileNames.map { folder.appendingPathComponent($0).relativePathForDisplay }
        lines.append("wrote \(names.joined(separator: ", ")) and one folder per district")
        return lines.joined(separator: "\n")
    }
}

/// A progress bar over districts on stderr, redrawn when a district starts or ends and once a
/// second: `districts [#####.....] 5/10 done, 1 failed, 2 running, 42 s`. Silent when disabled.
final class DistrictProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var done = 0, failed = 0, running = 0
    private var timer: DispatchSourceTimer?

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        guard enabled else { return }
        timer = ProgressLine.everySecond { [weak self] in self?.render() }
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
        timer?.cancel()
        timer = nil
        lock.lock()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lock.unlock()
    }

    private func change(_ body: (DistrictProgressBar) -> Void) {
        lock.lock()
        body(self)
        lock.unlock()
        render()
    }

    private func render() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 20, filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var text = "districts [\(bar)] \(done)/\(total) done"
        if failed > 0 { text += ", \(failed) failed" }
        text += ", \(running) running, \(Format.seconds(Date().timeIntervalSince(start)))"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
}
