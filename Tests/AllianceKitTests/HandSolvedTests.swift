import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Tiny instances whose optimum is worked out by hand in the comments.
final class HandSolvedTests: XCTestCase {
    /// Two communities A, B (strength 0); units u1 (s 4, may lead, r1: 3), u2 (s 2, may lead, r2: 1),
    /// u3 (s 2, may not lead, r2: 2), each serving exactly one community (m = k = 1).
    /// A needs r1 × 2 (priority 1), B needs r2 × 3 (priority 2): N_need = 2 + 6 = 8.
    /// T_min = T_max = 3 → L = ⌊3/2⌋ = 1, U = ⌈3/2⌉ = 2. S̄ = 8 / 2 = 4, band [3.6, 4.4].
    /// A = {u1}, B = {u2, u3}: S = 4 and 4 → BAL 0; cov A = min(2, 3) = 2, B = min(3, 1 + 2) = 3 →
    /// COV = (2 + 6) / 8 = 1. Objective 1, the most COV − BAL can give. Lead of B must be u2 (u3 may not lead).
    /// Every other plan leaves r1 or r2 short, so the optimum is unique.
    static func strongWithWeak() -> Instance {
        Instance(
            communities: [Community(id: "A"), Community(id: "B")],
            organizations: [
                Organization(id: "u1", strength: 4, canLead: true),
                Organization(id: "u2", strength: 2, canLead: true),
                Organization(id: "u3", strength: 2, canLead: false),
            ],
            needs: [Need(communityID: "A", category: "r1", amount: 2, priority: 1),
                    Need(communityID: "B", category: "r2", amount: 3, priority: 2)],
            resources: [Resource(orgID: "u1", category: "r1", amount: 3),
                        Resource(orgID: "u2", category: "r2", amount: 1),
                        Resource(orgID: "u3", category: "r2", amount: 2)])
    }

    func testStrongWithWeakOptimum() throws {
        let problem = try Problem(instance: Self.strongWithWeak())
        XCTAssertEqual(problem.minSize, [1, 1])
        XCTAssertEqual(problem.maxSize, [2, 2])
        XCTAssertEqual(problem.meanStrength, 4)
        XCTAssertEqual(problem.totalWeightedNeed, 8)
        let outcome = try Fixtures.solveExact(problem)
        XCTAssertEqual(outcome.status, .optimal)
        let plan = try XCTUnwrap(outcome.plan)
        let evaluation = Evaluator.evaluate(plan, in: problem)
        XCTAssertEqual(evaluation.objective, 1, accuracy: 1e-9)
        XCTAssertEqual(evaluation.terms.coverage, 1, accuracy: 1e-9)
        XCTAssertEqual(evaluation.terms.balance, 0, accuracy: 1e-9)
        XCTAssertEqual(outcome.bound ?? .nan, 1, accuracy: 1e-6)
        let rows = plan.assignments(in: problem).map { "\($0.communityID) \($0.orgID) \($0.role.rawValue)" }
        XCTAssertEqual(rows, ["A u1 lead", "B u2 lead", "B u3 member"])
    }

    /// The second-best plan A = {u1, u3}, B = {u2}: S = 6 and 2, e = 6 − 4.4 = 1.6 and 3.6 − 2 = 1.6,
    /// BAL = 3.2 / (2 · 4) = 0.4; cov A r1 = 2, B r2 = 1 → COV = (2 + 2) / 8 = 0.5.
    /// Objective 0.5 − 0.5 · 0.4 = 0.3. The evaluator must say exactly that.
    func testEvaluatorOnSecondBestPlan() throws {
        let problem = try Problem(instance: Self.strongWithWeak())
        let rows = [Assignment(orgID: "u1", communityID: "A", role: .lead),
                    Assignment(orgID: "u3", communityID: "A", role: .member),
                    Assignment(orgID: "u2", communityID: "B", role: .lead)]
        let (_, evaluation) = Evaluator.evaluate(rows, in: problem)
        XCTAssertEqual(evaluation.violations, [])
        XCTAssertEqual(evaluation.terms.balance, 0.4, accuracy: 1e-12)
        XCTAssertEqual(evaluation.terms.coverage, 0.5, accuracy: 1e-12)
        XCTAssertEqual(evaluation.objective, 0.3, accuracy: 1e-12)
        XCTAssertEqual(evaluation.strengthMin, 2)
        XCTAssertEqual(evaluation.strengthMax, 6)
    }

