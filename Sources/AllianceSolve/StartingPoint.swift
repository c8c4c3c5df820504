import AllianceModel

/// Where a strategy starts when re-planning (`SolveSettings.startPlan`, `alliance solve --from`;
/// MODEL.md, "Re-planning"): every strategy starts from the start plan and never returns a plan
/// that is worse by the evaluator's objective, or that breaks a pin or the change limit.
enum StartingPoint {
    /// The plan a strategy starts from, or nil:
    /// - `settings.startPlan` when it breaks no rule of `problem` (pins and change limit included);
    /// - else, when the problem has start pairs (`Problem.from`: the caller set `options.from`
    ///   but no usable `startPlan`), those pairs repaired toward a feasible plan (`Repair`: keeps
    ///   what it can, adds fix and pinned pairs, meets the bounds with few changes) if the result
    ///   breaks no rule — it may still miss the change limit, and is then dropped;
    /// - else nil (each strategy builds its own plan).
    static func resolve(_ problem: Problem, settings: SolveSettings) -> Plan? {
        if let plan = settings.startPlan, fits(plan, problem), Evaluator.evaluate(plan, in: problem).isFeasible {
            return plan
        }
        guard problem.fromPairCount > 0 else { return nil }
        var plan = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        for p in 0..<plan.assigned.count where problem.from[p] && problem.allowed[p] { plan.assigned[p] = true }
        guard case .feasible(let repaired) = Repair.makeFeasible(plan, in: problem),
              Evaluator.evaluate(repaired, in: problem).isFeasible else { return nil }
        return repaired
    }

    /// Whether `plan` has the problem's dimensions (a start plan of another district is no start).
    static func fits(_ plan: Plan, _ problem: Problem) -> Bool {
        plan.unitCount == problem.unitCount && plan.communityCount == problem.communityCount
    }

    /// The better of a strategy's own `plan` and the `start` plan: `plan` unless it breaks a rule
    /// (a heuristic that ignores the change limit may overshoot it) or the start plan has a
    /// larger objective. Ties keep the strategy's own plan.
    static func better(_ plan: Plan?, than start: Plan?, in problem: Problem) -> Plan? {
        guard let start else { return plan }
        guard let plan else { return start }
        let own = Evaluator.evaluate(plan, in: problem)
        guard own.isFeasible else { return start }
        return own.objective >= Evaluator.evaluate(start, in: problem).objective ? plan : start
    }
}
