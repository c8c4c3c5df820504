import Foundation

/// Stage 3 (`alliance people`, and `solve` on lists that hold `members.csv` and `posts.csv`):
/// party members to community posts and orders, solved exactly as a min-cost flow.
///
/// `PeopleInput` reads what the stage needs — the stage-1 lists (for the communities and units),
/// the two people lists, the stage-1 plan for the unit term (`--plan`) and the matches to keep
/// (`--from`) — and derives `PeopleProblem`; `PeopleRun` solves it, judges the matching with
/// `PeopleEvaluator` (from the matches alone) and writes the files.
public struct PeopleInput: Sendable {
    /// The lists: a folder or a workbook, as for `solve`.
    public var path: String
    public var encoding: EncodingChoice
    /// Weights, `--max-distance-km`, `--candidates`; `plan` and `kept` are filled by `load`.
    public var options: PeopleOptions
    /// The stage-1 plan (`plan.csv`) whose pairs make the unit term.
    public var planPath: String?
    /// An earlier `people.csv` whose matches are kept (`--from`).
    public var fromPath: String?
    /// With `fromPath`: start afresh, ignoring the earlier matches (`--reassign`).
    public var reassign: Bool

    public init(path: String, encoding: EncodingChoice = .auto, options: PeopleOptions = PeopleOptions(),
                planPath: String? = nil, fromPath: String? = nil, reassign: Bool = false) {
        self.path = path
        self.encoding = encoding
        self.options = options
        self.planPath = planPath
        self.fromPath = fromPath
        self.reassign = reassign
    }

    /// What `load` read: the model, and notes about the files (encodings) for the console.
    public struct Loaded: Sendable {
        public var problem: PeopleProblem
        public var notes: [String]
        /// Unknown columns and kept matches dropped.
        public var warnings: [String]
    }

    /// Reads everything and derives the model. Input errors are located at the files as given.
    public func load() throws -> Loaded {
        let planning = PlanningInput(path: path, encoding: encoding)
        let lists = try planning.loadInstance()
        return try load(instance: lists.instance, notes: lists.notes)
    }

    /// Derives the model for stage-1 lists already read (`solve` reads them once for both stages).
    public func load(instance: Instance, notes: [String] = []) throws -> Loaded {
        let planning = PlanningInput(path: path, encoding: encoding)
        let people = try PlanningInput.relocated({
            try PeopleReader.read(at: planning.url, communities: instance.communities,
                                  organizations: instance.organizations, encoding: encoding)
        }, path: planning.locatedPath)
        var options = self.options
        if let planPath { options.plan = try PlanningInput.readPlan(planPath, encoding: encoding) }
        if let fromPath, !reassign { options.kept = try Self.readMatches(fromPath, encoding: encoding) }
        let problem = try PlanningInput.relocated({
            try PeopleProblem(communities: instance.communities, lists: people, options: options)
        }, path: planning.locatedPath)
        return Loaded(problem: problem, notes: notes, warnings: people.warnings + problem.keptWarnings)
    }

    /// Whether the lists at `path` include the people lists (both files, or both sheets).
    public var hasPeopleLists: Bool {
        PeopleReader.hasPeopleLists(at: PlanningInput(path: path, encoding: encoding).url)
    }

    /// Reads the matches of a `people.csv`, errors and sources located at the path as given.
    public static func readMatches(_ path: String, encoding: EncodingChoice = .auto) throws -> [SeatMatch] {
        let matches = try PlanningInput.relocated({
            try PeopleReader.readMatches(file: URL(fileURLWithPath: path), encoding: encoding)
        }) { _ in path }
        return matches.map { match in
            var located = match
            located.source?.file = path
            return located
        }
    }
}

/// Solving, judging and writing stage 3.
public enum PeopleRun {
    /// Solves `problem` exactly and judges the matching. `certify` re-checks the flow's
    /// optimality from the network (slower; for tests and benchmarks).
    public static func solve(_ problem: PeopleProblem, algorithm: PeopleAlgorithm = .preferred,
                             certify: Bool = false, warnings: [String] = []) throws -> PeopleReport {
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try PeopleMatcher.solve(problem, algorithm: algorithm, certify: certify)
        let evaluation = PeopleEvaluator.evaluate(solution.matches, in: problem)
        // The evaluator judges the matching from the matches alone; a broken rule is a bug, not a result.
        if let first = evaluation.violations.first {
            throw SolveError.solverFailed(Message.peopleMatchingInvalid(count: evaluation.violations.count, first: first).text)
        }
        let elapsed = clock.now - start
        let facts = PeopleRunFacts(
            method: "min-cost-flow/\(algorithm.rawValue)", optimal: solution.certified ?? true,
            nodes: solution.nodes, arcs: solution.arcs, candidateArcs: solution.candidateArcs, rounds: solution.rounds,
            seconds: elapsed.seconds,
            solverSeconds: solution.solveSeconds)
        return PeopleReport(problem: problem, evaluation: evaluation, facts: facts, warnings: warnings)
    }

    /// Judges a matching read from a file (no solving): rules, objective, open seats.
    public static func evaluate(_ matches: [SeatMatch], in problem: PeopleProblem, warnings: [String] = []) -> PeopleReport {
        PeopleReport(problem: problem, evaluation: PeopleEvaluator.evaluate(matches, in: problem, requireKept: false),
                     facts: PeopleRunFacts(method: "evaluated", optimal: false), warnings: warnings)
    }

    /// Writes `people.csv`, `posts-open.csv` and `people.json` together into `folder`.
    public static func write(_ report: PeopleReport, into folder: URL, byteOrderMark: Bool = true,
                             includeTimings: Bool = true) throws {
        try AtomicFiles.write(report.files(byteOrderMark: byteOrderMark, includeTimings: includeTimings), into: folder)
    }
}
