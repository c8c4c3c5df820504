import AllianceKit
import ArgumentParser
import Foundation
import GLPK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 3 (people to posts, issue #17) at city sizes: the lists are generated
/// (`PeopleGenerator`, the city's 84 communities), written as CSV, and the tool's path is timed
/// in a child process of its own (`people-one`): reading the lists, `PeopleProblem`,
/// `PeopleMatcher.solve` with our cost-scaling code (the default, `.scaling`), `PeopleEvaluator`,
/// peak memory. Then, as cross-checks outside the timed path, GLPK's okalg (up to
/// `--okalg-max-members`) and relax4 (when this GLPK has it). The same flow network, written in
/// DIMACS, goes to OR-tools' `SimpleMinCostFlow` and to HiGHS's LP (`people_driver.py`); every
/// objective must agree to the last unit.
enum PeopleBench {
    /// Never change it, or earlier results stop being comparable.
    static let seed: UInt64 = 20_251_701
    static let defaultSizes = [1_000, 10_000, 63_000, 250_000]
    /// okalg takes ~250 s at the city's 63,000 members and grows faster than linearly.
    static let defaultOkalgMaxMembers = 63_000
    static let okalgSkipped = "skipped (above --okalg-max-members)"
    static let driver = Paths.benchmarks.appendingPathComponent("people_driver.py").path
    static let folder = (Paths.work as NSString).appendingPathComponent("people")

    /// The generator of a size: the city's proportion of posts (8,000 for 63,000 members), 12 categories.
    static func generator(members: Int) -> PeopleGenerator {
        members == PeopleGenerator.cityMembers
            ? PeopleGenerator(members: PeopleGenerator.cityMembers, posts: PeopleGenerator.cityPosts)
            : PeopleGenerator.scaled(members: members)
    }

    /// Peak resident memory of this process so far (getrusage's ru_maxrss), in MB.
    static func peakMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    /// The network in DIMACS min-cost-flow format (1-based nodes, lower bounds 0).
    static func writeDIMACS(_ network: FlowNetwork, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw HarnessError("cannot write \(path)") }
        defer { try? handle.close() }
        var buffer = "c stage 3 (people to posts), PeopleMatcher.flowNetwork\n"
        buffer += "p min \(network.nodeCount) \(network.arcs.count)\n"
        func flush(_ force: Bool = false) throws {
            if force || buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        for (node, supply) in network.supplies.enumerated() where supply != 0 {
            buffer += "n \(node + 1) \(supply)\n"
        }
        for arc in network.arcs {
            buffer += "a \(arc.from + 1) \(arc.to + 1) 0 \(arc.capacity) \(arc.cost)\n"
            try flush()
        }
        try flush(true)
    }
}

/// What one external solver answered on the DIMACS network.
struct PeopleSolverAnswer: Codable, Sendable {
    var status: String
    var cost: Int?
    var solve_seconds: Double?
    var read_seconds: Double?
    var read_solve_seconds: Double?
}

/// One size of the stage-3 benchmark.
struct PeopleRecord: Codable, Sendable {
    var members: Int
    var posts: Int
    var seats: Int
    var communities: Int
    var candidates: Int
    var status: String = "ok"
    var note: String?
    /// The whole flow network (every candidate arc): what OR-tools and HiGHS get.
    var nodes: Int?
    var arcs: Int?
    /// `PeopleMatcher`'s arc pricing with cost scaling (the tool's path): the last restricted
    /// network's arcs, and the rounds.
    var restrictedArcs: Int?
    var pricingRounds: Int?
    /// Reading communities.csv, organizations.csv (`InstanceReader`) and members.csv, posts.csv
    /// (`PeopleReader`); nil when the people lists could not be read by the tool's reader.
    var readSeconds: Double?
    var readInstanceSeconds: Double?
    /// `PeopleProblem.init` (candidates, values).
    var problemSeconds: Double?
    /// `PeopleMatcher.solve(problem, algorithm: .scaling)`'s own split: building the networks and
    /// pricing, our cost-scaling solver (all rounds).
    var networkSeconds: Double?
    var scalingSeconds: Double?
    /// The whole `PeopleMatcher.solve` call with cost scaling (networks, solver, matches).
    var matcherSeconds: Double?
    /// GLPK's okalg on the same problem, after the timed path: "ok", "failed: …", or
    /// `PeopleBench.okalgSkipped`; its solver seconds (all rounds), building and pricing, the whole
    /// call, its rounds and its objective.
    var okalg: String?
    var okalgSeconds: Double?
    var okalgNetworkSeconds: Double?
    var okalgMatcherSeconds: Double?
    var okalgRounds: Int?
    var okalgObjective: Int?
    var relax4: String?
    var relax4Seconds: Double?
    var relax4Objective: Int?
    var evaluateSeconds: Double?
    /// Read + problem + solve + evaluate: the tool's path.
    var toolSeconds: Double?
    /// Σ seat values in thousandths (cost scaling's, the tool's path), and the evaluator's recomputation.
    var objective: Int?
    var evaluatorObjective: Int?
    var evaluationValid: Bool?
    var filledSeats: Int?
    /// getrusage's peak inside the child, before the DIMACS file is written.
    var peakMB: Double?
    var childWallSeconds: Double?
    /// /proc/loadavg (1, 5, 15 min) just before this size's child started (set by `people`).
    var loadAverage: String?
    var ortools: PeopleSolverAnswer?
    var highs: PeopleSolverAnswer?
    /// Cost scaling, the evaluator, okalg and relax4 (when run), OR-tools and HiGHS (when optimal) all equal.
    var objectivesEqual: Bool?
}

struct PeopleResults: Codable, Sendable {
    var command: String
    var date: String
    var loadAverage: String?
    /// /proc/loadavg when the last size was done.
    var loadAverageEnd: String?
    var machine: String
    var code: String?
    var note: String?
    var okalgMaxMembers: Int?
    var seed: UInt64
    var records: [PeopleRecord]
}

/// `alliance-bench people`: the stage-3 benchmark over several member counts.
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Benchmark stage 3 (people to posts): our cost scaling (and GLPK's okalg) against OR-tools and HiGHS at city sizes.")

    @Option(help: "Member counts (posts in proportion: 8,000 for 63,000).")
    var sizes: String = PeopleBench.defaultSizes.map(String.init).joined(separator: ",")

    @Option(help: "Each member considers the k nearest communities.")
    var candidates: Int = 20

    @Option(help: "Run GLPK's okalg as a cross-check only up to this many members (it takes ~250 s at 63,000).")
    var okalgMaxMembers: Int = PeopleBench.defaultOkalgMaxMembers

    @Option(help: "Python with ortools and highspy (benchmarks/.venv).")
    var python: String = Paths.benchmarks.appendingPathComponent(".venv/bin/python").path

    @Option(help: "Seconds before a child (the tool's path, or the Python driver) is killed.")
    var deadline: Double = 1800

    @Option(help: "HiGHS's time limit in the Python driver, in seconds.")
    var highsTimeLimit: Double = 300

    @Option(help: "Which code was measured, to state in RESULTS.md.")
    var code: String?

    @Option(help: "A note for the section (e.g. that the machine was shared).")
    var note: String?

    @Option(help: "The command to state in RESULTS.md.")
    var command: String = "benchmarks/run.sh --people"

    @Option(help: "Results file.")
    var out: String = (Paths.results as NSString).appendingPathComponent("people.json")

    @Flag(help: "Do not update RESULTS.md and the plot.")
    var noReport = false

    func run() throws {
        try requireReleaseBuild()
        let counts = try sizes.split(separator: ",").map { text -> Int in
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw HarnessError("bad size \(text)")
            }
            return n
        }
        func loadAverage() -> String? {
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
                .split(separator: " ").prefix(3).joined(separator: " ")
        }
        let load = loadAverage()
        var results = PeopleResults(command: command, date: ISO8601DateFormatter().string(from: Date()),
                                    loadAverage: load, machine: MachineInfo.summary, code: code, note: note,
                                    okalgMaxMembers: okalgMaxMembers, seed: PeopleBench.seed, records: [])
        let instance = PeopleGenerator.cityInstance()
        for members in counts {
            let folder = (PeopleBench.folder as NSString).appendingPathComponent(String(members))
            try? FileManager.default.removeItem(atPath: folder)
            let lists = PeopleBench.generator(members: members).generate(for: instance, seed: PeopleBench.seed)
            let seats = lists.posts.reduce(0) { $0 + $1.seats }
            try AtomicFiles.write(InstanceWriter.files(instance) + InstanceWriter.peopleFiles(lists),
                                  into: URL(fileURLWithPath: folder, isDirectory: true))
            log("== \(members) members, \(lists.posts.count) posts, \(seats) seats: lists in \(folder)")
            var record = PeopleRecord(members: members, posts: lists.posts.count, seats: seats,
                                      communities: instance.communities.count, candidates: candidates)
            let loadBefore = loadAverage()
            let child = try ChildProcess.run(
                [Paths.executable, "people-one", "--folder", folder, "--members", String(members),
                 "--candidates", String(candidates), "--okalg-max-members", String(okalgMaxMembers)],
                stderrPath: folder + "/people-one.stderr", deadline: deadline)
            if let json = child.lines.last?.text,
               let answer = try? JSONDecoder().decode(PeopleRecord.self, from: Data(json.utf8)) {
                record = answer
            } else {
                record.status = child.timedOut ? "timeout" : "failed"
                record.note = "people-one exit \(child.exitCode.map(String.init) ?? "signal") after "
                    + "\(format(child.wallSeconds)) s, peak \(child.peakMB.map { String(format: "%.0f MB", $0) } ?? "?"); "
                    + "see \(folder)/people-one.stderr"
            }
            record.childWallSeconds = child.wallSeconds
            record.loadAverage = loadBefore
            let network = folder + "/network.min"
            if FileManager.default.fileExists(atPath: network) {
                // One driver process per solver: one that runs out of memory (HiGHS at 250,000
                // members) does not take the other's answer with it.
                for solver in ["ortools", "highs"] {
                    let stderrPath = folder + "/driver-\(solver).stderr"
                    let driver = try ChildProcess.run([python, PeopleBench.driver, network, "--solvers", solver,
                                                       "--time-limit", String(highsTimeLimit)],
                                                      stderrPath: stderrPath, deadline: deadline + 60)
                    var answer: PeopleSolverAnswer
                    if let json = driver.lines.last?.text,
                       let answers = try? JSONDecoder().decode([String: PeopleSolverAnswer].self, from: Data(json.utf8)),
                       let found = answers[solver] {
                        answer = found
                    } else {
                        let exit = driver.exitCode.map(String.init) ?? "signal"
                        answer = PeopleSolverAnswer(status: "people_driver.py exit \(exit)"
                            + (driver.exitCode == 137 || driver.exitCode == nil ? " (killed; out of memory?)" : "")
                            + " after \(format(driver.wallSeconds)) s, peak "
                            + "\(driver.peakMB.map { String(format: "%.0f MB", $0) } ?? "?"); see \(stderrPath)")
                    }
                    if solver == "ortools" { record.ortools = answer } else { record.highs = answer }
                }
                try? FileManager.default.removeItem(atPath: network)
            }
            record.objectivesEqual = Self.objectivesEqual(record)
            log("  " + Self.summary(record))
            results.records.append(record)
            results.loadAverageEnd = loadAverage()
            try Self.save(results, to: out)
        }
        log("wrote \(out)")
        guard !noReport else { return }
        let svgPath = (Paths.results as NSString).appendingPathComponent("people-time.svg")
        try PeopleBenchReport.plot(results).write(toFile: svgPath, atomically: true, encoding: .utf8)
        let markdownPath = Paths.benchmarks.appendingPathComponent("RESULTS.md").path
        let markdown = FileManager.default.contents(atPath: markdownPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try ReportCommand.replacingSection(in: markdown, with: PeopleBenchReport(results: results).render())
            .write(toFile: markdownPath, atomically: true, encoding: .utf8)
        log("wrote \(svgPath) and the people section of \(markdownPath)")
    }

    /// Every objective found (cost scaling's, the evaluator's, okalg's and relax4's when run, and
    /// OR-tools' and HiGHS's costs negated when optimal) equal; nil when cost scaling found none.
    /// A cross-check solver that ran and failed makes it false.
    static func objectivesEqual(_ record: PeopleRecord) -> Bool? {
        guard let objective = record.objective else { return nil }
        if record.okalg == "ok" && record.okalgObjective == nil { return false }
        if record.relax4 == "ok" && record.relax4Objective == nil { return false }
        var values = [record.evaluatorObjective, record.okalgObjective, record.relax4Objective].compactMap { $0 }
        for answer in [record.ortools, record.highs] {
            guard let answer else { continue }
            if answer.status == "optimal" {
                guard let cost = answer.cost else { return false }
                values.append(-cost)
            }
        }
        return values.allSatisfy { $0 == objective }
    }

    static func summary(_ r: PeopleRecord) -> String {
        func s(_ v: Double?) -> String { v.map(format) ?? "–" }
        return "\(r.status): \(r.nodes ?? 0) nodes, \(r.arcs ?? 0) arcs; read \(s(r.readSeconds)) s, problem \(s(r.problemSeconds)) s, "
            + "network \(s(r.networkSeconds)) s, scaling \(s(r.scalingSeconds)) s (\(r.pricingRounds.map(String.init) ?? "–") rounds), "
            + "evaluate \(s(r.evaluateSeconds)) s, tool \(s(r.toolSeconds)) s, "
            + "okalg \(r.okalg == "ok" ? s(r.okalgSeconds) + " s" : (r.okalg ?? "–")), peak \(r.peakMB.map { String(format: "%.0f", $0) } ?? "–") MB; "
            + "OR-tools \(s(r.ortools?.solve_seconds)) s (\(r.ortools?.status ?? "–")), "
            + "HiGHS \(s(r.highs?.solve_seconds)) s (\(r.highs?.status ?? "–")); objective \(r.objective.map(String.init) ?? "–"), "
            + "equal \(r.objectivesEqual.map { $0 ? "yes" : "NO" } ?? "–")"
    }

    static func save(_ results: PeopleResults, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try encoder.encode(results).write(to: URL(fileURLWithPath: path))
    }
}

/// `alliance-bench people-one`: the tool's path on one folder of lists (what `people` starts).
/// Prints the record as one JSON line and leaves `network.min` (DIMACS) in the folder.
struct PeopleOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people-one",
        abstract: "Time reading, building and solving stage 3 on one folder of lists (a child of `people`).")

    @Option(help: "Folder with communities.csv, organizations.csv, members.csv, posts.csv.")
    var folder: String

    @Option(help: "The member count the lists were generated with (to regenerate them when they cannot be read).")
    var members: Int

    @Option var candidates: Int = 20

    @Option(help: "Run GLPK's okalg (after the timed path, as a cross-check) only up to this many members.")
    var okalgMaxMembers: Int = PeopleBench.defaultOkalgMaxMembers

    @Flag(help: "Skip writing network.min.")
    var noDimacs = false

    @Flag(help: "Only read the lists, build the problem and write network.min (for the other solvers alone).")
    var networkOnly = false

    func run() throws {
        try requireReleaseBuild()
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        let total = Stopwatch()
        let (instance, readInstanceSeconds) = try Stopwatch.time { try InstanceReader.read(folder: url) }
        let (readLists, readPeopleSeconds) = try Stopwatch.time { try PeopleListsReading.read(folder: url, instance: instance) }
        var note: String?
        let lists: PeopleLists
        if let readLists {
            lists = readLists
        } else {
            note = "PeopleReader not on main yet: lists regenerated in memory, reading not timed"
            lists = PeopleBench.generator(members: members).generate(for: PeopleGenerator.cityInstance(), seed: PeopleBench.seed)
        }
        var record = PeopleRecord(members: lists.members.count, posts: lists.posts.count,
                                  seats: lists.posts.reduce(0) { $0 + $1.seats },
                                  communities: instance.communities.count, candidates: candidates)
        record.note = note
        record.readInstanceSeconds = readInstanceSeconds
        record.readSeconds = readLists == nil ? nil : readInstanceSeconds + readPeopleSeconds
        let toolStart = readLists == nil ? Stopwatch() : total

        let (problem, problemSeconds) = try Stopwatch.time {
            try PeopleProblem(communities: instance.communities, lists: lists, options: PeopleOptions(candidates: candidates))
        }
        record.problemSeconds = problemSeconds
        if networkOnly {
            let whole = PeopleMatcher.flowNetwork(problem)
            record.nodes = whole.nodeCount
            record.arcs = whole.arcs.count
            record.status = "network only"
            try PeopleBench.writeDIMACS(whole, to: folder + "/network.min")
            print(String(decoding: try JSONEncoder().encode(record), as: UTF8.self))
            return
        }
        let (solution, matcherSeconds) = try Stopwatch.time { try PeopleMatcher.solve(problem, algorithm: .scaling) }
        record.matcherSeconds = matcherSeconds
        record.networkSeconds = solution.buildSeconds
        record.scalingSeconds = solution.solveSeconds
        record.restrictedArcs = solution.arcs
        record.pricingRounds = solution.rounds
        record.objective = solution.objectiveThousandths
        let (evaluation, evaluateSeconds) = Stopwatch.time { PeopleEvaluator.evaluate(solution.matches, in: problem) }
        record.evaluateSeconds = evaluateSeconds
        record.toolSeconds = toolStart.seconds
        record.evaluatorObjective = evaluation.objectiveThousandths
        record.evaluationValid = evaluation.isValid
        record.filledSeats = evaluation.seats.count
        record.peakMB = PeopleBench.peakMB()
        // The whole network (every candidate arc), after the measured path: what the others solve.
        let whole = PeopleMatcher.flowNetwork(problem)
        record.nodes = whole.nodeCount
        record.arcs = whole.arcs.count

        if !noDimacs {
            try PeopleBench.writeDIMACS(whole, to: folder + "/network.min")
        }

        // Cross-checks, after the timed path and the peak: GLPK's okalg, then relax4.
        if record.members > okalgMaxMembers {
            record.okalg = PeopleBench.okalgSkipped
        } else {
            do {
                let (okalg, okalgMatcherSeconds) = try Stopwatch.time { try PeopleMatcher.solve(problem, algorithm: .okalg) }
                record.okalg = "ok"
                record.okalgSeconds = okalg.solveSeconds
                record.okalgNetworkSeconds = okalg.buildSeconds
                record.okalgMatcherSeconds = okalgMatcherSeconds
                record.okalgRounds = okalg.rounds
                record.okalgObjective = okalg.objectiveThousandths
            } catch {
                record.okalg = "failed: \(error)"
            }
        }
        if PeopleAlgorithm.relax4.isAvailable {
            do {
                let relax4 = try PeopleMatcher.solve(problem, algorithm: .relax4)
                record.relax4 = "ok"
                record.relax4Seconds = relax4.solveSeconds
                record.relax4Objective = relax4.objectiveThousandths
            } catch {
                record.relax4 = "failed: \(error)"
            }
        } else {
            record.relax4 = "unavailable"
        }
        let data = try JSONEncoder().encode(record)
        print(String(decoding: data, as: UTF8.self))
    }
}

/// `alliance-bench people-lists`: draws `members.csv` and `posts.csv` for the communities and
/// units of an existing folder of lists (how `models/examples/caofeidian`'s were made:
/// `people-lists --lists models/examples/caofeidian --members 3000 --posts 400 --seed 17`).
struct PeopleListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people-lists",
        abstract: "Write generated members.csv and posts.csv beside existing lists (their communities and units).")

    @Option(help: "Folder with communities.csv and organizations.csv; members.csv and posts.csv are written into it.")
    var lists: String

    @Option var members: Int
    @Option var posts: Int
    @Option var seed: UInt64 = 17

    func run() throws {
        let folder = URL(fileURLWithPath: lists, isDirectory: true)
        let instance = try InstanceReader.read(folder: folder)
        let people = PeopleGenerator(members: members, posts: posts).generate(for: instance, seed: seed)
        try AtomicFiles.write(InstanceWriter.peopleFiles(people), into: folder)
        log("wrote \(people.members.count) members and \(people.posts.count) posts "
            + "(\(people.posts.reduce(0) { $0 + $1.seats }) seats) into \(lists)")
    }
}
