/// One district's part of a plan, judged on that district's own model.
public struct DistrictEvaluation: Sendable {
    public var district: String
    public var problem: Problem
    public var evaluation: Evaluation
}

extension PlanningInput {
    /// `alliance evaluate` on lists with a `district` column: the plan at `planPath` (the combined
    /// plan.csv a batch solve writes, with its leading `district` column, or a plan without one)
    /// split by the communities' districts (`DistrictPlan`), each part judged on the district's
    /// own model (`problem(for:options:)`), as `solve` planned it. A row naming a unit or
    /// community of no district, or of another district than its `district` cell, is an input
    /// error at its cell.
    public func evaluateDistricts(_ districts: [DistrictInstance], of lists: Instance, options: PlanningOptions,
                                  planPath: String) throws -> [DistrictEvaluation] {
        let rows = try Self.readPlanRows(planPath, encoding: encoding)
        let parts = try DistrictPlan.split(rows, districts: districts, lists: lists, planFile: planPath)
        return try zip(districts, parts).map { district, part in
            let problem = try problem(for: district, options: options)
            return DistrictEvaluation(district: district.name, problem: problem,
                                      evaluation: Evaluator.evaluate(part, in: problem).1)
        }
    }
}
