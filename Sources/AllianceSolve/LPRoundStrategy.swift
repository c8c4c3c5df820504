import AllianceModel
import Foundation
import GLPK

/// The LP relaxation, rounded and repaired: solve the model with x continuous, give each
/// unit the communities where its x is largest (at most k_o, while they have room), then let
/// `Repair` meet every lower bound and choose leads. The LP optimum is a proven upper bound, so
/// this strategy reports a gap too. With a start plan (`SolveSettings.startPlan`) it returns the
/// start plan whenever the rounded plan is worse or breaks the change limit (the relaxation
/// carries the change row, the rounding does not).
public struct LPRoundStrategy: Strategy {
    public let name = "lp-round"

    public init() {}

    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.open(problem) { run in try roundRelaxation(problem, run: run) }
    }

    private func roundRelaxation(_ problem: Problem, run: SolveRun) throws -> SolveOutcome {
        let settings = run.settings
        guard let model = try StageOneModel.build(problem, deadline: run.deadline, cancellation: settings.cancellation)
        else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
        var parameters = SimplexParameters()
        parameters.timeLimit = max(0.001, run.deadline.remaining)
        parameters.stopRequested = settings.cancellation.stopRequest
        let relaxation = try model.program.solveLP(parameters)
        if [.timeLimitReached, .iterationLimitReached, .stoppedByCallback].contains(relaxation.returnCode) {
            throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
        }
        switch relaxation.status {
        case .optimal:
            break
        case .infeasible, .noFeasible:
            throw SolveError.infeasible([InfeasibilityReason(Message.relaxationInfeasible.text)])
        case .feasible, .unbounded, .undefined:
            throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
        }
        let rounded = Self.round(relaxation.columnValues, model: model)
        let start = StartingPoint.resolve(problem, settings: settings)
        switch Repair.makeFeasible(rounded, in: problem) {
        case .feasible(let plan):
            // The rounding knows no change limit: a plan beyond it, or worse than the start plan,
            // gives way to the start plan.
            return run.outcome(.feasible, plan: StartingPoint.better(plan, than: start, in: problem),
                               bound: relaxation.objective, log: relaxation.log)
        case .infeasible(let reason):
            guard let start else { throw SolveError.infeasible([reason]) }
            return run.outcome(.feasible, plan: start, bound: relaxation.objective, log: relaxation.log)
        }
    }

    /// Pairs in decreasing order of their LP value (ties: unit, then community index), each taken
    /// while its unit has places left (k_o) and its community has room (U_c); values below 1/2
    /// are taken only for fix pairs, the rest is left to the repair.
    static func round(_ values: [Double], model: StageOneModel) -> Plan {
        let problem = model.problem
        let nC = problem.communityCount
        var plan = Plan(unitCount: problem.unitCount, communityCount: nC)
        var degree = [Int](repeating: 0, count: problem.unitCount)
        var size = [Int](repeating: 0, count: nC)
        let pairs = model.xColumn.indices.filter { model.xColumn[$0] >= 0 }
            .sorted { a, b in
                let va = values[model.xColumn[a]], vb = values[model.xColumn[b]]
                return va != vb ? va > vb : a < b
            }
        for p in pairs {
            let u = p / nC, c = p % nC
            guard values[model.xColumn[p]] >= 0.5 || problem.fixed[p] else { continue }
            guard degree[u] < problem.units[u].maxCommunities, size[c] < problem.maxSize[c] else { continue }
            plan.assigned[p] = true
            degree[u] += 1
            size[c] += 1
        }
        return plan
    }
}
