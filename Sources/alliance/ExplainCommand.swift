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

    /// The nonzero parts of `terms`, e.g. `cov +0.012000 dist -0.003000` (`覆盖 +0.012000 距离 -0.003000`).
    static func termList(_ terms: Terms) -> String {
        let parts = Term.allCases.filter { abs(terms[$0]) > 1e-12 }.map { "\(Message.termShort($0).text) \(signed(terms[$0]))" }
        return parts.isEmpty ? "—" : parts.joined(separator: " ")
    }

    /// The analysis for people: terms, broken rules, communities by cost, units by contribution.
    /// In `Language.current`; ids, names, numbers and rule names (`unit_load`) read the same in both.
    static func text(_ e: PlanExplanation, problem: Problem, rowProblems: [Violation]) -> String {
        let units = problem.units, communities = problem.communities, w = e.weights
        let broken = e.brokenRules.count + rowProblems.count
        var lines = [Message.explainObjective(objective: Format.objective(e.objective), broken: broken).text,
                     Message.explainTermHeader.text]
        for term in Term.allCases {
            let sign = term == .balance || term == .distance ? -1.0 : 1.0
            lines.append(Message.padded(Message.term(term).text, to: 12)
                + String(format: "%-11.6f ", e.terms[term])
                + Format.number(w[term]).padding(toLength: 8, withPad: " ", startingAt: 0) + signed(sign * w[term] * e.terms[term]))
        }
        if broken > 0 {
            lines.append(Message.explainBrokenRules.text)
            lines += rowProblems.map { "  - plan_rows: \($0)" }
            lines += e.brokenRules.map { "  - \($0.rule.name): \($0.message)" }
        }
        lines.append(Message.explainCommunitiesHeading.text)
        for c in e.communities.sorted(by: { ($0.cost, $1.community) > ($1.cost, $0.community) }) {
            let community = communities[c.community]
            lines.append(Message.explainCommunity(
                id: community.id, name: community.name, cost: Format.objective(c.cost), objective: signed(c.objective),
                strength: Format.number(c.strength), band: "\(Format.number(c.bandLow))–\(Format.number(c.bandHigh))",
                excess: c.side == "inside" ? nil : Format.number(c.excess), above: c.side == "above",
                units: c.members.count).text)
            for n in c.needs {
                let providers = n.providers.map { "\(units[$0.unit].id) \(Format.number($0.share))" }.joined(separator: ", ")
                lines.append(Message.explainNeed(
                    category: problem.categories[n.category], amount: Format.number(n.amount), priority: Format.number(n.priority),
                    covered: n.providers.isEmpty ? nil : Format.number(n.covered), providers: providers,
                    uncovered: n.reason.map { _ in Format.number(n.uncovered) }, noHolder: n.reason == .noHolder).text)
            }
            for m in c.members.sorted(by: { ($0.isLead ? 0 : 1, $0.objective) < ($1.isLead ? 0 : 1, $1.objective) }) {
                lines.append(Message.explainMember(
                    lead: m.isLead, id: units[m.unit].id, name: units[m.unit].name, km: String(format: "%.2f", m.distanceKm),
                    strength: Format.number(m.strengthShare), preference: m.preference != 0 ? Format.number(m.preference) : nil,
                    kept: m.kept, objective: signed(m.objective), terms: termList(m.contribution)).text)
            }
            if c.unattributed.balance > 0 {
                lines.append(Message.explainOwnBalance(value: signed(-w.balance * c.unattributed.balance),
                                                       tooWeak: c.side == "below").text)
            }
        }
        lines.append(Message.explainUnitsHeading.text)
        for u in e.units.sorted(by: { ($0.objective, $0.unit) < ($1.objective, $1.unit) }) {
            let served = u.communities.map { c in u.leads.contains(c) ? Message.leadMark(communities[c].id).text : communities[c].id }
            lines.append(Message.explainUnit(
                id: units[u.unit].id, name: units[u.unit].name, serves: served.isEmpty ? nil : Message.list(served).text,
                load: u.load, min: u.minLoad, max: u.maxLoad, objective: signed(u.objective), terms: termList(u.contribution)).text)
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
