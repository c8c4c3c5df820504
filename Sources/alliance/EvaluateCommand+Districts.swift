import AllianceKit
import ArgumentParser
import Foundation

/// `alliance evaluate` on lists with a `district` (区县) column: each district's part of the plan
/// judged on its own model (`PlanningInput.evaluateDistricts`). Prints each district's objective
/// and terms, a table, and the total (the sum of the district objectives); exit status 3 when any
/// rule is broken.
extension EvaluateCommand {
    func runDistricts(_ instance: Instance) throws {
        let (districts, options) = try model.districts(of: instance, quiet: false)
        let results = try model.input.evaluateDistricts(districts, of: instance, options: options, planPath: planPath)
        let total = results.reduce(0) { $0 + $1.evaluation.objective }
        let broken = results.reduce(0) { $0 + $1.evaluation.violations.count }
        if json {
            print(try JSONOutput.text(DistrictsDocument(
                districts: results.map { DistrictDocument(district: $0.district, document: EvaluationDocument($0.evaluation, problem: $0.problem)) },
                objective: total, feasible: broken == 0), as: .evaluation), terminator: "")
        } else {
            print(Self.districtsText(results.map { ($0.district, $0.evaluation) }, total: total, broken: broken))
        }
        if broken > 0 { throw ExitCode(3) }
    }

    /// Each district's block as a single run prints it, then one row per district and the total.
    /// `total` and `broken` are the sums of the districts' objectives and broken rules.
    static func districtsText(_ results: [(district: String, evaluation: Evaluation)], total: Double,
                              broken: Int) -> String {
        var blocks = results.map { "[\($0.district)]\n" + text($0.evaluation) }
        var rows = [[Message.Column.district, .objective, .coverage, .balance, .distance, .preference, .keep, .rules]
            .map { Message.column($0).text }]
        for (district, evaluation) in results {
            let terms = evaluation.terms
            rows.append([district, Format.objective(evaluation.objective), Format.percent(terms.coverage),
                         String(format: "%.4f", terms.balance), String(format: "%.4f", terms.distance),
                         Format.number(terms.preference), Format.percent(terms.keep),
                         Message.rulesCell(broken: evaluation.violations.count).text])
        }
        rows.append([Message.column(.total).text, Format.objective(total), "", "", "", "", "",
                     Message.rulesCell(broken: broken).text])
        blocks.append(TextTable.render(rows))
        return blocks.joined(separator: "\n\n")
    }
}

/// `evaluate --json` for district lists: every district's document and the total.
private struct DistrictsDocument: Encodable {
    var districts: [DistrictDocument<EvaluationDocument>]
    /// The sum of the district objectives (each normalized within its district).
    var objective: Double
    var feasible: Bool
}
