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
    /// The uploaded file's name, when the upload gave it.
    var name: String?
    var counts: Counts
    var warnings: [String]
    var notes: [String]
    var prechecks_passed: Bool
    var precheck_reasons: [String]
    var version: Int?
    var pins: [PinEntry]
    /// The weights the next solve starts from (the current version's, else the defaults).
    var weights: Weights

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
        weights = problem.options.weights
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

/// What an edit, undo or redo answers: the plan's value after it, its new version, and the
/// explanation's delta against the plan before.
struct PlanState: Encodable, Sendable {
    /// The change from the plan before: the objective, every term (unweighted, as `terms`), and
    /// the communities and units whose share of the objective changed (`explain`'s figures).
    struct Delta: Encodable, Sendable {
        struct Share: Encodable, Sendable {
            var id: String
            var before: Double
            var after: Double
            var delta: Double
        }

        var objective: Double
        var terms: Terms
        var communities: [Share]
        var units: [Share]

        init(old: PlanExplanation, new: PlanExplanation, problem: Problem) {
            objective = new.objective - old.objective
            terms = new.terms.subtracting(old.terms)
            /// Index → share before and after, the changed ones in index order.
            func changed(_ before: [(Int, Double)], _ after: [(Int, Double)], _ id: (Int) -> String) -> [Share] {
                let old = Dictionary(before, uniquingKeysWith: +), new = Dictionary(after, uniquingKeysWith: +)
                return Set(old.keys).union(new.keys).sorted().compactMap { i in
                    let a = old[i] ?? 0, b = new[i] ?? 0
                    return abs(b - a) > 1e-12 ? Share(id: id(i), before: a, after: b, delta: b - a) : nil
                }
            }
            communities = changed(old.communities.map { ($0.community, $0.objective) }, new.communities.map { ($0.community, $0.objective) }) {
                problem.communities[$0].id
            }
            units = changed(old.units.map { ($0.unit, $0.objective) }, new.units.map { ($0.unit, $0.objective) }) { problem.units[$0].id }
        }
    }

    var version: Int
    var objective: Double
    var terms: Terms
    var feasible: Bool
    var broken_rules: [RuleDocument]
    var pins: [PinEntry]
    var can_undo: Bool
    var can_redo: Bool
    /// Against the plan before the edit, undo or redo (absent for pins and the first plan).
    var delta: Delta?
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
    /// Objective and bound over time (the chart of the 求解 page).
    var trace: [TracePoint]
}

/// One point of a solve's trace: seconds since it started, best plan's objective, proven bound.
struct TracePoint: Encodable, Sendable, Equatable {
    var t: Double
    var objective: Double?
    var bound: Double?
}

/// `GET /api/projects`: one entry per project in the data folder.
struct ProjectSummary: Encodable, Sendable {
    var id: String
    var input: String
    var name: String?
    var created: String?
    var communities: Int
    var units: Int
    var version: Int?
    var objective: Double?
}

/// `GET /api/projects/{id}/lists`: what the pages draw besides the plan — communities and units
/// with their figures and a point on the map (planar km as given; lat/lon as x = lon·cos φ₀,
/// y = lat, as the report's map), the strength band, whether last year's plan is known.
struct ListsDocument: Encodable, Sendable {
    struct CommunityEntry: Encodable, Sendable {
        var id: String
        var name: String
        var street: String?
        var strength: Double
        var min_size: Int
        var max_size: Int
        var x: Double?
        var y: Double?
        var needs: [String: Double]
    }

    struct UnitEntry: Encodable, Sendable {
        var org_id: String
        var name: String
        var organizations: [String]
        var strength: Double
        var can_lead: Bool
        var min_communities: Int
        var max_communities: Int
        var x: Double?
        var y: Double?
        var resources: [String: Double]
    }

    var coordinates: String?
    var mean_strength: Double
    var band_low: Double
    var band_high: Double
    var communities: [CommunityEntry]
    var units: [UnitEntry]
    var has_previous_plan: Bool

    init(problem: Problem, hasPreviousPlan: Bool) {
        let instance = problem.instance
        let locations = problem.communities.map(\.location) + problem.units.map(\.location)
        let first = locations.lazy.compactMap { $0 }.first
        var planar = true
        if case .geographic? = first { planar = false }
        let latitudes = locations.compactMap { location -> Double? in
            if case let .geographic(lat, _)? = location { return lat }
            return nil
        }
        let cosLat = latitudes.isEmpty ? 1 : cos(latitudes.reduce(0, +) / Double(latitudes.count) * .pi / 180)
        func point(_ location: Location?) -> (Double?, Double?) {
            switch location {
            case let .planar(x, y)? where planar: return (x, y)
            case let .geographic(lat, lon)? where !planar: return (lon * cosLat, lat)
            default: return (nil, nil)
            }
        }
        coordinates = first == nil ? nil : (planar ? "planar" : "geographic")
        mean_strength = problem.meanStrength
        band_low = (1 - problem.options.balanceBand) * problem.meanStrength
        band_high = (1 + problem.options.balanceBand) * problem.meanStrength
        var needs: [String: [String: Double]] = [:]
        for need in instance.needs { needs[need.communityID, default: [:]][need.category, default: 0] += need.amount }
        var resources: [String: [String: Double]] = [:]
        for resource in instance.resources { resources[resource.orgID, default: [:]][resource.category, default: 0] += resource.amount }
        communities = problem.communities.enumerated().map { c, community in
            let (x, y) = point(community.location)
            return CommunityEntry(id: community.id, name: community.name, street: community.street, strength: community.strength,
                                  min_size: problem.minSize[c], max_size: problem.maxSize[c], x: x, y: y,
                                  needs: needs[community.id] ?? [:])
        }
        units = problem.units.map { unit in
            let (x, y) = point(unit.location)
            let orgs = unit.members.map { instance.organizations[$0].id }
            var own: [String: Double] = [:]
            for org in orgs { own.merge(resources[org] ?? [:], uniquingKeysWith: +) }
            return UnitEntry(org_id: unit.id, name: unit.name, organizations: orgs, strength: unit.strength,
                             can_lead: unit.canLead, min_communities: unit.minCommunities,
                             max_communities: unit.maxCommunities, x: x, y: y, resources: own)
        }
        has_previous_plan = hasPreviousPlan
    }
}

/// `GET /api/projects/{id}/diff?against=…`: what changed from the other plan to the current one.
struct DiffAnswer: Encodable, Sendable {
    /// `previous`, `solved` or `last_year`.
    var against: String
    /// The other plan's version (`nil` for last year's plan).
    var old_version: Int?
    var version: Int
    var diff: PlanDiff.Document
}

/// A JSON encoder for the API's answers (sorted keys: the same state gives the same bytes).
func apiJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(value)
}
