import Foundation

/// Where a run's lists come from and how to read them: the first step of every front end
/// (the `alliance` command, a local web server, tests), before any solving.
///
/// It reads the lists, reads the previous plan, derives the `Problem` and splits lists with a
/// `district` (区县) column, with every input error located at the file as the user gave it
/// (`folder/needs.csv:3:1`, `folder/lists.xlsx:需求!C3`), so that a message can be pasted into
/// a file manager. It prints nothing: what a front end may want to tell the user (CSV files
/// that were not UTF-8, lists crossing districts) is returned.
public struct PlanningInput: Sendable {
    /// The folder of CSV files or the `.xlsx` workbook, as the user gave it.
    public var path: String
    /// How CSV files are decoded (a workbook is always UTF-8).
    public var encoding: EncodingChoice
    /// The model options; `previousPlan` is replaced by the plan at `previousPlanPath` when set.
    public var options: PlanningOptions
    /// Last plan (plan.csv) to keep pairs from (the KEEP term), read by `planningOptions()`.
    public var previousPlanPath: String?
    /// The plan to re-plan from (`--from plan.csv`), read into `PlanningOptions.from`.
    public var fromPath: String?
    /// A pins file (`--pins pins.csv`: `kind,org_id,community_id`), read by `PinReader`.
    public var pinsPath: String?
    /// The pin options as typed: `--pin-unit ID`, `--pin-community ID`, `--pin-lead COMMUNITY=UNIT`.
    public var pinUnits: [String]
    public var pinCommunities: [String]
    public var pinLeads: [String]

    public init(path: String, encoding: EncodingChoice = .auto, options: PlanningOptions = PlanningOptions(),
                previousPlanPath: String? = nil, fromPath: String? = nil, pinsPath: String? = nil,
                pinUnits: [String] = [], pinCommunities: [String] = [], pinLeads: [String] = []) {
        self.path = path
        self.encoding = encoding
        self.options = options
        self.previousPlanPath = previousPlanPath
        self.fromPath = fromPath
        self.pinsPath = pinsPath
        self.pinUnits = pinUnits
        self.pinCommunities = pinCommunities
        self.pinLeads = pinLeads
    }

    /// The lists as read, with notes for the user about how CSV files were decoded.
    public struct Lists: Sendable {
        public var instance: Instance
        /// One note per CSV file that was not UTF-8, in file-name order, e.g.
        /// `folder/needs.csv was read as GB18030 (not UTF-8)`.
        public var notes: [String]
    }

