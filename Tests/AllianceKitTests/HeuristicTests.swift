import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `greedy` and `local`: feasibility on random instances and the examples, repair against
/// brute force, the incremental objective against `Evaluator`, and determinism.
final class HeuristicTests: XCTestCase {
    private static let examples = ["tiny", "tiny-groups", "caofeidian", "guye"]
    /// Few perturbation rounds: debug builds are ~25 times slower than release.
    private static let quickLocal = LocalSearchStrategy(perturbationRounds: 8)

    private static func exampleProblem(_ name: String, leadRule: Bool = true) throws -> Problem {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/examples/\(name)")
        let instance = try InstanceReader.read(folder: folder)
        var previous: [Assignment]?
        let previousFile = folder.appendingPathComponent("previous-plan.csv")
        if FileManager.default.fileExists(atPath: previousFile.path) {
            previous = try PlanReader.read(file: previousFile)
        }
        return try Problem(instance: instance, options: PlanningOptions(leadRule: leadRule, previousPlan: previous))
    }

    /// Random instances of many shapes, with and without the lead rule; nil where the pre-checks fail.
    private static func randomProblem(seed: UInt64) throws -> Problem? {
        let communities = 3 + Int(seed % 9)
        var generator = InstanceGenerator(communities: communities, units: communities * (2 + Int(seed % 4)) + Int(seed % 5))
        generator.leadShare = [0.3, 0.6, 0.9][Int(seed % 3)]
        generator.multiCommunityShare = [0.0, 0.2, 0.5][Int(seed / 3 % 3)]
        generator.fixPairs = Int(seed % 4)
        generator.forbidPairs = Int(seed % 6)
        generator.preferPairs = 3
        let (instance, previous) = generator.generate(seed: seed)
        let problem = try Problem(instance: instance, options: PlanningOptions(
            leadRule: seed % 4 != 0, maxDistanceKm: seed % 7 == 0 ? 7 : nil, previousPlan: previous))
        return Prechecks.run(problem).isEmpty ? problem : nil
    }

    private func feasiblePlan(_ strategy: some Strategy, _ problem: Problem, _ label: String,
                              file: StaticString = #filePath, line: UInt = #line) throws -> (Plan, Evaluation) {
        let outcome = try strategy.solve(problem, settings: SolveSettings(timeLimit: 30))
        XCTAssertEqual(outcome.status, .feasible, label, file: file, line: line)
        XCTAssertNil(outcome.bound, label, file: file, line: line)
        let plan = try XCTUnwrap(outcome.plan, label, file: file, line: line)
        let evaluation = Evaluator.evaluate(plan, in: problem)
        XCTAssertEqual(evaluation.violations, [], label, file: file, line: line)
        return (plan, evaluation)
    }

    // MARK: greedy

    func testGreedyIsFeasibleOnRandomInstances() throws {
        var solved = 0
        for seed in UInt64(1)...200 {
            guard let problem = try Self.randomProblem(seed: seed) else { continue }
            do {
                _ = try feasiblePlan(GreedyStrategy(), problem, "seed \(seed)")
                solved += 1
            } catch SolveError.infeasible(let reasons) {
                // Repair proves infeasibility; GLPK must agree.
                XCTAssertThrowsError(try ExactStrategy().solve(problem, settings: SolveSettings(timeLimit: 60)),
                                     "seed \(seed): greedy says infeasible (\(reasons)), exact found a plan")
            }
        }
        XCTAssertGreaterThan(solved, 120)
    }

    func testGreedyIsFeasibleOnExamples() throws {
        for name in Self.examples {
            for leadRule in [true, false] {
                let problem = try Self.exampleProblem(name, leadRule: leadRule)
                let (plan, _) = try feasiblePlan(GreedyStrategy(), problem, "\(name) lead rule \(leadRule)")
                XCTAssertEqual(plan.lead.allSatisfy { $0 != nil }, leadRule, name)
            }
        }
    }

    /// Repair finds a plan exactly when brute-force enumeration does (it is a flow argument,
    /// not a heuristic), including tight instances where the clerk's plan misses lower bounds.
    func testRepairAgreesWithBruteForce() throws {
        var feasible = 0, infeasible = 0
        for seed in UInt64(1)...80 {
            var generator = InstanceGenerator(communities: 3 + Int(seed % 2), units: 3 + Int(seed % 4))
            generator.leadShare = 0.4
            generator.multiCommunityShare = 0.4
            generator.forbidPairs = 2 + Int(seed % 4)
            generator.fixPairs = Int(seed % 3)
            let (instance, _) = generator.generate(seed: seed)
            let problem = try Problem(instance: instance, options: PlanningOptions(leadRule: seed % 3 != 0))
            guard Prechecks.run(problem).isEmpty else { continue }
            let optimum = BruteForce.optimum(problem)
            switch Repair.makeFeasible(GreedyStrategy.clerkPlan(problem), in: problem) {
            case .feasible(let plan):
                XCTAssertNotNil(optimum, "seed \(seed)")
                XCTAssertEqual(Evaluator.evaluate(plan, in: problem).violations, [], "seed \(seed)")
                feasible += 1
            case .infeasible(let reason):
                XCTAssertNil(optimum, "seed \(seed): repair says \(reason) but enumeration found a plan")
                infeasible += 1
            }
        }
        XCTAssertGreaterThan(feasible, 10)
        XCTAssertGreaterThan(infeasible, 3)
    }

