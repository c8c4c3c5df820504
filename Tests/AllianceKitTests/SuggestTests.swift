import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `SuggestionEngine` against the independent judge: applying a suggestion and running
/// `Evaluator.evaluate` gives the old objective and terms plus the delta (1e-9), `feasible` is the
/// evaluator's verdict, and on small instances the best-ranked feasible change is the best of all
/// single changes enumerated here without the engine.
final class SuggestTests: XCTestCase {
    func checkExact(_ s: Suggestion, plan: Plan, base: Evaluation, problem: Problem, _ label: String) throws {
        let applied = try s.edit.apply(to: plan)
        let after = Evaluator.evaluate(applied, in: problem)
        XCTAssertEqual(s.delta, after.objective - base.objective, accuracy: 1e-9, "\(label) \(s.edit)")
        for term in Term.allCases {
            XCTAssertEqual(s.termsDelta[term], after.terms[term] - base.terms[term], accuracy: 1e-9, "\(label) \(s.edit) \(term)")
        }
        XCTAssertEqual(s.feasible, after.isFeasible, "\(label) \(s.edit)")
        XCTAssertEqual(s.remainingBroken, after.violations.count, "\(label) \(s.edit)")
        let checker = PlanRuleChecker(problem)
        let before = Set(checker.brokenRules(plan)), now = Set(checker.brokenRules(applied))
        XCTAssertEqual(Set(s.brokenRules), now.subtracting(before), "\(label) \(s.edit) newly broken")
        XCTAssertEqual(Set(s.repairedRules), before.subtracting(now), "\(label) \(s.edit) repaired")
    }

