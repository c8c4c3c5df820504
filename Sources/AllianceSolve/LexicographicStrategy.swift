import AllianceModel
import Foundation

/// Optimizes the terms one after another instead of weighing them: first the best coverage
/// (say), then the best balance among plans that keep that coverage within a tolerance, and so
/// on; finally the weighted objective breaks the remaining ties. An alternative to choosing
/// weights for users who can say "coverage matters most, then balance, then distance".
public struct LexicographicStrategy: Strategy {
    public let name = "exact"
    /// The terms in order of importance.
    public var priorities: [Term]
    /// How much of an earlier term's optimum a later stage may give up, relative (0.001 = 0.1 %).
    public var tolerance: Double
    /// A plan to start from (must satisfy every rule).
    public var initialPlan: Plan?

    public init(priorities: [Term], tolerance: Double = 0.001, initialPlan: Plan? = nil) {
        precondition(tolerance >= 0 && tolerance.isFinite, "tolerance must be ≥ 0")
        self.priorities = priorities
        self.tolerance = tolerance
        self.initialPlan = initialPlan
    }

    /// Each stage gets an equal share of the time still left; when none is left (or the solve is
    /// cancelled) the remaining stages are skipped. The result is `optimal` only when every stage
    /// was proven optimal; a stage stopped by the time limit holds the best value it found. No
    /// bound is reported: the stages' bounds are not bounds on the weighted objective.
    public func solve(_ problem: Problem, settings: SolveSettings) throws -> SolveOutcome {
        try settings.open(problem) { run in try solveStages(problem, run: run) }
    }

    private func solveStages(_ problem: Problem, run: SolveRun) throws -> SolveOutcome {
        let settings = run.settings, deadline = run.deadline
        // The start plan (`SolveSettings.startPlan`) warm-starts the first stage when no
        // `initialPlan` is given; pins and the change limit are rows of the model every stage
        // solves. The stages rank terms, not the weighted objective, so the result may score
        // below the start plan by weight — by design of this strategy.
        let initialPlan = initialPlan ?? StartingPoint.resolve(problem, settings: settings)
        guard let model = try StageOneModel.build(problem, deadline: deadline, cancellation: settings.cancellation)
        else {
            guard let plan = initialPlan else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
            return run.outcome(.feasible, plan: plan)
        }
        var plan = initialPlan
        var proven = true
        var log = ""
        let stages: [Term?] = priorities.map { $0 } + [nil]
        for (index, term) in stages.enumerated() {
            if plan != nil && (deadline.remaining <= TimePlan.branchAndCutFloorSeconds || settings.isCancelled) {
                proven = false
                break
            }
            // An equal share of what is left for this stage and each later one.
            let share = deadline.share(1 / Double(stages.count - index))
            if let term {
                var weights = Weights(coverage: 0, balance: 0, distance: 0, preference: 0, keep: 0)
                weights[term] = 1
                try model.setObjective(weights)
            } else {
                try model.setObjective(problem.options.weights)
            }
            let result = try BranchAndCut.run(model, run: run, deadline: share, startPlan: plan)
            log += result.log
            guard let found = result.plan else {
                guard plan != nil else { throw SolveError.noPlanWithinTimeLimit(seconds: settings.timeLimit) }
                proven = false
                break
            }
            plan = found
            proven = proven && result.status == .optimal
            guard let term else { break }
            // Hold this term at its optimum (within the tolerance) for the later stages.
            let value = Evaluator.evaluate(found, in: problem).terms[term]
            let slack = tolerance * abs(value) + 1e-9
            try model.constrain(term, lower: term.isMaximized ? value - slack : nil,
                                upper: term.isMaximized ? nil : value + slack)
        }
        return run.outcome(proven ? .optimal : .feasible, plan: plan, log: log)
    }
}
