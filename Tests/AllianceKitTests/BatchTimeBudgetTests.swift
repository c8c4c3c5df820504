import Foundation
import XCTest
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport

/// `BatchTimeBudget`'s arithmetic (`--time-budget`): the first-pass shares, who gets a second
/// pass and in which order, the second-pass shares, the time returned by the easy districts,
/// and a simulated batch never ending past the budget; then `DistrictBatchRun.combined`.
final class BatchTimeBudgetTests: XCTestCase {
    private typealias End = BatchTimeBudget.PassEnd

    func testFirstShareIsAnEqualShareOfHalfTheBudget() {
        let budget = BatchTimeBudget(seconds: 100)
        XCTAssertEqual(budget.firstShare(districts: 10, jobs: 2), 10, accuracy: 1e-9, "100 × 0.5 × 2 / 10")
        XCTAssertEqual(budget.firstShare(districts: 10, jobs: 4), 20, accuracy: 1e-9)
        XCTAssertEqual(budget.firstShare(districts: 3, jobs: 8), 50, accuracy: 1e-9, "no more workers than districts")
        XCTAssertEqual(budget.firstShare(districts: 1, jobs: 1), 50, accuracy: 1e-9)
        XCTAssertEqual(budget.firstShare(districts: 0, jobs: 2), 0)
        let capped = BatchTimeBudget(seconds: 100, solveLimit: 8)
        XCTAssertEqual(capped.firstShare(districts: 10, jobs: 2), 8, accuracy: 1e-9, "--time-limit caps each solve")
        XCTAssertEqual(BatchTimeBudget(seconds: 100, firstPassFraction: 0.25).firstShare(districts: 5, jobs: 1), 5,
                       accuracy: 1e-9)
        XCTAssertEqual(BatchTimeBudget.workers(jobs: 0, districts: 0), 1)
    }

    func testOnlyDistrictsThatRanOutOfTimeOutsideTheGapGoOn() {
        let budget = BatchTimeBudget(seconds: 100)
        func needs(_ end: End, gap: Double = 0.005) -> Bool { budget.needsSecondPass(end, relativeGap: gap) }
        XCTAssertTrue(needs(End(status: .feasible, gap: 0.02, solveSeconds: 10, share: 10)))
        XCTAssertTrue(needs(End(status: .feasible, gap: nil, solveSeconds: 9.5, share: 10)), "no bound yet: hardest")
        XCTAssertFalse(needs(End(status: .feasible, gap: 0.004, solveSeconds: 10, share: 10)), "within the gap")
        XCTAssertFalse(needs(End(status: .feasible, gap: 0.005, solveSeconds: 10, share: 10)), "at the gap")
        XCTAssertTrue(needs(End(status: .feasible, gap: 0.004, solveSeconds: 10, share: 10), gap: 0), "--gap 0 proves")
        XCTAssertFalse(needs(End(status: .feasible, gap: 0, solveSeconds: 10, share: 10), gap: 0))
        XCTAssertFalse(needs(End(status: .optimal, gap: 0, solveSeconds: 10, share: 10)))
        XCTAssertFalse(needs(End(status: .interrupted, gap: 0.3, solveSeconds: 10, share: 10)), "Ctrl-C: no more")
        XCTAssertFalse(needs(End.failed(share: 10)), "a failed district costs nothing in pass 2")
        XCTAssertTrue(needs(End.failed(share: 10, ranOutOfTime: true)), "no plan yet only for lack of time")
        XCTAssertFalse(needs(End(status: .feasible, gap: nil, solveSeconds: 0.2, share: 10)),
                       "a solve that stopped on its own (greedy, local) gains nothing from more time")
    }

    func testSecondPassTakesTheHardestFirst() {
        let budget = BatchTimeBudget(seconds: 100)
        let ends: [End?] = [
            End(status: .feasible, gap: 0.01, solveSeconds: 10, share: 10),   // 0
            End(status: .feasible, gap: nil, solveSeconds: 10, share: 10),    // 1: no bound
            End(status: .feasible, gap: 0.03, solveSeconds: 10, share: 10),   // 2
            End(status: .feasible, gap: 0.001, solveSeconds: 10, share: 10),  // 3: within the gap
            End(status: .optimal, gap: 0, solveSeconds: 1, share: 10),        // 4
            End.failed(share: 10),                                            // 5
            End(status: .feasible, gap: 0.03, solveSeconds: 10, share: 10),   // 6: ties 2, after it
            nil,                                                              // 7: done already
            End.failed(share: 10, ranOutOfTime: true),                        // 8: no plan in time
        ]
        XCTAssertEqual(budget.secondPassOrder(ends, relativeGap: 0.005), [1, 8, 2, 6, 0])
        XCTAssertEqual(budget.secondPassOrder(ends, relativeGap: 0), [1, 8, 2, 6, 0, 3])
        XCTAssertEqual(budget.secondPassOrder([], relativeGap: 0), [])
    }

