import Foundation

/// Recognises a district a batch has already planned, so that a killed or re-submitted batch
/// (a Slurm array task run again, a Kubernetes pod retried with its index) does not solve it
/// again: the district's folder holds a `district.json` (`DistrictOutcome`) with a plan and the
/// same `input_digest` as the district now has, and every file the batch writes beside it.
///
/// The digest is SHA-256 over a canonical text of what decides the district's plan and files:
/// the district's lists as `InstanceWriter` writes them (every row, in order), its part of the
/// previous plan and of the start plan, its pins, the model options, the run options (strategy,
/// time limit, gap, priorities, size limit, timings, byte order mark), the batch's time budget
/// and the tool's version. A change to any of them solves the district again; `--force` solves
/// every district again whatever its folder holds.
///
/// A batch writes `district.json` last, after the plan files have been renamed into place
/// (`AtomicFiles` renames in order), so a task killed in the middle never leaves a folder that
/// counts as done with files from an older solve.
public enum DistrictResume {
    /// The digest of `district` solved with these options.
    public static func digest(_ district: DistrictInstance, planning: PlanningOptions, run: RunOptions,
                              timeBudget: BatchTimeBudget? = nil) -> String {
        var hasher = SHA256()
        func add(_ name: String, _ text: String) {
            hasher.update("\(name) \(text.utf8.count)\n")
            hasher.update(text)
            hasher.update("\n")
        }
        add("format", "alliance district digest 1; tool \(ToolVersion.current)")
        add("district", district.name)
        for file in InstanceWriter.files(district.instance) {
            hasher.update("file \(file.name) \(file.contents.count)\n")
            hasher.update(file.contents)
        }
        add("previous", district.previousPlan.map(InstanceWriter.planCSV) ?? "none")
        add("from", district.from.map(InstanceWriter.planCSV) ?? "none")
        add("pins", district.pins.map(\.description).joined(separator: "\n"))
        let weights = planning.weights
        add("model", [
            "weights \(weights.coverage) \(weights.balance) \(weights.distance) \(weights.preference) \(weights.keep)",
            "band \(planning.balanceBand)", "lead_rule \(planning.leadRule)",
            "max_distance \(planning.maxDistanceKm.map { "\($0)" } ?? "none")",
            "candidates \(planning.candidates.map { "\($0)" } ?? "none")",
            "mean_strength \(planning.meanStrengthOverride.map { "\($0)" } ?? "none")",
            "max_changes \(planning.maxChanges.map { "\($0)" } ?? "none")",
            "start_plan \(planning.from != nil)",
        ].joined(separator: "\n"))
        add("run", [
            "strategy \(run.strategy.rawValue)", "time_limit \(run.timeLimit)", "gap \(run.relativeGap)",
            "priorities \(run.priorities.map { $0.map(\.rawValue).joined(separator: ",") } ?? "none")",
            "priority_tolerance \(run.priorityTolerance)", "max_pairs \(run.sizeLimit.maxPairs)",
            "timings \(run.includeTimings)", "byte_order_mark \(run.byteOrderMark)",
            "time_budget \(timeBudget.map { "\($0.seconds) \($0.solveLimit.map { "\($0)" } ?? "none")" } ?? "none")",
        ].joined(separator: "\n"))
        return hasher.finalHex()
    }

    /// The outcome recorded in `folder` when it is a finished plan of the district with this
    /// digest, with every file a batch writes present; nil otherwise (solve it).
    public static func finished(in folder: URL, digest: String) -> DistrictOutcome? {
        guard let outcome = DistrictOutcome.read(from: folder), outcome.hasPlan, outcome.input_digest == digest
        else { return nil }
        let manager = FileManager.default
        let required = ["plan.csv", "plan.json", "plan.xlsx", "report.html", "communities.csv"]
        guard required.allSatisfy({ manager.fileExists(atPath: folder.appendingPathComponent($0).path) }) else { return nil }
        return outcome
    }
}
