import AllianceKit
import ArgumentParser
import Foundation

/// `alliance suggest`: every single change involving one unit (or bringing a unit into one
/// community), with the exact change of the objective and of each term, ranked best first;
/// changes that would break a rule are listed apart with the rule. See docs/EXPLAIN.md.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Rank the single changes of a plan that involve one unit (--org) or bring a unit into one community (--community).",
        discussion: HelpText.discussion("An unknown --org or --community id is an input error.",
            examples: [
                "alliance suggest models/examples/caofeidian --plan plan.csv --org O012",
                "alliance suggest lists.xlsx --plan plan/plan.csv --community C07 --json",
            ],
            exits: [.success, .inputError]))

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("plan"), help: ArgumentHelp("The plan to start from (plan.csv as `solve` writes it).", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var planPath: String

    @Option(help: ArgumentHelp("The unit: an organization id or a group name (a merged group is one unit).",
                               valueName: "org_id"))
    var org: String?

    @Option(help: ArgumentHelp("The community to bring a unit into (add, move or swap).", valueName: "community_id"))
    var community: String?

    @Option(help: ArgumentHelp("How many feasible and how many infeasible changes to print (0: all).", valueName: "n"))
    var top: Int = 10

    @Flag(help: "Print the suggestions as JSON (schema in docs/EXPLAIN.md).")
    var json = false

    func validate() throws {
        if (org == nil) == (community == nil) { throw ValidationError(Message.orgXorCommunity.text) }
        if top < 0 { throw ValidationError(Message.topNonNegative.text) }
    }

    func run() throws {
        let plans = try ExplainCommand.loadPlans(model: model, planPath: planPath, quiet: json)
        // District lists: the district whose model holds the unit or community.
        let item = plans.first { item in
            if let org { return item.problem.unitIndex(ofOrganizationOrGroup: org) != nil }
            return item.problem.communities.contains { $0.id == community }
        } ?? plans[0]
        let (problem, plan, rowProblems) = (item.problem, item.plan, item.rowProblems)
        if let district = item.district, !json { print(Message.districtLine(district).text) }
        if !rowProblems.isEmpty && !json {
            Console.error(Message.note(Message.planRowProblems(count: rowProblems.count).text).text)
        }
        let engine = SuggestionEngine(plan: plan, problem: problem)
        let objective = PlanExplanation(plan: plan, problem: problem).objective
        let ranked: [Suggestion]
        var subject: String
        if let org {
            guard let u = problem.unitIndex(ofOrganizationOrGroup: org) else {
                Console.error("alliance: " + Message.unknownOrgOption(org: org).text)
                throw ExitCode(1)
            }
            ranked = engine.suggestions(forUnit: u)
            let served = plan.communities(of: u).map { c in
                plan.lead[c] == u ? Message.leadMark(problem.communities[c].id).text : problem.communities[c].id
            }
            subject = Message.suggestUnitSubject(id: problem.units[u].id, name: problem.units[u].name,
                                                 serves: served.isEmpty ? nil : Message.list(served).text).text
        } else {
            let id = community!
            guard let c = problem.communities.firstIndex(where: { $0.id == id }) else {
                Console.error("alliance: " + Message.unknownCommunityOption(id: id).text)
                throw ExitCode(1)
            }
            ranked = engine.suggestions(forCommunity: c)
            let members = plan.units(of: c).map { plan.lead[c] == $0 ? Message.leadMark(problem.units[$0].id).text : problem.units[$0].id }
            subject = Message.suggestCommunitySubject(id: id, name: problem.communities[c].name, units: Message.list(members).text).text
        }
        let feasible = ranked.filter(\.feasible), infeasible = ranked.filter { !$0.feasible }
        let shown = (top == 0 ? feasible : Array(feasible.prefix(top))) + (top == 0 ? infeasible : Array(infeasible.prefix(top)))
        if json {
            let document = SuggestDocument(orgID: org.flatMap { problem.unitIndex(ofOrganizationOrGroup: $0) }.map { problem.units[$0].id },
                                           communityID: community, objective: objective, suggestions: shown, engine: engine)
            print(try JSONOutput.text(document, as: .suggestions), terminator: "")
            return
        }
        var lines = [Message.suggestHeadline(subject: subject, objective: Format.objective(objective), broken: engine.brokenCount).text]
        let showUnit = community != nil
        lines.append(Message.suggestFeasibleHeading(shown: min(feasible.count, top == 0 ? feasible.count : top), of: feasible.count).text)
        for s in feasible.prefix(top == 0 ? feasible.count : top) {
            lines.append("  \(ExplainCommand.signed(s.delta))  \(Self.describe(s.edit, problem, showUnit: showUnit))  \(ExplainCommand.termList(s.termsDelta))")
        }
        lines.append(Message.suggestInfeasibleHeading(shown: min(infeasible.count, top == 0 ? infeasible.count : top),
                                                      of: infeasible.count).text)
        for s in infeasible.prefix(top == 0 ? infeasible.count : top) {
            var why = s.brokenRules.map { Message.suggestBreaks(rule: $0.name, text: engine.describe($0, after: s.edit)).text }
            if s.brokenRules.isEmpty { why.append(Message.suggestStillBreaks(count: s.remainingBroken).text) }
            if !s.repairedRules.isEmpty { why.append(Message.suggestRepairs(rules: Message.list(s.repairedRules.map(\.name)).text).text) }
            lines.append("  \(ExplainCommand.signed(s.delta))  \(Self.describe(s.edit, problem, showUnit: showUnit))  — \(Message.clauses(why).text)")
        }
        print(lines.joined(separator: "\n"))
    }

    /// An edit in words: `move C1 → C3`, `swap C1 ↔ C3 with U7`, `hand lead of C1 to U2` … (in `Language.current`).
    static func describe(_ edit: PlanEdit, _ problem: Problem, showUnit: Bool) -> String {
        let c = { (i: Int?) in i.map { problem.communities[$0].id } ?? "?" }
        let u = { (i: Int?) in i.map { problem.units[$0].id } ?? "?" }
        let who = showUnit ? u(edit.unit) : nil
        let message: Message = switch edit.kind {
        case .move: .editMove(unit: who, from: c(edit.from), to: c(edit.to))
        case .add: .editAdd(unit: who, to: c(edit.to))
        case .remove: .editRemove(unit: who, from: c(edit.from))
        case .swap: .editSwap(unit: who, from: c(edit.from), to: c(edit.to), with: u(edit.other))
        case .setLead: .editSetLead(unit: who, community: c(edit.to), instead: edit.other.map { u($0) })
        case .handLead: .editHandLead(unit: who, community: c(edit.from), to: u(edit.other))
        }
        return message.text
    }
}
