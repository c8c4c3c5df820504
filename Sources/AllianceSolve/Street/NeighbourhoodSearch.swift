import AllianceModel
import Foundation

/// Large-neighbourhood search: improves a plan by re-solving a few neighbouring communities
/// exactly while the rest of the plan stays as it is.
///
/// A neighbourhood is a community and its `size − 1` nearest communities (by their coordinates;
/// by list order when they have none). Its units are the ones serving it in the plan, plus the
/// `spareUnits` units nearest to its first community that still have places left; each unit
/// keeps the places it uses outside the neighbourhood and may use the rest inside (`BlockProblem`
/// with a one-block `UnitAllocation`: share = k_o − places used outside, minimum = what m_o still
/// asks for). The neighbourhood's problem is solved by `ExactStrategy` on one thread for at most
/// `secondsPerNeighbourhood`, and its plan put back in place of the neighbourhood's alliances.
/// The whole plan is then judged by the evaluator and kept only when it breaks no rule and is
/// better — the block's objective is built to be the neighbourhood's part of the whole one, but
/// only the evaluator decides.
///
/// `threads` neighbourhoods with no community in common are solved at once (each GLPK problem on
/// its worker thread) and put back one after the other, each judged on the plan as it then is.
/// Neighbourhoods are visited in a seeded order, so a run that is not cut short by its deadline
/// is deterministic. Why: on large districts of the harder instance families neither the dive
/// nor the master MIP nor local search improves the plan (benchmarks/EXPERIMENTS.md, "Instance
/// families"), while a neighbourhood of a dozen communities is solved to optimality in seconds.
struct NeighbourhoodSearch {
    /// Communities per neighbourhood.
    var size = 12
    /// Units with places left offered to a neighbourhood besides those serving it.
    var spareUnits = 24
    /// Time limit of one neighbourhood's exact solve.
    var secondsPerNeighbourhood = 4.0
    var threads = 2

    /// What a run did, for the solver's statistics.
    struct Result {
        var plan: Plan
        var objective: Double
        var solved = 0
        var improved = 0
    }

    /// The best plan found from `plan` (feasible) by `deadline`.
    func improve(_ plan: Plan, in problem: Problem, deadline: Deadline,
                 cancellation: CancellationFlag = CancellationFlag()) -> Result {
        let start = Evaluator.evaluate(plan, in: problem)
        var result = Result(plan: plan, objective: start.objective)
        let nC = problem.communityCount
        guard start.isFeasible, nC > size else { return result }
        var random = SeededGenerator(seed: 20_261_202)
        let order = (0..<nC).shuffled(using: &random)
        var next = 0
        while next < order.count && !deadline.hasPassed && !cancellation.isCancelled {
            // Up to `threads` neighbourhoods sharing no community.
            var batch: [[Int]] = [], taken = Set<Int>()
            while batch.count < max(1, threads) && next < order.count {
                let hood = neighbourhood(of: order[next], in: problem)
                next += 1
                guard taken.isDisjoint(with: hood) else { continue }
                taken.formUnion(hood)
                batch.append(hood)
            }
            let current = result.plan, search = self, hoods = batch
            let seconds = min(secondsPerNeighbourhood, deadline.remaining)
            guard seconds > 0.2 else { break }
            let solved = WorkerThreads.run(count: hoods.count, threads: threads) { i in
                search.solve(hoods[i], around: current, in: problem, seconds: seconds, cancellation: cancellation)
            }
            for case let (block, blockPlan)? in solved {
                result.solved += 1
                var candidate = result.plan
                for c in block.communities {
                    for u in 0..<problem.unitCount { candidate[unit: u, community: c] = false }
                    candidate.lead[c] = nil
                }
                block.place(blockPlan, into: &candidate)
                let evaluation = Evaluator.evaluate(candidate, in: problem)
                if evaluation.isFeasible && evaluation.objective > result.objective + 1e-12 {
                    result.plan = candidate
                    result.objective = evaluation.objective
                    result.improved += 1
                }
            }
        }
        return result
    }

    /// `community` and its `size − 1` nearest communities, nearest first (ties by index).
    func neighbourhood(of community: Int, in problem: Problem) -> [Int] {
        let communities = problem.instance.communities
        let here = communities[community].location
        func distance(_ c: Int) -> Double {
            if let here, let there = communities[c].location, let d = here.distance(to: there) { return d }
            return Double(abs(c - community))
        }
        let ranked = (0..<problem.communityCount).map { (distance($0), $0) }.sorted { $0 < $1 }
        return ranked.prefix(size).map(\.1)
    }

    /// The neighbourhood `hood` of `plan` as a problem of its own, solved; nil when it has no
    /// units or no plan was found in time.
    func solve(_ hood: [Int], around plan: Plan, in problem: Problem, seconds: Double,
               cancellation: CancellationFlag) -> (BlockProblem, Plan)? {
        let nU = problem.unitCount
        let inside = Set(hood)
        var share = [[Int]](repeating: [0], count: nU), minimum = [[Int]](repeating: [0], count: nU)
        var spare: [(Double, Int)] = []
        for u in 0..<nU {
            var outside = 0, within = 0
            for c in plan.communities(of: u) {
                if inside.contains(c) { within += 1 } else { outside += 1 }
            }
            let unit = problem.units[u]
            let allowedInside = hood.filter { problem.allowed[problem.pair(u, $0)] }.count
            let room = min(unit.maxCommunities - outside, allowedInside)
            guard room > 0 else { continue }
            if within > 0 {
                share[u][0] = room
                minimum[u][0] = min(room, max(0, unit.minCommunities - outside))
            } else if problem.allowed[problem.pair(u, hood[0])] {
                spare.append((problem.distance[problem.pair(u, hood[0])], u))
            }
        }
        for (_, u) in spare.sorted(by: { $0 < $1 }).prefix(spareUnits) {
            let outside = plan.communities(of: u).count
            let allowedInside = hood.filter { problem.allowed[problem.pair(u, $0)] }.count
            share[u][0] = min(problem.units[u].maxCommunities - outside, allowedInside)
            minimum[u][0] = min(share[u][0], max(0, problem.units[u].minCommunities - outside))
        }
        let allocation = UnitAllocation(share: share, minimum: minimum)
        guard let block = try? BlockProblem(problem, block: hood, blockIndex: 0, allocation: allocation) else { return nil }
        // The neighbourhood's own alliances are a plan of the block: the solve starts from them.
        let settings = SolveSettings(timeLimit: seconds, cancellation: cancellation)
        var start = block.restrict(plan)
        block.problem.chooseLeads(&start)
        let strategy = ExactStrategy(initialPlan: start, threads: 1)
        guard let solved = (try? strategy.solve(block.problem, settings: settings))?.plan else { return nil }
        return (block, solved)
    }
}
