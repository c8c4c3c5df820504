import AllianceKit
import Foundation

/// One project: its uploaded lists, its plan versions and its pins, kept under
/// `DATA/projects/<id>/` as ordinary files:
///
/// - `lists/` — the lists as uploaded (CSV files, or `lists.xlsx`);
/// - `versions/<n>/plan.csv`, `plan.json`, `communities.csv` — every plan version as the CLI
///   writes them (a solve's, or a hand edit's);
/// - `journal.jsonl` — the append-only record of new versions, undo, redo and pins;
/// - `previous-plan.csv` — last year's plan, when given (`PUT …/previous-plan`, or a
///   `previous-plan.csv` in the uploaded zip): the KEEP term counts its pairs, and the diff
///   `against=last_year` compares with it.
///
/// An actor, so that edits on one project are serialized: an edit checks the version it was
/// made on against the current one (`409` when stale) with nothing in between.
///
/// Plans are judged on the *analysis problem*: the lists with the weights of the version's
/// solve, without pins or a start plan (those steer the next solve, not the judgement).
actor ProjectStore {
    let id: String
    let folder: URL
    let instance: Instance
    let notes: [String]
    /// `lists.xlsx` or `lists` (CSV folder), relative to `folder`.
    let inputName: String
    /// The name of the uploaded file, when the upload gave one (`?name=`; the `name` file).
    private(set) var displayName: String?

    private var problems: [Weights: Problem] = [:]
    /// Version numbers in undo order; `position` is the current one (-1: no plan yet).
    private var history: [Int] = []
    private var position = -1
    private var maxVersion = 0
    /// Plans of the versions used last (at most `cachedPlans`); the others are read back from
    /// their `plan.csv` when asked for, so memory stays flat however many edits a project sees.
    private var plans: [Int: Plan] = [:]
    private var cacheOrder: [Int] = []
    static let cachedPlans = 32
    private var weightsOf: [Int: Weights] = [:]
    private var statusOf: [Int: (status: String, strategy: String)] = [:]
    /// The full report of a solve's version, while the server runs (bound, claims, timings).
    private var solveReports: [Int: PlanReport] = [:]
    private(set) var pins: [PinEntry] = []
    private let journal: Journal
    /// Last year's plan, if known.
    private var previousPlan: [Assignment]?

    /// Where last year's plan is kept; a zip upload may bring one among its lists.
    private var previousPlanFile: URL { folder.appendingPathComponent("previous-plan.csv") }
    private static let uploadedPreviousPlan = "lists/previous-plan.csv"

    private init(id: String, folder: URL, instance: Instance, notes: [String], inputName: String) {
        self.id = id
        self.folder = folder
        self.instance = instance
        self.notes = notes
        self.inputName = inputName
        journal = Journal(file: folder.appendingPathComponent("journal.jsonl"))
    }

    // MARK: Creating and opening

    /// Unpacks an upload into `folder` and reads the lists; on any input error the folder is
    /// removed again and the errors thrown (`InputErrorsResponse`, 422).
    /// `name` (the user's file name) names the project and replaces the stored file's name in
    /// error locations.
    static func create(id: String, folder: URL, upload: Data, name: String? = nil) async throws -> ProjectStore {
        do {
            let (path, kind) = try Upload.unpack(upload, into: folder.appendingPathComponent("lists", isDirectory: true))
            let inputName = kind == .workbook ? "lists/lists.xlsx" : "lists"
            let store = try await open(id: id, folder: folder, inputName: inputName, listsURL: path)
            if let name {
                try Data(name.utf8).write(to: folder.appendingPathComponent("name"), options: .atomic)
                await store.setDisplayName(name)
            }
            try Data(inputName.utf8).write(to: folder.appendingPathComponent("input"), options: .atomic)
            return store
        } catch let response as InputErrorsResponse {
            try? FileManager.default.removeItem(at: folder)
            guard let name else { throw response }
            throw response.naming(["lists.xlsx", "upload"], as: name)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private func setDisplayName(_ name: String) { displayName = name }

    /// Opens a project folder written earlier: reads its lists and replays its journal.
    static func open(id: String, folder: URL) async throws -> ProjectStore {
        guard let name = FileManager.default.contents(atPath: folder.appendingPathComponent("input").path)
            .flatMap({ String(data: $0, encoding: .utf8) }) else { throw APIError.notFound("project \(id)") }
        return try await open(id: id, folder: folder, inputName: name, listsURL: folder.appendingPathComponent(name))
    }

    private static func open(id: String, folder: URL, inputName: String, listsURL: URL) async throws -> ProjectStore {
        let lists: ListsRead
        do {
            lists = try InstanceReader.load(listsURL)
        } catch {
            throw InputErrorsResponse(error)
        }
        if DistrictSplit.hasDistricts(lists.instance) { throw DistrictLists(instance: lists.instance) }
        let notes = lists.encodings.sorted(by: { $0.key < $1.key }).filter { $0.value != .utf8 }.map { file, used in
            "\(file) was read as \(used.displayName) (not UTF-8)"
        }
        let store = ProjectStore(id: id, folder: folder, instance: lists.instance, notes: notes, inputName: inputName)
        if let name = FileManager.default.contents(atPath: folder.appendingPathComponent("name").path)
            .flatMap({ String(data: $0, encoding: .utf8) }) {
            await store.setDisplayName(name)
        }
        try await store.readPreviousPlan()
        try await store.restore()
        return store
    }

    // MARK: State

    var currentVersion: Int? { position >= 0 ? history[position] : nil }
    private var currentWeights: Weights { currentVersion.flatMap { weightsOf[$0] } ?? Weights() }

    /// The lists' model with `weights` (cached); input errors are 422.
    func problem(weights: Weights) throws -> Problem {
        if let cached = problems[weights] { return cached }
        do {
            var options = PlanningOptions(weights: weights)
            options.previousPlan = previousPlan
            let problem = try Problem(instance: instance, options: options)
            problems[weights] = problem
            return problem
        } catch let errors as InputErrors {
            throw InputErrorsResponse(errors)
        }
    }

    func checkReport() throws -> CheckReport {
        var report = CheckReport(id: id, input: inputName, problem: try problem(weights: currentWeights), notes: notes,
                                 version: currentVersion, pins: pins)
        report.name = displayName
        return report
    }

    /// The current plan on its analysis problem; `409` when nothing has been solved yet.
    func current() throws -> (version: Int, plan: Plan, problem: Problem) {
        guard let version = currentVersion else {
            throw APIError.conflict("the project has no plan yet; solve it first")
        }
        return (version, try plan(version), try problem(weights: weightsOf[version] ?? Weights()))
    }

    /// The report the files of the current version are rendered from: the solve's own while the
    /// server runs, otherwise rebuilt from the plan (claims recomputed; no bound, no timings).
    func currentReport() throws -> PlanReport {
        let (version, plan, problem) = try current()
        if let report = solveReports[version] { return report }
        let stored = statusOf[version] ?? ("feasible", "edit")
        var report = PlanReport(problem: problem,
                                outcome: SolveOutcome(status: SolveStatus(rawValue: stored.status) ?? .feasible, plan: plan,
                                                      bound: nil, solveSeconds: 0),
                                strategy: stored.strategy)
        if !problem.instance.projects.isEmpty { report.claims = try? ProjectClaiming.claim(plan, in: problem) }
        return report
    }

    /// `plan.json` of the current version with `version`, `project_pins` (for the next solve),
    /// `can_undo` and `can_redo` added.
    func planDocument() throws -> Data {
        let (version, _, _) = try current()
        let file = versionFolder(version).appendingPathComponent("plan.json")
        guard let data = FileManager.default.contents(atPath: file.path),
              var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw APIError(500, "plan.json of version \(version) cannot be read")
        }
        object["version"] = version
        object["project_pins"] = pins.map { ["kind": $0.kind, "id": $0.id] }
        object["can_undo"] = position > 0
        object["can_redo"] = position + 1 < history.count
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The current plan's value; with `before` (the plan an edit, undo or redo left), the
    /// explanation's delta too: the objective's and every term's change, and each community and
    /// unit whose share of the objective changed.
    func state(since before: (plan: Plan, problem: Problem)? = nil) throws -> PlanState {
        let (version, plan, problem) = try current()
        let explanation = PlanExplanation(plan: plan, problem: problem)
        let rules = explanation.brokenRules.map { RuleDocument($0.rule, message: $0.message, problem: problem) }
        var state = PlanState(version: version, objective: explanation.objective, terms: explanation.terms,
                              feasible: rules.isEmpty, broken_rules: rules, pins: pins,
                              can_undo: position > 0, can_redo: position + 1 < history.count)
        if let before, before.problem.communityCount == problem.communityCount, before.problem.unitCount == problem.unitCount {
            let old = PlanExplanation(plan: before.plan, problem: before.problem)
            state.delta = PlanState.Delta(old: old, new: explanation, problem: problem)
        }
        return state
    }

    /// The current plan and its problem, or nil before the first plan.
    private func currentPair() -> (plan: Plan, problem: Problem)? {
        (try? current()).map { ($0.plan, $0.problem) }
    }

    /// The project's line in `GET /api/projects`.
    func summary() -> ProjectSummary {
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("input").path)
        let created = (attributes?[.creationDate] ?? attributes?[.modificationDate]) as? Date
        let objective = (try? current()).map { Evaluator.evaluate($0.plan, in: $0.problem).objective }
        return ProjectSummary(id: id, input: inputName, name: displayName, created: created.map { ISO8601DateFormatter().string(from: $0) },
                              communities: instance.communities.count,
                              units: (try? problem(weights: currentWeights).units.count) ?? instance.organizations.count,
                              version: currentVersion, objective: objective)
    }

    func lists() throws -> ListsDocument {
        ListsDocument(problem: try problem(weights: currentWeights), hasPreviousPlan: previousPlan != nil)
    }

    /// What changed from `against` — `previous` (the version before the current one in the undo
    /// order), `solved` (the last solve's plan at or before the current one) or `last_year` — to
    /// the current plan. `409` when there is no such plan.
    func diff(against: String) throws -> DiffAnswer {
        let (version, plan, problem) = try current()
        let old: [Assignment]
        var oldVersion: Int?
        switch against {
        case "previous":
            guard position > 0 else { throw APIError.conflict("the current plan is the first; there is no previous one") }
            oldVersion = history[position - 1]
        case "solved":
            oldVersion = history[...position].last { statusOf[$0]?.strategy != "edit" }
            guard oldVersion != nil else { throw APIError.conflict("no solve made a plan before the current one") }
        case "last_year":
            guard previousPlan != nil else { throw APIError.conflict("last year's plan is not known; upload it first") }
        default:
            throw APIError.badRequest("against must be previous, solved or last_year")
        }
        if let oldVersion {
            old = try self.plan(oldVersion).assignments(in: try self.problem(weights: weightsOf[oldVersion] ?? Weights()))
        } else {
            old = previousPlan ?? []
        }
        let diff = PlanDiff(old: old, new: plan.assignments(in: problem))
        return DiffAnswer(against: against, old_version: oldVersion, version: version, diff: PlanDiff.Document(diff))
    }

    /// Sets last year's plan from a plan CSV (errors are 422 with their cells); the KEEP term of
    /// every version is judged against it from now on.
    func setPreviousPlan(_ data: Data) throws -> ListsDocument {
        let text = try Upload.text(data, name: "previous-plan.csv")
        let rows: [Assignment]
        do {
            rows = try PlanReader.read(text: text, file: "previous-plan.csv")
        } catch {
            throw InputErrorsResponse(error)
        }
        try AtomicFiles.write(Data(text.utf8), to: previousPlanFile)
        previousPlan = rows
        problems = [:]
        solveReports = [:]
        return try lists()
    }

    private func readPreviousPlan() throws {
        for file in [previousPlanFile, folder.appendingPathComponent(Self.uploadedPreviousPlan)]
        where FileManager.default.fileExists(atPath: file.path) {
            do {
                previousPlan = try PlanReader.read(file: file)
            } catch {
                throw InputErrorsResponse(error)
            }
            return
        }
    }

    // MARK: Solving

    /// The model and options of a solve request: the weights over the current ones, the start
    /// plan (`from: "current"`, or implied by pins), the pins (the project's and the request's),
    /// the change limit. Errors are 422 (bad values, pins naming unknown ids).
    func solveSetup(_ request: SolveRequest) throws -> (problem: Problem, options: RunOptions, weights: Weights) {
        var options = RunOptions()
        if let name = request.strategy {
            guard let strategy = StrategyName(rawValue: name) else {
                throw APIError.unprocessable("unknown strategy '\(name)'; expected one of "
                    + StrategyName.allCases.map(\.rawValue).joined(separator: ", "))
            }
            options.strategy = strategy
        }
        if let limit = request.time_limit {
            guard limit > 0, limit <= 24 * 3600 else { throw APIError.unprocessable("time_limit must be between 0 and 86400 seconds") }
            options.timeLimit = limit
        }
        var weights = currentWeights
        if let w = request.weights {
            for (term, value) in [(Term.coverage, w.coverage), (.balance, w.balance), (.distance, w.distance),
                                  (.preference, w.preference), (.keep, w.keep)] {
                guard let value else { continue }
                guard value.isFinite, value >= 0 else { throw APIError.unprocessable("weight \(term.rawValue) must be a number >= 0") }
                weights[term] = value
            }
        }
        let pinList = pins + (request.pins ?? [])
        var planning = PlanningOptions(weights: weights)
        planning.previousPlan = previousPlan
        planning.pins = try pinList.map { entry in
            switch entry.kind {
            case "unit": return Pin.unit(entry.id, option: "pin unit \(entry.id)")
            case "community": return Pin.community(entry.id, option: "pin community \(entry.id)")
            default: throw APIError.unprocessable("a pin's kind is 'unit' or 'community', not '\(entry.kind)'")
            }
        }
        if let from = request.from, from != "current" {
            throw APIError.unprocessable("from must be \"current\" (the current plan)")
        }
        if request.from != nil || !pinList.isEmpty || request.max_changes != nil {
            guard let version = currentVersion else {
                throw APIError.conflict("from, pins and max_changes need a current plan; solve without them first")
            }
            planning.from = try plan(version).assignments(in: try problem(weights: weightsOf[version] ?? Weights()))
        }
        if let max = request.max_changes {
            guard max >= 0 else { throw APIError.unprocessable("max_changes must be 0 or more") }
            planning.maxChanges = max
        }
        do {
            return (try Problem(instance: instance, options: planning), options, weights)
        } catch let errors as InputErrors {
            throw InputErrorsResponse(errors)
        }
    }

    /// Makes a finished solve's plan the current one (a new version); returns its number.
    func adoptSolve(_ report: PlanReport, weights: Weights) throws -> Int {
        let problem = try problem(weights: weights)
        let (plan, _) = Evaluator.plan(from: report.plan.assignments(in: report.problem), in: problem)
        let version = maxVersion + 1
        try writeVersion(version, report: report)
        try journal.append(JournalEntry(op: "plan", version: version, source: "solve", weights: weights,
                                        status: report.status.rawValue, strategy: report.strategy))
        push(version, plan: plan, weights: weights, status: report.status.rawValue, strategy: report.strategy)
        solveReports[version] = report
        return version
    }

    // MARK: Editing

    /// Applies one edit (or pin/unpin) to the current plan.
    func apply(_ request: EditRequest) throws -> PlanState {
        if request.kind == "pin" || request.kind == "unpin" { return try changePin(request) }
        let (version, plan, problem) = try current()
        if let asked = request.version, asked != version {
            throw APIError.conflict("the plan is at version \(version), the edit was made on version \(asked)")
        }
        guard let org = request.org_id else { throw APIError.unprocessable("the edit names no unit (org_id)") }
        let edited: Plan
        do {
            let edit = try PlanEdit(kind: request.kind, orgID: org, from: request.from, to: request.to,
                                    otherOrgID: request.other_org_id, in: problem)
            edited = try edit.apply(to: plan)
        } catch {
            throw APIError.unprocessable(error.message)
        }
        let evaluation = Evaluator.evaluate(edited, in: problem)
        let status: SolveStatus = evaluation.isFeasible ? .feasible : .infeasible
        let report = PlanReport(problem: problem, outcome: SolveOutcome(status: status, plan: edited, bound: nil, solveSeconds: 0),
                                strategy: "edit")
        let next = maxVersion + 1
        let weights = weightsOf[version] ?? Weights()
        try writeVersion(next, report: report)
        var recorded = request
        recorded.version = version
        try journal.append(JournalEntry(op: "plan", version: next, source: "edit", edit: recorded, weights: weights,
                                        status: status.rawValue, strategy: "edit"))
        push(next, plan: edited, weights: weights, status: status.rawValue, strategy: "edit")
        return try state(since: (plan, problem))
    }

    func undo() throws -> PlanState {
        guard position > 0 else { throw APIError.conflict("nothing to undo") }
        let before = currentPair()
        try journal.append(JournalEntry(op: "undo"))
        position -= 1
        return try state(since: before)
    }

    func redo() throws -> PlanState {
        guard position + 1 < history.count else { throw APIError.conflict("nothing to redo") }
        let before = currentPair()
        try journal.append(JournalEntry(op: "redo"))
        position += 1
        return try state(since: before)
    }

    /// `pin` / `unpin` of a unit (`org_id`) or a community (`community_id`, `to` or `from`),
    /// kept for the next solve; the plan and its version do not change.
    private func changePin(_ request: EditRequest) throws -> PlanState {
        let entry: PinEntry
        if let org = request.org_id {
            guard (try problem(weights: currentWeights)).unitIndex(ofOrganizationOrGroup: org) != nil else {
                throw APIError.unprocessable("unknown unit '\(org)' (neither an organization id nor a group name)")
            }
            entry = PinEntry(kind: "unit", id: org)
        } else if let community = request.community_id ?? request.to ?? request.from {
            guard instance.communities.contains(where: { $0.id == community }) else {
                throw APIError.unprocessable("unknown community '\(community)'")
            }
            entry = PinEntry(kind: "community", id: community)
        } else {
            throw APIError.unprocessable("a pin names a unit (org_id) or a community (community_id)")
        }
        var next = pins.filter { $0 != entry }
        if request.kind == "pin" { next.append(entry) }
        try journal.append(JournalEntry(op: "pins", pins: next))
        pins = next
        if currentVersion == nil {
            return PlanState(version: 0, objective: 0, terms: Terms(), feasible: true, broken_rules: [], pins: pins,
                             can_undo: false, can_redo: false)
        }
        return try state()
    }

    // MARK: Files

    private func versionFolder(_ version: Int) -> URL {
        folder.appendingPathComponent("versions", isDirectory: true).appendingPathComponent(String(version), isDirectory: true)
    }

    /// plan.csv, plan.json and communities.csv of a version, as `alliance solve` writes them
    /// (the same bytes as `PlanReport.files`). Only these three are rendered: `plan.xlsx` and
    /// `report.html` are made on request (`files/:name`); rendering them on every edit, to throw
    /// them away, took about 80 % of an edit's time (benchmarks/SERVING.md).
    private func writeVersion(_ version: Int, report: PlanReport) throws {
        let kept = try ["plan.csv", "communities.csv", "plan.json"].map { name in
            (name: name, contents: try report.file(name)!)
        }
        try AtomicFiles.write(kept, into: versionFolder(version))
    }

    private func push(_ version: Int, plan: Plan?, weights: Weights, status: String, strategy: String) {
        history = Array(history.prefix(position + 1)) + [version]
        position = history.count - 1
        maxVersion = max(maxVersion, version)
        if let plan { cache(version, plan) }
        weightsOf[version] = weights
        statusOf[version] = (status, strategy)
    }

    /// The plan of `version`: from the cache, or read back from its `plan.csv`.
    private func plan(_ version: Int) throws -> Plan {
        if let plan = plans[version] { return plan }
        let problem = try problem(weights: weightsOf[version] ?? Weights())
        let file = versionFolder(version).appendingPathComponent("plan.csv").path
        guard let rows = try? PlanningInput.readPlan(file) else {
            throw APIError(500, "the plan of version \(version) cannot be read")
        }
        let (plan, _) = Evaluator.plan(from: rows, in: problem)
        cache(version, plan)
        return plan
    }

    /// Keeps `plan` among the cached ones, dropping the longest cached beyond `cachedPlans`.
    private func cache(_ version: Int, _ plan: Plan) {
        if plans.updateValue(plan, forKey: version) == nil { cacheOrder.append(version) }
        while cacheOrder.count > Self.cachedPlans { plans[cacheOrder.removeFirst()] = nil }
    }

    /// How many plans are held in memory (for tests).
    var cachedPlanCount: Int { plans.count }

    /// Replays the journal: each `plan` line whose version folder holds its plan.csv becomes a
    /// version again (the plan itself is read when first asked for).
    private func restore() throws {
        for entry in try journal.read() {
            switch entry.op {
            case "plan":
                guard let version = entry.version else { continue }
                let file = versionFolder(version).appendingPathComponent("plan.csv").path
                guard FileManager.default.fileExists(atPath: file) else { continue }
                push(version, plan: nil, weights: entry.weights ?? Weights(), status: entry.status ?? "feasible",
                     strategy: entry.strategy ?? "edit")
            case "undo": if position > 0 { position -= 1 }
            case "redo": if position + 1 < history.count { position += 1 }
            case "pins": pins = entry.pins ?? []
            default: continue
            }
        }
    }
}

/// Lists with a `district` column, found while opening an upload: the workspace makes one
/// project per district of them (`Workspace.create`).
struct DistrictLists: Error {
    var instance: Instance
}

extension InputErrorsResponse {
    /// Any error of reading lists as 422 entries (input errors keep their locations).
    init(_ error: any Error) {
        if let errors = error as? InputErrors { self.init(errors) } else if let response = error as? InputErrorsResponse {
            self = response
        } else {
            self.init(location: "upload", message: "\(error)")
        }
    }
}
