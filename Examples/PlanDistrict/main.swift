// An example program that plans a district with AllianceKit's public API only: read the lists,
// solve, judge the plan independently, explain one community, write the hand-over files.
// `swift build` compiles it with the package, so it cannot drift from the API; run it with
//
//   swift run PlanDistrict models/examples/tiny /tmp/tiny-plan
//
// The DocC article "Getting started" (Sources/AllianceKit/AllianceKit.docc) walks through it.
import AllianceKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: PlanDistrict <lists folder or .xlsx> <output folder>\n".utf8))
    exit(64)
}

do {
    // 1. Read the lists. Errors name the file, line and column (or workbook, sheet and cell).
    let input = PlanningInput(path: arguments[1])
    let (problem, notes) = try input.loadProblem()
    for note in notes { print("note: \(note)") }
    let reasons = Prechecks.run(problem)  // necessary conditions, in milliseconds
    if !reasons.isEmpty {
        for reason in reasons { print("pre-check failed: \(reason.message)") }
        exit(2)
    }

    // 2. Solve with the exact strategy for at most 30 seconds and write plan.csv, plan.json,
    //    plan.xlsx, report.html … into the output folder (each file written whole or not at all).
    let run = PlanningRun(options: RunOptions(strategy: .exact, timeLimit: 30))
    let written = try run.run(problem, into: URL(fileURLWithPath: arguments[2], isDirectory: true))
    let report = written.report

    // 3. Judge the plan from the plan alone: the evaluator recomputes every term and rule.
    let evaluation = Evaluator.evaluate(report.plan, in: problem)
    print("status     \(report.status.rawValue)")
    print("objective  \(evaluation.objective)" + (report.gap.map { "  (proven within \($0 * 100) %)" } ?? ""))
    print("coverage   \(evaluation.terms.coverage)")
    print("rules      \(evaluation.violations.isEmpty ? "all kept" : "\(evaluation.violations.count) broken")")

    // 4. Why is the first community's alliance as it is? Its share of the objective, by member.
    let explanation = PlanExplanation(plan: report.plan, problem: problem)
    if let first = explanation.communities.first {
        let community = problem.communities[first.community]
        print("community  \(community.id) \(community.name): objective share \(first.objective)")
        for member in first.members {
            print("  \(problem.units[member.unit].id)  \(member.objective)")
        }
    }
    print("wrote      \(written.files.joined(separator: ", "))")
} catch {
    FileHandle.standardError.write(Data("PlanDistrict: \(error)\n".utf8))
    exit(1)
}
