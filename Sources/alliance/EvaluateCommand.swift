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
        var lines = [
            "objective   \(Format.objective(evaluation.objective))",
            "coverage    \(String(format: "%.6f", terms.coverage))",
            "balance     \(String(format: "%.6f", terms.balance))",
            "distance    \(String(format: "%.6f", terms.distance))",
            "preference  \(String(format: "%.6f", terms.preference))",
            "keep        \(String(format: "%.6f", terms.keep))",
            "strength    min \(Format.number(evaluation.strengthMin))  mean \(Format.number(evaluation.strengthMean))  max \(Format.number(evaluation.strengthMax))",
        ]
        if let changes = evaluation.changesFromStart {
            lines.append("changes     \(changes) pair\(changes == 1 ? "" : "s") changed from the start plan (--from)")
        }
        if evaluation.violations.isEmpty {
            lines.append("rules       all satisfied")
        } else {
            lines.append("rules       \(evaluation.violations.count) broken:")
            lines += evaluation.violations.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
