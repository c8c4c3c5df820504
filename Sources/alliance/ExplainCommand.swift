import AllianceKit
import ArgumentParser
import Foundation

/// `alliance explain`: the score analysis of a plan (a hand-edited one too) — every objective term
/// broken down by community, need, member and unit, and every broken rule. See docs/EXPLAIN.md.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Break a plan's objective down by community, need, member and unit, and list every broken rule.",
        discussion: HelpText.discussion("Prints the analysis even for a plan that breaks rules (evaluate judges).",
            examples: [
                "alliance explain lists.xlsx --plan plan/plan.csv",
                "alliance explain lists.xlsx --plan plan/plan.csv --json > explain.json",
            ],
            exits: [.success, .inputError]))

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("plan"), help: ArgumentHelp("The plan to analyse (plan.csv as `solve` writes it).", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var planPath: String

    @Flag(help: "Print the analysis as JSON (schema in docs/EXPLAIN.md).")
    var json = false

    func run() throws {
        let plans = try Self.loadPlans(model: model, planPath: planPath)
        if json {
            let documents = plans.map { item in
                ExplainDocument(PlanExplanation(plan: item.plan, problem: item.problem), problem: item.problem,
                                planRows: item.rowProblems.map(\.description))
            }
            if plans.count == 1 && plans[0].district == nil {
                print(try JSONOutput.text(documents[0], as: .explanation), terminator: "")
            } else {
                print(try JSONOutput.text(DistrictDocuments(districts: zip(plans, documents).map {
                    DistrictDocument(district: $0.district ?? "", document: $1)
                }), as: .explanation), terminator: "")
            }
        } else {
            print(plans.map { item in
                let text = Self.text(PlanExplanation(plan: item.plan, problem: item.problem), problem: item.problem,
                                     rowProblems: item.rowProblems)
                return item.district.map { "[\($0)]\n" + text } ?? text
            }.joined(separator: "\n\n"))
        }
    }

    /// Reads the lists and the plan as `evaluate` does (`PlanningInput.plansForAnalysis`): one
    /// plan, or one per district for district lists; warnings about what crosses districts and
    /// notes about encodings go to stderr.
    static func loadPlans(model: ModelOptions, planPath: String, quiet: Bool = false) throws -> [PlanUnderAnalysis] {
        let (plans, warnings) = try model.input.plansForAnalysis(try model.loadInstance(quiet: quiet), planPath: planPath)
        for warning in warnings where !quiet { Console.warning(warning) }
        return plans
    }

    static func signed(_ value: Double) -> String { String(format: "%+.6f", value == 0 ? 0 : value) }

    /// The nonzero parts of `terms`, e.g. `cov +0.012000 dist -0.003000`.
    static func termList(_ terms: Terms) -> String {
        let names: [(Term, String)] = [(.coverage, "cov"), (.balance, "bal"), (.distance, "dist"), (.preference, "pref"), (.keep, "keep")]
        let parts = names.filter { abs(terms[$0.0]) > 1e-12 }.map { "\($0.1) \(signed(terms[$0.0]))" }
        return parts.isEmpty ? "—" : parts.joined(separator: " ")
    }

    /// The analysis for people: terms, broken rules, communities by cost, units by contribution.
    static func text(_ e: PlanExplanation, problem: Problem, rowProblems: [Violation]) -> String {
        let units = problem.units, communities = problem.communities, w = e.weights
        let broken = e.brokenRules.count + rowProblems.count
        var lines = ["objective   \(Format.objective(e.objective))   \(broken == 0 ? "all rules satisfied" : "\(broken) broken rule\(broken == 1 ? "" : "s")")",
                     "term        value       weight  weighted"]
        for term in Term.allCases {
            let sign = term == .balance || term == .distance ? -1.0 : 1.0
            lines.append(term.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: "%-11.6f ", e.terms[term])
                + Format.number(w[term]).padding(toLength: 8, withPad: " ", startingAt: 0) + signed(sign * w[term] * e.terms[term]))
        }
        if broken > 0 {
            lines.append("broken rules")
            lines += rowProblems.map { "  - plan_rows: \($0)" }
            lines += e.brokenRules.map { "  - \($0.rule.name): \($0.message)" }
        }
        lines.append("communities, most costly first (cost: coverage lost + balance + distance, weighted)")
        for c in e.communities.sorted(by: { ($0.cost, $1.community) > ($1.cost, $0.community) }) {
            let community = communities[c.community]
            let band = "\(Format.number(c.bandLow))–\(Format.number(c.bandHigh))"
            let where_ = c.side == "inside" ? "inside band \(band)" : "\(c.side) band \(band) by \(Format.number(c.excess))"
            lines.append("  \(community.id) \(community.name)  cost \(Format.objective(c.cost))  objective \(signed(c.objective))"
                + "  strength \(Format.number(c.strength)) \(where_)  units \(c.members.count)")
            for n in c.needs {
                var line = "    need \(problem.categories[n.category]) \(Format.number(n.amount)) (priority \(Format.number(n.priority))): "
                if n.providers.isEmpty {
                    line += "nothing covered"
                } else {
                    line += "covered \(Format.number(n.covered)) by "
                        + n.providers.map { "\(units[$0.unit].id) \(Format.number($0.share))" }.joined(separator: ", ")
                }
                if let reason = n.reason {
                    line += "; uncovered \(Format.number(n.uncovered)), "
                        + (reason == .noHolder ? "nobody in the alliance holds it" : "the shares are too small")
                }
                lines.append(line)
            }
            for m in c.members.sorted(by: { ($0.isLead ? 0 : 1, $0.objective) < ($1.isLead ? 0 : 1, $1.objective) }) {
                var line = "    \(m.isLead ? "lead  " : "member") \(units[m.unit].id) \(units[m.unit].name)  "
                    + String(format: "%.2f km", m.distanceKm) + "  strength \(Format.number(m.strengthShare))"
                if m.preference != 0 { line += "  prefer \(Format.number(m.preference))" }
                if m.kept { line += "  kept" }
                line += "  objective \(signed(m.objective))  \(termList(m.contribution))"
                lines.append(line)
            }
            if c.unattributed.balance > 0 {
                lines.append("    community's own balance part \(signed(-w.balance * c.unattributed.balance))"
                    + (c.side == "below" ? " (too weak: no member caused it)" : ""))
            }
        }
        lines.append("units, lowest contribution first")
        for u in e.units.sorted(by: { ($0.objective, $0.unit) < ($1.objective, $1.unit) }) {
            let served = u.communities.map { c in communities[c].id + (u.leads.contains(c) ? " (lead)" : "") }
            let load = u.load < u.minLoad || u.load > u.maxLoad ? " (outside!)" : ""
            lines.append("  \(units[u.unit].id) \(units[u.unit].name)  serves \(served.isEmpty ? "nothing" : served.joined(separator: ", "))"
                + "  load \(u.load) of \(u.minLoad)–\(u.maxLoad)\(load)  objective \(signed(u.objective))  \(termList(u.contribution))")
        }
        return lines.joined(separator: "\n")
    }
}

/// `explain --json` for district lists: `{"districts": [{"district": …, …one district's document}]}`.
struct DistrictDocuments<Document: Encodable>: Encodable {
    var districts: [DistrictDocument<Document>]
}

/// One district's document with a `district` key beside its fields.
struct DistrictDocument<Document: Encodable>: Encodable {
    var district: String
    var document: Document

    private enum Key: String, CodingKey { case district }

    func encode(to encoder: Encoder) throws {
        try document.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(district, forKey: .district)
    }
}
