import AllianceKit
import ArgumentParser
import Foundation

/// `alliance-bench decompose`: column generation alone on one district of a city benchmark,
/// started from the street decomposition's plan, printing every pricing round — where the
/// bound comes from and what each round costs.
struct DecomposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decompose",
        abstract: "Run column generation on one city-benchmark district and print every pricing round.")

    @Option var scale: CityScale = .district
    @Option var index: Int = 0
    @Option(help: "Instance family of the district (base, many-categories, tight, multi, uneven, mixed).")
    var family: InstanceFamily = .base
    @Option(name: .customLong("time-limit"), help: "Seconds for column generation (after the first plan).")
    var timeLimit: Double = 240
    @Option(name: .customLong("first-plan-seconds"), help: "Seconds for the street decomposition's plan.")
    var firstPlanSeconds: Double = 45
    @Option(name: .customLong("plan-share")) var planShare: Double = 0.3
    @Option var smoothing: Double = 0.8
    @Flag var subgradient = false
    @Option(name: .customLong("pricing-tolerance"), help: "Share of the bound–LP gap root pricing may leave unproven.")
    var pricingTolerance: Double = 0.3
    @Option(name: .customLong("root-heuristic-rounds"), help: "Local-search pricing rounds between exact root rounds.")
    var rootHeuristicRounds: Int = 0
    @Option(name: .customLong("block-share"), help: "Share of root column generation spent on street blocks first.")
    var blockShare: Double = 0
    @Option(name: .customLong("warm-start-gap"), help: "First round's gap above which the blocks warm up (negative: always).")
    var warmStartGap: Double = -1
    @Option(name: .customLong("polish-seconds"), help: "Instead of column generation: local search from the first plan.")
    var polishSeconds: Double?
    @Option(name: .customLong("polish-rounds")) var polishRounds: Int = 100_000

    func run() throws {
        try requireReleaseBuild()
        let district = try scale.districtInstances(family: family)[index]
        let problem = try Problem(instance: district.instance, options: PlanningOptions(previousPlan: district.previousPlan))
        let start = Date()
        let first = try StreetStrategy().solve(problem, settings: SolveSettings(timeLimit: firstPlanSeconds))
        let firstEvaluation = first.plan.map { Evaluator.evaluate($0, in: problem) }
        if let e = firstEvaluation {
            log(start, String(format: "first plan %.6f: coverage %.6f balance %.6f distance %.6f preference %.6f keep %.6f",
                              e.objective, e.terms.coverage, e.terms.balance, e.terms.distance, e.terms.preference, e.terms.keep))
        }
        if let polishSeconds, let plan = first.plan {
            let polished = LocalSearchStrategy.improve(plan, in: problem, deadline: Deadline(seconds: polishSeconds),
                                                       perturbationRounds: polishRounds)
            log(start, String(format: "polished %.6f", Evaluator.evaluate(polished, in: problem).objective))
            return
        }
        var options = DecompositionOptions(threads: 2, smoothing: smoothing, planShare: planShare)
        options.subgradient = subgradient
        options.pricingTolerance = pricingTolerance
        options.rootHeuristicRounds = rootHeuristicRounds
        options.blockShare = blockShare
        options.warmStartGap = warmStartGap
        options.roundLog = { round in
            log(start, String(format: "%@ %@ bound=%@ best=%.6f masterLP=%.6f priced=%d unproven=%d entering=%d %.1fs",
                              round.root ? "root" : "dive",
                              round.subgradientStep ? "subgradient" : String(format: "α=%.2f", round.alpha),
                              round.bound.map { String(format: "%.6f", $0) } ?? "—", round.bestBound,
                              round.masterLP, round.priced, round.unproven, round.entering, round.seconds))
        }
        let result = try CommunityDecomposition.run(problem, initialPlans: first.plan.map { [$0] } ?? [],
                                                    deadline: Deadline(seconds: timeLimit), options: options)
        log(start, String(format: "end: bound %.6f plan %@ (%@) rounds %d iterations %d columns %d warm blocks %d (%d converged)",
                          result.bound, result.planObjective.map { String(format: "%.6f", $0) } ?? "none",
                          result.planSource?.rawValue ?? "—", result.pricingRounds, result.iterations, result.columns,
                          result.warmStartBlocks, result.warmStartConverged))
        if let bounds = result.warmStartBlockBounds, let lp = result.warmStartBlockLP {
            log(start, String(format: "blocks: Σ bounds %.6f Σ master LP %.6f", bounds, lp))
        }
    }
}

private func log(_ start: Date, _ line: String) {
    let text = String(format: "%7.1f s  ", Date().timeIntervalSince(start)) + line + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}
