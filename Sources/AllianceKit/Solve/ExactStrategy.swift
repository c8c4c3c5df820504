import Foundation
import GLPK

/// GLPK branch-and-cut on the stage-1 model: proves the optimum (or the requested gap) unless
/// the time limit stops it first, in which case the best plan found is returned with its gap.
///
/// The search starts from the local-search plan (`LocalSearchStrategy`, given a small share of
/// the time), so there is a plan from the first second and GLPK only has to improve and prove.
public struct ExactStrategy: Strategy {
    public let name = "exact"
    /// A plan to hand to branch-and-cut as its first incumbent (must satisfy every rule);
    /// when nil, the local search provides one.
    public var initialPlan: Plan?
    /// Share of the time limit the warm-start heuristic may use.
    public var heuristicShare: Double

    public init(initialPlan: Plan? = nil, heuristicShare: Double = 0.1) {
        self.initialPlan = initialPlan
        self.heuristicShare = heuristicShare
    }

    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        let reasons = Prechecks.run(problem)
        guard reasons.isEmpty else { throw SolveError.infeasible(reasons) }
        let start = Date()
        var warmStart = initialPlan
        if warmStart == nil {
            var heuristic = settings
            heuristic.timeLimit = max(0.05, settings.timeLimit * heuristicShare)
            warmStart = try? LocalSearchStrategy().solve(problem, settings: heuristic).plan
        }
        let model = try StageOneModel(problem: problem)
        let remaining = settings.timeLimit - Date().timeIntervalSince(start)
        let result = try BranchAndCut.run(model, settings: settings, timeLimit: remaining,
                                          startPlan: warmStart, started: start)
        // Keep the better of GLPK's incumbent and the warm start (GLPK may not have taken it).
        let candidates = [result.plan, warmStart].compactMap { $0 }
        guard let best = candidates.max(by: {
            Evaluator.evaluate($0, in: problem).objective < Evaluator.evaluate($1, in: problem).objective
        }) else {
            throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit)
        }
        // A proven optimum stays proven whichever of two equally good plans is kept.
        let status: SolveStatus = result.status == .optimal ? .optimal : .feasible
        return SolveOutcome(status: status, plan: best, bound: result.bound,
                            solveSeconds: Date().timeIntervalSince(start), log: result.log)
    }
}
