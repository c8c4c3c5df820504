import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// A clock that moves only when told: `Deadline.Clock` and `SolveSettings.clock` for tests.
final class ManualClock: Sendable {
    private let instant = Locked(ContinuousClock.now)

    /// Moves the clock `seconds` forward.
    func advance(_ seconds: Double) {
        instant.withLock { $0 += .nanoseconds(Int64(seconds * 1e9)) }
    }

    var clock: Deadline.Clock { { [instant] in instant.current } }
}

/// `Deadline`'s arithmetic on a hand-driven clock.
final class TimeBudgetTests: XCTestCase {
    func testRemainingElapsedAndPassing() {
        let time = ManualClock()
        let deadline = Deadline(seconds: 10, clock: time.clock)
        XCTAssertEqual(deadline.total, 10, accuracy: 1e-9)
        XCTAssertEqual(deadline.remaining, 10, accuracy: 1e-9)
        time.advance(4)
        XCTAssertEqual(deadline.elapsed, 4, accuracy: 1e-9)
        XCTAssertEqual(deadline.remaining, 6, accuracy: 1e-9)
        XCTAssertFalse(deadline.hasPassed)
        time.advance(6)
        XCTAssertTrue(deadline.hasPassed)
        time.advance(1)
        XCTAssertEqual(deadline.remaining, -1, accuracy: 1e-9)
    }

    func testShareIsOfWhatIsLeft() {
        let time = ManualClock()
        let deadline = Deadline(seconds: 10, clock: time.clock)
        time.advance(6)
        let half = deadline.share(0.5)
        XCTAssertEqual(half.remaining, 2, accuracy: 1e-9)
        XCTAssertEqual(half.elapsed, 6, accuracy: 1e-9, "the share counts elapsed time from the budget's start")
        XCTAssertEqual(deadline.share(2).remaining, 4, accuracy: 1e-9, "never past the budget")
        XCTAssertEqual(deadline.share(-1).remaining, 0, accuracy: 1e-9)
        time.advance(5)
        XCTAssertTrue(deadline.share(0.5).hasPassed, "nothing left: nothing to share")
        XCTAssertEqual(deadline.share(0.5).remaining, -1, accuracy: 1e-9, "a share never ends past the budget")
    }

    func testPortionIsOfTheWholeBudget() {
        let time = ManualClock()
        let deadline = Deadline(seconds: 10, clock: time.clock)
        time.advance(2)
        // exact's decomposition ends at 0.6 of the time limit whatever the heuristic used.
        XCTAssertEqual(deadline.portion(0.6).remaining, 4, accuracy: 1e-9)
        XCTAssertEqual(deadline.portion(1.5).remaining, 8, accuracy: 1e-9, "never past the budget")
        time.advance(5)
        XCTAssertTrue(deadline.portion(0.6).hasPassed)
    }

    func testCappedAndEarlier() {
        let time = ManualClock()
        let deadline = Deadline(seconds: 10, clock: time.clock)
        time.advance(7)
        XCTAssertEqual(deadline.capped(seconds: 2).remaining, 2, accuracy: 1e-9)
        XCTAssertEqual(deadline.capped(seconds: 5).remaining, 3, accuracy: 1e-9, "never past the budget")
        let other = Deadline(seconds: 1, clock: time.clock)
        XCTAssertEqual(deadline.earlier(than: other).remaining, 1, accuracy: 1e-9)
        XCTAssertEqual(deadline.earlier(than: other).elapsed, 7, accuracy: 1e-9)
    }

    func testUnlimitedAndDegenerateLimits() {
        let time = ManualClock()
        XCTAssertGreaterThan(Deadline.unlimited(clock: time.clock).remaining, 1e8)
        XCTAssertGreaterThan(Deadline(seconds: .infinity, clock: time.clock).remaining, 1e8)
        XCTAssertTrue(Deadline(seconds: 0, clock: time.clock).hasPassed)
        XCTAssertTrue(Deadline(seconds: -3, clock: time.clock).hasPassed)
    }
}

/// `TimePlan` holds the shares the solvers use: the documented values, and every solver's defaults
/// read from it.
final class TimePlanTests: XCTestCase {
    func testDefaultsMatchTheSolvers() {
        let plan = TimePlan(), exact = ExactStrategy()
        XCTAssertEqual([plan.heuristicShare, plan.decompositionShare, plan.polishShare], [0.15, 0.45, 0.2])
        XCTAssertEqual([exact.timePlan.heuristicShare, exact.timePlan.decompositionShare, exact.timePlan.polishShare], [0.15, 0.45, 0.2])
        XCTAssertEqual([plan.largeDecompositionShare, plan.largePolishShare, plan.hugeBlockShare, plan.hugePlanShare],
                       [0.55, 0.3, 0.4, 0.1])
        let options = DecompositionOptions()
        XCTAssertEqual(options.planShare, TimePlan.decompositionPlanShare)
        XCTAssertEqual(options.masterMIPTimeLimit, TimePlan.masterMIPDefaultSeconds)
        XCTAssertEqual(options.blockShare, TimePlan.decompositionBlockShare)
        XCTAssertEqual(StreetDecomposition().blockShare, TimePlan.streetBlockShare)
    }

    func testSharesBySize() {
        let plan = TimePlan()
        let large = ExactStrategy.streetDecompositionThreshold
        XCTAssertEqual(plan.decompositionShare(communities: large - 1), 0.45)
        XCTAssertEqual(plan.decompositionShare(communities: large), 0.55)
        XCTAssertEqual(plan.polishShare(communities: large), 0.3)
        var off = plan
        off.decompositionShare = 0
        off.polishShare = 0
        XCTAssertEqual(off.decompositionShare(communities: large), 0, "off stays off on large districts")
        XCTAssertEqual(off.polishShare(communities: large), 0)
        XCTAssertEqual(plan.masterMIPSeconds(total: 5), 1)
        XCTAssertEqual(plan.masterMIPSeconds(total: 120), 12, accuracy: 1e-12)
        XCTAssertEqual(plan.masterMIPSeconds(total: 3600), 30)
    }
}

