import AllianceKit
import Foundation

/// The JSON bodies of the API (requests and answers), keys in snake_case like the CLI's JSON.
/// `openapi.json` describes them; keep the two in step.

/// `GET /api/projects/{id}`: the numbers `alliance check` prints, its warnings and pre-check
/// verdict, and where the project stands (current version, pins).
struct CheckReport: Encodable, Sendable {
    struct Counts: Encodable, Sendable {
        var communities: Int
        var streets: Int
        var organizations: Int
        var units: Int
        var leaders: Int
        var min_assignments: Int
        var max_assignments: Int
        var community_min_size: Int
        var community_max_size: Int
        var total_min_size: Int
        var total_max_size: Int
        var mean_strength: Double
        var band_low: Double
        var band_high: Double
        var needs: Int
        var categories: Int
        var weighted_need: Double
        var resources: Int
        var projects: Int
        var fix_pairs: Int
        var forbid_pairs: Int
        var prefer_pairs: Int
        var allowed_pairs: Int
        var candidate_pairs: Int
        var longest_distance_km: Double
    }

    var id: String
    var input: String
    var counts: Counts
    var warnings: [String]
    var notes: [String]
    var prechecks_passed: Bool
    var precheck_reasons: [String]
    var version: Int?
    var pins: [PinEntry]

    init(id: String, input: String, problem: Problem, notes: [String], version: Int?, pins: [PinEntry]) {
        let instance = problem.instance
        let minSizes = problem.minSize, maxSizes = problem.maxSize
        let fix = instance.pairs.filter { $0.rule == .fix }.count
        let forbid = instance.pairs.filter { $0.rule == .forbid }.count
        counts = Counts(
            communities: instance.communities.count,
            streets: Set(instance.communities.compactMap(\.street)).count,
            organizations: instance.organizations.count, units: problem.units.count,
            leaders: problem.units.filter(\.canLead).count,
            min_assignments: problem.totalMinAssignments, max_assignments: problem.totalMaxAssignments,
            community_min_size: minSizes.min() ?? 0, community_max_size: maxSizes.max() ?? 0,
            total_min_size: minSizes.reduce(0, +), total_max_size: maxSizes.reduce(0, +),
            mean_strength: problem.meanStrength,
            band_low: (1 - problem.options.balanceBand) * problem.meanStrength,
            band_high: (1 + problem.options.balanceBand) * problem.meanStrength,
            needs: instance.needs.count, categories: problem.categories.count,
            weighted_need: problem.totalWeightedNeed, resources: instance.resources.count,
            projects: instance.projects.count, fix_pairs: fix, forbid_pairs: forbid,
            prefer_pairs: instance.pairs.count - fix - forbid,
            allowed_pairs: problem.allowed.filter { $0 }.count, candidate_pairs: problem.allowed.count,
            longest_distance_km: problem.maxDistance)
        self.id = id
        self.input = input
        warnings = problem.warnings
        self.notes = notes
        let reasons = Prechecks.run(problem)
        prechecks_passed = reasons.isEmpty
        precheck_reasons = reasons.map(\.message)
        self.version = version
        self.pins = pins
    }
}

/// A unit or community pinned for the next solve (`pin` / `unpin` edits).
struct PinEntry: Codable, Sendable, Hashable {
    /// `unit` or `community`.
    var kind: String
    var id: String
}

/// `POST /api/projects/{id}/solve`; every field optional.
struct SolveRequest: Decodable, Sendable {
    struct PartialWeights: Decodable, Sendable {
        var coverage: Double?
        var balance: Double?
        var distance: Double?
        var preference: Double?
        var keep: Double?
    }
    var strategy: String?
    var time_limit: Double?
    var weights: PartialWeights?
    /// Extra pins for this solve only (`"unit:ID"`, `"community:ID"`), besides the project's.
    var pins: [PinEntry]?
    /// `"current"`: start from the current plan (pins and `max_changes` count from it).
    var from: String?
    var max_changes: Int?
}

/// `POST /api/projects/{id}/plan/edits`: one edit, the shape of a `suggest --json` entry
/// (extra keys such as `delta` are ignored) plus the version it was made on.
struct EditRequest: Codable, Sendable {
    var kind: String
    var org_id: String?
    var from: String?
    var to: String?
    var other_org_id: String?
    /// A community to pin or unpin (`to`/`from` are accepted too).
    var community_id: String?
    var version: Int?
}

/// What an edit, undo or redo answers: the plan's value after it and its new version.
struct PlanState: Encodable, Sendable {
    var version: Int
    var objective: Double
    var terms: Terms
    var feasible: Bool
    var broken_rules: [RuleDocument]
    var pins: [PinEntry]
    var can_undo: Bool
    var can_redo: Bool
}

/// `GET /api/jobs/{job}`.
struct JobDocument: Encodable, Sendable {
    var job: String
    var project: String
    var status: String
    var elapsed: Double
    var objective: Double?
    var bound: Double?
    var gap: Double?
    /// The plan version the solve became (done or cancelled with a plan).
    var version: Int?
    var error: String?
    var warnings: [String]
}

/// A JSON encoder for the API's answers (sorted keys: the same state gives the same bytes).
func apiJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(value)
}
