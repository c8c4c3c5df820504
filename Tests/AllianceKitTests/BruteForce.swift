@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Finds the optimum of a tiny problem by enumerating every assignment: each unit picks an
/// allowed set of between m_o and k_o communities; a full assignment is kept when every
/// community's size is within [L_c, U_c], fix pairs are in, and (lead rule) some assigned unit
/// may lead. Its objective comes from `Evaluator`, so this shares no code with the model builder
/// or GLPK. Returns nil when no plan is feasible.
enum BruteForce {
    static func optimum(_ problem: Problem) -> (objective: Double, plan: Plan)? {
        let nU = problem.unitCount, nC = problem.communityCount
        // Every allowed subset for each unit, as community lists.
        var choices: [[[Int]]] = []
        for u in 0..<nU {
            var subsets: [[Int]] = []
            for mask in 0..<(1 << nC) {
                let set = (0..<nC).filter { mask & (1 << $0) != 0 }
                guard set.count >= problem.units[u].minCommunities, set.count <= problem.units[u].maxCommunities,
                      set.allSatisfy({ problem.allowed[u * nC + $0] }),
                      (0..<nC).allSatisfy({ !problem.fixed[u * nC + $0] || set.contains($0) }) else { continue }
                subsets.append(set)
            }
            choices.append(subsets)
        }
        var best: (objective: Double, plan: Plan)?
        var plan = Plan(unitCount: nU, communityCount: nC)
        var sizes = [Int](repeating: 0, count: nC)

        func leaf() {
            guard (0..<nC).allSatisfy({ sizes[$0] >= problem.minSize[$0] }) else { return }
            var candidate = plan
            if problem.options.leadRule {
                for c in 0..<nC {
                    guard let lead = (0..<nU).first(where: { plan[unit: $0, community: c] && problem.units[$0].canLead })
                    else { return }
                    candidate.lead[c] = lead
                }
            }
            let evaluation = Evaluator.evaluate(candidate, in: problem)
            precondition(evaluation.isFeasible, "enumeration produced an infeasible plan: \(evaluation.violations)")
            if best == nil || evaluation.objective > best!.objective + 1e-12 {
                best = (evaluation.objective, candidate)
            }
        }
        func visit(_ u: Int) {
            if u == nU { leaf(); return }
            for set in choices[u] {
                guard set.allSatisfy({ sizes[$0] < problem.maxSize[$0] }) else { continue }
                for c in set { plan[unit: u, community: c] = true; sizes[c] += 1 }
                visit(u + 1)
                for c in set { plan[unit: u, community: c] = false; sizes[c] -= 1 }
            }
        }
        visit(0)
        return best
    }
}
