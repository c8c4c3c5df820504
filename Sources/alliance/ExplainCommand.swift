import AllianceKit
import ArgumentParser
import Foundation

/// `alliance explain`: the score analysis of a plan (a hand-edited one too) — every objective term
/// broken down by community, need, member and unit, and every broken rule. See docs/EXPLAIN.md.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Break a plan's objective down by community, need, member and unit, and list every broken rule.",
        discussion: "Exit status 0 when the analysis is printed, even for a plan that breaks rules (evaluate judges); "
            + "1 for an input error.")

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("plan"), help: "The plan to analyse (plan.csv as `solve` writes it).")
    var planPath: String

    @Flag(help: "Print the analysis as JSON (schema in docs/EXPLAIN.md).")
    var json = false

    func run() throws {
        let (problem, plan, rowProblems) = try Self.loadPlan(model: model, planPath: planPath)
        let explanation = PlanExplanation(plan: plan, problem: problem)
        if json {
            let document = ExplainDocument(explanation, problem: problem, planRows: rowProblems.map(\.description))
            print(try EvaluateCommand.jsonText(document))
        } else {
            print(Self.text(explanation, problem: problem, rowProblems: rowProblems))
        }
    }

    /// Reads the lists and the plan as `evaluate` does, to a unit-level plan plus the problems met
    /// reading its rows. District lists are refused: explain and suggest work on one model.
    static func loadPlan(model: ModelOptions, planPath: String) throws -> (Problem, Plan, [Violation]) {
        let instance = try model.loadInstance()
        if DistrictSplit.hasDistricts(instance) {
            Console.error("alliance: these lists name districts; explain and suggest work on one district's lists at a time")
            throw ExitCode(1)
        }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        let rows = try model.readPlan(planPath)
        let (plan, rowProblems) = Evaluator.plan(from: rows, in: problem)
        return (problem, plan, rowProblems)
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
