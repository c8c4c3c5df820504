import AllianceKit
import ArgumentParser
import Foundation

/// The city-sized benchmarks of batch planning by district (generated lists carry a `district`
/// column): `city` is 10 districts of 150 communities × 600 organizations (1,500 × 6,000 in
/// all), `district` one district of 600 × 2,400. Fixed seeds.
enum CityScale: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    case city, district

    var districts: Int { self == .city ? 10 : 1 }
    var communitiesPerDistrict: Int { self == .city ? 150 : 600 }
    var organizationsPerDistrict: Int { self == .city ? 600 : 2400 }
    /// Never change it, or earlier results stop being comparable.
    var seed: UInt64 { self == .city ? 20_250_110 : 20_250_111 }

    /// The city's lists (every row with its district) and previous plan; each district of
    /// `family`'s shape (`.base`: the lists this benchmark always had).
    func generate(family: InstanceFamily = .base) -> (instance: Instance, previous: [Assignment]) {
        let generator = BenchmarkSize.generator(communities: communitiesPerDistrict,
                                                organizations: organizationsPerDistrict).shaped(as: family)
        let (instance, previous) = generator.generateCity(districts: districts, seed: seed)
        return (BenchmarkSize.droppingExcessFixes(instance), previous)
    }

    /// Each district's lists, as `alliance solve` splits them.
    func districtInstances(family: InstanceFamily = .base) throws -> [DistrictInstance] {
        let (instance, previous) = generate(family: family)
        return try DistrictSplit.split(instance, previousPlan: previous).districts
    }
}

/// One district of a city benchmark, solved in a child process of its own.
struct DistrictRecord: Codable, Sendable {
    var district: String
    var communities: Int
    /// Organizations as listed (before group merging).
    var units: Int
    var status: String
    var objective: Double?
    var bound: Double?
    var gap: Double?
    /// Deriving the problem plus solving, inside the child.
    var seconds: Double?
    /// Wall time and peak resident memory of the child process.
    var wallSeconds: Double?
    var peakMB: Double?
    var note: String?
    /// The strategy's own figures (`SolveOutcome.statistics`: exact's `cg_…`, `bc_bound`), when
    /// it gives any.
    var statistics: [String: Double]?
}

/// The results file of a city benchmark.
struct CityResults: Codable, Sendable {
    var scale: CityScale
    var strategy: String
    var timeLimit: Double
    var jobs: Int
    var candidates: Int?
    var command: String
    var date: String
    var loadAverage: String?
    var wallSeconds: Double
    var districts: [DistrictRecord]
    /// The `alliance solve` batch run on the same lists, when `--alliance` was given.
    var batchWallSeconds: Double?
    var batchPeakMB: Double?
    var batchExit: Int32?
}

