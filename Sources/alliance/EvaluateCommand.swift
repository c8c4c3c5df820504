import AllianceKit
import ArgumentParser
import Foundation

/// `alliance evaluate`: judge a given plan (perhaps edited by hand) by the model's objective and rules.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Recompute a plan's objective and terms and list every rule it breaks.",
        discussion: HelpText.discussion(
            examples: [
                "alliance evaluate models/examples/caofeidian --plan edited.csv",
                "alliance evaluate lists.xlsx --plan plan/plan.csv --json",
            ],
            exits: [.success, .inputError, .brokenRule]))

    @OptionGroup var model: ModelOptions

    @Option(name: .customLong("plan"), help: ArgumentHelp("The plan to judge (plan.csv as `solve` writes it; for district lists also the combined plan.csv with its district column).", valueName: "plan.csv"),
            completion: .file(extensions: ["csv"]))
    var planPath: String

    @Flag(help: "Print the result as JSON instead of text.")
    var json = false

    func run() throws {
        let instance = try model.loadInstance()
        if DistrictSplit.hasDistricts(instance) { return try runDistricts(instance) }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        let rows = try model.readPlan(planPath)
        let (_, evaluation) = Evaluator.evaluate(rows, in: problem)
        if json {
            print(try JSONOutput.text(EvaluationDocument(evaluation, problem: problem), as: .evaluation), terminator: "")
        } else {
            print(Self.text(evaluation))
        }
        if !evaluation.violations.isEmpty { throw ExitCode(3) }
    }

    /// The objective, terms, strength range and broken rules for people.
    static func text(_ evaluation: Evaluation) -> String {
        let terms = evaluation.terms
        func value(_ number: Double) -> String { String(format: "%.6f", number) }
        var lines: [Message] = [
            .objectiveLine(objective: Format.objective(evaluation.objective), bound: nil, gap: nil),
            .coverageValueLine(value(terms.coverage)),
            .balanceValueLine(value(terms.balance)),
            .distanceLine(value: value(terms.distance)),
            .preferenceLine(value: value(terms.preference)),
            .keepValueLine(value(terms.keep)),
            .strengthLine(min: Format.number(evaluation.strengthMin), mean: Format.number(evaluation.strengthMean),
                          max: Format.number(evaluation.strengthMax), target: nil, band: nil),
        ]
        if let changes = evaluation.changesFromStart { lines.append(.evaluatedChangesLine(changes: changes)) }
        lines.append(evaluation.violations.isEmpty ? .rulesSatisfied : .rulesBroken(count: evaluation.violations.count))
        return (lines.map(\.text) + evaluation.violations.map { "  - \($0)" }).joined(separator: "\n")
    }
}
