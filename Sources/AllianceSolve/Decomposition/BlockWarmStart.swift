import AllianceModel
import Foundation

/// Alliances and unit prices for the decomposition of a large district, found street block by
/// street block.
///
/// On a large district one round of pricing costs many seconds and the master's duals move
/// slowly, so column generation over the whole district gets few rounds and its bound stays far
/// from the Dantzig–Wolfe bound. The street blocks of `StreetDecomposition` (each with its own
/// units, `UnitAllocation`) are small: column generation on each converges quickly, in
/// parallel threads. Every alliance a block generates is an alliance of the whole problem with
/// the same value (`BlockProblem` keeps each community's share of the objective), and the blocks'
/// master LP solutions together satisfy the whole master's unit rows whenever the allotment gave
/// every unit its minimum (as it usually does), so the whole master starts near the blocks'
/// combined LP value. The blocks' unit prices (each unit's from the block where
/// it has most places) are where the whole problem's first pricing round is evaluated; like any
/// prices they give a valid Lagrangian bound of the whole problem — the blocks themselves prove
/// nothing about it, since they restrict which units serve where.
struct BlockWarmStart {
    /// Alliances of the whole problem (whole-problem indices, values by the whole problem's data).
    var columns: [AllianceColumn]
    /// A price per unit of the whole problem (0 for a unit in no block's problem).
    var duals: [Double]
    /// Blocks solved, and how many of them converged.
    var blocks: Int
    var converged: Int
    /// Σ of the blocks' proven bounds and of their last master LP values (for diagnosis: the
    /// blocks restrict the whole problem, so neither bounds it).
    var blockBounds: Double
    var blockLP: Double

    /// Runs root column generation on every street block until `deadline` (blocks in parallel on
    /// `threads` threads, each block with an even part of the time left when it starts), seeded
    /// with the alliances of `initialPlan` that fit its block. Nil when the district is one
    /// block or no block produced prices.
    static func compute(_ problem: Problem, data: CommunityColumns, initialPlan: Plan?, deadline: Deadline,
                        threads: Int, smoothing: Double, cancellation: CancellationFlag) -> BlockWarmStart? {
        let blocks = StreetBlocks.split(problem.communities)
        guard blocks.count > 1 else { return nil }
        let allocation = UnitAllocation(problem: problem, blocks: blocks)
        let threads = max(1, threads)
        let solved: [(BlockProblem, DecompositionResult)?] = WorkerThreads.run(count: blocks.count, threads: threads) { b in
            guard !cancellation.isCancelled,
                  let block = try? BlockProblem(problem, block: blocks[b], blockIndex: b, allocation: allocation)
            else { return nil }
            // Blocks start in index order: the time left is shared by the waves still to come.
            let waves = Double((blocks.count - b + threads - 1) / threads)
            let blockDeadline = deadline.share(1 / max(1, waves))
            var options = DecompositionOptions(threads: 1, smoothing: smoothing, planShare: 0, dive: false,
                                               masterMIPTimeLimit: 0)
            options.cancellation = cancellation
            let seeds = initialPlan.map { [block.restrict($0)] } ?? []
            guard let result = try? CommunityDecomposition.run(block.problem, initialPlans: seeds,
                                                               deadline: blockDeadline, options: options)
            else { return nil }
            return (block, result)
        }

        var columns: [AllianceColumn] = []
        var duals = [Double](repeating: 0, count: problem.unitCount)
        var pricedShare = [Int](repeating: 0, count: problem.unitCount)
        var converged = 0, priced = 0
        var blockBounds = 0.0, blockLP = 0.0
        for (b, entry) in solved.enumerated() {
            guard let (block, result) = entry else { continue }
            if result.converged { converged += 1 }
            blockBounds += result.bound
            blockLP += result.masterLP ?? .nan
            for column in result.alliances {
                let c = block.communities[column.community]
                let units = column.units.map { block.units[$0] }.sorted()
                guard data.isFeasible(community: c, units: units) else { continue }
                columns.append(AllianceColumn(community: c, units: units, value: data.value(community: c, units: units)))
            }
            guard let prices = result.prices else { continue }
            priced += 1
            for (i, u) in block.units.enumerated() where allocation.share[u][b] > pricedShare[u] {
                pricedShare[u] = allocation.share[u][b]
                duals[u] = prices[i]
            }
        }
        guard priced > 0 else { return nil }
        return BlockWarmStart(columns: columns, duals: duals, blocks: blocks.count, converged: converged,
                              blockBounds: blockBounds, blockLP: blockLP)
    }
}

extension BlockProblem {
    /// The part of a whole plan that falls on this block: its communities, served by the units
    /// of the block's problem (other units dropped). May break the block's rules.
    func restrict(_ plan: Plan) -> Plan {
        var part = Plan(unitCount: units.count, communityCount: communities.count)
        for (i, u) in units.enumerated() {
            for (j, c) in communities.enumerated() where plan[unit: u, community: c] {
                part[unit: i, community: j] = true
            }
        }
        return part
    }
}