    /// Repair fixes a plan that misses every kind of lower bound: an empty plan.
    func testRepairFromEmptyPlan() throws {
        for name in Self.examples {
            let problem = try Self.exampleProblem(name)
            let empty = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
            guard case .feasible(let plan) = Repair.makeFeasible(empty, in: problem) else {
                return XCTFail("\(name): repair failed from an empty plan")
            }
            XCTAssertEqual(Evaluator.evaluate(plan, in: problem).violations, [], name)
        }
    }

    /// The last resort (GLPK on the model with a zero objective) returns a plan that breaks no rule.
    func testFeasibilityMIPFallback() throws {
        for name in ["tiny-groups", "caofeidian"] {
            let problem = try Self.exampleProblem(name)
            let plan = try XCTUnwrap(try GreedyStrategy.feasibilityMIP(problem, deadline: Deadline(seconds: 60)), name)
            XCTAssertEqual(Evaluator.evaluate(plan, in: problem).violations, [], name)
        }
    }

    func testInfeasibleProblemThrows() throws {
        // Two communities need a lead but the only unit that may lead serves one.
        let instance = Instance(
            communities: [Community(id: "A"), Community(id: "B")],
            organizations: [Organization(id: "L", canLead: true), Organization(id: "M", canLead: false),
                            Organization(id: "N", canLead: false, maxCommunities: 2)])
        // Passes the pre-checks, but both units that may lead are fixed to A, so B has none.
        let fixedLeads = Instance(
            communities: [Community(id: "A"), Community(id: "B")],
            organizations: [Organization(id: "L1"), Organization(id: "L2"), Organization(id: "M", canLead: false)],
            pairs: [PairRule(orgID: "L1", communityID: "A", rule: .fix),
                    PairRule(orgID: "L2", communityID: "A", rule: .fix)])
        let problems = [try Problem(instance: instance), try Problem(instance: fixedLeads)]
        XCTAssertTrue(Prechecks.run(problems[1]).isEmpty)
        for problem in problems {
            for strategy in [GreedyStrategy() as any Strategy, LocalSearchStrategy()] {
                XCTAssertThrowsError(try strategy.solve(problem, settings: SolveSettings(timeLimit: 5))) { error in
                    guard case SolveError.infeasible(let reasons) = error else { return XCTFail("\(error)") }
                    XCTAssertFalse(reasons.isEmpty)
                }
            }
        }
    }

    // MARK: incremental evaluation

    /// The key correctness test: after a long random walk of moves (feasible ones, and raw
    /// additions and removals that break rules), the incrementally kept objective equals the
    /// evaluator's, and every move's predicted gain equals the change it makes.
    func testIncrementalObjectiveMatchesEvaluator() throws {
        var problems: [Problem] = try Self.examples.map { try Self.exampleProblem($0) }
        for seed in UInt64(1)...20 { if let problem = try Self.randomProblem(seed: seed) { problems.append(problem) } }
        var rng = SeededGenerator(seed: 42)
        for (index, problem) in problems.enumerated() {
            let start = try GreedyStrategy().solve(problem, settings: SolveSettings()).plan!
            var state = SearchState(problem: problem, plan: start)
            let nU = problem.unitCount, nC = problem.communityCount
            for step in 0..<3000 {
                let before = state.objective
                if step % 10 == 9 {
                    // A raw change, breaking rules freely.
                    let u = Int.random(in: 0..<nU, using: &rng), c = Int.random(in: 0..<nC, using: &rng)
                    if state.assigned[state.pair(u, c)] { state.remove(u, c) } else { state.add(u, c) }
                } else if let move = state.randomMove(using: &rng) {
                    let predicted = state.gain(move)
                    state.apply(move)
                    XCTAssertEqual(state.objective - before, predicted, accuracy: 1e-12, "problem \(index) step \(step)")
                }
                if step % 500 == 0 || step == 2999 {
                    let judged = Evaluator.evaluate(state.plan(in: problem), in: problem).objective
                    XCTAssertEqual(state.objective, judged, accuracy: 1e-9, "problem \(index) step \(step)")
                }
            }
        }
    }

