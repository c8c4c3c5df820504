import AllianceKit
import Foundation

/// One point of a solve's trace: at `seconds` after the solver was handed its input, the best
/// plan found had objective `incumbent` and the best proven upper bound was `bound`.
struct TracePoint: Codable, Sendable, Equatable {
    var seconds: Double
    var incumbent: Double?
    var bound: Double?
}

/// What one solver did on one size: the row of a results table. Written by `solve-one`
/// (Swift strategies) or by the harness itself (glpsol, HiGHS), collected per size.
struct RunRecord: Codable, Sendable {
    /// "greedy", "exact", … or "glpsol", "highs".
    var solver: String
    var size: BenchmarkSize
    /// "ok", "skipped", "failed" or "timeout" (killed by the harness).
    var status: String
    /// Why a run was skipped or failed, or remarks ("no plan within the time limit").
    var note: String?
    /// The time limit given to the solver, seconds.
    var timeLimit: Double
    /// Building the model: Problem derivation (+ StageOneModel for exact), MathProg
    /// translation for glpsol, reading the MPS file for HiGHS.
    var buildSeconds: Double?
    /// First time an incumbent appears in the trace (or the final plan, if no trace had one).
    var firstPlanSeconds: Double?
    var trace: [TracePoint] = []
    /// Objective of the returned plan (`Evaluator.evaluate` for Swift strategies).
    var objective: Double?
    var bound: Double?
    var gap: Double?
    /// The solver's status word: optimal / feasible / time limit …
    var solveStatus: String?
    /// Broken rules in the returned plan (must be 0).
    var violations: Int?
    /// Wall time of the whole child process, seconds.
    var totalSeconds: Double?
    /// Peak resident memory of the child process, MB.
    var peakMB: Double?
    /// The strategy's own figures (`SolveOutcome.statistics`: the exact strategy's column
    /// generation and branch-and-cut), when it reports any.
    var statistics: [String: Double]?

    init(solver: String, size: BenchmarkSize, status: String, note: String? = nil, timeLimit: Double) {
        self.solver = solver
        self.size = size
        self.status = status
        self.note = note
        self.timeLimit = timeLimit
    }

    /// A run proved optimality (so its plan stands at every later time).
    var provedOptimal: Bool { solveStatus == "optimal" }
}

/// The results file of one size: every run plus how they were made.
struct SizeResults: Codable, Sendable {
    var size: BenchmarkSize
    /// The instance family (`nil` in files written before families: the base one).
    var family: InstanceFamily?
    var communities: Int
    var organizations: Int
    /// Units after group merging, pairs allowed, need categories.
    var units: Int
    var categories: Int
    var timeLimit: Double
    /// The harness command line that produced this file.
    var command: String
    /// ISO 8601.
    var date: String
    /// `/proc/loadavg` (1, 5, 15 minutes) when the size's runs started: other load skews timings.
    var loadAverage: String?
    var runs: [RunRecord]
}

extension JSONEncoder {
    /// Pretty, key-sorted JSON so that results files diff well.
    static var results: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
