/// The dive of `DecompositionRun`: column generation with alliances fixed one batch after
/// another until every community has one, which makes a plan.

import AllianceModel
import Foundation

extension DecompositionRun {
    /// Fixes alliances the LP chooses — every whole one, else the largest fraction — and
    /// re-generates columns after each fixing, until every community has one. A fixing that
    /// makes the LP infeasible is undone and that alliance excluded (a few times at most).
    func dive(until deadline: Deadline) throws {
        let nC = problem.communityCount
        var fixed = [Int?](repeating: nil, count: nC)
        var lastBatch: [Int] = []
        var backtracks = 0
        let start = deadline.clock()
        defer { try? master.unfixAll() }
        while !mustStop(deadline) {
            // Exact pricing (much better plans) unless, at the pace so far, the dive would not
            // finish in time; then local-search pricing only.
            let done = fixed.filter { $0 != nil }.count
            let pace = (deadline.clock() - start).seconds / Double(max(done, 1))
            let exact = done == 0 || pace * Double(nC - done) < deadline.remaining
            let (solution, _) = try generate(until: deadline, mode: exact ? .dive : .heuristicDive, fixed: fixed,
                                             maxIterations: 50)
            guard let lp = solution else { return }
            if lp.artificial > 1e-6 {
                guard !lastBatch.isEmpty, backtracks < 5 else { return }
                backtracks += 1
                for j in lastBatch {
                    try master.unfix(j)
                    fixed[master.columns[j].community] = nil
                }
                try master.fix(lastBatch[0], to: 0)
                lastBatch = []
                continue
            }
            if !fixed.contains(nil) {
                if let (plan, objective) = plan(from: fixed.map { $0! }) {
                    diveObjective = objective
                    offer(plan, objective: objective, source: .dive)
                }
                return
            }
            var batch: [Int] = []
            var largest: (j: Int, weight: Double, value: Double)? = nil
            for (j, weight) in lp.weights.enumerated() where weight > 1e-9 {
                let c = master.columns[j].community
                guard fixed[c] == nil else { continue }
                if weight >= 0.99 && !batch.contains(where: { master.columns[$0].community == c }) {
                    batch.append(j)
                }
                let value = master.columns[j].value
                if largest == nil || (weight, value) > (largest!.weight, largest!.value) {
                    largest = (j, weight, value)
                }
            }
            if batch.isEmpty, let largest { batch = [largest.j] }
            guard !batch.isEmpty else { return }
            for j in batch {
                try master.fix(j, to: 1)
                fixed[master.columns[j].community] = j
            }
            lastBatch = batch
        }
    }
}
