import Foundation
import GLPK
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `exact` against independent evidence on random instances it has never seen:
/// brute-force enumeration on tiny ones, and GLPK's MathProg translator running
/// `models/alliance.mod` (a formulation written separately from the Swift model builder) on
/// instances up to 8 communities × 26 units. Every plan is also re-judged by the evaluator.
final class RandomInstanceTests: XCTestCase {
    /// Tiny instances (3–4 communities × 4–6 units) with groups, multi-community units, pair rules,
    /// coordinates and a previous plan: `exact` must reach the enumerated optimum.
    func testExactMatchesBruteForce() throws {
        var feasible = 0, infeasible = 0
        for seed in UInt64(1)...30 {
            var generator = InstanceGenerator(communities: 3 + Int(seed % 2), units: 4 + Int(seed % 3))
            generator.leadShare = 0.7
            let (instance, previous) = generator.generate(seed: seed)
            let problem = try Problem(instance: instance, options: PlanningOptions(
                weights: Weights(keep: 0.3), leadRule: seed % 5 != 0, previousPlan: previous))
            let enumerated = BruteForce.optimum(problem)
            do {
                let outcome = try Fixtures.solveExact(problem)
                let optimum = try XCTUnwrap(enumerated, "seed \(seed): exact found a plan, enumeration none")
                XCTAssertEqual(outcome.status, .optimal, "seed \(seed)")
                let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem)
                XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
                XCTAssertEqual(evaluation.objective, optimum.objective, accuracy: 1e-6, "seed \(seed)")
                XCTAssertEqual(outcome.bound ?? .nan, optimum.objective, accuracy: 1e-6, "seed \(seed)")
                feasible += 1
            } catch SolveError.infeasible {
                XCTAssertNil(enumerated, "seed \(seed): exact says infeasible, enumeration found a plan")
                infeasible += 1
            }
        }
        XCTAssertGreaterThan(feasible, 15, "most random instances should be feasible")
        print("brute force: \(feasible) feasible, \(infeasible) infeasible instances agreed")
    }

    /// Instances up to 8 × 26: the optimum of the Swift-built model equals the optimum GLPK finds
    /// for `models/alliance.mod` with the exported data, and the terms the evaluator recomputes
    /// from the plan agree with the model's objective.
    func testExactMatchesMathProgModel() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var compared = 0
        for seed in UInt64(100)...111 {
            let communities = 4 + Int(seed % 5)          // 4…8
            let units = communities * 3 + Int(seed % 3)  // 12…26
            var generator = InstanceGenerator(communities: communities, units: units)
            generator.fixPairs = 2
            generator.forbidPairs = 3
            generator.preferPairs = 3
            let (instance, previous) = generator.generate(seed: seed)
            let problem = try Problem(instance: instance, options: PlanningOptions(
                maxDistanceKm: seed % 4 == 0 ? 8 : nil, previousPlan: previous))
            guard Prechecks.run(problem).isEmpty else { continue }
            let outcome: SolveOutcome
            do {
                outcome = try Fixtures.solveExact(problem)
            } catch SolveError.infeasible {
                continue
            }
            XCTAssertEqual(outcome.status, .optimal, "seed \(seed)")
            let plan = try XCTUnwrap(outcome.plan)
            let evaluation = Evaluator.evaluate(plan, in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")

            let data = folder.appendingPathComponent("seed\(seed).dat")
            try MathProgDataWriter.write(problem).write(to: data, atomically: true, encoding: .utf8)
            let (program, _) = try LinearProgram.fromMathProg(model: Fixtures.modelFile.path, data: data.path)
            let reference = try program.solveMIP(MIPParameters())
            XCTAssertEqual(reference.status, .optimal, "seed \(seed)")
            XCTAssertEqual(evaluation.objective, reference.objective, accuracy: 1e-6, "seed \(seed)")
            compared += 1
        }
        XCTAssertGreaterThanOrEqual(compared, 6, "too few feasible instances were compared")
    }
}
