import Foundation
import Testing
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceSolve

/// The large-neighbourhood search of `exact` on large districts: whatever it returns is a plan
/// the evaluator finds feasible, never worse than its start, and worth the objective it claims;
/// from a poor start (the greedy plan) it must actually improve something.
@Suite struct NeighbourhoodSearchTests {
    private func problem(seed: UInt64, coordinates: Bool) throws -> Problem {
        var generator = InstanceGenerator(communities: 24, units: 90)
        generator.multiCommunityShare = 0.3
        generator.coordinates = coordinates
        generator.fixPairs = 2
        generator.forbidPairs = 4
        let (instance, previous) = generator.generate(seed: seed)
        return try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
    }

    @Test(arguments: [(UInt64(11), true), (UInt64(12), false), (UInt64(13), true)])
    func improvesTheGreedyPlanAndKeepsEveryRule(seed: UInt64, coordinates: Bool) throws {
        defer { Fixtures.releaseGLPKOfThisThread() }
        let problem = try problem(seed: seed, coordinates: coordinates)
        let start = try GreedyStrategy.feasiblePlan(problem, settings: SolveSettings(timeLimit: 10))
        let before = Evaluator.evaluate(start, in: problem)
        try #require(before.isFeasible)
        let search = NeighbourhoodSearch(size: 6, spareUnits: 10, secondsPerNeighbourhood: 5, threads: 2)
        let result = search.improve(start, in: problem, deadline: Deadline(seconds: 120))
        let after = Evaluator.evaluate(result.plan, in: problem)
        #expect(after.violations == [], "seed \(seed)")
        #expect(after.objective == result.objective, "seed \(seed)")
        #expect(after.objective >= before.objective, "seed \(seed)")
        #expect(result.solved > 0 && result.improved > 0, "seed \(seed): \(result.solved) solved, none improved")
        #expect(after.objective > before.objective, "seed \(seed)")
    }

    /// A neighbourhood is its community and the nearest others: by coordinates when there are
    /// any, by list order when not.
    @Test func neighbourhoodsAreTheNearestCommunities() throws {
        let search = NeighbourhoodSearch(size: 5)
        let flat = try problem(seed: 12, coordinates: false)
        #expect(search.neighbourhood(of: 10, in: flat) == [10, 9, 11, 8, 12])
        let mapped = try problem(seed: 11, coordinates: true)
        let hood = search.neighbourhood(of: 3, in: mapped)
        #expect(hood.count == 5 && hood.first == 3 && Set(hood).count == 5)
        let here = try #require(mapped.instance.communities[3].location)
        let farthestInside = hood.map { here.distance(to: mapped.instance.communities[$0].location!)! }.max()!
        for c in 0..<mapped.communityCount where !hood.contains(c) {
            #expect(here.distance(to: mapped.instance.communities[c].location!)! >= farthestInside)
        }
    }
}
