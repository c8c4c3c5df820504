import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The run pipeline as a front end other than the command line uses it: lists read from a path,
/// solved with progress, a phase log and cancellation, files written and read back; a batch by
/// district with its per-district callbacks; a comparison; a claim. All in process.
final class PipelineTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try Fixtures.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func testStrategyNamesAreTheCatalogs() {
        XCTAssertEqual(StrategyName.allCases.map(\.rawValue), StrategyCatalog.names)
        XCTAssertEqual(try StrategyName.list(" greedy, lp-round ,,"), [.greedy, .lpRound])
        XCTAssertThrowsError(try StrategyName.list("greedy,fast")) { error in
            XCTAssertEqual((error as? UnknownStrategy)?.name, "fast")
        }
    }

    func testSolveTheTinyExampleIntoAFolderAndReadItBack() throws {
        let input = PlanningInput(path: Fixtures.example("tiny").path)
        let (problem, notes) = try input.loadProblem()
        XCTAssertEqual(notes, [], "the example is UTF-8")
        let snapshots = Locked<[SolveProgress]>([])
        let phases = Locked<[PhaseEvent]>([])
        let run = PlanningRun(options: RunOptions(strategy: .exact, timeLimit: 60, includeTimings: false),
                              progress: { progress in snapshots.withLock { $0.append(progress) } },
                              phaseLog: { event in phases.withLock { $0.append(event) } })
        let folder = scratch.appendingPathComponent("plan")
        let written = try run.run(problem, into: folder)

        XCTAssertEqual(written.report.status, .optimal)
        XCTAssertEqual(written.files, ["plan.csv", "communities.csv", "plan.json", "plan.xlsx", "report.html", "projects.csv"])
        XCTAssertNotNil(written.report.baseline, "the greedy baseline is computed by the pipeline")
        XCTAssertNotNil(written.report.claims, "tiny lists projects, so stage 2 runs")
        XCTAssertFalse(phases.current.isEmpty, "exact reports its phases")
        for snapshot in snapshots.current {
            if let incumbent = snapshot.incumbent {
                XCTAssertLessThanOrEqual(incumbent, written.report.evaluation.objective + 1e-9)
            }
        }
        for name in written.files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
        }
        let plan = try json(folder.appendingPathComponent("plan.json"))
        XCTAssertEqual(plan["status"] as? String, "optimal")
        XCTAssertNil(plan["solve_seconds"], "timings left out")
        let rows = try PlanningInput.readPlan(folder.appendingPathComponent("plan.csv").path)
        let (_, evaluation) = Evaluator.evaluate(rows, in: problem)
        XCTAssertEqual(evaluation.objective, written.report.evaluation.objective, accuracy: 1e-9)
        XCTAssertTrue(evaluation.isFeasible)

        // The same run again writes the same bytes.
        let again = scratch.appendingPathComponent("again")
        _ = try PlanningRun(options: run.options).run(problem, into: again)
        for name in ["plan.csv", "communities.csv", "plan.json"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(name)),
                           try Data(contentsOf: again.appendingPathComponent(name)), name)
        }
    }

    func testCancelledRunWritesItsBestPlanAsInterruptedOrNothing() throws {
        let (problem, _) = try PlanningInput(path: Fixtures.example("caofeidian").path).loadProblem()
        let cancellation = CancellationFlag()
        cancellation.cancel()
        let run = PlanningRun(options: RunOptions(strategy: .exact, timeLimit: 60), cancellation: cancellation)
        let folder = scratch.appendingPathComponent("cancelled")
        let start = Date()
        do {
            let written = try run.run(problem, into: folder)
            XCTAssertEqual(written.report.status, .interrupted)
            let plan = try json(folder.appendingPathComponent("plan.json"))
            XCTAssertEqual(plan["status"] as? String, "interrupted")
        } catch SolveError.interrupted {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "nothing is written without a plan")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "a cancelled run stops promptly")
    }

    func testSizeLimitIsCheckedBeforeSolving() throws {
        let (problem, _) = try PlanningInput(path: Fixtures.example("tiny").path).loadProblem()
        let run = PlanningRun(options: RunOptions(sizeLimit: ModelSizeLimit(maxPairs: 1)))
        XCTAssertThrowsError(try run.run(problem, into: scratch.appendingPathComponent("none"))) { error in
            XCTAssertTrue(error is ModelTooLarge, "\(error)")
        }
    }

    func testInputErrorsAreLocatedAtThePathAsGiven() throws {
        let missing = scratch.appendingPathComponent("no-such-lists").path
        XCTAssertThrowsError(try PlanningInput(path: missing).loadInstance()) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertFalse(errors.isEmpty, "\(error)")
            XCTAssertTrue(errors.allSatisfy { $0.location.file.hasPrefix(missing) }, "\(errors)")
        }
    }

    func testBatchOnADistrictListWithCallbacks() throws {
        var generator = InstanceGenerator(communities: 5, units: 17)
        generator.previousPlan = false
        let (city, _) = generator.generateCity(districts: 3, seed: 77)
        let lists = scratch.appendingPathComponent("city")
        try InstanceWriter.write(city, to: lists)

        let input = PlanningInput(path: lists.path)
        let instance = try input.loadInstance().instance
        XCTAssertTrue(DistrictSplit.hasDistricts(instance))
        let options = try input.planningOptions()
        let (districts, _) = try input.districts(of: instance, options: options)
        XCTAssertEqual(districts.map(\.name), ["区1", "区2", "区3"])

        let started = Locked<[String]>([]), finished = Locked<[String]>([])
        let batch = DistrictBatchRun(
            input: input, options: RunOptions(strategy: .local, timeLimit: 60, includeTimings: false), jobs: 2,
            districtStarted: { _, name in started.withLock { $0.append(name) } },
            districtFinished: { _, result in finished.withLock { $0.append(result.district) } })
        let out = scratch.appendingPathComponent("out")
        let results = try batch.run(districts, options: options, into: out)

        XCTAssertEqual(results.map(\.district), ["区1", "区2", "区3"])
        XCTAssertEqual(results.map(\.status), ["feasible", "feasible", "feasible"], results.compactMap(\.error).joined())
        XCTAssertEqual(Set(started.current), Set(["区1", "区2", "区3"]))
        XCTAssertEqual(Set(finished.current), Set(["区1", "区2", "区3"]))
        for name in DistrictOutput.fileNames {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        // The combined plan.csv reads back with its district column, one part per district,
        // each equal to the district's own plan.csv.
        let combined = try PlanningInput.readPlanRows(out.appendingPathComponent("plan.csv").path)
        for result in results {
            let own = try PlanningInput.readPlan(out.appendingPathComponent(result.folder)
                .appendingPathComponent("plan.csv").path)
            let part = combined.filter { $0.district == result.district }.map(\.assignment)
            XCTAssertEqual(part.map(\.orgID), own.map(\.orgID), result.district)
            XCTAssertEqual(part.map(\.communityID), own.map(\.communityID), result.district)
        }
    }

    /// A batch within a time budget (`BatchTimeBudget`) on two districts exact cannot prove in
    /// a few seconds: each district is told started and finished once whatever its passes, the
    /// second passes are recorded, every folder is written, and the batch ends within the budget
    /// plus writing. Without options a batch stops at `defaultGap`.
    func testBatchWithinATimeBudgetTellsEachDistrictOnce() throws {
        XCTAssertEqual(DistrictBatchRun(input: PlanningInput(path: "x")).options.relativeGap, DistrictBatchRun.defaultGap)
        var generator = InstanceGenerator(communities: 12, units: 40)
        generator.previousPlan = false
        let lists = scratch.appendingPathComponent("city")
        try InstanceWriter.write(generator.generateCity(districts: 2, seed: 77).instance, to: lists)
        let input = PlanningInput(path: lists.path)
        let options = try input.planningOptions()
        let (districts, _) = try input.districts(of: try input.loadInstance().instance, options: options)

        let started = Locked<[String]>([]), finished = Locked<[String]>([])
        let batch = DistrictBatchRun(
            input: input, options: RunOptions(strategy: .exact, relativeGap: 0, includeTimings: false),
            timeBudget: BatchTimeBudget(seconds: 5), jobs: 2,
            districtStarted: { _, name in started.withLock { $0.append(name) } },
            districtFinished: { _, result in finished.withLock { $0.append(result.district) } })
        let out = scratch.appendingPathComponent("out")
        let clock = Date()
        let results = try batch.run(districts, options: options, into: out)
        XCTAssertLessThan(Date().timeIntervalSince(clock), 5 + 1.5)

        XCTAssertEqual(started.current.sorted(), ["区1", "区2"])
        XCTAssertEqual(finished.current.sorted(), ["区1", "区2"])
        XCTAssertTrue(results.contains { $0.passes == 2 }, "\(results.map { ($0.district, $0.report?.gap) })")
        for result in results {
            let report = try XCTUnwrap(result.report, result.error ?? "")
            XCTAssertLessThanOrEqual(report.solveSeconds, 5 + 0.5, result.district)
            XCTAssertLessThanOrEqual(report.solveSeconds, result.seconds + 1e-9)
            XCTAssertTrue(FileManager.default.fileExists(
                atPath: out.appendingPathComponent(result.folder).appendingPathComponent("plan.json").path))
        }
    }

    func testComparisonRunAndClaimRun() throws {
        let (problem, _) = try PlanningInput(path: Fixtures.example("tiny").path).loadProblem()
        let order = Locked<[StrategyName]>([])
        let comparison = ComparisonRun(strategies: [.greedy, .local], timeLimit: 30,
                                       strategyStarted: { name in order.withLock { $0.append(name) } }).run(problem)
        XCTAssertEqual(order.current, [.greedy, .local])
        XCTAssertEqual(comparison.rows.map(\.strategy), ["greedy", "local"])
        XCTAssertTrue(comparison.rows.allSatisfy { $0.evaluation != nil })
        let folder = scratch.appendingPathComponent("compare")
        XCTAssertEqual(try ComparisonRun.write(comparison, into: folder), Comparison.fileNames)
        let document = try json(folder.appendingPathComponent("compare.json"))
        XCTAssertEqual((document["strategies"] as? [[String: Any]])?.count, 2)

        // Stage 2 alone on the plan just solved by greedy.
        let planFolder = scratch.appendingPathComponent("plan")
        _ = try PlanningRun(options: RunOptions(strategy: .greedy)).run(problem, into: planFolder)
        let rows = try PlanningInput.readPlan(planFolder.appendingPathComponent("plan.csv").path)
        let (plan, evaluation) = try ClaimRun.evaluate(rows, in: problem)
        XCTAssertTrue(evaluation.isFeasible)
        let claimFolder = scratch.appendingPathComponent("claim")
        let claims = try ClaimRun(byteOrderMark: false).run(plan, in: problem, into: claimFolder)
        XCTAssertEqual(claims.claims.count + claims.unclaimed.count, problem.instance.projects.count)
        let csv = try String(contentsOf: claimFolder.appendingPathComponent("projects.csv"), encoding: .utf8)
        XCTAssertFalse(csv.hasPrefix(CSVWriter.byteOrderMark))
        XCTAssertTrue(FileManager.default.fileExists(atPath: claimFolder.appendingPathComponent("claims.json").path))

        // A plan naming an organization the lists do not have is an input error.
        var unknown = rows
        unknown[0].orgID = "NOBODY"
        XCTAssertThrowsError(try ClaimRun.evaluate(unknown, in: problem)) { XCTAssertTrue($0 is InputErrors, "\($0)") }
    }
}
