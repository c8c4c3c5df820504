import AllianceModel

/// The master MIP of `DecompositionRun`: the restricted master solved with whole alliances over
/// every alliance generated (price-and-branch), the known plans offered as incumbents.

extension DecompositionRun {
    /// The restricted master as a MIP over every generated alliance, with the known plans whose
    /// alliances are all in the master offered as incumbents; it ends by `deadline`.
    func masterMIP(until deadline: Deadline) throws {
        guard deadline.remaining > 0.01, !options.cancellation.isCancelled, !planProven else { return }
        let nC = problem.communityCount
        let incumbents: [[Int]] = plans.entries.compactMap { entry in
            var choice: [Int] = []
            for c in 0..<nC {
                guard let j = master.index(of: c, units: entry.plan.units(of: c)) else { return nil }
                choice.append(j)
            }
            return choice
        }
        guard let solution = try master.solveMIP(until: deadline, incumbents: incumbents,
                                                 stop: options.cancellation.stopRequest) else { return }
        masterMIPObjective = solution.objective
        masterMIPProven = solution.proven
        if let (plan, objective) = plan(from: solution.choice) {
            offer(plan, objective: objective, source: .masterMIP)
        }
    }
}
