import Foundation
import GLPK

/// A large-neighbourhood step for plans: branch-and-cut on the compact model with every pair
/// outside a small "support" fixed to 0 — the pairs of the incumbent plus those the column
/// generation's master LP and its best alliances use. Units can then be recombined freely among
/// the alliances column generation found promising, which whole-alliance choices (the master
/// MIP) cannot do.
///
/// It only looks for plans: the restricted model's bound says nothing about the full model,
/// so no bound is reported, and progress is not forwarded.
enum SupportMIP {
    /// The best plan of the restricted model within `timeLimit` seconds (at least as good as
    /// `plan`, which it contains), or nil when GLPK found none. The model's column bounds are
    /// restored before returning.
    static func run(_ model: StageOneModel, support: [Int], plan: Plan, settings: SolveSettings,
                    timeLimit: Double) throws -> Plan? {
        let problem = model.problem
        var open = [Bool](repeating: false, count: model.xColumn.count)
        for p in support where p >= 0 && p < open.count { open[p] = true }
        for p in 0..<open.count where plan.assigned[p] { open[p] = true }
        var closed: [(column: Int, bounds: Bounds)] = []
        defer {
            for (column, bounds) in closed { try? model.program.setColumnBounds(column, bounds) }
        }
        for (p, column) in model.xColumn.enumerated() where column >= 0 && !open[p] && !problem.fixed[p] {
            closed.append((column, model.program.columnBounds(column)))
            try model.program.setColumnBounds(column, .fixed(0))
        }
        var quiet = settings
        quiet.progress = nil
        quiet.relativeGap = 0
        let result = try BranchAndCut.run(model, settings: quiet, timeLimit: timeLimit, startPlan: plan)
        return result.plan
    }
}
