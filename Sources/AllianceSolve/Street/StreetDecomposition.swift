import AllianceModel
import Foundation

/// A heuristic for large instances: solve the problem street by street, then fix up the whole.
///
/// One MIP (or one local search) over every unit–community pair grows as units × communities;
/// blocks of at most ~60 communities (`StreetBlocks`) stay small. Units are allotted to blocks
/// first (`UnitAllocation`), each block becomes a problem of its own judged by the whole
/// problem's mean strength and weights (`BlockProblem`), the blocks are solved in parallel
/// threads (`WorkerThreads`, so every GLPK problem stays on its thread), and their plans are
/// combined into one plan of the whole problem. A coordinating local search on the whole
/// problem then starts from the combined plan (repairing it first when a block missed a rule)
/// and moves units across block borders, which restores balance against the global mean.
/// The result is never worse than a feasible combined plan. It proves no bound.
public struct StreetDecomposition: Sendable {
    /// How each block is solved.
    public enum BlockSolver: String, Sendable {
        /// `LocalSearchStrategy`: deterministic when it finishes its rounds within the time.
        case local
        /// `ExactStrategy` with one thread and the block's share of the time.
        case exact
    }

    /// Largest block (communities) before a street is cut by coordinates.
    public var maxBlockSize: Int
    public var blockSolver: BlockSolver
    /// Threads solving blocks at once.
    public var threads: Int
    /// Share of the time limit for the blocks; the rest is the coordinating step's.
    public var blockShare: Double
    /// Perturbation rounds of the local searches (blocks and coordinating step).
    public var perturbationRounds: Int

    public init(maxBlockSize: Int = StreetBlocks.defaultMaxBlockSize, blockSolver: BlockSolver = .local,
                threads: Int = 2, blockShare: Double = TimePlan.streetBlockShare,
                perturbationRounds: Int = LocalSearchStrategy.defaultRounds) {
        self.maxBlockSize = maxBlockSize
        self.blockSolver = blockSolver
        self.threads = threads
        self.blockShare = blockShare
        self.perturbationRounds = perturbationRounds
    }

    /// What a run produced, for callers that want to look inside (tests, benchmarks).
    public struct Result: Sendable {
        /// Community indices of every block.
        public var blocks: [[Int]]
        /// The block plans put together (may break a rule when a block found no plan).
        public var combined: Plan
        /// The coordinating step's plan: feasible, and at least as good as a feasible `combined`.
        public var plan: Plan
    }

    /// Runs the decomposition within `settings.timeLimit`. Throws `SolveError.infeasible` when
    /// the pre-checks or the repair prove that no plan exists.
    public func run(_ problem: Problem, settings: SolveSettings) throws -> Result {
        try Prechecks.require(problem)
        return try run(problem, deadline: Deadline(seconds: settings.timeLimit, clock: settings.clock),
                       settings: settings)
    }

    /// Runs the decomposition of a problem that passed the pre-checks until `deadline`.
    ///
    /// Re-planning (`SolveSettings.startPlan`, see `StartingPoint.resolve`): pins reach the blocks as
    /// fix and forbid pairs (`BlockProblem`), and the result is never worse than the start plan.
    /// With a change limit the blocks are skipped: plans built block by block from scratch are
    /// far from the start plan, and splitting the limit between blocks would bind each block
    /// needlessly; the coordinating local search alone improves the start plan within the limit
    /// (`combined` is then the start plan).
    func run(_ problem: Problem, deadline: Deadline, settings: SolveSettings) throws -> Result {
        let start = StartingPoint.resolve(problem, settings: settings)
        if problem.maxChanges != nil, let start {
            let plan = LocalSearchStrategy.improve(start, in: problem, deadline: deadline,
                                                   perturbationRounds: perturbationRounds,
                                                   cancellation: settings.cancellation)
            return Result(blocks: [], combined: start, plan: StartingPoint.better(plan, than: start, in: problem) ?? start)
        }
        var result = try runBlocks(problem, deadline: deadline, settings: settings)
        if let better = StartingPoint.better(result.plan, than: start, in: problem) { result.plan = better }
        return result
    }

    private func runBlocks(_ problem: Problem, deadline: Deadline, settings: SolveSettings) throws -> Result {
        let blocks = StreetBlocks.split(problem.communities, maxBlockSize: maxBlockSize)
        let allocation = UnitAllocation(problem: problem, blocks: blocks)
        let waves = Double((blocks.count + max(1, threads) - 1) / max(1, threads))
        let perBlock = max(TimePlan.streetBlockMinimumSeconds, deadline.total * blockShare / max(1, waves))

        let solver = blockSolver, rounds = perturbationRounds, cancellation = settings.cancellation
        let clock = settings.clock
        let solved: [(BlockProblem, Plan)?] = WorkerThreads.run(count: blocks.count, threads: threads) { b in
            guard let block = try? BlockProblem(problem, block: blocks[b], blockIndex: b, allocation: allocation)
            else { return nil }
            var settings = SolveSettings(timeLimit: perBlock, cancellation: cancellation)
            settings.clock = clock
            let strategy: any Strategy = solver == .local
                ? LocalSearchStrategy(perturbationRounds: rounds) : ExactStrategy(threads: 1)
            guard let plan = (try? strategy.solve(block.problem, settings: settings))?.plan else { return nil }
            return (block, plan)
        }
        var combined = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        for case let (block, plan)? in solved { block.place(plan, into: &combined) }

        let coordinated = LocalSearchStrategy.improve(combined, in: problem, deadline: deadline,
                                                      perturbationRounds: perturbationRounds,
                                                      cancellation: settings.cancellation)
        if Evaluator.evaluate(coordinated, in: problem).isFeasible {
            return Result(blocks: blocks, combined: combined, plan: coordinated)
        }
        // The combined plan could not be repaired: start over on the whole problem.
        var rest = settings.limited(to: max(TimePlan.streetBlockMinimumSeconds, deadline.remaining))
        rest.startPlan = nil  // the caller offers the start plan itself
        guard let plan = try LocalSearchStrategy(perturbationRounds: perturbationRounds).solve(problem, settings: rest).plan
        else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
        return Result(blocks: blocks, combined: combined, plan: plan)
    }
}

/// `--strategy street`: `StreetDecomposition` with its defaults (see there). Status `feasible`,
/// no bound.
public struct StreetStrategy: Strategy, Sendable {
    public let name = "street"
    public var decomposition: StreetDecomposition

    public init(decomposition: StreetDecomposition = StreetDecomposition()) {
        self.decomposition = decomposition
    }

    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.open(problem) { run in
            let result = try decomposition.run(problem, deadline: run.deadline, settings: settings)
            if run.progress.isActive {
                run.progress.report(incumbent: Evaluator.evaluate(result.plan, in: problem).objective, bound: nil)
            }
            return run.outcome(.feasible, plan: result.plan)
        }
    }
}
