import AllianceKit
import Benchmark
import BenchmarkInputs
import Foundation
import XLSX

// Micro-benchmarks of the parts that dominate reading and planning: the CSV reader (MB/s), the
// workbook reader, the evaluator, one local-search move evaluation and the claim stage. Run them
// with `scripts/micro-benchmarks.sh`; it checks them against the thresholds in Thresholds/.

/// Where the generated input files go: one temporary folder, overwritten by every run (about 20 MB).
let inputFolder: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-micro-benchmarks")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}()

/// A generated CSV list of about `megabytes` MB, in UTF-8 or GB18030, written once.
func csvFile(megabytes: Int, gb18030: Bool) -> (url: URL, bytes: Int) {
    let url = inputFolder.appendingPathComponent("list-\(megabytes)mb-\(gb18030 ? "gb18030" : "utf8").csv")
    let text = CSVSample.text(bytes: megabytes * 1_000_000)
    let data = gb18030 ? CSVSample.gb18030(text) : Data(text.utf8)
    try! data.write(to: url)
    return (url, data.count)
}

/// The solver benchmarks' generator (`InstanceGenerator.benchmarkDistrict`, same seeds), so
/// sizes S and XL are the instances `alliance-bench` uses.
func instance(communities: Int, organizations: Int, seed: UInt64, projectsPerCommunity: Int = 0) -> (problem: Problem, plan: Plan) {
    let generator = InstanceGenerator.benchmarkDistrict(communities: communities, units: organizations)
    var (instance, previous) = generator.generate(seed: seed)
    // The generator writes no projects; the claim stage needs some: each community gets projects
    // of the resource categories in turn, of amounts around the mean resource offered.
    let categories = Array(Set(instance.resources.map(\.category))).sorted()
    let meanAmount = instance.resources.map(\.amount).reduce(0, +) / Double(max(1, instance.resources.count))
    for (c, community) in instance.communities.enumerated() where !categories.isEmpty {
        for p in 0 ..< projectsPerCommunity {
            let k = c * projectsPerCommunity + p
            instance.projects.append(Project(id: "P\(k)", communityID: community.id,
                                             category: categories[k % categories.count],
                                             amount: meanAmount * Double(1 + k % 4) / 2, value: Double(1 + k % 3)))
        }
    }
    let problem = try! Problem(instance: instance)
    // The previous plan, as a plan of the problem (feasible or not: evaluation times the same).
    return (problem, Evaluator.evaluate(previous, in: problem).0)
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The custom metric of the CSV benchmarks: megabytes read per second of wall time.
let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    // Names without spaces: `thresholds update` writes spaces as "_" in the file names, but
    // `thresholds check` (1.38.1) looks the files up by the name as it is.
    // Thresholds: `thresholds check` compares each metric's p90 with the stored one and fails
    // when it is worse by more than a margin. The machine is shared, so times vary by 2× and more
    // with the load: allocation counts, which do not, are held to 10 %, CPU time to 50 %, and
    // wall-time metrics (wall clock, throughput, MB/s) only to 300 %, so
    // that they are recorded and shown but fail only on a gross slowdown.
    func tolerance(_ percent: Double) -> BenchmarkThresholds { BenchmarkThresholds(relative: [.p90: percent]) }
    func margin(_ metric: BenchmarkMetric) -> BenchmarkThresholds {
        switch metric {
        case .mallocCountTotal: return tolerance(10)
        case .cpuTotal: return tolerance(50)
        default: return tolerance(300)
        }
    }
    func configuration(_ metrics: [BenchmarkMetric]) -> Benchmark.Configuration {
        .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 30,
              thresholds: Dictionary(uniqueKeysWithValues: metrics.map { ($0, margin($0)) }))
    }
    // cpuTotal is left to the benchmarks that take a tenth of a second or more: the kernel counts
    // CPU time in 10 ms ticks.
    Benchmark.defaultConfiguration = configuration([.wallClock, .mallocCountTotal, .throughput])

    for gb18030 in [false, true] {
        let (url, bytes) = csvFile(megabytes: 8, gb18030: gb18030)
        Benchmark("CSV_read_\(gb18030 ? "GB18030" : "UTF-8")_8MB",
                  configuration: configuration([.wallClock, .cpuTotal, .mallocCountTotal, megabytesPerSecond])) { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                blackHole(try CSVParser.parse(contentsOf: url, choice: gb18030 ? .gb18030 : .utf8))
                benchmark.measurement(megabytesPerSecond, Int(Double(bytes) / 1e6 / seconds(since: start)))
            }
        }
    }

    // A workbook of one sheet holding the 2 MB sample list (about 30 000 rows).
    let workbookURL = inputFolder.appendingPathComponent("lists.xlsx")
    let rows = try! CSVParser.records(CSVSample.text(bytes: 2_000_000), file: "sample.csv")
    let sheet = Sheet(name: "organizations", rows: rows.map { $0.fields.map { Cell.text($0.text) } })
    try! XLSXWriter.data(for: Workbook(sheets: [sheet])).write(to: workbookURL)
    Benchmark("Workbook_read_2MB_sheet",
              configuration: configuration([.wallClock, .cpuTotal, .mallocCountTotal, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            let workbook = try WorkbookReader(contentsOf: workbookURL)
            blackHole(try workbook.records(ofSheet: "organizations"))
        }
    }

    // The same sheet as XML, as a worksheet part holds it (inline strings), scanned alone.
    var sheetXML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    for (r, row) in rows.enumerated() {
        sheetXML += "<row r=\"\(r + 1)\">"
        for field in row.fields {
            let text = field.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            sheetXML += "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }
        sheetXML += "</row>"
    }
    sheetXML += "</sheetData></worksheet>"
    let sheetData = Data(sheetXML.utf8)
    Benchmark("XML_scan_sheet_part",
              configuration: configuration([.wallClock, .cpuTotal, .mallocCountTotal, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try XMLPartScan.elementCount(sheetData))
        }
    }

    let small = instance(communities: 32, organizations: 136, seed: 20_250_101, projectsPerCommunity: 8)
    let large = instance(communities: 600, organizations: 2400, seed: 20_250_104)
    for (label, sized) in [("S", small), ("XL", large)] {
        Benchmark("Evaluator_\(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(Evaluator.evaluate(sized.plan, in: sized.problem))
            }
        }
    }

    let probe = LocalSearchProbe(plan: large.plan, in: large.problem)
    // Every unit's move (1 118 at XL) per iteration.
    Benchmark("Local_search_move_gains_XL") { benchmark in
        for _ in benchmark.scaledIterations {
            for move in 0 ..< probe.moveCount { blackHole(probe.gain(ofMove: move)) }
        }
    }

    Benchmark("Claim_stage_S") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ProjectClaiming.claim(small.plan, in: small.problem, settings: ClaimSettings(threads: 1)))
        }
    }
}
