import Foundation
import GLPK

/// One round of pricing: the duals and, per community, an alliance to start from.
struct PricingRound: Sendable {
    let duals: [Double]
    let starts: [[Int]?]
    let deadline: Date
}

/// Prices every community in parallel on `threads` OS threads: the calling thread plus
/// `threads − 1` workers that live as long as the pool.
///
/// Communities are handed out one at a time from a shared counter, so the load balances. Each
/// thread builds the pricing model of a community the first time it prices it and keeps it,
/// changing only objective coefficients afterwards; models never leave their thread, and a
/// worker releases its GLPK environment when the pool shuts down. The pool is used from one
/// thread (the one that created it); `shutdown()` must be called before it is dropped.
final class PricingPool: @unchecked Sendable {
    private let data: CommunityColumns
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var round: PricingRound?
    private var generation = 0
    private var nextCommunity = 0
    private var busyWorkers = 0
    private var results: [PricingOutcome?] = []
    private var firstError: (any Error)?
    private var stopping = false
    private var runningWorkers = 0

    /// The calling thread's models (only touched by the calling thread).
    private var localModels: [Int: PricingModel] = [:]

    init(data: CommunityColumns, threads: Int) {
        self.data = data
        let workers = max(0, min(threads, data.communityCount) - 1)
        runningWorkers = workers
        for w in 0..<workers {
            let thread = Thread { [self] in self.workerLoop() }
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
        nextCommunity = 0
        firstError = nil
        busyWorkers = runningWorkers
        generation += 1
        condition.broadcast()
        condition.unlock()

        drain(round, models: &localModels)

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

    /// Claims communities until none is left, pricing each with this thread's models.
    private func drain(_ round: PricingRound, models: inout [Int: PricingModel]) {
        while true {
            condition.lock()
            let c = nextCommunity
            let abandon = firstError != nil
            nextCommunity += 1
            condition.unlock()
            guard !abandon, c < data.communityCount else { return }
            let remaining = round.deadline.timeIntervalSinceNow
            guard remaining > 0.001 else { continue }
            do {
                let model: PricingModel
                if let existing = models[c] {
                    model = existing
                } else {
                    model = try PricingModel(community: c, data: data)
                    models[c] = model
                }
                let outcome = try model.solve(duals: round.duals, timeLimit: remaining, start: round.starts[c])
                condition.lock()
                results[c] = outcome
                condition.unlock()
            } catch {
                // A model that failed (e.g. numerically) is rebuilt on its next use.
                models[c] = nil
                condition.lock()
                if firstError == nil { firstError = error }
                condition.unlock()
            }
        }
    }

    private func workerLoop() {
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

            drain(round, models: &models)

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
