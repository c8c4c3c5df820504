@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Random problems and random (often rule-breaking) plans for the explain and suggest tests.
enum AnalysisFixtures {
    /// A random problem with groups, multi-community units, pair rules (prefer included),
    /// coordinates and a previous plan; weights and the lead rule vary with the seed.
    static func problem(seed: UInt64, communities: Int, units: Int) throws -> Problem {
        var generator = InstanceGenerator(communities: communities, units: units)
        generator.preferPairs = 3
        generator.groupShare = 0.3
        generator.multiCommunityShare = 0.4
        let (instance, previous) = generator.generate(seed: seed)
        var rng = SeededGenerator(seed: seed &* 7919)
        let weights = seed % 3 == 0 ? Weights()
            : Weights(coverage: Double.random(in: 0...2, using: &rng), balance: Double.random(in: 0...2, using: &rng),
                      distance: Double.random(in: 0...1, using: &rng), preference: Double.random(in: 0...2, using: &rng),
                      keep: Double.random(in: 0...1, using: &rng))
        return try Problem(instance: instance, options: PlanningOptions(
            weights: weights, balanceBand: [0, 0.05, 0.1, 0.3][Int(seed % 4)], leadRule: seed % 5 != 0,
            previousPlan: seed % 4 == 1 ? nil : previous))
    }

    /// A random plan as a hand editor might leave it: each unit in 0…k+1 random communities,
    /// leads mostly members that may lead, sometimes missing, a non-member or a unit that may not lead.
    static func randomPlan(_ problem: Problem, seed: UInt64) -> Plan {
        var rng = SeededGenerator(seed: seed &+ 104_729)
        let nU = problem.unitCount, nC = problem.communityCount
        var plan = Plan(unitCount: nU, communityCount: nC)
        for u in 0..<nU {
            let count = Int.random(in: 0...min(nC, problem.units[u].maxCommunities + 1), using: &rng)
            for c in (0..<nC).shuffled(using: &rng).prefix(count) { plan[unit: u, community: c] = true }
        }
        for c in 0..<nC {
            let members = plan.units(of: c)
            let roll = Double.random(in: 0..<1, using: &rng)
            if roll < 0.1 { continue }
            if roll < 0.15 { plan.lead[c] = Int.random(in: 0..<nU, using: &rng); continue }
            plan.lead[c] = members.first(where: { problem.units[$0].canLead }) ?? members.first
        }
        return plan
    }
}
