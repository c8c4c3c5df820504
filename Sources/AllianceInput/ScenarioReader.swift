import AllianceModel
import Foundation

/// Reads `scenarios.csv` (`alliance solve --scenarios`): one row per scenario, `name` (名称)
/// required and unique, then any of `coverage`, `balance`, `distance`, `preference`, `keep`
/// (the terms' weights, ≥ 0), `balance_band` (≥ 0), `priorities` (terms separated by `,` or
/// `;`), `time_limit` (seconds, > 0) and `gap` (≥ 0). Empty cells keep the command's values.
/// Errors are located at their cells.
public enum ScenarioReader {
    private static let requiredColumns = ["name"]
    private static let optionalColumns = Term.allCases.map(\.rawValue) + ["balance_band", "priorities", "time_limit", "gap"]

    public static func read(file: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> [Scenario] {
        try read(CSVTable.read(file: file, encoding: encoding, required: requiredColumns,
                                     optional: optionalColumns, missing: .requiredFileMissing))
    }

    /// Reads scenarios given as text, `file` naming it in messages.
    public static func read(text: String, file: String = "scenarios.csv") throws(InputErrors) -> [Scenario] {
        try read(CSVTable(text: text, file: file, required: requiredColumns, optional: optionalColumns))
    }

    private static func read(_ table: CSVTable) throws(InputErrors) -> [Scenario] {
        var errors = table.errors
        var scenarios: [Scenario] = []
        var seen: [String: SourceLocation] = [:]
        for row in table.missingColumns.isEmpty ? table.rows : [] {
            do throws(InputError) {
                let name = try row.requiredString("name")
                var scenario = Scenario(name: name, source: row.location(of: "name"))
                for term in Term.allCases {
                    if let weight = try row.nonNegativeNumber(term.rawValue) { scenario.weights[term] = weight }
                }
                scenario.balanceBand = try row.nonNegativeNumber("balance_band")
                scenario.timeLimit = try row.positiveNumber("time_limit")
                scenario.gap = try row.nonNegativeNumber("gap")
                if let text = row.string("priorities") {
                    var terms: [Term] = []
                    for word in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "，" || $0 == "；" })
                        .map({ String($0).trimmingWhitespace() }) where !word.isEmpty {
                        guard let term = Term(rawValue: word.lowercased()), !terms.contains(term) else {
                            throw row.error("priorities", Message.prioritiesUnknownTerm(
                                term: word, terms: Term.allCases.map(\.rawValue).joined(separator: ", ")).text)
                        }
                        terms.append(term)
                    }
                    scenario.priorities = terms.isEmpty ? nil : terms
                }
                if let first = seen[name.lowercased()] {
                    throw row.error("name", Message.duplicateScenario(name: name, first: first.description).text)
                }
                seen[name.lowercased()] = row.location(of: "name")
                scenarios.append(scenario)
            } catch {
                errors.append(error)
            }
        }
        if errors.isEmpty && scenarios.isEmpty {
            errors.append(InputError(SourceLocation(file: table.file, line: 1, column: 1),
                                     Message.emptyTable(isSheet: false, expected: "name").text))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return scenarios
    }
}
