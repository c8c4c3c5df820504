import AllianceKit
import Foundation

/// One solve request: queued until a slot is free, then running on a thread of its own
/// (GLPK work never runs on Swift's cooperative threads), then done, failed or cancelled.
/// Its live values come from `PlanningRun`'s progress callback.
final class SolveJob: Sendable {
    enum Status: String, Sendable { case queued, running, done, failed, cancelled }

    struct State: Sendable {
        var status: Status = .queued
        var started: ContinuousClock.Instant?
        var elapsed: Double = 0
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var version: Int?
        var error: String?
        var warnings: [String] = []
        /// Objective and bound over time, for the page's chart (at most `traceLimit` points: when
        /// full, every second point is dropped, so the whole run stays drawn).
        var trace: [TracePoint] = []
        /// Set when the server stopped the job on shutdown (its plan is kept as `interrupted`).
        var stoppedByServer = false
    }

    static let traceLimit = 1000

    let id: String
    let project: String
    let cancellation = CancellationFlag()
    let state = Locked(State())

    init(id: String, project: String) {
        self.id = id
        self.project = project
    }

    var document: JobDocument {
        let s = state.current
        var elapsed = s.elapsed
        if s.status == .running, let started = s.started { elapsed = (ContinuousClock.now - started).seconds }
        return JobDocument(job: id, project: project, status: s.status.rawValue, elapsed: elapsed, objective: s.objective,
                           bound: s.bound, gap: s.gap, version: s.version, error: s.error, warnings: s.warnings,
                           trace: s.trace)
    }

    var isFinished: Bool { [.done, .failed, .cancelled].contains(state.current.status) }

    /// Takes a progress report: the live values and a point of the trace.
    /// The values kept are the best so far — the largest objective, the smallest proven bound
    /// (phases report their own, and a later phase's bound may be weaker) — and the trace is
    /// stamped with the job's own clock, so it never goes back in time.
    func record(_ progress: SolveProgress) {
        state.withLock { s in
            if let incumbent = progress.incumbent { s.objective = max(s.objective ?? incumbent, incumbent) }
            if let bound = progress.bound { s.bound = min(s.bound ?? bound, bound) }
            if let objective = s.objective, let bound = s.bound { s.gap = relativeGap(objective: objective, bound: max(bound, objective)) }
            guard s.objective != nil || s.bound != nil else { return }
            let t = s.started.map { (ContinuousClock.now - $0).seconds } ?? progress.elapsedSeconds
            s.trace.append(TracePoint(t: max(t, s.trace.last?.t ?? 0), objective: s.objective, bound: s.bound))
            if s.trace.count > Self.traceLimit {
                s.trace = s.trace.enumerated().filter { $0.offset % 2 == 0 || $0.offset == s.trace.count - 1 }.map(\.element)
            }
        }
    }

    /// The solve's final values: the kept plan's objective and the proven bound become the
    /// job's, and the trace's last point (progress reports are throttled, so the last
    /// improvement may not have been reported while the solve ran).
    func finish(objective: Double, bound: Double?, seconds: Double) {
        state.withLock { s in
            s.elapsed = seconds
            s.objective = objective
            if let bound { s.bound = min(s.bound ?? bound, bound) }
            s.gap = s.bound.map { relativeGap(objective: objective, bound: max($0, objective)) }
            s.trace.append(TracePoint(t: max(seconds, s.trace.last?.t ?? 0), objective: objective, bound: s.bound))
        }
    }

    /// Asks the job to stop: a queued job never starts; a running one returns its best plan.
    func cancel() {
        cancellation.cancel()
        state.withLock { if $0.status == .queued { $0.status = .cancelled } }
    }
}

/// A failed solve's message (errors cross from the solving thread as text).
struct SolveFailure: Error, Sendable {
    var message: String
}

/// The solve jobs of the server and the limit on how many run at once (`--jobs`); the others
/// wait in order of arrival.
actor JobQueue {
    let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var jobs: [String: SolveJob] = [:]
    /// Job ids in order of submission.
    private var order: [String] = []
    private var tasks: [String: Task<Void, Never>] = [:]
    private var stopping = false

    init(limit: Int) { self.limit = max(1, limit) }

    func job(_ id: String) -> SolveJob? { jobs[id] }

    /// The jobs of one project, newest first.
    func jobs(ofProject project: String) -> [SolveJob] {
        order.reversed().compactMap { jobs[$0] }.filter { $0.project == project }
    }

    /// On shutdown: no new job starts; every queued or running one is told to stop (a running
    /// one keeps its best plan, as `interrupted`), and this returns when all have ended.
    func stopAll() async {
        stopping = true
        for job in jobs.values where !job.isFinished {
            job.state.withLock { $0.stoppedByServer = true }
            job.cancel()
        }
        for task in tasks.values { await task.value }
    }

    /// Registers `job` and runs `work` once a slot is free (unless the job was cancelled while
    /// queued); after shutdown began the job is cancelled at once.
    func submit(_ job: SolveJob, work: @escaping @Sendable () async -> Void) {
        jobs[job.id] = job
        order.append(job.id)
        if stopping { job.cancel() }
        tasks[job.id] = Task {
            await self.acquire()
            if job.cancellation.isCancelled {
                job.state.withLock { $0.status = .cancelled }
            } else {
                await work()
            }
            self.finished(job.id)
        }
    }

    private func finished(_ id: String) {
        tasks[id] = nil
        release()
    }

    private func acquire() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}

extension PlanningRun {
    /// `solve` on a thread of its own (the cooperative pool must not block on GLPK), awaited.
    func solveOffPool(_ problem: Problem) async -> Result<PlanReport, SolveFailure> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                // WorkerThreads: a fresh thread with an 8 MB stack that releases its GLPK environment.
                let result = WorkerThreads.run(count: 1, threads: 1) { _ -> Result<PlanReport, SolveFailure> in
                    do { return .success(try self.solve(problem)) } catch { return .failure(SolveFailure(message: "\(error)")) }
                }[0]
                continuation.resume(returning: result)
            }
        }
    }
}
