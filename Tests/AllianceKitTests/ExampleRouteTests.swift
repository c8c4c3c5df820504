import Foundation
import GLPK
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The bundled small examples solved by both routes: the model this package builds in Swift
/// (through `exact`) and `models/alliance.mod` with generated data through GLPK's MathProg
/// translator (`glp_mpl_*`). Both must prove the same optimum.
final class ExampleRouteTests: XCTestCase {
    func testSmallExamplesSameOptimumThroughBothRoutes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["tiny", "tiny-groups"] {
            let instance = try InstanceReader.read(folder: Fixtures.example(name))
            var options = PlanningOptions()
            let previous = Fixtures.example(name).appendingPathComponent("previous-plan.csv")
            if FileManager.default.fileExists(atPath: previous.path) {
                options.previousPlan = try PlanReader.read(file: previous)
            }
            let problem = try Problem(instance: instance, options: options)
            let outcome = try Fixtures.solveExact(problem)
            XCTAssertEqual(outcome.status, .optimal, name)
            let objective = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).objective

            let data = folder.appendingPathComponent("\(name).dat")
            try MathProgDataWriter.write(problem).write(to: data, atomically: true, encoding: .utf8)
            let (program, _) = try LinearProgram.fromMathProg(model: Fixtures.modelFile.path, data: data.path)
            let reference = try program.solveMIP(MIPParameters())
            XCTAssertEqual(reference.status, .optimal, name)
            XCTAssertEqual(objective, reference.objective, accuracy: 1e-6, name)
        }
    }

    /// tiny/README.md works the optimum out by hand: 29/30.
    func testTinyHandSolution() throws {
        let problem = try Problem(instance: try InstanceReader.read(folder: Fixtures.example("tiny")))
        let outcome = try Fixtures.solveExact(problem)
        let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem)
        XCTAssertEqual(evaluation.objective, 29.0 / 30.0, accuracy: 1e-9)
        XCTAssertEqual(evaluation.terms.distance, 1.0 / 6.0, accuracy: 1e-12)
    }
}