    /// A (0,0) and B (10,0); u1 at (0,0), u2 at (10,0), strength 1, k = 1, no needs, no lead rule.
    /// L = U = 1, S̄ = 1, every plan has BAL 0. D_max = 10, T_max = 2.
    /// Near plan (u1→A, u2→B): DIST 0, objective 0. Far plan: DIST = 20 / (2 · 10) = 1, objective −0.2.
    /// With `prefer u1→B 0.3` the far plan scores −0.2 + 0.3 = 0.1 > 0.
    /// With last year's far plan and w_keep = 0.5 instead: far = −0.2 + 0.5 · 1 = 0.3 > 0.
    static func twoPoints(pairs: [PairRule] = [], previous: [Assignment]? = nil, keep: Double = 0.2) throws -> Problem {
        let instance = Instance(
            communities: [Community(id: "A", location: .planar(x: 0, y: 0)),
                          Community(id: "B", location: .planar(x: 10, y: 0))],
            organizations: [Organization(id: "u1", location: .planar(x: 0, y: 0)),
                            Organization(id: "u2", location: .planar(x: 10, y: 0))],
            pairs: pairs)
        return try Problem(instance: instance, options: PlanningOptions(
            weights: Weights(keep: keep), leadRule: false, previousPlan: previous))
    }

    func testDistancePicksNearPlan() throws {
        let problem = try Self.twoPoints()
        let outcome = try Fixtures.solveExact(problem)
        XCTAssertEqual(outcome.status, .optimal)
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertTrue(plan[unit: 0, community: 0] && plan[unit: 1, community: 1])
        XCTAssertEqual(Evaluator.evaluate(plan, in: problem).objective, 0, accuracy: 1e-9)
    }

    func testPreferenceOutweighsDistance() throws {
        let problem = try Self.twoPoints(pairs: [PairRule(orgID: "u1", communityID: "B", rule: .prefer(score: 0.3))])
        let plan = try XCTUnwrap(try Fixtures.solveExact(problem).plan)
        XCTAssertTrue(plan[unit: 0, community: 1] && plan[unit: 1, community: 0])
        let evaluation = Evaluator.evaluate(plan, in: problem)
        XCTAssertEqual(evaluation.terms.distance, 1, accuracy: 1e-12)
        XCTAssertEqual(evaluation.terms.preference, 0.3, accuracy: 1e-12)
        XCTAssertEqual(evaluation.objective, 0.1, accuracy: 1e-9)
    }

    func testKeepingLastYearsPlan() throws {
        let previous = [Assignment(orgID: "u1", communityID: "B", role: .member),
                        Assignment(orgID: "u2", communityID: "A", role: .member),
                        Assignment(orgID: "retired", communityID: "A", role: .member)]
        let problem = try Self.twoPoints(previous: previous, keep: 0.5)
        XCTAssertEqual(problem.previousPairCount, 2, "the retired unit is ignored")
        XCTAssertFalse(problem.warnings.isEmpty, "ignoring it is said")
        let plan = try XCTUnwrap(try Fixtures.solveExact(problem).plan)
        let evaluation = Evaluator.evaluate(plan, in: problem)
        XCTAssertEqual(evaluation.terms.keep, 1, accuracy: 1e-12)
        XCTAssertEqual(evaluation.objective, 0.3, accuracy: 1e-9)
    }

    func testForbidAndFix() throws {
        // Forbidding u1→A forces the far plan: objective −0.2.
        let forbid = try Self.twoPoints(pairs: [PairRule(orgID: "u1", communityID: "A", rule: .forbid)])
        let plan = try XCTUnwrap(try Fixtures.solveExact(forbid).plan)
        XCTAssertEqual(Evaluator.evaluate(plan, in: forbid).objective, -0.2, accuracy: 1e-9)
        // Fixing u2→A does the same.
        let fix = try Self.twoPoints(pairs: [PairRule(orgID: "u2", communityID: "A", rule: .fix)])
        let fixed = try XCTUnwrap(try Fixtures.solveExact(fix).plan)
        XCTAssertTrue(fixed[unit: 1, community: 0])
        XCTAssertEqual(Evaluator.evaluate(fixed, in: fix).objective, -0.2, accuracy: 1e-9)
    }

    /// --max-distance-km 5 leaves only the near pairs.
    func testMaxDistance() throws {
        let instance = try Self.twoPoints().instance
        let problem = try Problem(instance: instance, options: PlanningOptions(leadRule: false, maxDistanceKm: 5))
        XCTAssertEqual(problem.allowed, [true, false, false, true])
    }

    /// Groups: g1 and g2 (group G, strength 1 + 2, resources summed) act as one unit; the lead
    /// role goes to g1, the first listed; both are listed in the plan.
    func testGroupMergingAndExpansion() throws {
        let instance = Instance(
            communities: [Community(id: "A")],
            organizations: [Organization(id: "g1", strength: 1, canLead: false, group: "G"),
                            Organization(id: "g2", strength: 2, canLead: true, group: "G")],
            needs: [Need(communityID: "A", category: "r", amount: 4)],
            resources: [Resource(orgID: "g1", category: "r", amount: 1), Resource(orgID: "g2", category: "r", amount: 3)])
        let problem = try Problem(instance: instance)
        XCTAssertEqual(problem.unitCount, 1)
        XCTAssertEqual(problem.units[0].strength, 3)
        XCTAssertTrue(problem.units[0].canLead, "can_lead = any member")
        XCTAssertEqual(problem.resource, [4])
        let outcome = try Fixtures.solveExact(problem)
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(plan.assignments(in: problem).map { "\($0.orgID) \($0.role.rawValue)" }, ["g1 lead", "g2 member"])
        XCTAssertEqual(Evaluator.evaluate(plan, in: problem).terms.coverage, 1, accuracy: 1e-12)
        // Listing only one member of the group is a violation the evaluator names.
        let (_, evaluation) = Evaluator.evaluate([Assignment(orgID: "g1", communityID: "A", role: .lead)], in: problem)
        XCTAssertTrue(evaluation.violations.contains { $0.message.contains("g2") }, "\(evaluation.violations)")
    }

