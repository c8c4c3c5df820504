import AllianceModel
import Foundation
import GLPK

/// One GLPK branch-and-cut run on a built stage-1 model, with a warm start, progress reports
/// and the translation of GLPK's answer into a plan and a status.
struct BranchAndCut {
    /// What one run proved.
    struct Result {
        /// `.optimal` only when GLPK finished the search with a zero gap.
        var status: SolveStatus
        /// The best plan GLPK holds, or nil when time ran out before any.
        var plan: Plan?
        /// The objective GLPK reports for `plan` under the model's current objective.
        var objective: Double?
        /// Best proven bound on the current objective.
        var bound: Double?
        var log: String
    }

    /// Solves `model` as it stands (its current objective and rows) until `deadline` (at least
    /// `TimePlan.branchAndCutFloorSeconds`), reporting progress through the solve's throttle.
    /// The result has no plan when the time ran out before any; throws `SolveError.infeasible`
    /// when GLPK proved there is none.
    static func run(_ model: StageOneModel, run: SolveRun, deadline: Deadline,
                    startPlan: Plan?, phases: PhaseClock? = nil) throws -> Result {
        let settings = run.settings
        var parameters = MIPParameters()
        parameters.timeLimit = max(TimePlan.branchAndCutFloorSeconds, deadline.remaining)
        parameters.relativeGap = settings.relativeGap
        parameters.presolve = false
        parameters.cuts = [.mixedIntegerRounding, .cover, .clique, .gomory]
        parameters.feasibilityPump = startPlan == nil
        parameters.stopRequested = settings.cancellation.stopRequest
        if let log = phases?.glpkLines("branch-and-cut") {
            parameters.messageLevel = .all
            parameters.logHandler = log
        }
        let startValues = startPlan.map { model.solution(for: $0) }
        var offered = false
        let progress = run.progress

        let result = try model.program.solveMIP(parameters) { tree in
            if tree.reason == .heuristic, !offered, let values = startValues {
                offered = true
                tree.offerSolution(values)
            }
            if progress.isActive {
                progress.report(incumbent: tree.incumbentObjective, bound: tree.bestBound)
            }
        }
        switch result.status {
        case .optimal, .feasible:
            let proven = result.status == .optimal && result.returnCode == .success && settings.relativeGap == 0
            return Result(status: proven ? .optimal : .feasible, plan: model.plan(from: result.columnValues),
                          objective: result.objective, bound: proven ? result.objective : result.bestBound,
                          log: result.log)
        case .infeasible, .noFeasible, .unbounded, .undefined:
            if result.returnCode == .timeLimitReached || result.returnCode == .stoppedByCallback {
                return Result(status: .feasible, plan: nil, objective: nil, bound: result.bestBound, log: result.log)
            }
            if result.status == .unbounded || result.status == .undefined {
                throw SolveError.solverFailed(Message.glpkEnded(code: "\(result.returnCode)", status: "\(result.status)").text)
            }
            throw SolveError.infeasible([InfeasibilityReason(Message.glpkProvedInfeasible.text)])
        }
    }
}
