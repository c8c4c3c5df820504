import AllianceModel
import Foundation
import GLPK

/// What a clerk does by hand, as the baseline every other strategy must beat: fix pairs first,
/// then the strongest units that may lead, one each, to the weakest communities still without
/// a lead, then every remaining place of every unit (strongest first) to the weakest community
/// with room — "strong with weak". A repair pass (`Repair`) then meets every lower bound with
/// few changes; should it fail, a feasibility MIP (objective 0) decides.
///
/// Fully deterministic: ties are broken by index. It ignores needs, distances, preferences and
/// last year's plan; `LocalSearchStrategy` starts from here and optimizes the objective.
public struct GreedyStrategy: Strategy, Sendable {
    public let name = "greedy"

    public init() {}

    /// The clerk's plan, repaired; throws `SolveError.infeasible` when no plan breaks no rule.
    /// With a start plan (`SolveSettings.startPlan`, see `StartingPoint.resolve`) the better of the
    /// two: the start plan when the clerk's plan is worse or breaks a rule — the clerk knows no
    /// change limit, so with `--max-changes` its plan rarely fits, and the start plan is returned.
    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.open(problem) { run in
            guard let start = StartingPoint.resolve(problem, settings: settings) else {
                return run.outcome(.feasible, plan: try Self.feasiblePlan(problem, deadline: run.deadline,
                                                                          cancellation: run.cancellation))
            }
            var own: Plan?
            if case .feasible(let plan) = Repair.makeFeasible(Self.clerkPlan(problem), in: problem) { own = plan }
            return run.outcome(.feasible, plan: StartingPoint.better(own, than: start, in: problem))
        }
    }

    /// Pre-checks, the clerk's plan, repair, and the MIP fallback within `settings.timeLimit`:
    /// a plan that breaks no rule, or `SolveError.infeasible` with the reasons.
    static func feasiblePlan(_ problem: Problem, settings: SolveSettings) throws -> Plan {
        try Prechecks.require(problem)
        return try feasiblePlan(problem, deadline: Deadline(seconds: settings.timeLimit, clock: settings.clock),
                                cancellation: settings.cancellation)
    }

    /// The clerk's plan, repair, and the MIP fallback until `deadline` (for a problem that passed
    /// the pre-checks): a plan that breaks no rule, or `SolveError.infeasible` with the reasons.
    static func feasiblePlan(_ problem: Problem, deadline: Deadline, cancellation: CancellationFlag) throws -> Plan {
        let reason: InfeasibilityReason
        switch Repair.makeFeasible(clerkPlan(problem), in: problem) {
        case .feasible(let plan):
            if Evaluator.evaluate(plan, in: problem).isFeasible { return plan }
            reason = InfeasibilityReason(Message.repairedPlanBreaksRule.text)
        case .infeasible(let why):
            reason = why
        }
        if let plan = try feasibilityMIP(problem, deadline: deadline, cancellation: cancellation) {
            return plan
        }
        if cancellation.isCancelled { throw SolveError.interrupted }
        throw SolveError.infeasible([reason])
    }

    /// The clerk's plan before repair. It respects allowed pairs, fix pairs, k_o and U_c, and
    /// names a lead wherever it placed one; lower bounds may still be missed.
    static func clerkPlan(_ problem: Problem) -> Plan {
        let nU = problem.unitCount, nC = problem.communityCount
        let units = problem.units
        var plan = Plan(unitCount: nU, communityCount: nC)
        var strength = problem.communities.map(\.strength)
        var size = [Int](repeating: 0, count: nC)
        var degree = [Int](repeating: 0, count: nU)
        let strengthShare = problem.coefficients.strengthShare

        func place(_ u: Int, _ c: Int) {
            plan.assigned[u * nC + c] = true
            strength[c] += strengthShare[u]
            size[c] += 1
            degree[u] += 1
        }
        /// The weakest community (ties: lowest index) that `u` may join and that passes `extra`.
        func weakest(for u: Int, where extra: (Int) -> Bool) -> Int? {
            var best: Int?
            for c in 0..<nC where problem.allowed[u * nC + c] && !plan.assigned[u * nC + c]
                && size[c] < problem.maxSize[c] && extra(c) {
                if best == nil || strength[c] < strength[best!] { best = c }
            }
            return best
        }
        let byStrength = (0..<nU).sorted {
            units[$0].strength > units[$1].strength || (units[$0].strength == units[$1].strength && $0 < $1)
        }

        for u in 0..<nU {
            for c in 0..<nC where problem.fixed[u * nC + c] { place(u, c) }
        }
        if problem.options.leadRule {
            // A fixed unit that may lead leads where it is fixed (strongest first).
            for u in byStrength where units[u].canLead {
                for c in 0..<nC where plan.assigned[u * nC + c] && plan.lead[c] == nil { plan.lead[c] = u }
            }
            let leaders = byStrength.filter { units[$0].canLead }
            var missing = plan.lead.filter { $0 == nil }.count
            var progress = true
            while missing > 0 && progress {
                progress = false
                for u in leaders where missing > 0 && degree[u] < units[u].maxCommunities {
                    guard let c = weakest(for: u, where: { plan.lead[$0] == nil }) else { continue }
                    place(u, c)
                    plan.lead[c] = u
                    missing -= 1
                    progress = true
                }
            }
        }
        for u in byStrength {
            while degree[u] < units[u].maxCommunities, let c = weakest(for: u, where: { _ in true }) {
                place(u, c)
            }
        }
        return plan
    }

    /// Solves the stage-1 model with every objective coefficient set to 0, so GLPK only looks
    /// for a plan that breaks no rule, until `deadline`. Returns nil when GLPK finds none (or is
    /// stopped first).
    static func feasibilityMIP(_ problem: Problem, deadline: Deadline,
                               cancellation: CancellationFlag = CancellationFlag()) throws -> Plan? {
        guard let model = try StageOneModel.build(problem, deadline: deadline, cancellation: cancellation) else {
            return nil
        }
        for column in 0..<model.program.columnCount {
            try model.program.setObjectiveCoefficient(column, 0)
        }
        let result = try model.program.solveMIP(MIPParameters(
            timeLimit: max(0.001, deadline.remaining), feasibilityPump: true, stopRequested: cancellation.stopRequest))
        guard result.status == .optimal || result.status == .feasible else { return nil }
        var plan = model.plan(from: result.columnValues)
        problem.chooseLeads(&plan)
        return Evaluator.evaluate(plan, in: problem).isFeasible ? plan : nil
    }
}
