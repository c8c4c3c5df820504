import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench run`: every requested strategy (plus glpsol and HiGHS) on every requested
/// size, one child process per run; writes `results/<size>.json` and prints a summary.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Benchmark strategies, glpsol and HiGHS on seeded instances.")

    @Option(help: "Comma-separated sizes: S, M, L, XL.")
    var sizes: String = "S,M"

    @Option(help: "Comma-separated instance families (base, many-categories, tight, multi, uneven, mixed) or all; results go to results/<size>-<family>.json, the base family's to results/<size>.json.")
    var families: String = "base"

    @Option(help: "Comma-separated strategy names; names StrategyCatalog does not know are skipped with a note.")
    var strategies: String = "greedy,local,lp-round,exact"

    @Option(name: .customLong("time-limit"), help: "Seconds per run (every strategy, glpsol and HiGHS).")
    var timeLimit: Double = 60

    @Flag(help: "Also run glpsol on models/alliance.mod.")
    var glpsol = false

    @Flag(help: "Also run HiGHS (highspy) on the MPS model, when importable.")
    var highs = false

    @Flag(help: "Add to the size's results file instead of replacing it: runs of solvers not run now are kept (same time limit only).")
    var merge = false

    @Option(help: "A run is killed after 2 × time limit + this many seconds.")
    var grace: Double = 300

    @Option(help: "Python interpreter for HiGHS.")
    var python: String = "python3"

    @Option(help: "Folder for the results files.")
    var out: String = Paths.results

    @Option(help: "Scratch folder for exported models and logs.")
    var work: String = Paths.work

    func validate() throws {
        _ = try BenchmarkSize.list(sizes)
        _ = try InstanceFamily.list(families)
        guard timeLimit.isFinite, timeLimit > 0 else { throw ValidationError("--time-limit must be > 0") }
    }

    func run() throws {
        try requireReleaseBuild()
        let names = strategies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        Harness.grace = grace
        let harness = Harness(strategies: names, timeLimit: timeLimit, glpsol: glpsol, highs: highs,
                              python: python, out: out, work: work, merge: merge,
                              command: (["alliance-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        for family in try InstanceFamily.list(families) {
            for size in try BenchmarkSize.list(sizes) {
                try harness.run(size, family: family)
            }
        }
    }
}

/// Runs the benchmark of one size and records it.
struct Harness {
    var strategies: [String]
    var timeLimit: Double
    var glpsol: Bool
    var highs: Bool
    var python: String
    var out: String
    var work: String
    /// Keep the runs of other solvers in an existing results file (`--merge`).
    var merge = false
    var command: String

    /// Seconds beyond twice the time limit before a run is killed (`--grace`).
    nonisolated(unsafe) static var grace = 300.0

    /// Hard deadline for one child process: generous, since building XL models takes a while.
    static func deadline(for timeLimit: Double) -> Double { 2 * timeLimit + grace }

    func run(_ size: BenchmarkSize, family: InstanceFamily = .base) throws {
        let fm = FileManager.default
        let folder = (work as NSString).appendingPathComponent(size.fileStem(family))
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")
        let problem = try size.problem(family: family)
        log("== \(size.label(family)): \(problem.unitCount) units after merging, \(problem.categoryCount) categories, "
            + "time limit \(format(timeLimit)) s")

        var runs: [RunRecord] = []
        for name in strategies {
            runs.append(try strategyRun(name, size: size, family: family, folder: folder))
            report(runs.last!)
        }
        let highsReady = highs && HighsRun.available(python: python, scratch: folder)
        let glpsolReady = glpsol && Self.onPath("glpsol")
        if glpsol && !glpsolReady {
            runs.append(RunRecord(solver: "glpsol", size: size, status: "skipped",
                                  note: "glpsol is not on PATH (apt-get install glpk-utils)", timeLimit: timeLimit))
        }
        if glpsolReady || highs {
            let dat = folder + "/\(size.rawValue).dat", mps = folder + "/\(size.rawValue).mps"
            var arguments = [Paths.executable, "generate", "--size", size.rawValue, "--family", family.rawValue,
                             "--out", folder + "/instance"]
            if glpsolReady { arguments += ["--dat", dat] }
            if highsReady { arguments += ["--mps", mps] }
            let export = try ChildProcess.run(arguments, stderrPath: folder + "/generate.stderr", deadline: 1800)
            let exported = export.exitCode == 0
            if !exported {
                let note = "exporting the model failed; see \(folder)/generate.stderr"
                if glpsolReady { runs.append(RunRecord(solver: "glpsol", size: size, status: "failed", note: note, timeLimit: timeLimit)) }
                if highs { runs.append(RunRecord(solver: "highs", size: size, status: "failed", note: note, timeLimit: timeLimit)) }
            }
            if glpsolReady && exported {
                runs.append(try GlpsolRun.run(size: size, model: Paths.model, data: dat, timeLimit: timeLimit,
                                              logPath: folder + "/glpsol.log"))
                report(runs.last!)
            }
            if highs && exported {
                if highsReady {
                    runs.append(try HighsRun.run(size: size, python: python, driver: Paths.highsDriver, mps: mps,
                                                 timeLimit: timeLimit, logPath: folder + "/highs.log"))
                } else {
                    runs.append(RunRecord(solver: "highs", size: size, status: "skipped",
                                          note: "\(python) cannot import highspy", timeLimit: timeLimit))
                }
                report(runs.last!)
            }
        }
        var results = SizeResults(size: size, family: family, communities: size.communities, organizations: size.organizations,
                                  units: problem.unitCount, categories: problem.categoryCount,
                                  timeLimit: timeLimit, command: command,
                                  date: ISO8601DateFormatter().string(from: Date()), loadAverage: load, runs: runs)
        let path = (out as NSString).appendingPathComponent("\(size.fileStem(family)).json")
        if merge { results = try Self.merged(results, into: path) }
        try JSONEncoder.results.encode(results).write(to: URL(fileURLWithPath: path))
        log("wrote \(path)")
    }

    /// `results` added to the results file at `path` (`--merge`): the file's runs of solvers
    /// not in `results` come first, then the new runs; the commands and load averages of both
    /// are kept ("A + B"), the date is the new one. Without a file, `results` alone; a file
    /// with another time limit is an error (its runs would not compare).
    static func merged(_ results: SizeResults, into path: String) throws -> SizeResults {
        guard let data = FileManager.default.contents(atPath: path) else { return results }
        let old = try JSONDecoder().decode(SizeResults.self, from: data)
        guard old.timeLimit == results.timeLimit else {
            throw ValidationError("--merge: \(path) has time limit \(format(old.timeLimit)) s, this run \(format(results.timeLimit)) s")
        }
        let solvers = Set(results.runs.map(\.solver))
        var merged = results
        merged.runs = old.runs.filter { !solvers.contains($0.solver) } + results.runs
        merged.command = old.command == results.command ? old.command : "\(old.command) + \(results.command)"
        merged.loadAverage = [old.loadAverage, results.loadAverage].compactMap { $0 }.joined(separator: " + ")
        return merged
    }

    /// One Swift strategy in a child process (`solve-one`), or a skip note for unknown names.
    func strategyRun(_ name: String, size: BenchmarkSize, family: InstanceFamily = .base, folder: String) throws -> RunRecord {
        guard StrategyCatalog.make(name) != nil else {
            return RunRecord(solver: name, size: size, status: "skipped",
                             note: "not in StrategyCatalog (known: \(StrategyCatalog.names.joined(separator: ", ")))",
                             timeLimit: timeLimit)
        }
        let recordPath = folder + "/\(name).json", stderrPath = folder + "/\(name).stderr"
        try? FileManager.default.removeItem(atPath: recordPath)
        let child = try ChildProcess.run(
            [Paths.executable, "solve-one", "--size", size.rawValue, "--family", family.rawValue, "--strategy", name,
             "--time-limit", String(timeLimit), "--out", recordPath],
            stderrPath: stderrPath, deadline: Self.deadline(for: timeLimit))
        if child.timedOut {
            var record = RunRecord(solver: name, size: size, status: "timeout",
                                   note: "killed after \(Int(Self.deadline(for: timeLimit))) s", timeLimit: timeLimit)
            record.peakMB = child.peakMB
            return record
        }
        guard child.exitCode == 0, let data = FileManager.default.contents(atPath: recordPath),
              var record = try? JSONDecoder().decode(RunRecord.self, from: data) else {
            let tail = (try? String(contentsOfFile: stderrPath, encoding: .utf8))?
                .split(separator: "\n").suffix(3).joined(separator: " / ") ?? ""
            var record = RunRecord(solver: name, size: size, status: "failed",
                                   note: "solve-one exit \(child.exitCode.map(String.init) ?? "signal"): \(tail)",
                                   timeLimit: timeLimit)
            record.peakMB = child.peakMB
            return record
        }
        record.peakMB = child.peakMB
        return record
    }

    /// Whether an executable called `name` is on PATH.
    static func onPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    func report(_ record: RunRecord) {
        var parts = ["  \(record.solver.padding(toLength: 9, withPad: " ", startingAt: 0)) \(record.status)"]
        if let value = record.firstPlanSeconds { parts.append("first plan \(format(value)) s") }
        if let value = record.objective { parts.append("objective \(String(format: "%.6f", value))") }
        if let value = record.bound { parts.append("bound \(String(format: "%.6f", value))") }
        if let value = record.gap { parts.append("gap \(String(format: "%.3f", value * 100)) %") }
        if let value = record.totalSeconds { parts.append("total \(format(value)) s") }
        if let value = record.peakMB { parts.append("peak \(Int(value.rounded())) MB") }
        if let note = record.note { parts.append("(\(note))") }
        log(parts.joined(separator: ", "))
    }
}

/// Progress of the harness, on standard error so that stdout stays clean.
func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Seconds with a sensible number of digits.
func format(_ seconds: Double) -> String {
    if seconds >= 100 { return String(format: "%.0f", seconds) }
    if seconds >= 10 { return String(format: "%.1f", seconds) }
    return String(format: "%.2f", seconds)
}
