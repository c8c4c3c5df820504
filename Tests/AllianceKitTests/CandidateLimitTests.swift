import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `--candidates k`: the guarantees of `CandidateLimit`, checked by recounting the allowed pairs.
final class CandidateLimitTests: XCTestCase {
    private func problem(seed: UInt64, k: Int?, communities: Int = 12, units: Int = 40,
                         leadShare: Double = 0.3) throws -> Problem {
        var generator = InstanceGenerator(communities: communities, units: units)
        generator.leadShare = leadShare
        generator.fixPairs = 3
        generator.forbidPairs = 6
        let (instance, previous) = generator.generate(seed: seed)
        return try Problem(instance: instance, options: PlanningOptions(previousPlan: previous, candidates: k))
    }

    /// For every k: each community keeps at least L_c candidates and one that may lead; each unit
    /// keeps at least min(k, its allowed communities) and m_o, and its k nearest useful ones; fix, previous and positive prefer pairs are kept;
    /// nothing forbidden before becomes allowed; a unit's kept pairs are its nearest ones
    /// (or pairs added back for a community, fix or previous pairs).
    func testGuarantees() throws {
        for seed in UInt64(1)...6 {
            let full = try problem(seed: seed, k: nil)
            for k in [1, 2, 3, 5] {
                let limited = try problem(seed: seed, k: k)
                let nC = full.communityCount
                for c in 0..<nC {
                    let candidates = (0..<full.unitCount).filter { limited.allowed[limited.pair($0, c)] }
                    let possible = (0..<full.unitCount).filter { full.allowed[full.pair($0, c)] }
                    XCTAssertGreaterThanOrEqual(candidates.count, min(limited.minSize[c], possible.count), "seed \(seed) k \(k) c \(c)")
                    if possible.contains(where: { full.units[$0].canLead }) {
                        XCTAssertTrue(candidates.contains { full.units[$0].canLead }, "seed \(seed) k \(k) c \(c): no lead candidate")
                    }
                }
                for u in 0..<full.unitCount {
                    let kept = (0..<nC).filter { limited.allowed[limited.pair(u, $0)] }
                    let possible = (0..<nC).filter { full.allowed[full.pair(u, $0)] }
                    XCTAssertGreaterThanOrEqual(kept.count, min(max(k, full.units[u].minCommunities), possible.count))
                    for c in possible where full.fixed[full.pair(u, c)] || full.previous[full.pair(u, c)]
                        || full.preference[full.pair(u, c)] > 0 {
                        XCTAssertTrue(limited.allowed[limited.pair(u, c)], "seed \(seed) k \(k): fix/previous/prefer pair dropped")
                    }
                    for c in 0..<nC where !full.allowed[full.pair(u, c)] {
                        XCTAssertFalse(limited.allowed[limited.pair(u, c)], "seed \(seed) k \(k): forbidden pair allowed")
                    }
                    // The k nearest allowed communities (list order breaking ties) are among the kept ones.
                    let nearest = possible.sorted { (full.distance[full.pair(u, $0)], $0) < (full.distance[full.pair(u, $1)], $1) }
                    XCTAssertTrue(Set(nearest.prefix(k)).isSubset(of: Set(kept)))
                    // So are the k nearest among the communities needing a category the unit offers.
                    let nR = full.categoryCount
                    let useful = nearest.filter { c in
                        (0..<nR).contains { full.resource[u * nR + $0] > 0 && full.need[c * nR + $0] > 0 }
                    }
                    XCTAssertTrue(Set(useful.prefix(k)).isSubset(of: Set(kept)))
                }
            }
        }
    }

    /// k at least the number of communities is the full model: same allowed pairs, same plan.
    func testLargeKIsTheFullModel() throws {
        for seed in UInt64(10)...13 {
            let full = try problem(seed: seed, k: nil)
            let limited = try problem(seed: seed, k: full.communityCount)
            XCTAssertEqual(full.allowed, limited.allowed)
            let settings = SolveSettings(timeLimit: 30)
            let a = try GreedyStrategy().solve(full, settings: settings).plan
            let b = try GreedyStrategy().solve(limited, settings: settings).plan
            XCTAssertEqual(a, b)
        }
    }

    /// A tight limit still leaves every community enough candidates for a plan that breaks no rule.
    func testLimitedModelStillSolves() throws {
        for seed in UInt64(20)...23 {
            let limited = try problem(seed: seed, k: 2, communities: 10, units: 36, leadShare: 0.6)
            guard Prechecks.run(limited).isEmpty else { continue }
            let plan = try XCTUnwrap(try LocalSearchStrategy(perturbationRounds: 4).solve(limited, settings: SolveSettings(timeLimit: 30)).plan)
            let evaluation = Evaluator.evaluate(plan, in: limited)
            XCTAssertTrue(evaluation.isFeasible, "seed \(seed)")
            for c in 0..<limited.communityCount {
                for u in plan.units(of: c) { XCTAssertTrue(limited.allowed[limited.pair(u, c)]) }
            }
        }
    }

    /// Without coordinates the limit is refused, naming the row.
    func testNeedsCoordinates() throws {
        let instance = try InstanceReader.read(files: [
            "communities.csv": "id,x,y\nC1,0,0\nC2,,\n",
            "organizations.csv": "id,x,y\nU1,0,1\nU2,1,1\n",
            "needs.csv": "community_id,category,amount\n",
            "resources.csv": "org_id,category,amount\n",
        ])
        XCTAssertThrowsError(try Problem(instance: instance, options: PlanningOptions(candidates: 3))) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertEqual(errors.map(\.location.description), ["communities.csv:3:1"])
            XCTAssertTrue(errors.first?.message.contains("community C2 has none") ?? false, "\(errors)")
        }
        XCTAssertNoThrow(try Problem(instance: instance, options: PlanningOptions()))
    }
}
