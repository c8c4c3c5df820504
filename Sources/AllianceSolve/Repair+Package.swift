import AllianceModel

/// `Repair` for the run pipeline (`AllianceKit`'s start plan, `alliance solve --from`): a plan a
/// person gave that breaks a rule is made feasible with few changes before every strategy starts
/// from it. A separate entry point so that `Repair` itself stays internal to the strategies.
package enum StartPlanRepair {
    package enum Outcome {
        /// The repaired plan, leads chosen (`Problem.chooseLeads`), every rule but the change limit met.
        case feasible(Plan)
        /// Why no plan satisfies the rules at all (a cut proving it, see `Repair`).
        case infeasible(InfeasibilityReason)
    }

    package static func makeFeasible(_ plan: Plan, in problem: Problem) -> Outcome {
        switch Repair.makeFeasible(plan, in: problem) {
        case .feasible(let repaired): return .feasible(repaired)
        case .infeasible(let reason): return .infeasible(reason)
        }
    }
}