    func testSecondShareIsAnEqualShareOfWhatIsLeftForTheWavesToCome() {
        let budget = BatchTimeBudget(seconds: 100)
        // 58 s left after 40 s and a 2 s reserve; 3 districts on 2 threads: two waves.
        XCTAssertEqual(budget.secondShare(elapsed: 40, waiting: 3, workers: 2, reserve: 2) ?? -1, 29, accuracy: 1e-9)
        XCTAssertEqual(budget.secondShare(elapsed: 40, waiting: 2, workers: 2, reserve: 2) ?? -1, 58, accuracy: 1e-9)
        XCTAssertEqual(budget.secondShare(elapsed: 40, waiting: 1, workers: 2, reserve: 2) ?? -1, 58, accuracy: 1e-9)
        XCTAssertEqual(budget.secondShare(elapsed: 40, waiting: 5, workers: 1, reserve: -3) ?? -1, 12, accuracy: 1e-9,
                       "a negative reserve counts as none")
        XCTAssertEqual(BatchTimeBudget(seconds: 100, solveLimit: 20)
            .secondShare(elapsed: 40, waiting: 1, workers: 2, reserve: 0) ?? -1, 20, accuracy: 1e-9)
        XCTAssertNil(budget.secondShare(elapsed: 99.5, waiting: 1, workers: 1, reserve: 0), "too little left to solve")
        XCTAssertNil(budget.secondShare(elapsed: 120, waiting: 1, workers: 1, reserve: 0), "past the budget")
        XCTAssertNotNil(budget.secondShare(elapsed: 99 - BatchTimeBudget.minimumSecondShare, waiting: 1, workers: 1,
                                           reserve: 0))
    }

    /// Three easy districts (1 s each) and a hard one (never within the gap), 2 at once, 100 s:
    /// the hard one gets 25 s, then the 74 s the others left.
    func testTheEasyDistrictsReturnTheirTimeToTheHardOne() {
        let run = simulate(BatchTimeBudget(seconds: 100), needs: [1, 1, 1, .infinity], jobs: 2)
        XCTAssertEqual(run.firstShare, 25, accuracy: 1e-9)
        XCTAssertEqual(run.order, [3])
        XCTAssertEqual(run.secondShares[3] ?? -1, 74, accuracy: 1e-9, "pass 1 ended at 1 + 25 s")
        XCTAssertEqual(run.end, 100, accuracy: 1e-9)
        // Without easy districts the hard ones split what is left: each twice its first share.
        let hard = simulate(BatchTimeBudget(seconds: 100), needs: [.infinity, .infinity, .infinity, .infinity], jobs: 2)
        XCTAssertEqual(hard.order, [0, 1, 2, 3])
        XCTAssertEqual(hard.secondShares.values.sorted(), [25, 25, 25, 25])
        XCTAssertEqual(hard.end, 100, accuracy: 1e-9)
    }

