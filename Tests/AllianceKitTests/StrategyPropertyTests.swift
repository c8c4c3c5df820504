import Foundation
import PropertyBased
import Testing
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Properties every strategy must have on any instance the generator can draw: a plan that
/// breaks no rule (judged by the evaluator), or agreement that there is none; a proven bound
/// never below the plan; `exact` never worse than any heuristic.
@Suite struct StrategyPropertyTests {
    @Test func everyStrategyReturnsAFeasiblePlanOrAllAgreeThereIsNone() async {
        // Inputs: seed, communities, units per community, lead rule on.
        await propertyCheck(count: 25, input: Gen.int(in: 0...100_000), Gen.int(in: 2...6), Gen.int(in: 2...4),
                            Gen.bool) { seed, communities, perCommunity, leadRule in
            defer { Fixtures.releaseGLPKOfThisThread() }
            var generator = InstanceGenerator(communities: communities, units: communities * perCommunity)
            generator.multiCommunityShare = 0.3
            let (instance, previous) = generator.generate(seed: UInt64(seed))
            guard let problem = try? Problem(instance: instance, options: PlanningOptions(
                leadRule: leadRule, previousPlan: previous)) else {
                Issue.record("seed \(seed): generated an instance the model rejects")
                return
            }
            var objectives: [String: Double] = [:]
            var infeasible: [String] = []
            for name in StrategyCatalog.names {
                let strategy = StrategyCatalog.make(name)!
                do {
                    let outcome = try strategy.solve(problem, settings: SolveSettings(timeLimit: 30))
                    guard let plan = outcome.plan else {
                        Issue.record("\(name), seed \(seed): no plan and no error")
                        continue
                    }
                    let evaluation = Evaluator.evaluate(plan, in: problem)
                    #expect(evaluation.violations.isEmpty, "\(name), seed \(seed): \(evaluation.violations)")
                    if let bound = outcome.bound {
                        #expect(bound >= evaluation.objective - 1e-7, "\(name), seed \(seed): bound below plan")
                    }
                    objectives[name] = evaluation.objective
                } catch SolveError.infeasible {
                    infeasible.append(name)
                } catch {
                    Issue.record("\(name), seed \(seed): \(error)")
                }
            }
            #expect(infeasible.isEmpty || infeasible.count == StrategyCatalog.names.count,
                    "seed \(seed): only \(infeasible) say infeasible")
            if let exact = objectives["exact"] {
                for (name, objective) in objectives {
                    #expect(exact >= objective - 1e-7, "seed \(seed): \(name) beats exact")
                }
            }
        }
    }
}
