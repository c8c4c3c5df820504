import AllianceKit
import ArgumentParser
import Foundation

/// The options that change the model, shared by solve, evaluate, check and export.
struct ModelOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Folder holding communities.csv, organizations.csv, needs.csv, resources.csv, "
        + "or an .xlsx workbook with those lists as sheets (社区, 单位, 需求, 资源, 项目, 结对).", valueName: "folder-or-xlsx"))
    var folder: String

    @Option(name: .customLong("encoding"), help: "Encoding of the CSV files: utf8, gb18030 or auto (UTF-8 when valid, else GB18030).")
    var encoding: String = "auto"

    @Option(name: .customLong("weight"), parsing: .singleValue,
            help: "A term's weight as name=value (coverage, balance, distance, preference, keep); repeatable.")
    var weights: [String] = []

    @Option(name: .customLong("balance-band"), help: "τ: alliances within ±τ of the mean strength cost nothing.")
    var balanceBand: Double = 0.10

    @Flag(name: .customLong("no-lead-rule"), help: "Do not require one lead unit per community.")
    var noLeadRule = false

    @Option(name: .customLong("max-distance-km"), help: "Forbid pairs farther apart than this (fix pairs excepted).")
    var maxDistanceKm: Double?

    @Option(name: .customLong("previous"), help: "Last plan (plan.csv) to keep pairs from (the KEEP term).")
    var previous: String?

    @Option(name: .customLong("candidates"),
            help: "Each unit only considers its k nearest communities (large instances; needs coordinates).")
    var candidates: Int?

    func validate() throws {
        _ = try parsedWeights()
        _ = try parsedEncoding()
        if let candidates, candidates < 1 { throw ValidationError("--candidates must be a whole number ≥ 1") }
        guard balanceBand.isFinite, balanceBand >= 0 else {
            throw ValidationError("--balance-band must be a number ≥ 0, e.g. 0.1 for ±10 %")
        }
        if let limit = maxDistanceKm, !(limit.isFinite && limit >= 0) {
            throw ValidationError("--max-distance-km must be a number ≥ 0")
        }
    }

    func parsedWeights() throws -> Weights {
        var weights = Weights()
        for item in self.weights {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let term = Term(rawValue: parts[0]) else {
                throw ValidationError("--weight takes name=value with name one of "
                    + Term.allCases.map(\.rawValue).joined(separator: ", ") + "; got '\(item)'")
            }
            guard let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--weight \(parts[0]) needs a number, got '\(parts[1])'")
            }
            weights[term] = value
        }
        return weights
    }

    /// The `--encoding` choice (`utf8`, `utf-8`, `gb18030` or `auto`, in any case).
    func parsedEncoding() throws -> EncodingChoice {
        guard let choice = EncodingChoice(rawValue: encoding.lowercased().replacingOccurrences(of: "-", with: "")) else {
            throw ValidationError("--encoding takes utf8, gb18030 or auto; got '\(encoding)'")
        }
        return choice
    }

    /// Whether the input is an `.xlsx` workbook rather than a folder of CSV files.
    var isWorkbook: Bool { InstanceReader.isWorkbook(URL(fileURLWithPath: folder)) }

    var folderURL: URL { URL(fileURLWithPath: folder, isDirectory: !isWorkbook) }

    /// Where an output folder `name` goes by default: inside the input folder, or beside the workbook.
    func defaultOutputFolder(_ name: String) -> URL {
        (isWorkbook ? folderURL.deletingLastPathComponent() : folderURL).appendingPathComponent(name, isDirectory: true)
    }

    /// Reads and validates the lists, reads the previous plan, and derives the model data.
    /// Error locations name files as the user would open them: `folder/needs.csv:3:1`,
    /// `folder/lists.xlsx:需求!C3`. Says on stderr which CSV files were not UTF-8, unless `quiet`.
    func loadProblem(quiet: Bool = false) throws -> Problem {
        try makeProblem(try loadInstance(quiet: quiet), options: try planningOptions())
    }

    /// Reads and validates the lists (a folder of CSV files or a workbook), errors located as in
    /// `loadProblem`.
    func loadInstance(quiet: Bool = false) throws -> Instance {
        let choice = try parsedEncoding()
        let lists = try Self.relocated({ try InstanceReader.load(folderURL, encoding: choice) }, path: locatedPath)
        for (file, used) in lists.encodings.sorted(by: { $0.key < $1.key }) where used != .utf8 && !quiet {
            Console.error("note: \(locatedPath(file)) was read as \(used.displayName) (not UTF-8)")
        }
        return lists.instance
    }

    /// The options as given, with the previous plan read.
    func planningOptions() throws -> PlanningOptions {
        var options = PlanningOptions(weights: try parsedWeights(), balanceBand: balanceBand,
                                      leadRule: !noLeadRule, maxDistanceKm: maxDistanceKm, candidates: candidates)
        if let previous {
            options.previousPlan = try Self.readPlan(previous, encoding: try parsedEncoding())
        }
        return options
    }

    /// Derives the model data, errors located as in `loadProblem`.
    func makeProblem(_ instance: Instance, options: PlanningOptions) throws -> Problem {
        try Self.relocated({ try Problem(instance: instance, options: options) }, path: locatedPath)
    }

    /// The path of input file `name` as the user gave it: `folder/needs.csv`, or the workbook's path.
    func locatedPath(_ name: String) -> String {
        if isWorkbook { return name == URL(fileURLWithPath: folder).lastPathComponent ? folder : name }
        return (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/" + name
    }

    /// Reads a plan CSV, its errors located at the path as given.
    static func readPlan(_ path: String, encoding: EncodingChoice = .auto) throws -> [Assignment] {
        try readPlanRows(path, encoding: encoding).map(\.assignment)
    }

    /// Reads a plan CSV with its optional `district` column, locations at the path as given.
    static func readPlanRows(_ path: String, encoding: EncodingChoice = .auto) throws -> [PlanReader.Row] {
        let rows = try relocated({ try PlanReader.readRows(file: URL(fileURLWithPath: path), encoding: encoding) }) { _ in path }
        return rows.map { row in
            var located = row
            located.assignment.source?.file = path
            located.districtSource?.file = path
            return located
        }
    }

    /// Runs `body`, rewriting the bare file names of its input errors with `path` (for a cell of a
    /// workbook, the workbook's name).
    static func relocated<T>(_ body: () throws -> T, path: (String) -> String) throws -> T {
        do {
            return try body()
        } catch let errors as InputErrors {
            throw InputErrors(errors.errors.map { error in
                var located = error
                if let workbook = error.location.workbook {
                    if !workbook.contains("/") { located.location.workbook = path(workbook) }
                } else if !error.location.file.contains("/") {
                    located.location.file = path(error.location.file)
                }
                return located
            })
        }
    }
}
