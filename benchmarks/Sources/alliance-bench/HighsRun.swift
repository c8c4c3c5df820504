import AllianceKit
import Foundation

/// HiGHS (Python's `highspy`) on the stage-1 model exported as free MPS, through
/// `benchmarks/highs_driver.py`, which maximizes (MPS loses the sense) and reports a trace
/// from HiGHS's callbacks as JSON.
enum HighsRun {
    /// The driver's JSON answer.
    struct Answer: Decodable {
        var read_seconds: Double
        var trace: [[Double?]]
        var objective: Double?
        var bound: Double?
        var status: String
        var total_seconds: Double
    }

    /// Whether `python` can import highspy (the harness skips HiGHS otherwise).
    static func available(python: String, scratch: String) -> Bool {
        let result = try? ChildProcess.run([python, "-c", "import highspy"],
                                           stderrPath: scratch + "/highspy-probe.stderr", deadline: 60)
        return result?.exitCode == 0
    }

    static func run(size: BenchmarkSize, python: String, driver: String, mps: String, timeLimit: Double,
                    logPath: String) throws -> RunRecord {
        var record = RunRecord(solver: "highs", size: size, status: "ok", timeLimit: timeLimit)
        let child = try ChildProcess.run([python, driver, mps, String(timeLimit), logPath],
                                         stderrPath: logPath + ".stderr",
                                         deadline: Harness.deadline(for: timeLimit))
        record.peakMB = child.peakMB
        record.totalSeconds = child.wallSeconds
        if child.timedOut {
            record.status = "timeout"
            record.note = "killed after \(Int(Harness.deadline(for: timeLimit))) s"
            return record
        }
        guard child.exitCode == 0, let json = child.lines.last?.text,
              let answer = try? JSONDecoder().decode(Answer.self, from: Data(json.utf8)) else {
            record.status = "failed"
            record.note = "highs_driver.py exit \(child.exitCode.map(String.init) ?? "signal"); see \(logPath).stderr"
            return record
        }
        record.buildSeconds = answer.read_seconds
        record.trace = answer.trace.compactMap { row in
            guard row.count == 3, let seconds = row[0] else { return nil }
            return TracePoint(seconds: seconds, incumbent: row[1], bound: row[2])
        }
        record.objective = answer.objective
        record.bound = answer.bound
        if let objective = answer.objective, let bound = answer.bound {
            record.gap = relativeGap(objective: objective, bound: bound)
        }
        switch answer.status {
        case "Optimal": record.solveStatus = "optimal"
        case "Time limit reached": record.solveStatus = "time limit"
        default: record.solveStatus = answer.status.lowercased()
        }
        record.firstPlanSeconds = record.trace.first { $0.incumbent != nil }?.seconds
        return record
    }
}