/// The strategies' shared opening (`SolveSettings.open`) and progress throttle.
final class SolveRunTests: XCTestCase {
    private func settings(_ time: ManualClock, received: Locked<[SolveProgress]>) -> SolveSettings {
        var settings = SolveSettings(timeLimit: 60, progress: { p in received.withLock { $0.append(p) } },
                                     progressInterval: 1)
        settings.clock = time.clock
        return settings
    }

    func testThrottleReportsAtMostOncePerInterval() {
        let time = ManualClock()
        let received = Locked<[SolveProgress]>([])
        let run = SolveRun(settings: settings(time, received: received))
        run.progress.report(incumbent: 1, bound: .infinity)    // 0 s: the first always passes
        time.advance(0.5)
        run.progress.report(incumbent: 2, bound: nil)          // 0.5 s: too soon
        time.advance(0.4)
        run.progress.report(incumbent: 3, bound: nil)          // 0.9 s: too soon
        time.advance(0.1)
        run.progress.report(incumbent: 4, bound: 9)            // 1.0 s: due
        time.advance(0.99)
        run.progress.report(incumbent: 5, bound: .infinity)    // 1.99 s: too soon
        time.advance(3)
        run.progress.report(incumbent: 6, bound: 8)            // 4.99 s: due
        let reports = received.current
        XCTAssertEqual(reports.map(\.incumbent), [1, 4, 6])
        XCTAssertEqual(reports.map(\.elapsedSeconds), [0, 1, 4.99].map { $0 }, accuracy: 1e-9)
        XCTAssertNil(reports[0].bound, "an infinite bound is no bound")
        XCTAssertNil(reports[0].gap)
        XCTAssertEqual(reports[1].bound, 9)
        XCTAssertEqual(reports[1].gap ?? -1, relativeGap(objective: 4, bound: 9), accuracy: 1e-12)
        XCTAssertEqual(reports[2].gap ?? -1, relativeGap(objective: 6, bound: 8), accuracy: 1e-12)
    }

    /// A snapshot never takes back what an earlier report showed: branch-and-cut's own bound
    /// starts above the decomposition's, and a phase may report no incumbent yet.
    func testSnapshotsCarryTheBestIncumbentAndBoundSoFar() {
        let time = ManualClock()
        let received = Locked<[SolveProgress]>([])
        let run = SolveRun(settings: settings(time, received: received))
        run.progress.report(incumbent: 3, bound: 10)           // the decomposition
        time.advance(1)
        run.progress.report(incumbent: nil, bound: nil)        // branch-and-cut before its root
        time.advance(1)
        run.progress.report(incumbent: 2.5, bound: 12)         // branch-and-cut's weaker figures
        time.advance(0.5)
        run.progress.report(incumbent: 4, bound: 9)            // too soon, but remembered
        time.advance(0.5)
        run.progress.report(incumbent: nil, bound: .infinity)
        let reports = received.current
        XCTAssertEqual(reports.map(\.incumbent), [3, 3, 3, 4])
        XCTAssertEqual(reports.map(\.bound), [10, 10, 10, 9])
        XCTAssertEqual(reports[3].gap ?? -1, relativeGap(objective: 4, bound: 9), accuracy: 1e-12)
    }

    func testThrottleWithoutListenerIsInactive() {
        let run = SolveRun(settings: SolveSettings(timeLimit: 1))
        XCTAssertFalse(run.progress.isActive)
        run.progress.report(incumbent: 1, bound: 2)
    }

    func testOpeningRunsPrechecksTimesAndMarksInterruption() throws {
        let time = ManualClock()
        var settings = SolveSettings(timeLimit: 10)
        settings.clock = time.clock
        let problem = try Problem(instance: InstanceReader.read(folder: Fixtures.example("tiny")))
        let outcome = try settings.open(problem) { run in
            time.advance(3)
            XCTAssertEqual(run.deadline.remaining, 7, accuracy: 1e-9)
            return run.outcome(.feasible, plan: Plan(unitCount: problem.unitCount, communityCount: problem.communityCount))
        }
        XCTAssertEqual(outcome.solveSeconds, 3, accuracy: 1e-9)

        settings.cancellation.cancel()
        let interrupted = try settings.open(problem) { run in
            run.outcome(.feasible, plan: Plan(unitCount: problem.unitCount, communityCount: problem.communityCount))
        }
        XCTAssertEqual(interrupted.status, .interrupted)
        XCTAssertThrowsError(try settings.open(problem) { _ in
            throw SolveError.noPlanWithinTimeLimit(seconds: 10)
        }) { error in
            guard case SolveError.interrupted = error else { return XCTFail("\(error)") }
        }
    }

    func testOpeningStopsOnFailedPrechecks() throws {
        // Three communities need a lead; one unit may lead.
        let problem = try Problem(instance: Instance(
            communities: (1...3).map { Community(id: "C\($0)") },
            organizations: [Organization(id: "a", canLead: true), Organization(id: "b", canLead: false)]))
        var searched = false
        XCTAssertThrowsError(try SolveSettings(timeLimit: 1).open(problem) { run in
            searched = true
            return run.outcome(.feasible, plan: nil)
        }) { error in
            guard case SolveError.infeasible = error else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(searched)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
