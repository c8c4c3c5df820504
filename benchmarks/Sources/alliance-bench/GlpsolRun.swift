import AllianceKit
import Foundation

/// GLPK's stand-alone solver on `models/alliance.mod` with the data from `MathProgDataWriter`,
/// as a user without this package would run it: `glpsol -m alliance.mod -d X.dat --tmlim T`.
/// Its trace comes from the progress lines, stamped as they arrive:
///
///     +  1234: mip =   9.59e-01 <=   9.66e-01   0.8% (5; 3)
///     +  1300: >>>>>   9.60e-01 <=   9.66e-01   0.6% (7; 3)
enum GlpsolRun {
    static func run(size: BenchmarkSize, model: String, data: String, timeLimit: Double,
                    logPath: String) throws -> RunRecord {
        var record = RunRecord(solver: "glpsol", size: size, status: "ok", timeLimit: timeLimit)
        let tmlim = String(max(1, Int(timeLimit.rounded())))
        let child = try ChildProcess.run(["glpsol", "-m", model, "-d", data, "--tmlim", tmlim],
                                         stderrPath: logPath + ".stderr",
                                         deadline: Harness.deadline(for: timeLimit))
        try child.stdout.write(toFile: logPath, atomically: true, encoding: .utf8)
        record.peakMB = child.peakMB
        record.totalSeconds = child.wallSeconds
        parse(child.lines, into: &record)
        if child.timedOut {
            record.status = "timeout"
            record.note = "killed after \(Int(Harness.deadline(for: timeLimit))) s"
        } else if child.exitCode != 0 {
            record.status = "failed"
            record.note = "glpsol exit \(child.exitCode.map(String.init) ?? "signal"); see \(logPath)"
        }
        return record
    }

    /// Fills build time, trace, final objective, bound, gap and status from glpsol's output.
    static func parse(_ lines: [TimedLine], into record: inout RunRecord) {
        var trace: [TracePoint] = []
        var objective: Double?
        var optimal = false
        for line in lines {
            let text = line.text
            if text.contains("Model has been successfully generated") {
                record.buildSeconds = line.seconds
            } else if text.hasPrefix("+"), let point = progressPoint(text, seconds: line.seconds) {
                trace.append(point)
            } else if text.hasPrefix("OBJECTIVE ") {
                objective = Double(text.dropFirst("OBJECTIVE ".count).trimmingCharacters(in: .whitespaces))
            } else if text.contains("INTEGER OPTIMAL SOLUTION FOUND") {
                optimal = true
            } else if text.contains("TIME LIMIT EXCEEDED") {
                record.solveStatus = "time limit"
            } else if text.contains("PROBLEM HAS NO") {
                record.note = text.trimmingCharacters(in: .whitespaces)
            }
        }
        if optimal { record.solveStatus = "optimal" }
        var bound = trace.last { $0.bound != nil }?.bound
        if optimal, let objective { bound = objective }
        record.objective = objective
        record.bound = bound
        if let objective, let bound { record.gap = relativeGap(objective: objective, bound: bound) }
        let end = lines.last?.seconds ?? 0
        trace.append(TracePoint(seconds: end, incumbent: objective, bound: bound))
        record.trace = trace
        record.firstPlanSeconds = trace.first { $0.incumbent != nil }?.seconds
    }

    /// One `+ N: mip = X <= Y …` or `+ N: >>>>> X <= Y …` line; X may be "not found yet".
    static func progressPoint(_ text: String, seconds: Double) -> TracePoint? {
        let marker: Range<String.Index>
        if let range = text.range(of: "mip =") {
            marker = range
        } else if let range = text.range(of: ">>>>>") {
            marker = range
        } else {
            return nil
        }
        let rest = text[marker.upperBound...]
        let relation = rest.range(of: "<=") ?? rest.range(of: ">=")
        guard let relation else { return nil }
        let incumbent = Double(rest[..<relation.lowerBound].trimmingCharacters(in: .whitespaces))
        let after = rest[relation.upperBound...].split(separator: " ", omittingEmptySubsequences: true)
        let bound = after.first.flatMap { Double($0) }
        return TracePoint(seconds: seconds, incumbent: incumbent, bound: bound.flatMap { abs($0) < 1e30 ? $0 : nil })
    }
}
