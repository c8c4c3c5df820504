import AllianceModel
import Foundation
import GLPK

/// One round of pricing: the duals and, per community, an alliance to start from.
struct PricingRound: Sendable {
    let duals: [Double]
    let starts: [[Int]?]
    /// Communities to price (the others get an empty outcome without a bound).
    let active: [Bool]
    let deadline: Deadline
    /// Stops the round like the deadline does.
    let cancellation: CancellationFlag
    /// Each community's pricing MIP may stop once its incumbent is within this much (absolute) of
    /// its best bound (`PricingModel.solve`); 0 prices exactly.
    var tolerance = 0.0
    /// When set, each community's pricing MIP ends after at most this many seconds, with its
    /// best bound so far (valid, `proven` false): a round that must bound within a budget.
    var communitySeconds: Double? = nil
}

/// Prices every community in parallel on `threads` OS threads: the calling thread plus
/// `threads − 1` workers that live as long as the pool.
///
/// Thread t prices communities t, t + threads, t + 2·threads, …, always the same ones, so that
/// every community's model sees the same sequence of solves whatever the scheduling (GLPK's
/// choice among equally good alliances depends on the model's history; a fixed assignment
/// keeps runs reproducible). Each thread builds the pricing model of a community the first time
/// and keeps it, changing only objective coefficients afterwards; models never leave their
/// thread, and a worker releases its GLPK environment when the pool shuts down. The pool is
/// used from one thread (the one that created it); `shutdown()` must be called before it is
/// dropped.
final class PricingPool {
    private let crew: PricingCrew
    /// The calling thread's models (only touched by the calling thread).
    private var localModels: [Int: PricingModel] = [:]

    init(data: CommunityColumns, threads: Int) {
        let workers = max(0, min(threads, data.communityCount) - 1)
        crew = PricingCrew(data: data, shared: Locked(PricingShared(runningWorkers: workers)),
                           threadCount: workers + 1)
        for w in 0..<workers {
            let crew = self.crew
            let thread = Thread { crew.workerLoop(index: w + 1) }
            thread.name = "alliance-pricing-\(w + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Prices every community at `round.duals`; returns one outcome per community.
    /// Rethrows the first error of any thread.
    func price(_ round: PricingRound) throws -> [PricingOutcome] {
        let communityCount = crew.data.communityCount
        crew.shared.withLockNotifying { shared in
            shared.round = round
            shared.results = [PricingOutcome?](repeating: nil, count: communityCount)
            shared.firstError = nil
            shared.busyWorkers = shared.runningWorkers
            shared.generation += 1
        }

        crew.drain(round, index: 0, models: &localModels)

        let (error, outcomes) = crew.shared.withLock(when: { $0.busyWorkers == 0 }) { shared in
            shared.round = nil
            return (shared.firstError, shared.results)
        }
        if let error { throw error }
        return outcomes.enumerated().map { c, outcome in
            outcome ?? PricingOutcome(community: c, columns: [], bound: nil, proven: false, seconds: 0)
        }
    }

    /// Stops and joins the workers and frees the calling thread's models.
    func shutdown() {
        crew.shared.withLockNotifying { $0.stopping = true }
        crew.shared.withLock(when: { $0.runningWorkers == 0 }) { _ in }
        localModels = [:]
    }
}

/// What the pool's threads share, reached only through its `Locked`.
private struct PricingShared {
    var round: PricingRound?
    /// Bumped for every round, so a worker sees each round once.
    var generation = 0
    /// Workers still pricing the current round.
    var busyWorkers = 0
    var results: [PricingOutcome?] = []
    var firstError: (any Error)?
    var stopping = false
    /// Workers that have not exited yet.
    var runningWorkers: Int
}

/// The part of the pool every thread uses: the data, the shared state and the stride.
private struct PricingCrew: Sendable {
    let data: CommunityColumns
    let shared: Locked<PricingShared>
    let threadCount: Int

    /// Prices this thread's communities with this thread's models.
    func drain(_ round: PricingRound, index: Int, models: inout [Int: PricingModel]) {
        for c in stride(from: index, to: data.communityCount, by: threadCount) where round.active[c] {
            let abandon = shared.withLock { $0.firstError != nil }
            guard !abandon else { return }
            guard round.deadline.remaining > 0.001, !round.cancellation.isCancelled else { continue }
            do {
                let outcome: PricingOutcome
                do {
                    outcome = try solve(c, round: round, models: &models)
                } catch {
                    // A model that failed (e.g. numerically) is rebuilt from scratch once.
                    models[c] = nil
                    outcome = try solve(c, round: round, models: &models)
                }
                shared.withLock { $0.results[c] = outcome }
            } catch {
                models[c] = nil
                shared.withLock { if $0.firstError == nil { $0.firstError = error } }
            }
        }
    }

    private func solve(_ c: Int, round: PricingRound, models: inout [Int: PricingModel]) throws -> PricingOutcome {
        let model: PricingModel
        if let existing = models[c] {
            model = existing
        } else {
            model = try PricingModel(community: c, data: data)
            models[c] = model
        }
        let deadline = round.communitySeconds.map { round.deadline.capped(seconds: $0) } ?? round.deadline
        return try model.solve(duals: round.duals, deadline: deadline, start: round.starts[c],
                               tolerance: round.tolerance, stop: round.cancellation.stopRequest)
    }

    func workerLoop(index: Int) {
        var models: [Int: PricingModel] = [:]
        var seen = 0
        while true {
            let round: PricingRound? = shared.withLock(when: { $0.generation != seen || $0.stopping }) { shared in
                guard !shared.stopping else { return nil }
                seen = shared.generation
                return shared.round!
            }
            guard let round else { break }

            drain(round, index: index, models: &models)

            shared.withLockNotifying { $0.busyWorkers -= 1 }
        }
        models = [:]
        GLPKEnvironment.releaseCurrentThread()
        shared.withLockNotifying { $0.runningWorkers -= 1 }
    }
}
