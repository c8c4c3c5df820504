import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `PlanExplanation` against the independent judge: every breakdown adds up to the terms and the
/// objective `Evaluator.evaluate` reports for the same plan (1e-9), on random instances with
/// groups, multi-community units, preferences and a previous plan, and on optimal plans.
final class ExplainTests: XCTestCase {
    func assertClose(_ a: Terms, _ b: Terms, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        for term in Term.allCases {
            XCTAssertEqual(a[term], b[term], accuracy: 1e-9, "\(message): \(term)", file: file, line: line)
        }
    }

    func check(_ plan: Plan, _ problem: Problem, _ label: String) {
        let evaluation = Evaluator.evaluate(plan, in: problem)
        let e = PlanExplanation(plan: plan, problem: problem)
        let w = problem.options.weights
        assertClose(e.terms, evaluation.terms, "\(label) terms")
        XCTAssertEqual(e.objective, evaluation.objective, accuracy: 1e-9, label)
        XCTAssertEqual(e.brokenRules.count, evaluation.violations.count, "\(label) rules")
        XCTAssertEqual(Set(e.brokenRules.map(\.message)), Set(evaluation.violations.map(\.message)), "\(label) rule messages")

        // Per community: the communities add up to the terms; members + unattributed to the community.
        var byCommunity = Terms(), unattributed = Terms(), communityObjective = 0.0
        for c in e.communities {
            byCommunity = byCommunity.adding(c.contribution)
            unattributed = unattributed.adding(c.unattributed)
            communityObjective += c.objective
            XCTAssertEqual(c.strength, evaluation.communities[c.community].strength, accuracy: 1e-9, label)
            let members = c.members.reduce(c.unattributed) { $0.adding($1.contribution) }
            assertClose(members, c.contribution, "\(label) community \(c.community) members")
            for n in c.needs {
                XCTAssertEqual(n.covered + n.uncovered, n.amount, accuracy: 1e-12)
                XCTAssertEqual(n.providers.reduce(0) { $0 + $1.covered }, n.covered, accuracy: 1e-9)
                if n.uncovered > 0 { XCTAssertEqual(n.reason, n.providers.isEmpty ? .noHolder : .sharesTooSmall) }
            }
            // Only the balance term can be unattributed, and only below the band or with no member strength.
            XCTAssertEqual(c.unattributed.coverage + c.unattributed.distance + c.unattributed.preference + c.unattributed.keep, 0)
        }
        assertClose(byCommunity, evaluation.terms, "\(label) by community")
        XCTAssertEqual(communityObjective, evaluation.objective, accuracy: 1e-9, label)

        // Per unit: the units plus the communities' unattributed parts add up to the terms.
        let byUnit = e.units.reduce(unattributed) { $0.adding($1.contribution) }
        assertClose(byUnit, evaluation.terms, "\(label) by unit")
        let unitObjective = e.units.reduce(0) { $0 + $1.objective } - w.balance * unattributed.balance
        XCTAssertEqual(unitObjective, evaluation.objective, accuracy: 1e-9, label)
        for u in e.units {
            XCTAssertEqual(u.communities, plan.communities(of: u.unit))
            XCTAssertEqual(u.load, u.communities.count)
        }
    }

    func testContributionsAddUpOnRandomPlans() throws {
        for seed in UInt64(1)...60 {
            let problem = try AnalysisFixtures.problem(seed: seed, communities: 3 + Int(seed % 6), units: 5 + Int(seed % 13))
            for k in UInt64(0)..<3 {
                check(AnalysisFixtures.randomPlan(problem, seed: seed * 10 + k), problem, "seed \(seed).\(k)")
            }
        }
    }

    func testContributionsAddUpOnOptimalPlans() throws {
        var checked = 0
        for seed in UInt64(1)...12 {
            let problem = try AnalysisFixtures.problem(seed: seed, communities: 3, units: 4 + Int(seed % 3))
            guard let (_, plan) = BruteForce.optimum(problem) else { continue }
            XCTAssertTrue(PlanExplanation(plan: plan, problem: problem).brokenRules.isEmpty)
            check(plan, problem, "optimal seed \(seed)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 4)
    }

    /// The balance rule as documented: above the band, members carry the excess in proportion to
    /// the strength they bring; below it, the community keeps it.
    func testBalanceAttribution() throws {
        let instance = Instance(
            communities: [Community(id: "A", strength: 0), Community(id: "B", strength: 0)],
            organizations: [Organization(id: "s", strength: 6), Organization(id: "t", strength: 2),
                            Organization(id: "w", strength: 0)])
        let problem = try Problem(instance: instance, options: PlanningOptions(leadRule: false))
        var plan = Plan(unitCount: 3, communityCount: 2)
        plan[unit: 0, community: 0] = true
        plan[unit: 1, community: 0] = true
        plan[unit: 2, community: 1] = true
        let e = PlanExplanation(plan: plan, problem: problem)
        // S̄ = 4, band 3.6–4.4: A has 8 (excess 3.6), B has 0 (shortfall 3.6). BAL = 7.2 / 8.
        XCTAssertEqual(e.terms.balance, 0.9, accuracy: 1e-12)
        XCTAssertEqual(e.communities[0].members[0].contribution.balance, 0.45 * 6 / 8, accuracy: 1e-12)
        XCTAssertEqual(e.communities[0].members[1].contribution.balance, 0.45 * 2 / 8, accuracy: 1e-12)
        XCTAssertEqual(e.communities[1].unattributed.balance, 0.45, accuracy: 1e-12)
        XCTAssertEqual(e.communities[1].members[0].contribution.balance, 0)
        check(plan, problem, "balance")
    }
}
