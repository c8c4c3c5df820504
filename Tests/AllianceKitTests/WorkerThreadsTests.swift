import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The threads batch planning runs districts on.
final class WorkerThreadsTests: XCTestCase {
    /// Every job runs once, results come back in job order, on at most `threads` threads.
    func testResultsInOrderOnBoundedThreads() {
        let seen = NSLock()
        nonisolated(unsafe) var threads: Set<ObjectIdentifier> = []
        let caller = ObjectIdentifier(Thread.current)
        let results = WorkerThreads.run(count: 25, threads: 3) { index -> Int in
            seen.lock()
            threads.insert(ObjectIdentifier(Thread.current))
            seen.unlock()
            return index * index
        }
        XCTAssertEqual(results, (0..<25).map { $0 * $0 })
        XCTAssertLessThanOrEqual(threads.count, 3)
        XCTAssertFalse(threads.contains(caller), "jobs run on worker threads, not the caller's")
        XCTAssertEqual(WorkerThreads.run(count: 0, threads: 4) { $0 }, [])
    }

    /// GLPK work (the exact strategy) on worker threads gives each job the plan it gets alone.
    func testExactOnWorkerThreadsMatchesAlone() throws {
        let problems = try (0..<4).map { seed -> Problem in
            let (instance, _) = InstanceGenerator(communities: 4, units: 12).generate(seed: 900 + UInt64(seed))
            return try Problem(instance: instance)
        }.filter { Prechecks.run($0).isEmpty }
        let settings = SolveSettings(timeLimit: 30)
        let parallel = WorkerThreads.run(count: problems.count, threads: 2) { index in
            try? ExactStrategy().solve(problems[index], settings: settings)
        }
        for (problem, outcome) in zip(problems, parallel) {
            let alone = try ExactStrategy().solve(problem, settings: settings)
            let outcome = try XCTUnwrap(outcome)
            XCTAssertEqual(outcome.status, .optimal)
            XCTAssertEqual(Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem).objective,
                           Evaluator.evaluate(try XCTUnwrap(alone.plan), in: problem).objective, accuracy: 1e-9)
        }
    }
}
