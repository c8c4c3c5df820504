import Foundation
import PropertyBased
import Testing
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The street decomposition: its split, the allotment of units to blocks, the block problems'
/// objectives against the whole, and the plans it returns.
@Suite struct StreetDecompositionTests {
    /// A generated problem whose communities lie on `streets` streets (some without a street).
    private func problem(seed: Int, communities: Int, perCommunity: Int, leadRule: Bool = true,
                         streets: Int = 3, coordinates: Bool = true) -> Problem? {
        var generator = InstanceGenerator(communities: communities, units: communities * perCommunity)
        generator.multiCommunityShare = 0.3
        generator.coordinates = coordinates
        var (instance, previous) = generator.generate(seed: UInt64(seed))
        for c in instance.communities.indices {
            instance.communities[c].street = (c * 7 + seed) % (streets + 1) == streets ? nil : "街道\((c * 7 + seed) % (streets + 1))"
        }
        return try? Problem(instance: instance, options: PlanningOptions(leadRule: leadRule, previousPlan: previous))
    }

    @Test func everyCommunityIsInExactlyOneBlockOfOneStreet() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...100_000), Gen.int(in: 1...40), Gen.int(in: 1...8),
                            Gen.bool) { seed, communities, limit, coordinates in
            guard let problem = problem(seed: seed, communities: communities, perCommunity: 2,
                                        coordinates: coordinates) else { return }
            let blocks = StreetBlocks.split(problem.communities, maxBlockSize: limit)
            #expect(blocks.flatMap { $0 }.sorted() == Array(0..<communities), "seed \(seed)")
            for block in blocks {
                #expect(!block.isEmpty && block.count <= limit, "seed \(seed): block of \(block.count)")
                #expect(Set(block.map { problem.communities[$0].street }).count == 1, "seed \(seed): streets mixed")
            }
            // A street that fits stays whole.
            let streets = Dictionary(grouping: 0..<communities) { problem.communities[$0].street ?? "" }
            for members in streets.values where members.count <= limit {
                #expect(blocks.contains(members.sorted()), "seed \(seed): a small street was cut")
            }
        }
    }

    @Test func cuttingByCoordinatesKeepsNeighboursTogether() {
        // Two clusters far apart on one street, listed alternately: a cut by coordinates separates them.
        let communities = (0..<8).map { c in
            Community(id: "C\(c)", street: "S", location: .planar(x: c % 2 == 0 ? 0 : 100, y: Double(c)))
        }
        let blocks = StreetBlocks.split(communities, maxBlockSize: 4)
        #expect(blocks == [[0, 2, 4, 6], [1, 3, 5, 7]])
        // Without coordinates: by listed order.
        let plain = communities.map { Community(id: $0.id, street: "S") }
        #expect(StreetBlocks.split(plain, maxBlockSize: 3) == [[0, 1, 2], [3, 4, 5], [6, 7]])
    }

    @Test func allotmentFollowsPreferredPairsBeforeDistance() throws {
        // U1 sits next to A but prefers B on the other street: it gets its place in B's block;
        // U3 stays at A, and U2 (next to B) must serve somewhere, so it joins B too.
        let instance = Instance(
            communities: [Community(id: "A", street: "S1", location: .planar(x: 0, y: 0)),
                          Community(id: "B", street: "S2", location: .planar(x: 100, y: 0))],
            organizations: [Organization(id: "U1", location: .planar(x: 0, y: 0)),
                            Organization(id: "U2", location: .planar(x: 100, y: 0)),
                            Organization(id: "U3", location: .planar(x: 0, y: 1))],
            pairs: [PairRule(orgID: "U1", communityID: "B", rule: .prefer(score: 1))])
        let problem = try Problem(instance: instance)
        let blocks = StreetBlocks.split(problem.communities)
        #expect(blocks == [[0], [1]])
        let allocation = UnitAllocation(problem: problem, blocks: blocks)
        #expect(allocation.share == [[0, 1], [0, 1], [1, 0]])
        #expect(allocation.minimum == [[0, 1], [0, 1], [1, 0]])
    }

    @Test func allotmentMeetsEveryBlocksSizeDemandWhenTheWholeIsFeasible() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...100_000), Gen.int(in: 4...30), Gen.int(in: 2...4),
                            Gen.int(in: 2...10), Gen.bool) { seed, communities, perCommunity, limit, leadRule in
            defer { Fixtures.releaseGLPKOfThisThread() }
            guard let problem = problem(seed: seed, communities: communities, perCommunity: perCommunity,
                                        leadRule: leadRule),
                  Prechecks.run(problem).isEmpty,
                  case .feasible = Repair.makeFeasible(Plan(unitCount: problem.unitCount,
                                                            communityCount: problem.communityCount), in: problem)
            else { return }
            let blocks = StreetBlocks.split(problem.communities, maxBlockSize: limit)
            let allocation = UnitAllocation(problem: problem, blocks: blocks)
            for u in 0..<problem.unitCount {
                #expect(allocation.share[u].reduce(0, +) <= problem.units[u].maxCommunities)
                #expect(allocation.minimum[u].reduce(0, +) == problem.units[u].minCommunities, "seed \(seed)")
                for (b, block) in blocks.enumerated() {
                    #expect(allocation.minimum[u][b] <= allocation.share[u][b])
                    let fixedHere = block.filter { problem.fixed[problem.pair(u, $0)] }.count
                    #expect(allocation.share[u][b] >= fixedHere, "seed \(seed): a fixed pair lost its place")
                }
            }
            for (b, block) in blocks.enumerated() {
                let places = (0..<problem.unitCount).reduce(0) { $0 + allocation.share[$1][b] }
                let leaders = (0..<problem.unitCount).filter(problem.mayLead).reduce(0) { $0 + allocation.share[$1][b] }
                #expect(places >= block.reduce(0) { $0 + problem.minSize[$1] }, "seed \(seed): block \(b) too small")
                if leadRule { #expect(leaders >= block.count, "seed \(seed): block \(b) lacks leaders") }
            }
        }
    }

    @Test func blockObjectivesAddUpToTheWholeObjective() async {
        // The block problems are judged by the global mean and rescaled weights, so the whole
        // objective of the combined plan is the sum of the blocks' objectives.
        await propertyCheck(count: 20, input: Gen.int(in: 0...100_000), Gen.int(in: 4...24), Gen.int(in: 2...4),
                            Gen.int(in: 2...8)) { seed, communities, perCommunity, limit in
            defer { Fixtures.releaseGLPKOfThisThread() }
            guard let problem = problem(seed: seed, communities: communities, perCommunity: perCommunity),
                  Prechecks.run(problem).isEmpty else { return }
            let blocks = StreetBlocks.split(problem.communities, maxBlockSize: limit)
            let allocation = UnitAllocation(problem: problem, blocks: blocks)
            var combined = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
            var sum = 0.0
            for b in blocks.indices {
                guard let block = try? BlockProblem(problem, block: blocks[b], blockIndex: b, allocation: allocation),
                      let plan = try? LocalSearchStrategy().solve(block.problem, settings: SolveSettings(timeLimit: 30)).plan
                else { return }
                #expect(block.problem.meanStrength == problem.meanStrength)
                sum += Evaluator.evaluate(plan, in: block.problem).objective
                block.place(plan, into: &combined)
            }
            let whole = Evaluator.evaluate(combined, in: problem).objective
            #expect(abs(whole - sum) <= 1e-9 * max(1, abs(whole)), "seed \(seed): \(whole) vs \(sum)")
        }
    }

    @Test func planIsFeasibleDeterministicAndNoWorseThanTheCombinedBlocks() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...100_000), Gen.int(in: 3...30), Gen.int(in: 2...4),
                            Gen.int(in: 2...10), Gen.bool) { seed, communities, perCommunity, limit, leadRule in
            defer { Fixtures.releaseGLPKOfThisThread() }
            guard let problem = problem(seed: seed, communities: communities, perCommunity: perCommunity,
                                        leadRule: leadRule) else { return }
            let street = StreetDecomposition(maxBlockSize: limit, threads: 2, perturbationRounds: 20)
            let settings = SolveSettings(timeLimit: 60)
            let first: StreetDecomposition.Result
            do {
                first = try street.run(problem, settings: settings)
            } catch SolveError.infeasible {
                // Only when no plan exists: the whole-problem repair agrees.
                let empty = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
                if case .feasible = Repair.makeFeasible(empty, in: problem), Prechecks.run(problem).isEmpty {
                    Issue.record("seed \(seed): street says infeasible, repair found a plan")
                }
                return
            } catch {
                Issue.record("seed \(seed): \(error)")
                return
            }
            let evaluation = Evaluator.evaluate(first.plan, in: problem)
            #expect(evaluation.violations.isEmpty, "seed \(seed): \(evaluation.violations)")
            let combined = Evaluator.evaluate(first.combined, in: problem)
            if combined.isFeasible {
                #expect(evaluation.objective >= combined.objective - 1e-9, "seed \(seed): coordinating step lost")
            }
            let second = try? street.run(problem, settings: settings)
            #expect(second?.plan == first.plan, "seed \(seed): not deterministic")
            #expect(second?.combined == first.combined, "seed \(seed): block plans not deterministic")
        }
    }

    @Test func blocksSolvedByExactOnWorkerThreadsGiveAFeasiblePlanNoWorseThanTheirCombination() throws {
        defer { Fixtures.releaseGLPKOfThisThread() }
        // GLPK problems built and freed on the worker threads, one per block.
        for seed in [3, 17] {
            guard let problem = problem(seed: seed, communities: 24, perCommunity: 3) else { continue }
            let street = StreetDecomposition(maxBlockSize: 6, blockSolver: .exact, threads: 2, perturbationRounds: 10)
            let result = try street.run(problem, settings: SolveSettings(timeLimit: 60))
            #expect(result.blocks.count >= 4)
            let evaluation = Evaluator.evaluate(result.plan, in: problem)
            #expect(evaluation.violations.isEmpty, "seed \(seed): \(evaluation.violations)")
            let combined = Evaluator.evaluate(result.combined, in: problem)
            if combined.isFeasible { #expect(evaluation.objective >= combined.objective - 1e-9) }
        }
    }
}
