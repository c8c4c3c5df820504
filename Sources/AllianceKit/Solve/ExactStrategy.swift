import Foundation
import GLPK

/// GLPK branch-and-cut on the stage-1 model: proves the optimum (or the requested gap) unless
/// the time limit stops it first, in which case the best plan found is returned with its gap.
public struct ExactStrategy: Strategy {
    public let name = "exact"
    /// A plan to hand to branch-and-cut as its first incumbent (must satisfy every rule).
    public var initialPlan: Plan?

    public init(initialPlan: Plan? = nil) {
        self.initialPlan = initialPlan
    }

    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        let start = Date()
        let model = try StageOneModel(problem: problem)

        var parameters = MIPParameters()
        parameters.timeLimit = max(0.001, settings.timeLimit)
        parameters.relativeGap = settings.relativeGap
        parameters.presolve = false
        parameters.cuts = [.mixedIntegerRounding, .cover, .clique, .gomory]
        parameters.feasibilityPump = true
        let startValues = initialPlan.map { model.solution(for: $0) }
        var offered = false
        var lastReport = -Double.infinity

        let result = try model.program.solveMIP(parameters) { tree in
            if tree.reason == .heuristic, !offered, let values = startValues {
                offered = true
                tree.offerSolution(values)
            }
            if let progress = settings.progress {
                let elapsed = Date().timeIntervalSince(start)
                if elapsed - lastReport >= settings.progressInterval {
                    lastReport = elapsed
                    progress(SolveProgress(elapsedSeconds: elapsed, incumbent: tree.incumbentObjective,
                                           bound: tree.bestBound, gap: tree.relativeGap))
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)

        switch result.status {
        case .optimal, .feasible:
            let plan = model.plan(from: result.columnValues)
            let proven = result.status == .optimal && result.returnCode == .success
                && settings.relativeGap == 0
            // GLPK's "optimal" under a nonzero gap only means the gap was reached.
            let status: SolveStatus = proven ? .optimal : .feasible
            var bound = result.bestBound
            if proven { bound = result.objective }
            return SolveOutcome(status: status, plan: plan, bound: bound, solveSeconds: seconds, log: result.log)
        case .infeasible, .noFeasible:
            if result.returnCode == .timeLimitReached || result.returnCode == .stoppedByCallback {
                throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
            }
            throw SolveError.infeasible([InfeasibilityReason(
                "GLPK proved that no plan satisfies every rule together (each rule alone passed the pre-checks): "
                    + "loosen min_orgs/max_orgs, min_communities/max_communities, the lead rule or pairs.csv")])
        case .unbounded, .undefined:
            if result.returnCode == .timeLimitReached || result.returnCode == .stoppedByCallback {
                throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
            }
            throw SolveError.solverFailed("GLPK ended with \(result.returnCode), status \(result.status)")
        }
    }
}
