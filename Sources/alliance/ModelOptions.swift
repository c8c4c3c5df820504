import AllianceKit
import ArgumentParser
import Foundation

/// The options that change the model, shared by solve, evaluate, check and export.
struct ModelOptions: ParsableArguments {
    @Argument(help: "Folder holding communities.csv, organizations.csv, needs.csv, resources.csv.")
    var folder: String

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

    var folderURL: URL { URL(fileURLWithPath: folder, isDirectory: true) }

    /// Reads and validates the lists, reads the previous plan, and derives the model data.
    /// Error locations name files as the user would open them: `folder/needs.csv:3:1`.
    func loadProblem() throws -> Problem {
        try makeProblem(try loadInstance(), options: try planningOptions())
    }

    /// Reads and validates the lists, errors located as in `loadProblem`.
    func loadInstance() throws -> Instance {
        try Self.relocated({ try InstanceReader.read(folder: folderURL) }) { locatedPath($0) }
    }

    /// The options as given, with the previous plan read.
    func planningOptions() throws -> PlanningOptions {
        var options = PlanningOptions(weights: try parsedWeights(), balanceBand: balanceBand,
                                      leadRule: !noLeadRule, maxDistanceKm: maxDistanceKm, candidates: candidates)
        if let previous {
            options.previousPlan = try Self.readPlan(previous)
        }
        return options
    }

    /// Derives the model data, errors located as in `loadProblem`.
    func makeProblem(_ instance: Instance, options: PlanningOptions) throws -> Problem {
        try Self.relocated({ try Problem(instance: instance, options: options) }) { locatedPath($0) }
    }

    /// A bare list file name as the user would open it: `folder/needs.csv`.
    func locatedPath(_ file: String) -> String {
        (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/" + file
    }

    /// Reads a plan CSV, its errors located at the path as given.
    static func readPlan(_ path: String) throws -> [Assignment] {
        let rows = try relocated({ try PlanReader.read(file: URL(fileURLWithPath: path)) }) { _ in path }
        return rows.map { row in
            var located = row
            located.source?.file = path
            return located
        }
    }

    /// Runs `body`, rewriting the bare file names of its input errors with `path`.
    static func relocated<T>(_ body: () throws -> T, path: (String) -> String) throws -> T {
        do {
            return try body()
        } catch let errors as InputErrors {
            throw InputErrors(errors.errors.map { error in
                var located = error
                if !error.location.file.contains("/") { located.location.file = path(error.location.file) }
                return located
            })
        }
    }
}
