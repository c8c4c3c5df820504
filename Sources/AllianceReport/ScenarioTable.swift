import AllianceModel
import Foundation

/// `compare-scenarios.csv` at the top of a batch under several scenarios (`--scenarios`): one
/// row per district under each scenario — scenario, district, status, objective, bound, gap,
/// coverage, weakest and strongest alliance, and why a district failed — scenario by scenario in
/// the order of scenarios.csv, districts in batch order. Written by the one-machine batch and by
/// `alliance merge`, from the same `DistrictOutcome`s.
public enum ScenarioTable {
    public static let fileName = "compare-scenarios.csv"

    public static func csv(_ scenarios: [(name: String, outcomes: [DistrictOutcome])], byteOrderMark: Bool = true) -> Data {
        let rows = scenarios.flatMap { scenario in
            scenario.outcomes.map { outcome -> [String] in
                [scenario.name, outcome.district, outcome.status, outcome.objective.map(formatNumber) ?? "",
                 outcome.bound.map(formatNumber) ?? "", outcome.gap.map(formatNumber) ?? "",
                 outcome.coverage.map(formatNumber) ?? "", outcome.strength.map { formatNumber($0.min) } ?? "",
                 outcome.strength.map { formatNumber($0.max) } ?? "", outcome.error ?? ""]
            }
        }
        return Data(CSVWriter.encode(header: ["scenario", "district", "status", "objective", "bound", "gap", "coverage",
                                              "strength_min", "strength_max", "error"],
                                     rows: rows, byteOrderMark: byteOrderMark).utf8)
    }
}
