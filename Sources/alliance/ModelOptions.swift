import AllianceKit
import ArgumentParser
import Foundation

/// The options that change the model, shared by solve, evaluate, check, compare, export, explain,
/// suggest and claim; the re-planning options (`--from`, `--pin-*`, `--pins`, `--max-changes`)
/// are passed on as typed: the library reads the files and reports bad pins and a change limit
/// without a start plan as input errors (exit 1), as it does for the lists. Reading the lists is the library's (`PlanningInput`); this adds only what a console
/// needs: the notes and warnings printed to stderr.
struct ModelOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Folder holding communities.csv, organizations.csv, needs.csv, resources.csv, "
        + "or an .xlsx workbook with those lists as sheets (社区, 单位, 需求, 资源, 项目, 结对).", valueName: "folder-or-xlsx"),
              completion: .file(extensions: ["xlsx"]))
    var folder: String

    @Option(help: ArgumentHelp("Encoding of the CSV files (auto: UTF-8 when valid, else GB18030).",
                               valueName: "encoding"))
    var encoding: EncodingChoice = .auto

    @Option(name: .customLong("weight"), parsing: .singleValue,
            help: ArgumentHelp("A term's weight; repeatable. (default: \(ModelOptions.defaultWeights))",
                               valueName: "name=value"),
            completion: .list(["coverage=", "balance=", "distance=", "preference=", "keep="]),
            transform: TermWeight.init(argument:))
    var weights: [TermWeight] = []

    @Option(help: ArgumentHelp("τ: alliances within ±τ of the mean strength cost nothing (0.1 = ±10 %).",
                               valueName: "fraction"))
    var balanceBand: Double = 0.10

    @Flag(help: "Do not require one lead unit per community.")
    var noLeadRule = false

    @Option(help: ArgumentHelp("Forbid pairs farther apart than this (fix pairs excepted).", valueName: "km"))
    var maxDistanceKm: Double?

    @Option(help: ArgumentHelp("Last plan to keep pairs from (the KEEP term).", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var previous: String?

    @Option(help: ArgumentHelp("Each unit only considers its k nearest communities (large instances; needs coordinates).",
                               valueName: "k"))
    var candidates: Int?

    @Option(help: ArgumentHelp("Re-plan from this plan (plan.csv): every strategy starts from it (repaired, with a "
        + "warning per repair, if it breaks a rule); pins and --max-changes refer to it.", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var from: String?

    @Option(name: .customLong("pin-unit"), parsing: .singleValue,
            help: ArgumentHelp("Keep all of this unit's pairs and lead roles of the --from plan (an organization id "
                + "or group name); repeatable.", valueName: "org_id"))
    var pinUnits: [String] = []

    @Option(name: .customLong("pin-community"), parsing: .singleValue,
            help: ArgumentHelp("Keep this community's alliance of the --from plan as it is (units and lead); repeatable.",
                               valueName: "community_id"))
    var pinCommunities: [String] = []

    @Option(name: .customLong("pin-lead"), parsing: .singleValue,
            help: ArgumentHelp("This unit serves and leads this community (needs no --from); repeatable.",
                               valueName: "community=unit"))
    var pinLeads: [String] = []

    @Option(help: ArgumentHelp("Pins from a CSV file: kind,org_id,community_id (kind unit, community or lead; "
        + "类型,单位编号,社区编号).", valueName: "pins.csv"),
            completion: .file(extensions: ["csv"]))
    var pins: String?

    @Option(help: ArgumentHelp("At most n unit–community pairs may differ from the --from plan (added plus removed; "
        + "per district for district lists).", valueName: "n"))
    var maxChanges: Int?

    /// The default weights as `--weight` takes them, e.g. "coverage=1, balance=0.5, …".
    static var defaultWeights: String {
        let weights = Weights()
        return Term.allCases.map { "\($0.rawValue)=\(formatNumber(weights[$0]))" }.joined(separator: ", ")
    }

    func validate() throws {
        if let candidates, candidates < 1 { throw ValidationError(Message.candidatesAtLeastOne.text) }
        guard balanceBand.isFinite, balanceBand >= 0 else {
            throw ValidationError(Message.balanceBandNonNegative.text)
        }
        if let limit = maxDistanceKm, !(limit.isFinite && limit >= 0) {
            throw ValidationError(Message.maxDistanceNonNegative.text)
        }
    }

    /// The lists and model options as the library takes them.
    var input: PlanningInput {
        var weights = Weights()
        for weight in self.weights { weights[weight.term] = weight.value }
        let options = PlanningOptions(weights: weights, balanceBand: balanceBand, leadRule: !noLeadRule,
                                      maxDistanceKm: maxDistanceKm, candidates: candidates, maxChanges: maxChanges)
        return PlanningInput(path: folder, encoding: encoding, options: options, previousPlanPath: previous,
                             fromPath: from, pinsPath: pins, pinUnits: pinUnits, pinCommunities: pinCommunities,
                             pinLeads: pinLeads)
    }

    /// Where an output folder `name` goes by default: inside the input folder, or beside the workbook.
    func defaultOutputFolder(_ name: String) -> URL { input.defaultOutputFolder(name) }

    /// Reads the lists and derives the model data (`PlanningInput.loadProblem`); says on stderr
    /// which CSV files were not UTF-8, unless `quiet`.
    func loadProblem(quiet: Bool = false) throws -> Problem {
        try makeProblem(try loadInstance(quiet: quiet), options: try planningOptions())
    }

    /// Reads and validates the lists (`PlanningInput.loadInstance`); says on stderr which CSV
    /// files were not UTF-8, unless `quiet`.
    func loadInstance(quiet: Bool = false) throws -> Instance {
        let lists = try input.loadInstance()
        for note in lists.notes where !quiet { Console.error(Message.note(note).text) }
        return lists.instance
    }

    /// The options as given, with the previous plan read.
    func planningOptions() throws -> PlanningOptions { try input.planningOptions() }

    /// Derives the model data, errors located at the files as given.
    func makeProblem(_ instance: Instance, options: PlanningOptions) throws -> Problem {
        try input.makeProblem(instance, options: options)
    }

    /// The districts of `instance` with the options as given; the warnings about what crosses
    /// districts go to stderr unless `quiet`.
    func districts(of instance: Instance, quiet: Bool) throws -> (districts: [DistrictInstance], options: PlanningOptions) {
        let options = try planningOptions()
        let (districts, warnings) = try input.districts(of: instance, options: options)
        for warning in warnings where !quiet { Console.warning(warning) }
        return (districts, options)
    }

    /// Reads a plan CSV in the `--encoding` given, its errors located at the path as given.
    func readPlan(_ path: String) throws -> [Assignment] { try PlanningInput.readPlan(path, encoding: encoding) }
}

/// One `--weight name=value`: `T` names the terms (`Term` for stages 1–2, `PeopleTerm` for stage 3).
struct NamedWeight<T: RawRepresentable & CaseIterable> where T.RawValue == String {
    var term: T
    var value: Double

    init(argument: String) throws {
        let parts = argument.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let term = T(rawValue: parts[0]) else {
            throw ValidationError(Message.weightForm(
                terms: T.allCases.map(\.rawValue).joined(separator: ", "), got: argument).text)
        }
        guard let value = Double(parts[1]), value.isFinite else {
            throw ValidationError(Message.weightNeedsNumber(term: parts[0], got: parts[1]).text)
        }
        self.term = term
        self.value = value
    }
}

/// A weight of the stage-1 objective.
typealias TermWeight = NamedWeight<Term>

/// `--priorities coverage,balance,distance`: known terms, each at most once, at least one.
enum TermPriorities {
    static func parse(_ argument: String) throws -> [Term] {
        var terms: [Term] = []
        for name in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let term = Term(rawValue: name) else {
                throw ValidationError(Message.prioritiesUnknownTerm(
                    term: name, terms: Term.allCases.map(\.rawValue).joined(separator: ", ")).text)
            }
            guard !terms.contains(term) else { throw ValidationError(Message.prioritiesTwice(term: name).text) }
            terms.append(term)
        }
        guard !terms.isEmpty else { throw ValidationError(Message.prioritiesNeedOne.text) }
        return terms
    }
}

/// `--encoding` in any case, with or without a hyphen (`UTF-8`, `utf8`, `GB18030`, `auto`).
extension EncodingChoice: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: ""))
    }
}

/// `--strategy` and `--strategies`: help lists the names and shell completion offers them.
extension StrategyName: ExpressibleByArgument {}