    func testDeltasAreExactOnRandomPlans() throws {
        var checked = 0
        for seed in UInt64(1)...40 {
            let problem = try AnalysisFixtures.problem(seed: seed, communities: 3 + Int(seed % 5), units: 5 + Int(seed % 11))
            let plan = AnalysisFixtures.randomPlan(problem, seed: seed)
            let base = Evaluator.evaluate(plan, in: problem)
            let engine = SuggestionEngine(plan: plan, problem: problem)
            XCTAssertEqual(engine.brokenCount, base.violations.count)
            for u in stride(from: Int(seed % 3), to: problem.unitCount, by: 2) {
                for s in engine.suggestions(forUnit: u) {
                    XCTAssertEqual(s.edit.unit, u)
                    try checkExact(s, plan: plan, base: base, problem: problem, "seed \(seed)")
                    checked += 1
                }
            }
            for s in engine.suggestions(forCommunity: Int(seed) % problem.communityCount) {
                try checkExact(s, plan: plan, base: base, problem: problem, "seed \(seed) community")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 2000)
    }

    /// Every single change of a unit, enumerated by brute force over kinds, communities and other
    /// units, applied and judged by the evaluator.
    func enumerated(_ u: Int, plan: Plan, problem: Problem) -> [(edit: PlanEdit, evaluation: Evaluation)] {
        let nC = problem.communityCount, nU = problem.unitCount
        var edits: [PlanEdit] = []
        for a in 0..<nC {
            edits.append(PlanEdit(kind: .add, unit: u, to: a))
            edits.append(PlanEdit(kind: .remove, unit: u, from: a))
            if problem.options.leadRule {
                edits.append(PlanEdit(kind: .setLead, unit: u, to: a, other: plan.lead[a]))
                for v in 0..<nU { edits.append(PlanEdit(kind: .handLead, unit: u, from: a, other: v)) }
            }
            for b in 0..<nC {
                edits.append(PlanEdit(kind: .move, unit: u, from: a, to: b))
                for v in 0..<nU { edits.append(PlanEdit(kind: .swap, unit: u, from: a, to: b, other: v)) }
            }
        }
        return edits.compactMap { edit in
            guard let applied = try? edit.apply(to: plan) else { return nil }
            return (edit, Evaluator.evaluate(applied, in: problem))
        }
    }

    func testBestFeasibleSuggestionIsBestSingleChange() throws {
        var compared = 0
        for seed in UInt64(1)...25 {
            let problem = try AnalysisFixtures.problem(seed: seed, communities: 3 + Int(seed % 2), units: 5 + Int(seed % 3))
            // Start from the optimum, and from a plan one random feasible change away from it.
            guard let (_, optimum) = BruteForce.optimum(problem) else { continue }
            var plans = [optimum]
            let shifted = SuggestionEngine(plan: optimum, problem: problem).suggestions(forUnit: Int(seed) % problem.unitCount)
                .filter(\.feasible)
            if let s = shifted.last { plans.append(try s.edit.apply(to: optimum)) }
            for plan in plans {
                let base = Evaluator.evaluate(plan, in: problem)
                let engine = SuggestionEngine(plan: plan, problem: problem)
                for u in 0..<problem.unitCount {
                    let ranked = engine.suggestions(forUnit: u)
                    let all = enumerated(u, plan: plan, problem: problem)
                    XCTAssertEqual(Set(ranked.map(\.edit)), Set(all.map(\.edit)), "seed \(seed) unit \(u): every change listed")
                    let best = all.filter { $0.evaluation.isFeasible }.map(\.evaluation.objective).max()
                    let top = ranked.first
                    if let best {
                        let top = try XCTUnwrap(top)
                        XCTAssertTrue(top.feasible, "seed \(seed) unit \(u)")
                        XCTAssertEqual(base.objective + top.delta, best, accuracy: 1e-9, "seed \(seed) unit \(u)")
                    } else {
                        XCTAssertFalse(top?.feasible ?? false, "seed \(seed) unit \(u)")
                    }
                    // Ranking: feasible first, by delta descending.
                    let feasible = ranked.prefix { $0.feasible }
                    XCTAssertEqual(feasible.count, ranked.filter(\.feasible).count)
                    XCTAssertEqual(feasible.map(\.delta), feasible.map(\.delta).sorted(by: >))
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// A plan that already breaks a rule: every change is infeasible unless it repairs it; those
    /// breaking nothing new rank before those breaking a new rule.
    func testAlreadyBrokenPlanRanksRepairsFirst() throws {
        let problem = try AnalysisFixtures.problem(seed: 3, communities: 4, units: 9)
        let plan = AnalysisFixtures.randomPlan(problem, seed: 3)
        let engine = SuggestionEngine(plan: plan, problem: problem)
        XCTAssertGreaterThan(engine.brokenCount, 0)
        for u in 0..<problem.unitCount {
            let groups = engine.suggestions(forUnit: u).map(\.rankGroup)
            XCTAssertEqual(groups, groups.sorted(), "unit \(u)")
        }
    }

    func testApplyRefusesImpossibleEdits() throws {
        let problem = try AnalysisFixtures.problem(seed: 6, communities: 3, units: 6)
        var plan = Plan(unitCount: problem.unitCount, communityCount: 3)
        plan[unit: 0, community: 0] = true
        plan[unit: 1, community: 1] = true
        plan.lead[0] = 0
        XCTAssertThrowsError(try PlanEdit(kind: .move, unit: 0, from: 1, to: 2).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .move, unit: 0, from: 0, to: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .add, unit: 0, to: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .remove, unit: 1, from: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .swap, unit: 0, from: 0, to: 1, other: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .handLead, unit: 1, from: 1, other: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .setLead, unit: 1, to: 0).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .move, unit: 0, from: 0, to: 9).apply(to: plan))
        XCTAssertThrowsError(try PlanEdit(kind: .move, unit: 0, from: 0).apply(to: plan))
        // Swaps exchange roles too.
        let swapped = try PlanEdit(kind: .swap, unit: 0, from: 0, to: 1, other: 1).apply(to: plan)
        XCTAssertEqual(swapped.lead[0], 1)
        XCTAssertTrue(swapped[unit: 0, community: 1] && swapped[unit: 1, community: 0])
        // By ids, as the web app posts them.
        XCTAssertThrowsError(try PlanEdit(kind: "teleport", orgID: "U1", from: nil, to: "C1", otherOrgID: nil, in: problem))
        XCTAssertThrowsError(try PlanEdit(kind: "add", orgID: "NOPE", from: nil, to: "C1", otherOrgID: nil, in: problem))
        XCTAssertThrowsError(try PlanEdit(kind: "add", orgID: "U1", from: nil, to: "C99", otherOrgID: nil, in: problem))
        let edit = try PlanEdit(kind: "add", orgID: problem.units[2].id, from: nil, to: "C3", otherOrgID: nil, in: problem)
        XCTAssertEqual(edit, PlanEdit(kind: .add, unit: 2, to: 2))
        let engine = SuggestionEngine(plan: plan, problem: problem)
        XCTAssertThrowsError(try engine.suggestion(for: PlanEdit(kind: .remove, unit: 2, from: 0)))
        XCTAssertEqual(try engine.suggestion(for: edit).edit, edit)
    }

    /// A merged group's member id and the group name name the same unit.
    func testGroupsAreOneUnit() throws {
        let problem = try AnalysisFixtures.problem(seed: 2, communities: 4, units: 12)
        let group = try XCTUnwrap(problem.units.firstIndex { $0.members.count > 1 })
        let memberID = problem.instance.organizations[problem.units[group].members[1]].id
        XCTAssertEqual(problem.unitIndex(ofOrganizationOrGroup: memberID), group)
        XCTAssertEqual(problem.unitIndex(ofOrganizationOrGroup: problem.units[group].id), group)
    }
}