    /// Whether the input is an `.xlsx` workbook rather than a folder of CSV files.
    public var isWorkbook: Bool { InstanceReader.isWorkbook(URL(fileURLWithPath: path)) }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: !isWorkbook) }

    /// Where an output folder `name` goes by default: inside the input folder, or beside the workbook.
    public func defaultOutputFolder(_ name: String) -> URL {
        (isWorkbook ? url.deletingLastPathComponent() : url).appendingPathComponent(name, isDirectory: true)
    }

    /// Reads and validates the lists (a folder of CSV files or a workbook).
    public func loadInstance() throws -> Lists {
        let lists = try Self.relocated({ try InstanceReader.load(url, encoding: encoding) }, path: locatedPath)
        let notes = lists.encodings.sorted(by: { $0.key < $1.key }).filter { $0.value != .utf8 }.map { file, used in
            Message.readAsEncoding(file: locatedPath(file), encoding: used.displayName).text
        }
        return Lists(instance: lists.instance, notes: notes)
    }

    /// `options` with the previous plan read from `previousPlanPath`, the start plan from
    /// `fromPath` and the pins from `pinsPath` and the pin options (the file's first, in row
    /// order), when set. Every file's errors are located at its path as given; a malformed pin
    /// option is an input error naming the option. Unknown ids are found later, by `Problem`
    /// (or `districts(of:options:)`), at each pin's cell or option.
    public func planningOptions() throws -> PlanningOptions {
        var options = self.options
        if let previousPlanPath {
            options.previousPlan = try Self.readPlan(previousPlanPath, encoding: encoding)
        }
        if let fromPath {
            options.from = try Self.readPlan(fromPath, encoding: encoding)
        }
        var pins: [Pin] = []
        if let pinsPath { pins += try Self.readPins(pinsPath, encoding: encoding) }
        do {
            pins += try PinReader.pins(units: pinUnits, communities: pinCommunities, leads: pinLeads)
        } catch {
            throw InputErrors([InputError(SourceLocation(file: "command line", line: 1, column: 1), error.description)])
        }
        if !pins.isEmpty { options.pins = options.pins + pins }
        return options
    }

    /// Derives the model data of `instance`, errors located at the files as given.
    public func makeProblem(_ instance: Instance, options: PlanningOptions) throws -> Problem {
        try Self.relocated({ try Problem(instance: instance, options: options) }, path: locatedInputPath)
    }

    /// `locatedPath` for the lists, leaving the files given by their own path (the plans and the
    /// pins file, whose locations already carry that path) and the command line as they are.
    private func locatedInputPath(_ name: String) -> String {
        let own = [previousPlanPath, fromPath, pinsPath].compactMap { $0 } + ["command line"]
        return own.contains(name) ? name : locatedPath(name)
    }

    /// Reads the lists and the previous plan and derives the model data, in one step.
    public func loadProblem() throws -> (problem: Problem, notes: [String]) {
        let lists = try loadInstance()
        return (try makeProblem(lists.instance, options: try planningOptions()), lists.notes)
    }

    /// The path of input file `name` as the user gave it: `folder/needs.csv`, or the workbook's path.
    public func locatedPath(_ name: String) -> String {
        if isWorkbook { return name == URL(fileURLWithPath: path).lastPathComponent ? path : name }
        return (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/" + name
    }

    // MARK: Lists with a district column

    /// The districts of `instance` (`DistrictSplit`) and the warnings about what crosses
    /// districts; a `fix` pair across districts is an input error located at its cell, and so is
    /// a pin naming an unknown id or a lead pin pairing a unit and a community of different
    /// districts (at the pin's cell or option).
    public func districts(of instance: Instance, options: PlanningOptions)
        throws -> (districts: [DistrictInstance], warnings: [String]) {
        try Self.relocated({
            try DistrictSplit.split(instance, previousPlan: options.previousPlan, from: options.from, pins: options.pins)
        }, path: locatedInputPath)
    }

    /// The model of one district: `options` with the district's share of the previous plan, of
    /// the start plan and of the pins; `--max-changes` applies to each district on its own. A
    /// district the start plan has no rows for (and no unit or community pin) is planned from
    /// scratch: no start plan, no change limit (`DistrictSplit` warns about it).
    /// Throws an input error when the district lists units but no communities. Every command
    /// judges a district by this one model, so solve, check, evaluate, compare and export agree.
    public func problem(for district: DistrictInstance, options: PlanningOptions) throws -> Problem {
        if district.instance.communities.isEmpty, let org = district.instance.organizations.first {
            var location = org.source ?? SourceLocation(file: "organizations.csv", line: 1, column: 1)
            location.file = locatedPath(location.file)
            throw InputErrors([InputError(location, Message.districtWithoutCommunities(district: district.name).text)])
        }
        var districtOptions = options
        districtOptions.previousPlan = district.previousPlan
        districtOptions.from = district.from
        districtOptions.pins = district.pins
        if options.from != nil, district.from?.isEmpty ?? true, !district.pins.contains(where: { $0.kind != .lead }) {
            districtOptions.from = nil
            districtOptions.maxChanges = nil
        }
        return try makeProblem(district.instance, options: districtOptions)
    }

    // MARK: Plans

    /// Reads a plan CSV, its errors located at the path as given.
    public static func readPlan(_ path: String, encoding: EncodingChoice = .auto) throws -> [Assignment] {
        try readPlanRows(path, encoding: encoding).map(\.assignment)
    }

    /// Reads a plan CSV with its optional `district` column, locations at the path as given.
    public static func readPlanRows(_ path: String, encoding: EncodingChoice = .auto) throws -> [PlanReader.Row] {
        let rows = try relocated({ try PlanReader.readRows(file: URL(fileURLWithPath: path), encoding: encoding) }) { _ in path }
        return rows.map { row in
            var located = row
            located.assignment.source?.file = path
            located.districtSource?.file = path
            return located
        }
    }

    /// Reads a pins file (`PinReader.read(file:)`), its errors and its pins' cells located at the
    /// path as given.
    public static func readPins(_ path: String, encoding: EncodingChoice = .auto) throws -> [Pin] {
        let pins = try relocated({ try PinReader.read(file: URL(fileURLWithPath: path), encoding: encoding) }) { _ in path }
        return pins.map { pin in
            var located = pin
            located.source?.file = path
            located.unitSource?.file = path
            located.communitySource?.file = path
            return located
        }
    }

    /// Runs `body`, rewriting the bare file names of its input errors with `path` (for a cell of a
    /// workbook, the workbook's name).
    public static func relocated<T>(_ body: () throws -> T, path: (String) -> String) throws -> T {
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