    /// Feasible random moves from a feasible plan keep it feasible.
    func testRandomMovesKeepFeasibility() throws {
        var rng = SeededGenerator(seed: 7)
        for seed in UInt64(1)...60 {
            guard let problem = try Self.randomProblem(seed: seed) else { continue }
            guard let start = try? GreedyStrategy().solve(problem, settings: SolveSettings()).plan else { continue }
            var state = SearchState(problem: problem, plan: start)
            for step in 0..<400 {
                guard let move = state.randomMove(using: &rng) else { break }
                state.apply(move)
                if step % 50 == 0 {
                    XCTAssertEqual(Evaluator.evaluate(state.plan(in: problem), in: problem).violations, [],
                                   "seed \(seed) step \(step) after \(move)")
                }
            }
        }
    }

    // MARK: local search

    func testLocalIsFeasibleAndNoWorseThanGreedy() throws {
        var problems: [(String, Problem)] = []
        for seed in UInt64(1)...60 { if let problem = try Self.randomProblem(seed: seed) { problems.append(("seed \(seed)", problem)) } }
        for name in Self.examples { problems.append((name, try Self.exampleProblem(name))) }
        var better = 0
        for (label, problem) in problems {
            let greedy: Evaluation
            do { greedy = try feasiblePlan(GreedyStrategy(), problem, label).1 } catch SolveError.infeasible { continue }
            let local = try feasiblePlan(Self.quickLocal, problem, label).1
            XCTAssertGreaterThanOrEqual(local.objective, greedy.objective - 1e-12, label)
            if local.objective > greedy.objective + 1e-9 { better += 1 }
        }
        XCTAssertGreaterThan(better, problems.count / 2, "local search should usually improve on greedy")
    }

    /// A plain descent ends in a local optimum: no feasible move of any unit gains.
    func testDescentEndsInLocalOptimum() throws {
        let problem = try Self.exampleProblem("caofeidian")
        let start = try GreedyStrategy().solve(problem, settings: SolveSettings()).plan!
        let plan = try LocalSearchStrategy(perturbationRounds: 0).solve(problem, settings: SolveSettings()).plan!
        XCTAssertNotEqual(plan, start)
        let state = SearchState(problem: problem, plan: plan)
        var evaluated = 0
        for u in 0..<problem.unitCount {
            XCTAssertNil(state.bestMove(for: u, threshold: LocalSearch.epsilon, evaluated: &evaluated), "unit \(u)")
        }
        XCTAssertGreaterThan(evaluated, 1000)
    }

    func testDeterminism() throws {
        var problems = try Self.examples.map { try Self.exampleProblem($0) }
        for seed in UInt64(1)...10 { if let problem = try Self.randomProblem(seed: seed) { problems.append(problem) } }
        for (index, problem) in problems.enumerated() {
            let strategies: [any Strategy] = [GreedyStrategy(), Self.quickLocal]
            for strategy in strategies {
                let first = try? strategy.solve(problem, settings: SolveSettings(timeLimit: 60)).plan
                let second = try? strategy.solve(problem, settings: SolveSettings(timeLimit: 60)).plan
                XCTAssertEqual(first, second, "problem \(index), \(strategy.name)")
            }
        }
    }

    func testImprovePolishesAndRepairs() throws {
        let problem = try Self.exampleProblem("guye")
        let greedy = try GreedyStrategy().solve(problem, settings: SolveSettings()).plan!
        let polished = LocalSearchStrategy.improve(greedy, in: problem, deadline: Deadline(seconds: 60),
                                                   perturbationRounds: 5)
        let before = Evaluator.evaluate(greedy, in: problem), after = Evaluator.evaluate(polished, in: problem)
        XCTAssertEqual(after.violations, [])
        XCTAssertGreaterThan(after.objective, before.objective)
        // An empty plan is repaired first; a deadline in the past still returns a feasible plan.
        let empty = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        let rescued = LocalSearchStrategy.improve(empty, in: problem, deadline: Deadline(seconds: 0))
        XCTAssertEqual(Evaluator.evaluate(rescued, in: problem).violations, [])
    }

    func testProgressReportsIncumbentsOnly() throws {
        let problem = try Self.exampleProblem("guye")
        final class Box: @unchecked Sendable { var reports: [SolveProgress] = []; let lock = NSLock() }
        let box = Box()
        let settings = SolveSettings(timeLimit: 30, progress: { progress in
            box.lock.lock(); box.reports.append(progress); box.lock.unlock()
        }, progressInterval: 0)
        let outcome = try Self.quickLocal.solve(problem, settings: settings)
        let final = Evaluator.evaluate(outcome.plan!, in: problem).objective
        XCTAssertFalse(box.reports.isEmpty)
        XCTAssertTrue(box.reports.allSatisfy { $0.bound == nil && $0.gap == nil && $0.incumbent != nil })
        XCTAssertEqual(box.reports.last!.incumbent!, final, accuracy: 1e-9)
    }
}