    func testPrecheckNamesTheNumbers() throws {
        let instance = Instance(
            communities: (1...3).map { Community(id: "C\($0)") },
            organizations: [Organization(id: "a", canLead: true), Organization(id: "b", canLead: false),
                            Organization(id: "c", canLead: false), Organization(id: "d", canLead: false)])
        let problem = try Problem(instance: instance)
        let reasons = Prechecks.run(problem).map(\.message)
        XCTAssertTrue(reasons.contains { $0.hasPrefix("3 communities need a lead, but only 1 unit may lead") }, "\(reasons)")
        XCTAssertThrowsError(try Fixtures.solveExact(problem)) { error in
            guard case SolveError.infeasible = error else { return XCTFail("\(error)") }
        }
    }
}

/// Lexicographic priorities on the two-point instance of `HandSolvedTests.twoPoints`, with
/// `prefer u1→B 0.3`: near plan DIST 0, PREF 0; far plan DIST 1, PREF 0.3.
/// Weighted (w_dist 0.2, w_pref 1): far wins, 0.1 > 0.
/// Priorities distance, preference: the least distance is 0, held within 0.1 % → near plan.
/// Priorities preference, distance: the most preference is 0.3 → far plan.
final class LexicographicTests: XCTestCase {
    private func problem() throws -> Problem {
        try HandSolvedTests.twoPoints(pairs: [PairRule(orgID: "u1", communityID: "B", rule: .prefer(score: 0.3))])
    }

    func testDistanceFirstKeepsTheNearPlan() throws {
        let problem = try problem()
        let outcome = try LexicographicStrategy(priorities: [.distance, .preference])
            .solve(problem, settings: SolveSettings(timeLimit: 60))
        XCTAssertEqual(outcome.status, .optimal)
        let terms = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).terms
        XCTAssertEqual(terms.distance, 0, accuracy: 1e-12)
        XCTAssertEqual(terms.preference, 0, accuracy: 1e-12)
    }

    func testPreferenceFirstTakesTheFarPlan() throws {
        let problem = try problem()
        let outcome = try LexicographicStrategy(priorities: [.preference, .distance])
            .solve(problem, settings: SolveSettings(timeLimit: 60))
        XCTAssertEqual(outcome.status, .optimal)
        let terms = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).terms
        XCTAssertEqual(terms.distance, 1, accuracy: 1e-12)
        XCTAssertEqual(terms.preference, 0.3, accuracy: 1e-12)
    }

    /// The strong-with-weak instance: coverage first gives COV 1 (only A = {u1}, B = {u2, u3});
    /// balance is then forced to 0 as well; the plan equals the weighted optimum.
    func testCoverageThenBalance() throws {
        let problem = try Problem(instance: HandSolvedTests.strongWithWeak())
        let outcome = try LexicographicStrategy(priorities: [.coverage, .balance])
            .solve(problem, settings: SolveSettings(timeLimit: 60))
        let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem)
        XCTAssertEqual(evaluation.terms.coverage, 1, accuracy: 1e-9)
        XCTAssertEqual(evaluation.terms.balance, 0, accuracy: 1e-9)
        XCTAssertEqual(evaluation.violations, [])
    }
}

/// Pre-check reasons said for people: one line per kind of problem.
final class InfeasibilitySummaryTests: XCTestCase {
    func testRepeatedReasonsBecomeOneLineWithTheFirstIds() {
        let family = { (id: String) in
            InfeasibilityReason("community \(id) needs a lead, but none may lead",
                                family: .init(sentence: "communities need a lead, but none may lead", example: id))
        }
        let reasons = [InfeasibilityReason("150 communities need a lead, but only 0 units may lead")]
            + (1...150).map { family(String(format: "C%03d", $0)) }
            + [InfeasibilityReason("unit U1 is fixed to 3 communities", family: .init(sentence: "units are fixed to too many",
                                                                                     example: "U1 (3 > 1)"))]
        XCTAssertEqual(reasons.summarized(), [
            "150 communities need a lead, but only 0 units may lead",
            "150 communities need a lead, but none may lead: C001, C002, C003, C004, C005, … (145 more)",
            "unit U1 is fixed to 3 communities",
        ])
        XCTAssertEqual(reasons.summarized(examples: 2)[1], "150 communities need a lead, but none may lead: C001, C002, … (148 more)")
        XCTAssertEqual([family("C1"), family("C2")].summarized(), ["2 communities need a lead, but none may lead: C1, C2"])
        XCTAssertEqual(SolveError.infeasible(reasons).description.components(separatedBy: "\n").count, 4)
    }
}
