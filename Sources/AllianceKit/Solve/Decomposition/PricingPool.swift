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
final class PricingPool: @unchecked Sendable {
    private let data: CommunityColumns
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var round: PricingRound?
    private var generation = 0
    private var busyWorkers = 0
    private var results: [PricingOutcome?] = []
    private var firstError: (any Error)?
    private var stopping = false
    private var runningWorkers = 0
    private let threadCount: Int

    /// The calling thread's models (only touched by the calling thread).
    private var localModels: [Int: PricingModel] = [:]

    init(data: CommunityColumns, threads: Int) {
        self.data = data
        let workers = max(0, min(threads, data.communityCount) - 1)
        runningWorkers = workers
        threadCount = workers + 1
        for w in 0..<workers {
            let thread = Thread { [self] in self.workerLoop(index: w + 1) }
            thread.name = "alliance-pricing-\(w + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Prices every community at `round.duals`; returns one outcome per community.
    /// Rethrows the first error of any thread.
    func price(_ round: PricingRound) throws -> [PricingOutcome] {
        condition.lock()
        self.round = round
        results = [PricingOutcome?](repeating: nil, count: data.communityCount)
        firstError = nil
        busyWorkers = runningWorkers
        generation += 1
        condition.broadcast()
        condition.unlock()

        drain(round, index: 0, models: &localModels)

        condition.lock()
        while busyWorkers > 0 { condition.wait() }
        let error = firstError
        let outcomes = results
        self.round = nil
        condition.unlock()
        if let error { throw error }
        return outcomes.enumerated().map { c, outcome in
            outcome ?? PricingOutcome(community: c, columns: [], bound: nil, proven: false, seconds: 0)
        }
    }

    /// Stops and joins the workers and frees the calling thread's models.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
        localModels = [:]
    }

    /// Prices this thread's communities with this thread's models.
    private func drain(_ round: PricingRound, index: Int, models: inout [Int: PricingModel]) {
        for c in stride(from: index, to: data.communityCount, by: threadCount) where round.active[c] {
            condition.lock()
            let abandon = firstError != nil
            condition.unlock()
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
                condition.lock()
                results[c] = outcome
                condition.unlock()
            } catch {
                models[c] = nil
                condition.lock()
                if firstError == nil { firstError = error }
                condition.unlock()
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
        return try model.solve(duals: round.duals, deadline: round.deadline, start: round.starts[c],
                               stop: round.cancellation.stopRequest)
    }

    private func workerLoop(index: Int) {
        var models: [Int: PricingModel] = [:]
        var seen = 0
        while true {
            condition.lock()
            while generation == seen && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                break
            }
            seen = generation
            let round = self.round!
            condition.unlock()

            drain(round, index: index, models: &models)

            condition.lock()
            busyWorkers -= 1
            condition.broadcast()
            condition.unlock()
        }
        models = [:]
        GLPKEnvironment.releaseCurrentThread()
        condition.lock()
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }
}
