import AllianceInput
import AllianceModel
import Foundation

/// How one district of a batch ended, as the batch's top-level files need it: its row of
/// `districts.csv`, of 区县汇总 and of the city's `report.html`, its plan rows for the combined
/// `plan.csv` and its 联盟名单 rows. A batch writes it into the district's folder as
/// `district.json` (`DistrictOutcome.fileName`), last, beside the plan files; `alliance merge`
/// reads those files back from any number of shards and writes the same top-level files a
/// one-machine batch writes, byte for byte (`DistrictOutput.files`), and a resumed batch reads a
/// finished district's outcome instead of solving it again (`inputDigest`).
public struct DistrictOutcome: Codable, Sendable, Equatable {
    /// The file in each district's folder.
    public static let fileName = "district.json"

    public struct Strength: Codable, Sendable, Equatable {
        public var min: Double, mean: Double, max: Double
        /// The district's own balance band (1 ± τ)·S̄.
        public var band_low: Double, band_high: Double
        /// Alliances inside the band, and how many alliances there are.
        public var inside: Int, count: Int
    }

    public struct Claims: Codable, Sendable, Equatable {
        public var claimed: Int, total: Int
    }

    public var district: String
    /// The folder below the batch's output folder.
    public var folder: String
    /// `optimal`, `feasible`, `interrupted` or `failed`.
    public var status: String
    public var communities: Int
    /// Organizations as listed (before group merging).
    public var organizations: Int
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// Seconds the district took; nil without timings (`--no-timings`).
    public var seconds: Double?
    /// Why the district has no plan, one line.
    public var error: String?
    /// The priority-weighted share of needs covered.
    public var coverage: Double?
    public var strength: Strength?
    public var claims: Claims?
    /// SHA-256 of the district's lists and the options it was solved with (`DistrictResume`);
    /// nil when the caller did not work one out.
    public var input_digest: String?
    /// The district's `plan.csv` as rows, its header first; empty without a plan.
    public var plan: [[String]]
    /// Its 联盟名单 rows; empty without a plan.
    public var alliances: [AllianceRow]

    /// Whether the district has a plan.
    public var hasPlan: Bool { status != "failed" }

    /// The outcome of a district the batch has just solved (or failed), from its report.
    public init(_ result: DistrictResult, includeTimings: Bool = true, inputDigest: String? = nil) throws {
        if let restored = result.restored {
            self = restored
            return
        }
        district = result.district
        folder = result.folder
        status = result.status
        communities = result.communities
        organizations = result.organizations
        seconds = includeTimings ? result.seconds : nil
        error = result.error
        input_digest = inputDigest
        plan = []
        alliances = []
        guard let report = result.report else { return }
        objective = report.evaluation.objective
        bound = report.bound
        gap = report.gap
        coverage = report.evaluation.terms.coverage
        let problem = report.problem, evaluation = report.evaluation
        let target = problem.meanStrength, band = problem.options.balanceBand
        strength = Strength(min: evaluation.strengthMin, mean: evaluation.strengthMean, max: evaluation.strengthMax,
                            band_low: problem.coefficients.bandLow, band_high: problem.coefficients.bandHigh,
                            inside: evaluation.communities.filter {
                                PlanWorkbook.withinBand($0.strength, target: target, band: band)
                            }.count,
                            count: evaluation.communities.count)
        claims = report.claims.map { Claims(claimed: $0.claims.count, total: $0.claims.count + $0.unclaimed.count) }
        plan = try CSVParser.records(report.planCSV(), file: "plan.csv").map { $0.fields.map(\.text) }
        alliances = PlanWorkbook(report: report).allianceRows()
    }

    /// A district of a sharded batch whose task has not (yet) written it: a failed row saying so.
    public init(missing district: String, folder: String, communities: Int, organizations: Int, error: String) {
        self.district = district
        self.folder = folder
        status = "failed"
        self.communities = communities
        self.organizations = organizations
        self.error = error
        plan = []
        alliances = []
    }

    /// `district.json`'s bytes (stamped like every JSON document the tool writes).
    public func data() throws -> Data { try JSONOutput.encode(self, as: .district) }

    /// Reads a `district.json`; nil when it is missing, damaged or of another schema, so that
    /// the district counts as not done.
    public static func read(from folder: URL) -> DistrictOutcome? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)),
              let stamp = try? JSONDecoder().decode(Stamp.self, from: data),
              stamp.schema_version == JSONDocumentKind.district.schemaVersion else { return nil }
        return try? JSONDecoder().decode(DistrictOutcome.self, from: data)
    }

    private struct Stamp: Decodable { var schema_version: Int }
}

/// One row of 联盟名单: a community's alliance.
public struct AllianceRow: Codable, Sendable, Equatable {
    public var community_id: String
    public var community_name: String
    public var street: String
    public var lead_id: String
    public var lead_name: String
    /// The members' names joined by 、, as the sheet shows them.
    public var member_names: String
    /// Their ids joined by `;`.
    public var member_ids: String
    public var units: Int
    public var strength: Double
}
