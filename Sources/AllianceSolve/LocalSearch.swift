import AllianceModel
import Foundation

/// The clerk's plan (`GreedyStrategy`), improved by local search on the objective of MODEL.md.
///
/// Each unit in turn gets its best feasible move — join, leave, move, swap with another unit,
/// replace or be replaced — valued incrementally from the communities it touches
/// (`SearchState`); the search stops when a full pass finds nothing better. Then a few rounds
/// of seeded random perturbation followed by the same descent keep the best plan found.
/// Deterministic for a given seed (same input, same plan) unless the time limit cuts it short.
/// It proves no bound: its status is always `feasible`.
public struct LocalSearchStrategy: Strategy, Sendable {
    public let name = "local"
    /// Perturbation rounds after the first local optimum (0: plain descent).
    public var perturbationRounds: Int
    /// Seed of the perturbations.
    public var seed: UInt64

    /// Default number of perturbation rounds.
    public static let defaultRounds = 100
    /// Default perturbation seed.
    public static let defaultSeed: UInt64 = 0x5EED_A11A_2024

    public init(perturbationRounds: Int = defaultRounds, seed: UInt64 = defaultSeed) {
        self.perturbationRounds = perturbationRounds
        self.seed = seed
    }

    /// Greedy (or the start plan, `SolveSettings.startPlan`, when there is one), then the search
    /// until a local optimum after `perturbationRounds` rounds or `settings.timeLimit` (which
    /// covers greedy too); progress reports carry the incumbent only. The search never leaves
    /// the change limit (`SearchState`), and its plan is never worse than the one it started from.
    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.open(problem) { run in try search(problem, run: run) }
    }

    private func search(_ problem: Problem, run: SolveRun) throws -> SolveOutcome {
        let start = StartingPoint.resolve(problem, settings: run.settings)
        let initial = try start
            ?? GreedyStrategy.feasiblePlan(problem, deadline: run.deadline, cancellation: run.cancellation)
        var search = LocalSearch(rounds: perturbationRounds, seed: seed, deadline: run.deadline,
                                 cancellation: run.cancellation)
        let progress = run.progress
        if progress.isActive {
            search.report = { objective in progress.report(incumbent: objective, bound: nil) }
        }
        return run.outcome(.feasible, plan: StartingPoint.better(search.run(from: initial, in: problem),
                                                             than: start, in: problem))
    }

    /// Improves a plan by the same search until a local optimum (after the perturbation
    /// rounds), `deadline` or `cancellation`. A plan that breaks a rule is repaired first; if it cannot be, it
    /// is returned unchanged. The result is never worse than a feasible `plan`. Meant for
    /// polishing plans from other strategies (e.g. an `exact` incumbent at its time limit).
    public static func improve(_ plan: Plan, in problem: Problem, deadline: Deadline,
                               perturbationRounds: Int = defaultRounds,
                               cancellation: CancellationFlag = CancellationFlag()) -> Plan {
        var start = plan
        if !Evaluator.evaluate(plan, in: problem).isFeasible {
            guard case .feasible(let repaired) = Repair.makeFeasible(plan, in: problem) else { return plan }
            start = repaired
        }
        let search = LocalSearch(rounds: perturbationRounds, seed: defaultSeed, deadline: deadline,
                                 cancellation: cancellation)
        return search.run(from: start, in: problem)
    }
}

/// The search driver behind `LocalSearchStrategy`: descent, then perturbation rounds.
struct LocalSearch {
    /// Gains at or below this are treated as no gain (rounding noise must not cause cycling).
    static let epsilon = 1e-10

    var rounds: Int
    var seed: UInt64
    var deadline: Deadline
    /// Stops the search like the deadline does.
    var cancellation: CancellationFlag
    /// Called with each new best objective.
    var report: ((Double) -> Void)?

    init(rounds: Int, seed: UInt64, deadline: Deadline, cancellation: CancellationFlag = CancellationFlag()) {
        self.rounds = rounds
        self.seed = seed
        self.deadline = deadline
        self.cancellation = cancellation
    }

    /// Whether the deadline has passed or the search was cancelled.
    var mustStop: Bool { deadline.hasPassed || cancellation.isCancelled }

    /// The best plan found from a feasible `plan`.
    func run(from plan: Plan, in problem: Problem) -> Plan {
        guard problem.unitCount > 0, problem.communityCount > 0 else { return plan }
        var state = SearchState(problem: problem, plan: plan)
        report?(state.objective)
        guard descend(&state, from: Array(0..<state.nU), confirm: true) else { return state.plan(in: problem) }
        report?(state.objective)
        var best = state
        var rng = SeededGenerator(seed: seed)
        let assignments = state.size.reduce(0, +)
        for round in 0..<rounds {
            guard !mustStop else { break }
            var trial = best
            let kicks = 2 + (round % 4) * max(1, assignments / 40)
            var touched: [Int] = []
            for _ in 0..<kicks {
                guard let move = trial.randomMove(using: &rng) else { continue }
                trial.apply(move)
                touched += Self.affected(by: move, in: trial)
            }
            let finished = descend(&trial, from: touched, confirm: false)
            if trial.objective > best.objective + Self.epsilon {
                best = trial
                report?(best.objective)
            }
            if !finished { break }
        }
        // Rounds skip the confirming pass; make the best a true local optimum.
        let before = best.objective
        _ = descend(&best, from: [], confirm: true)
        if best.objective > before + Self.epsilon { report?(best.objective) }
        return best.plan(in: problem)
    }

    /// Units whose best move may have changed most: those `move` changed and every unit serving
    /// a community it changed.
    static func affected(by move: Move, in state: SearchState) -> [Int] {
        move.units + move.communities.flatMap { state.members[$0] }
    }

    /// Local descent: each unit in the work list (starting with `start`) gets its best improving
    /// move; a move puts the units it affects back on the list. When the list runs dry and
    /// `confirm` is set, a full pass over all units confirms a local optimum (or refills the
    /// list); without it, units off the list are assumed unchanged. Returns false when
    /// the deadline stopped it first. The objective is recomputed at the end to shed drift.
    func descend(_ state: inout SearchState, from start: [Int], confirm: Bool) -> Bool {
        defer { state.recomputeObjective() }
        let nU = state.nU
        var queue: [Int] = []
        var head = 0
        var queued = [Bool](repeating: false, count: nU)
        func enqueue(_ units: [Int]) {
            for u in units where !queued[u] {
                queued[u] = true
                queue.append(u)
            }
        }
        var evaluated = 0, nextCheck = 0
        /// Applies u's best move, if it gains; false when the deadline has passed.
        func improve(_ u: Int) -> (improved: Bool, inTime: Bool) {
            var improved = false
            if let (move, _) = state.bestMove(for: u, threshold: Self.epsilon, evaluated: &evaluated) {
                state.apply(move)
                enqueue(Self.affected(by: move, in: state))
                improved = true
            }
            if evaluated >= nextCheck {
                nextCheck = evaluated + 500
                if mustStop { return (improved, false) }
            }
            return (improved, true)
        }
        enqueue(start)
        while true {
            while head < queue.count {
                let u = queue[head]
                head += 1
                queued[u] = false
                guard improve(u).inTime else { return false }
            }
            queue.removeAll(keepingCapacity: true)
            head = 0
            guard confirm else { return true }
            var found = false
            for u in 0..<nU {
                let (improved, inTime) = improve(u)
                guard inTime else { return false }
                found = found || improved
            }
            if !found { return true }
        }
    }
}
