/// A plan read for `explain` and `suggest`: the unit-level plan on its model, the problems met
/// reading its rows (unknown ids, a split group, two leads), and, for lists with a `district`
/// column, the district whose part of the plan it is.
public struct PlanUnderAnalysis: Sendable {
    /// The district's name; nil for lists without districts.
    public var district: String?
    public var problem: Problem
    public var plan: Plan
    public var rowProblems: [Violation]
}

extension PlanningInput {
    /// The plan at `planPath` on `lists` (read by `loadInstance`), as `evaluate` judges it: one entry for lists without
    /// districts; for district lists one entry per district, each with its part of the plan
    /// (`DistrictPlan`) on the district's own model (`problem(for:options:)`), as `solve` planned it.
    /// Also returns the warnings about what crosses districts.
    public func plansForAnalysis(_ lists: Instance, planPath: String)
        throws -> (plans: [PlanUnderAnalysis], warnings: [String]) {
        let options = try planningOptions()
        guard DistrictSplit.hasDistricts(lists) else {
            let problem = try makeProblem(lists, options: options)
            let (plan, rowProblems) = Evaluator.plan(from: try Self.readPlan(planPath, encoding: encoding), in: problem)
            return ([PlanUnderAnalysis(district: nil, problem: problem, plan: plan, rowProblems: rowProblems)], [])
        }
        let (districts, warnings) = try self.districts(of: lists, options: options)
        let parts = try DistrictPlan.split(try Self.readPlanRows(planPath, encoding: encoding), districts: districts,
                                           lists: lists, planFile: planPath)
        let plans = try zip(districts, parts).map { district, rows in
            let problem = try problem(for: district, options: options)
            let (plan, rowProblems) = Evaluator.plan(from: rows, in: problem)
            return PlanUnderAnalysis(district: district.name, problem: problem, plan: plan, rowProblems: rowProblems)
        }
        return (plans, warnings)
    }
}
