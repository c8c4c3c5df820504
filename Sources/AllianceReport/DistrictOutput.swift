import AllianceInput
import AllianceModel
import Foundation

/// Folder names for districts: a district name as written in a spreadsheet may hold anything
/// (slashes, "..", control characters, a name that differs from another only in case), but the
/// folder it becomes must stay inside the output folder and be unique.
public enum FolderNames {
    /// File names written at the top of a batch output folder, which no district folder may take.
    public static let reserved: Set<String> = ["plan.csv", "districts.csv", "plan.json", "plan.xlsx", "report.html",
                                               "communities.csv", "projects.csv", "shards",
                                               ScenarioTable.fileName]
    private static let windowsDevices: Set<String> = Set(["CON", "PRN", "AUX", "NUL"]
        + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
    /// Longest folder name in UTF-8 bytes (file systems allow 255).
    static let maxBytes = 120

    /// One safe, unique folder name per name, in order: path separators, control characters and
    /// characters Windows forbids become `_`; leading and trailing dots and surrounding spaces go;
    /// Windows device names (`CON`, `nul.txt` …) get a leading `_`; an empty
    /// result becomes `district`; long names are shortened; names equal (ignoring case) to an
    /// earlier one or to a reserved file name get `-2`, `-3` ….
    public static func unique(_ names: [String]) -> [String] {
        var taken = Set(reserved.map { $0.lowercased() })
        return names.map { name in
            let base = sanitize(name)
            var candidate = base, n = 2
            while taken.contains(candidate.lowercased()) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    /// A single name made safe, not yet unique.
    public static func sanitize(_ name: String) -> String {
        let unsafe: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var text = String(name.map { character -> Character in
            if unsafe.contains(character) || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return "_"
            }
            return character
        }).trimmingWhitespace()
        while text.hasPrefix(".") { text.removeFirst() }
        text = text.trimmingWhitespace()
        while text.utf8.count > maxBytes { text.removeLast() }
        // Windows drops trailing dots and reserves device names (CON, NUL, COM1 …) in any case.
        while text.hasSuffix(".") || text.hasSuffix(" ") { text.removeLast() }
        let stem = text.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        if windowsDevices.contains(stem) { text = "_" + text }
        return text.isEmpty ? "district" : text
    }
}

/// How one district's batch run ended, one row of `districts.csv`.
public struct DistrictResult: Sendable {
    public var district: String
    /// The folder below the output folder holding the district's plan.
    public var folder: String
    public var communities: Int
    /// Organizations as listed (before group merging).
    public var organizations: Int
    /// The report when a plan was found and written, else nil.
    public var report: PlanReport?
    /// Why the district has no plan, one line.
    public var error: String?
    public var seconds: Double
    /// The solves the district had: 1, or 2 when a batch time budget (`--time-budget`) gave it
    /// a second pass; not written to the files.
    public var passes = 1
    /// A district a resumed batch did not solve again: what its folder's `district.json` says
    /// (`report` is nil then).
    public var restored: DistrictOutcome?

    public init(district: String, folder: String, communities: Int, organizations: Int, report: PlanReport?,
                error: String?, seconds: Double) {
        self.district = district
        self.folder = folder
        self.communities = communities
        self.organizations = organizations
        self.report = report
        self.error = error
        self.seconds = seconds
    }

    /// `optimal`, `feasible`, `interrupted` or `failed`.
    public var status: String { report?.status.rawValue ?? restored?.status ?? "failed" }

    /// The plan's objective, solved now or restored; nil without a plan.
    public var objective: Double? { report?.evaluation.objective ?? restored?.objective }
    /// The proven gap, solved now or restored; nil without a bound.
    public var gap: Double? { report.map { $0.gap } ?? restored?.gap }

    /// Whether the district has a plan: solved now, or restored from its folder.
    public var hasPlan: Bool { report != nil || restored?.hasPlan == true }
}

/// The files at the top of a batch output folder: `plan.csv` (every district's plan.csv with a
/// leading `district` column), `districts.csv` (one row per district), and for people
/// `plan.xlsx` (`DistrictWorkbook`) and `report.html` (`DistrictHTMLReport`) summarizing the
/// districts, all from the same `[DistrictResult]`.
public enum DistrictOutput {
    /// The names `files` writes, in order.
    public static let fileNames = ["plan.csv", "districts.csv", "plan.xlsx", "report.html"]

    /// `plan.csv`, `districts.csv`, `plan.xlsx` and `report.html`, rows in district order, to be
    /// written together by `AtomicFiles.write`. The CSV files start with a byte order mark unless
    /// `byteOrderMark` is false, as a single run's do.
    public static func files(_ results: [DistrictResult], includeTimings: Bool,
                             byteOrderMark: Bool = true) throws -> [(name: String, contents: Data)] {
        try files(results.map { try DistrictOutcome($0) }, includeTimings: includeTimings, byteOrderMark: byteOrderMark)
    }

    /// The same files from the districts' outcomes: what `alliance merge` writes from the
    /// `district.json` files of the shards, byte for byte what the batch would have written.
    public static func files(_ outcomes: [DistrictOutcome], includeTimings: Bool,
                             byteOrderMark: Bool = true) throws -> [(name: String, contents: Data)] {
        func csv(_ text: String) -> Data { CSVWriter.file(text, byteOrderMark: byteOrderMark) }
        return [("plan.csv", csv(combinedPlanCSV(outcomes))),
                ("districts.csv", csv(districtsCSV(outcomes, includeTimings: includeTimings))),
                ("plan.xlsx", try DistrictWorkbook(outcomes, includeTimings: includeTimings).data()),
                ("report.html", DistrictHTMLReport(outcomes, includeTimings: includeTimings).data)]
    }

    /// Every planned district's `plan.csv` rows behind a `district` column.
    public static func combinedPlanCSV(_ outcomes: [DistrictOutcome]) -> String {
        var header: [String]?
        var rows: [[String]] = []
        for outcome in outcomes {
            guard let first = outcome.plan.first else { continue }
            header = header ?? ["district"] + first
            rows += outcome.plan.dropFirst().map { [outcome.district] + $0 }
        }
        return CSVWriter.encode(header: header ?? ["district", "community_id", "community_name", "org_id", "org_name", "role"],
                                rows: rows)
    }

    /// One row per district: status, objective, bound, gap, seconds, the error of a failed one.
    public static func districtsCSV(_ outcomes: [DistrictOutcome], includeTimings: Bool) -> String {
        let rows = outcomes.map { outcome -> [String] in
            [outcome.district, outcome.folder, outcome.status, String(outcome.communities), String(outcome.organizations),
             outcome.objective.map(formatNumber) ?? "", outcome.bound.map(formatNumber) ?? "",
             outcome.gap.map(formatNumber) ?? "",
             includeTimings ? (outcome.seconds.map { formatNumber(($0 * 1000).rounded() / 1000) } ?? "") : "",
             outcome.error ?? ""]
        }
        return CSVWriter.encode(header: ["district", "folder", "status", "communities", "organizations", "objective", "bound",
                                         "gap", "seconds", "error"], rows: rows)
    }
}