/// `alliance-bench city`: writes the lists (with the district column) for `alliance solve`, then
/// solves every district in a child process of its own (`--jobs` at a time), recording per
/// district the time, the peak memory and the proven gap; optionally also runs the real batch
/// (`alliance solve <lists> --jobs N`) and records its wall time and peak memory.
struct CityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "city",
        abstract: "Benchmark batch planning by district on a city-sized instance.")

    @Option(help: "city (10 districts, 1,500 × 6,000) or district (600 × 2,400).")
    var scale: CityScale = .city

    @Option(help: "A name from StrategyCatalog.")
    var strategy: String = "exact"

    @Option(name: .customLong("time-limit"), help: "Seconds per district.")
    var timeLimit: Double = 60

    @Option(help: "Districts solved at once.")
    var jobs: Int = 2

    @Option(help: "Limit candidate pairs to the k nearest communities per unit.")
    var candidates: Int?

    @Option(help: "Also run this `alliance` binary's batch mode on the written lists (with --gap 0, as the per-district runs).")
    var alliance: String?

    @Option(help: "Instance family of every district (base, many-categories, tight, multi, uneven, mixed); results go to results/city-<scale>[-<family>].json.")
    var family: InstanceFamily = .base

    @Option(name: .customLong("first-districts"),
            help: "Solve only the first N districts (a quicker look at a family; the batch, when asked for, still plans all).")
    var firstDistricts: Int?

    @Option(help: "Folder for the results file.")
    var out: String = Paths.results

    @Option(help: "Scratch folder for the lists and logs.")
    var work: String = Paths.work

    func run() throws {
        try requireReleaseBuild()
        let stem = family == .base ? "city-\(scale.rawValue)" : "city-\(scale.rawValue)-\(family.rawValue)"
        let folder = (work as NSString).appendingPathComponent(stem)
        let lists = folder + "/lists"
        let (instance, previous) = scale.generate(family: family)
        try InstanceWriter.write(instance, to: URL(fileURLWithPath: lists, isDirectory: true))
        try Data(InstanceWriter.planCSV(previous).utf8).write(to: URL(fileURLWithPath: lists + "/previous-plan.csv"))
        let all = try scale.districtInstances(family: family).map(\.name)
        let names = Array(all.prefix(max(1, firstDistricts ?? all.count)))
        log("== \(scale.rawValue): \(instance.communities.count) communities, \(instance.organizations.count) organizations "
            + "in \(all.count) district(s), solving \(names.count); lists in \(lists)")
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ")

        let watch = Stopwatch()
        let settings = (scale, family, strategy, timeLimit, candidates, folder)
        let records = WorkerThreads.run(count: names.count, threads: jobs) { index in
            let record = Self.child(index, name: names[index], settings: settings)
            log("  \(record.district): \(record.status), gap \(percent(record.gap)), "
                + "\(record.wallSeconds.map(format) ?? "—") s, peak \(record.peakMB.map { String(Int($0)) } ?? "—") MB")
            return record
        }
        var results = CityResults(scale: scale, strategy: strategy, timeLimit: timeLimit, jobs: jobs,
                                  candidates: candidates,
                                  command: (["alliance-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                  date: ISO8601DateFormatter().string(from: Date()), loadAverage: load,
                                  wallSeconds: watch.seconds, districts: records)
        if let alliance {
            var arguments = [alliance, "solve", lists, "--previous", lists + "/previous-plan.csv", "--strategy", strategy,
                             "--time-limit", String(timeLimit), "--gap", "0", "--jobs", String(jobs), "--quiet",
                             "--out", folder + "/plan"]
            if let candidates { arguments += ["--candidates", String(candidates)] }
            let batch = try ChildProcess.run(arguments, stderrPath: folder + "/batch.stderr",
                                             deadline: Double(all.count) * (2 * timeLimit + 300))
            results.batchWallSeconds = batch.wallSeconds
            results.batchPeakMB = batch.peakMB
            results.batchExit = batch.exitCode
            log("  alliance solve (batch): exit \(batch.exitCode.map(String.init) ?? "signal"), "
                + "\(format(batch.wallSeconds)) s, peak \(batch.peakMB.map { String(Int($0)) } ?? "—") MB")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let path = (out as NSString).appendingPathComponent("\(stem).json")
        try JSONEncoder.results.encode(results).write(to: URL(fileURLWithPath: path))
        log("wrote \(path)")
        print(Self.markdown(results))
    }

    /// One district in a `solve-district` child process, measured.
    static func child(_ index: Int, name: String,
                      settings: (CityScale, InstanceFamily, String, Double, Int?, String)) -> DistrictRecord {
        let (scale, family, strategy, timeLimit, candidates, folder) = settings
        let recordPath = folder + "/district-\(index).json", stderrPath = folder + "/district-\(index).stderr"
        try? FileManager.default.removeItem(atPath: recordPath)
        var arguments = [Paths.executable, "solve-district", "--scale", scale.rawValue, "--family", family.rawValue,
                         "--index", String(index),
                         "--strategy", strategy, "--time-limit", String(timeLimit), "--out", recordPath]
        if let candidates { arguments += ["--candidates", String(candidates)] }
        var record = DistrictRecord(district: name, communities: 0, units: 0, status: "failed")
        do {
            let child = try ChildProcess.run(arguments, stderrPath: stderrPath, deadline: Harness.deadline(for: timeLimit))
            if let data = FileManager.default.contents(atPath: recordPath),
               let written = try? JSONDecoder().decode(DistrictRecord.self, from: data) {
                record = written
            } else {
                record.note = child.timedOut ? "killed at the deadline" : "child exit \(child.exitCode.map(String.init) ?? "signal")"
            }
            record.wallSeconds = child.wallSeconds
            record.peakMB = child.peakMB
        } catch {
            record.note = "\(error)"
        }
        return record
    }

    /// The table for RESULTS.md.
    static func markdown(_ results: CityResults) -> String {
        var lines = ["| district | communities | organizations | status | objective | bound | gap | time (s) | peak MB |",
                     "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
        for d in results.districts {
            lines.append("| \(d.district) | \(d.communities) | \(d.units) | \(d.status) | \(objective(d.objective)) "
                + "| \(objective(d.bound)) | \(percent(d.gap)) | \(d.wallSeconds.map(format) ?? "—") "
                + "| \(d.peakMB.map { String(Int($0.rounded())) } ?? "—") |")
        }
        lines.append("")
        lines.append("All districts: \(format(results.wallSeconds)) s wall with \(results.jobs) at a time; "
            + "load average at the start \(results.loadAverage ?? "unknown").")
        if let wall = results.batchWallSeconds {
            lines.append("`alliance solve` batch on the same lists: \(format(wall)) s wall, peak "
                + "\(results.batchPeakMB.map { String(Int($0.rounded())) } ?? "—") MB, exit \(results.batchExit.map(String.init) ?? "signal").")
        }
        return lines.joined(separator: "\n")
    }
}

/// `alliance-bench solve-district`: one district of a city benchmark (what `city` starts).
struct SolveDistrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve-district",
        abstract: "Solve one district of a city benchmark and write its record (run by `city`).")

    @Option var scale: CityScale
    @Option var family: InstanceFamily = .base
    @Option var index: Int
    @Option var strategy: String = "exact"
    @Option(name: .customLong("time-limit")) var timeLimit: Double = 60
    @Option var candidates: Int?
    @Option var out: String
    @Option(name: .customLong("polish-share"), help: "exact: TimePlan.largePolishShare (experiments).")
    var polishShare: Double?
    @Option(help: "exact: the decomposition's dual smoothing (experiments).")
    var smoothing: Double?
    @Option(name: .customLong("neighbourhood-share"), help: "exact: TimePlan.largeNeighbourhoodShare (experiments).")
    var neighbourhoodShare: Double?
    @Option(name: .customLong("pricing-tolerance"), help: "exact: DecompositionOptions.pricingTolerance (experiments).")
    var pricingTolerance: Double?
    @Option(name: .customLong("decomposition-share"), help: "exact: TimePlan.largeDecompositionShare (experiments).")
    var decompositionShare: Double?
    @Flag(name: .customLong("fixed-smoothing"), help: "exact: DecompositionOptions.adaptiveSmoothing off (experiments).")
    var fixedSmoothing = false
    @Flag(name: .customLong("exact-first-round"), help: "exact: DecompositionOptions.exactFirstRound (experiments).")
    var exactFirstRound = false

    func run() throws {
        try requireReleaseBuild()
        let district = try scale.districtInstances(family: family)[index]
        let watch = Stopwatch()
        var record = DistrictRecord(district: district.name, communities: district.instance.communities.count,
                                    units: district.instance.organizations.count, status: "failed")
        do {
            let problem = try Problem(instance: district.instance,
                                      options: PlanningOptions(previousPlan: district.previousPlan, candidates: candidates))
            guard var solver = StrategyCatalog.make(strategy) else { throw HarnessError("unknown strategy \(strategy)") }
            if var exact = solver as? ExactStrategy {
                if let polishShare { exact.timePlan.largePolishShare = polishShare }
                if let smoothing { exact.smoothing = smoothing }
                if let neighbourhoodShare { exact.timePlan.largeNeighbourhoodShare = neighbourhoodShare }
                if let pricingTolerance { exact.pricingTolerance = pricingTolerance }
                if exactFirstRound { exact.exactFirstRound = true }
                if fixedSmoothing { exact.adaptiveSmoothing = false }
                if let decompositionShare { exact.timePlan.largeDecompositionShare = decompositionShare }
                solver = exact
            }
            let outcome = try solver.solve(problem, settings: SolveSettings(timeLimit: timeLimit))
            record.status = outcome.status.rawValue
            record.bound = outcome.bound
            record.statistics = outcome.statistics
            if let plan = outcome.plan {
                let evaluation = Evaluator.evaluate(plan, in: problem)
                record.objective = evaluation.objective
                if let bound = outcome.bound { record.gap = relativeGap(objective: evaluation.objective, bound: bound) }
                if !evaluation.isFeasible { record.note = "\(evaluation.violations.count) broken rules" }
            }
        } catch {
            record.note = "\(error)"
        }
        record.seconds = watch.seconds
        try JSONEncoder.results.encode(record).write(to: URL(fileURLWithPath: out))
    }
}
