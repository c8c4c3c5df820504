import ArgumentParser
import Foundation

/// `alliance-bench report`: turns `results/*.json` into `RESULTS.md` and SVG plots.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write RESULTS.md and the objective-over-time plots from the results files.")

    @Option(help: "Folder with <size>.json results (plots are written here too).")
    var results: String = Paths.results

    @Option(help: "Markdown file to write.")
    var out: String = Paths.benchmarks.appendingPathComponent("RESULTS.md").path

    @Option(help: "The command that produced the results, to state in RESULTS.md.")
    var command: String = "benchmarks/run.sh"

    @Option(help: "A note for the top of RESULTS.md (e.g. that this is only a pipeline check).")
    var banner: String?

    @Option(help: "Which code was measured (commit, uncommitted changes), to state in RESULTS.md.")
    var code: String?

    @Option(parsing: .singleValue,
            help: "Hand-written Markdown files appended to RESULTS.md, in order (what was tried and what it gave, the large-instance and memory measurements, the server's diagnosis); repeatable.")
    var experiments: [String] = ["EXPERIMENTS.md", "LARGE.md", "MEMORY.md", "SERVING.md"].map {
        Paths.benchmarks.appendingPathComponent($0).path
    }

    @Option(help: "Sizes to plot.")
    var plots: String = "S,M"

    @Option(help: "The explain/suggest timings (`alliance-bench analysis`); their section is left out when the file is missing.")
    var analysis: String = (Paths.results as NSString).appendingPathComponent("analysis.json")

    @Flag(name: .customLong("analysis-only"),
          help: "Only replace (or add, before \"How the numbers are made\") the \"explain and suggest\" section of the existing RESULTS.md, keeping the other measured sections as they are (the hand-written notes at its end are read again from their files).")
    var analysisOnly = false

    @Option(help: "The re-planning measurement (`alliance-bench replan`); its section is left out when the file is missing.")
    var replan: String = (Paths.results as NSString).appendingPathComponent("replan.json")

    @Flag(name: .customLong("replan-only"),
          help: "Only replace (or add, before \"How the numbers are made\") the \"re-planning around pins\" section of the existing RESULTS.md, keeping the other measured sections as they are (the hand-written notes at its end are read again from their files).")
    var replanOnly = false

    @Flag(name: .customLong("families-only"),
          help: "Only replace (or add, before \"How the numbers are made\") the \"instance families\" section of the existing RESULTS.md from <results>/<size>[-<family>].json (run.sh: --results results/families), keeping the other measured sections as they are (the hand-written notes at its end are read again from their files).")
    var familiesOnly = false

    @Option(help: "The load test of the web workbench (`alliance-bench load`); its section is left out when the file is missing.")
    var load: String = (Paths.results as NSString).appendingPathComponent("load.json")

    @Flag(name: .customLong("load-only"),
          help: "Only replace (or add, before \"How the numbers are made\") the \"serving: 20 planners at once\" section of the existing RESULTS.md, keeping the other measured sections as they are (the hand-written notes at its end are read again from their files).")
    var loadOnly = false

    @Option(help: "The stage-3 benchmark (`alliance-bench people`); its section is left out when the file is missing.")
    var people: String = (Paths.results as NSString).appendingPathComponent("people.json")

    @Flag(name: .customLong("people-only"),
          help: "Only replace (or add, before \"How the numbers are made\") the \"People to posts (stage 3)\" section of the existing RESULTS.md (and results/people-time.svg), keeping the other measured sections as they are (the hand-written notes at its end are read again from their files).")
    var peopleOnly = false

    func run() throws {
        let peopleResults = try FileManager.default.contents(atPath: people).map {
            try JSONDecoder().decode(PeopleResults.self, from: $0)
        }
        if peopleOnly {
            guard let markdown = FileManager.default.contents(atPath: out).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw HarnessError("no \(out) to update")
            }
            guard let peopleResults else { throw HarnessError("no \(people); run `alliance-bench people` first") }
            try PeopleBenchReport.plot(peopleResults).write(toFile: (results as NSString).appendingPathComponent("people-time.svg"),
                                                       atomically: true, encoding: .utf8)
            try withCurrentNotes(Self.replacingSection(in: markdown, with: PeopleBenchReport(results: peopleResults).render()))
                .write(toFile: out, atomically: true, encoding: .utf8)
            log("updated the people to posts section of \(out)")
            return
        }
        if familiesOnly {
            guard let markdown = FileManager.default.contents(atPath: out).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw HarnessError("no \(out) to update")
            }
            let families = try FamilyReport.load(from: results)
            guard families.keys.contains(where: { $0 != .base }) else {
                throw HarnessError("no results of a family other than base in \(results); run `alliance-bench run --families …` first")
            }
            let report = FamilyReport(results: families, cities: try FamilyReport.loadCities(from: results), code: code)
            try withCurrentNotes(Self.replacingSection(in: markdown, with: report.render()))
                .write(toFile: out, atomically: true, encoding: .utf8)
            log("updated the instance families section of \(out)")
            return
        }
        let analysisResults = try loadAnalysis()
        let replanResults = try loadReplan()
        let loadResults = try loadLoad()
        if analysisOnly || replanOnly || loadOnly {
            guard var markdown = FileManager.default.contents(atPath: out).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw HarnessError("no \(out) to update")
            }
            if analysisOnly {
                guard let analysisResults else { throw HarnessError("no \(analysis); run `alliance-bench analysis` first") }
                markdown = Self.replacingSection(in: markdown, with: AnalysisReport(results: analysisResults).render())
            }
            if replanOnly {
                guard let replanResults else { throw HarnessError("no \(replan); run `alliance-bench replan` first") }
                markdown = Self.replacingSection(in: markdown, with: ReplanReport(results: replanResults).render())
            }
            if loadOnly {
                guard let loadResults else { throw HarnessError("no \(load); run `alliance-bench load` first") }
                markdown = Self.replacingSection(in: markdown, with: LoadReport(results: loadResults).render())
            }
            try withCurrentNotes(markdown).write(toFile: out, atomically: true, encoding: .utf8)
            let sections = [analysisOnly ? "explain and suggest" : nil, replanOnly ? "re-planning around pins" : nil,
                            loadOnly ? "serving: 20 planners at once" : nil].compactMap { $0 }
            log("updated the \(sections.joined(separator: " and ")) section\(sections.count > 1 ? "s" : "") of \(out)")
            return
        }
        var loaded: [BenchmarkSize: SizeResults] = [:]
        for size in BenchmarkSize.allCases {
            let path = (results as NSString).appendingPathComponent("\(size.rawValue).json")
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            loaded[size] = try JSONDecoder().decode(SizeResults.self, from: data)
        }
        guard !loaded.isEmpty else { throw HarnessError("no results in \(results); run `alliance-bench run` first") }
        var plotFiles: [BenchmarkSize: String] = [:]
        for size in try BenchmarkSize.list(plots) {
            guard let r = loaded[size] else { continue }
            let name = "objective-\(size.rawValue).svg"
            let plot = SVGPlot(title: "\(size.label): objective over time (time limit \(format(r.timeLimit)) s)",
                               runs: r.runs, timeLimit: r.timeLimit)
            try plot.render().write(toFile: (results as NSString).appendingPathComponent(name),
                                    atomically: true, encoding: .utf8)
            plotFiles[size] = name
        }
        let resultsLink = relativePath(from: (out as NSString).deletingLastPathComponent, to: results)
        var markdown = MarkdownReport(results: loaded, command: command, banner: banner, code: code,
                                      plots: plotFiles.mapValues { resultsLink + "/" + $0 },
                                      analysis: analysisResults, replan: replanResults, load: loadResults).render()
        // The families' runs (`run.sh --families`) keep their own folder and section.
        let familyFolder = (results as NSString).appendingPathComponent("families")
        let families = try FamilyReport.load(from: familyFolder)
        if families.keys.contains(where: { $0 != .base }) {
            let report = FamilyReport(results: families, cities: try FamilyReport.loadCities(from: familyFolder), code: code)
            markdown = Self.replacingSection(in: markdown, with: report.render())
        }
        // Stage 3 (`run.sh --people`) keeps its own results file and section.
        if let peopleResults {
            try PeopleBenchReport.plot(peopleResults).write(toFile: (results as NSString).appendingPathComponent("people-time.svg"),
                                                       atomically: true, encoding: .utf8)
            markdown = Self.replacingSection(in: markdown, with: PeopleBenchReport(results: peopleResults).render())
        }
        markdown += Self.notes(noteTexts())
        try markdown.write(toFile: out, atomically: true, encoding: .utf8)
        log("wrote \(out)")
    }

    private func loadAnalysis() throws -> AnalysisResults? {
        guard let data = FileManager.default.contents(atPath: analysis) else { return nil }
        return try JSONDecoder().decode(AnalysisResults.self, from: data)
    }

    private func loadLoad() throws -> LoadResults? {
        guard let data = FileManager.default.contents(atPath: load) else { return nil }
        return try JSONDecoder().decode(LoadResults.self, from: data)
    }

    private func loadReplan() throws -> ReplanResults? {
        guard let data = FileManager.default.contents(atPath: replan) else { return nil }
        return try JSONDecoder().decode(ReplanResults.self, from: data)
    }

    /// The hand-written files (`experiments`) that exist, read.
    private func noteTexts() -> [String] {
        experiments.compactMap { FileManager.default.contents(atPath: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The hand-written files, each after an empty line, as RESULTS.md ends with them.
    private static func notes(_ texts: [String]) -> String {
        texts.map { "\n" + $0 }.joined()
    }

    /// `markdown` (an existing RESULTS.md) with the hand-written files at its end read again: the
    /// `--…-only` updates keep the measured sections they do not touch, but the notes after them
    /// are the files' current text. The old copy starts at the first file's first line; a
    /// RESULTS.md without it gets the notes appended.
    private func withCurrentNotes(_ markdown: String) -> String {
        let texts = noteTexts()
        var text = markdown
        if let heading = texts.first?.split(separator: "\n").first,
           let start = text.range(of: "\n" + heading + "\n") {
            text = String(text[..<start.lowerBound])
        }
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n" + Self.notes(texts)
    }

    /// `markdown` with the section headed by `section`'s first line ("## explain and suggest",
    /// "## re-planning around pins", "## serving: 20 planners at once"; up to the next "## " heading) replaced by `section`, or
    /// `section` inserted before "## How the numbers are made" (else at the end).
    static func replacingSection(in markdown: String, with section: String) -> String {
        var lines = markdown.components(separatedBy: "\n")
        let new = section.components(separatedBy: "\n").dropLast(section.hasSuffix("\n") ? 1 : 0)
        if let heading = new.first, let start = lines.firstIndex(of: heading) {
            let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
            lines.replaceSubrange(start..<end, with: Array(new) + [""])
        } else if let method = lines.firstIndex(of: "## How the numbers are made") {
            lines.insert(contentsOf: Array(new) + [""], at: method)
        } else {
            lines += [""] + Array(new)
        }
        return lines.joined(separator: "\n")
    }

    /// `to` relative to the folder `from` when it lies inside it, else `to` as given.
    private func relativePath(from: String, to: String) -> String {
        let base = URL(fileURLWithPath: from).standardizedFileURL.path
        let target = URL(fileURLWithPath: to).standardizedFileURL.path
        return target.hasPrefix(base + "/") ? String(target.dropFirst(base.count + 1)) : target
    }
}
