import AllianceKit
import ArgumentParser
import Foundation
import GLPK

/// `alliance-bench generate`: writes a benchmark instance as the CSV lists the `alliance` CLI
/// reads (plus `previous-plan.csv` for `--previous`), and optionally the glpsol data file and
/// the MPS model that the harness hands to glpsol and HiGHS.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded benchmark instance (CSV lists; optionally .dat and .mps).")

    @Option(help: "Size: S, M, L or XL.")
    var size: BenchmarkSize

    @Option(help: "Instance family: base, many-categories, tight, multi, uneven, mixed.")
    var family: InstanceFamily = .base

    @Option(help: "Folder for the CSV lists (solve them with `alliance solve DIR --previous DIR/previous-plan.csv`).")
    var out: String?

    @Option(help: "Also write the MathProg data for models/alliance.mod here.")
    var dat: String?

    @Option(help: "Also write the stage-1 model as free MPS here (the max sense is lost: maximize it).")
    var mps: String?

    func run() throws {
        let (instance, previous) = size.generate(family: family)
        let problem = try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
        if let out {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try InstanceWriter.write(instance, to: folder)
            try Data(InstanceWriter.planCSV(previous).utf8)
                .write(to: folder.appendingPathComponent("previous-plan.csv"))
            print("wrote \(size.label(family)) to \(out): \(problem.unitCount) units after group merging, "
                  + "\(problem.categoryCount) need categories, \(instance.pairs.count) pair rules")
        }
        if let dat {
            try Data(MathProgDataWriter.write(problem, source: "alliance-bench generate --size \(size.rawValue) --family \(family.rawValue)").utf8)
                .write(to: URL(fileURLWithPath: dat))
        }
        if let mps {
            let model = try StageOneModel(problem: problem)
            try model.program.write(.freeMPS, to: mps)
        }
        let reasons = Prechecks.run(problem)
        if !reasons.isEmpty {
            throw HarnessError("generated instance fails the pre-checks: " + reasons.map(\.message).joined(separator: "; "))
        }
    }
}