    /// Random batches (districts, jobs, needs, failures, caps) never end past the budget, and
    /// every first-pass share is whole.
    func testASimulatedBatchNeverEndsPastTheBudget() {
        var random = SeededGenerator(seed: 18)
        for _ in 0..<2000 {
            let districts = Int.random(in: 1...40, using: &random), jobs = Int.random(in: 1...8, using: &random)
            let seconds = Double.random(in: 1...3600, using: &random)
            let cap: Double? = Bool.random(using: &random) ? Double.random(in: 0.5...600, using: &random) : nil
            let needs = (0..<districts).map { _ -> Double in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: return .infinity  // never within the gap
                case 1: return -1  // fails
                default: return Double.random(in: 0...seconds, using: &random)
                }
            }
            let budget = BatchTimeBudget(seconds: seconds, solveLimit: cap,
                                         firstPassFraction: Double.random(in: 0.05...0.5, using: &random))
            let run = simulate(budget, needs: needs, jobs: jobs)
            XCTAssertLessThanOrEqual(run.firstPassEnd, seconds + 1e-6, "pass 1 fits: \(districts) on \(jobs)")
            XCTAssertLessThanOrEqual(run.end, seconds + 1e-6, "\(districts) districts, \(jobs) jobs, \(seconds) s")
            for share in run.secondShares.values {
                XCTAssertGreaterThanOrEqual(share, BatchTimeBudget.minimumSecondShare)
                if let cap { XCTAssertLessThanOrEqual(share, cap + 1e-9) }
            }
        }
    }

    /// `DistrictBatchRun.combined`: the better plan, the tighter bound, both passes' seconds.
    func testCombinedKeepsTheBetterPlanAndTheTighterBound() throws {
        let (problem, _) = try PlanningInput(path: Fixtures.example("tiny").path).loadProblem()
        let greedy = try XCTUnwrap(GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 10)).plan)
        let good = try XCTUnwrap(LocalSearchStrategy().solve(problem, settings: SolveSettings(timeLimit: 10)).plan)
        let low = Evaluator.evaluate(greedy, in: problem).objective, high = Evaluator.evaluate(good, in: problem).objective
        XCTAssertLessThan(low, high, "the fixture's local search beats greedy")
        func report(_ plan: Plan, _ status: SolveStatus, bound: Double?, seconds: Double) -> PlanReport {
            PlanReport(problem: problem, outcome: SolveOutcome(status: status, plan: plan, bound: bound, solveSeconds: seconds),
                       strategy: "exact")
        }
        let first = report(greedy, .feasible, bound: high + 0.5, seconds: 10)
        let second = report(good, .feasible, bound: high + 1, seconds: 20)
        let both = DistrictBatchRun.combined(first, second)
        XCTAssertEqual(both.evaluation.objective, high, accuracy: 1e-12)
        XCTAssertEqual(both.bound ?? 0, high + 0.5, accuracy: 1e-12, "the first pass's bound is tighter")
        XCTAssertEqual(both.solveSeconds, 30, accuracy: 1e-12)
        XCTAssertEqual(both.status, .feasible)
        // The first pass's plan when it is the better one; a bound meeting the plan proves it.
        let kept = DistrictBatchRun.combined(report(good, .feasible, bound: high + 1, seconds: 1),
                                             report(greedy, .feasible, bound: high, seconds: 1))
        XCTAssertEqual(kept.evaluation.objective, high, accuracy: 1e-12)
        XCTAssertEqual(kept.status, .optimal)
        XCTAssertEqual(kept.gap, 0)
        let stopped = DistrictBatchRun.combined(first, report(good, .interrupted, bound: nil, seconds: 1))
        XCTAssertEqual(stopped.status, .interrupted)
        XCTAssertEqual(stopped.bound ?? 0, high + 0.5, accuracy: 1e-12)
    }

    // MARK: A batch on paper

    private struct Simulated {
        var firstShare = 0.0, firstPassEnd = 0.0, end = 0.0
        var order: [Int] = []
        var secondShares: [Int: Double] = [:]
    }

    /// A batch as `DistrictBatchRun` schedules it (the next district to the first free worker,
    /// pass 2 once pass 1 is over), each district needing `needs[i]` seconds of solving to be
    /// proven within the gap (infinity: never; negative: it fails at once) and using its share
    /// otherwise; no overrun, no reserve.
    private func simulate(_ budget: BatchTimeBudget, needs: [Double], jobs: Int) -> Simulated {
        var run = Simulated()
        let share = budget.firstShare(districts: needs.count, jobs: jobs)
        run.firstShare = share
        var free = [Double](repeating: 0, count: BatchTimeBudget.workers(jobs: jobs, districts: needs.count))
        var ends: [End?] = []
        var left = needs
        for need in needs {
            let w = free.indices.min { free[$0] < free[$1] }!
            if need < 0 {
                ends.append(.failed(share: share))
                continue
            }
            let used = min(share, need)
            free[w] += used
            left[ends.count] -= used
            // Within the gap when done; else a gap growing with what it still needs (none: no bound).
            let gap: Double? = need <= share ? 0.001 : need.isFinite ? 0.01 + need / 1e6 : nil
            ends.append(End(status: .feasible, gap: gap, solveSeconds: used, share: share))
        }
        run.firstPassEnd = free.max() ?? 0
        run.order = budget.secondPassOrder(ends, relativeGap: 0.005)
        let workers = BatchTimeBudget.workers(jobs: jobs, districts: run.order.count)
        free = [Double](repeating: run.firstPassEnd, count: workers)
        for (k, index) in run.order.enumerated() {
            let w = free.indices.min { free[$0] < free[$1] }!
            guard let second = budget.secondShare(elapsed: free[w], waiting: run.order.count - k, workers: workers,
                                                  reserve: 0) else { continue }
            run.secondShares[index] = second
            free[w] += min(second, left[index])
        }
        run.end = max(run.firstPassEnd, free.max() ?? 0)
        return run
    }
}
