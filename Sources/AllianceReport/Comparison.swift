import AllianceModel
import Foundation

/// Several strategies run on the same problem, side by side: each plan judged by the
/// evaluator, and every gap measured against the best bound any of them proved.
public struct Comparison: Sendable {
    /// One strategy's result.
    public struct Row: Sendable {
        public var strategy: String
        public var status: SolveStatus?
        public var evaluation: Evaluation?
        public var bound: Double?
        public var seconds: Double
        /// Why there is no plan, when there is none.
        public var failure: String?

        public init(strategy: String, status: SolveStatus?, evaluation: Evaluation?, bound: Double?,
                    seconds: Double, failure: String? = nil) {
            self.strategy = strategy
            self.status = status
            self.evaluation = evaluation
            self.bound = bound
            self.seconds = seconds
            self.failure = failure
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// The smallest bound proven by any strategy (the tightest claim), if any.
    public var bestBound: Double? { rows.compactMap(\.bound).min() }

    /// The best objective reached.
    public var bestObjective: Double? { rows.compactMap { $0.evaluation?.objective }.max() }

    /// Relative gap between a row's objective and the best proven bound.
    public func gap(_ row: Row) -> Double? {
        guard let objective = row.evaluation?.objective, let bound = bestBound else { return nil }
        return max(0, relativeGap(objective: objective, bound: max(bound, objective)))
    }

    /// The names `files` writes, in order.
    public static let fileNames = ["compare.csv", "compare.json"]

    /// `compare.csv` (with the byte order mark Excel needs unless `byteOrderMark` is false) and
    /// `compare.json`, to be written together by `AtomicFiles.write`.
    public func files(byteOrderMark: Bool = true) throws -> [(name: String, contents: Data)] {
        [("compare.csv", CSVWriter.file(csv(), byteOrderMark: byteOrderMark)), ("compare.json", try json())]
    }

    /// `compare.csv`: one row per strategy.
    public func csv() -> String {
        let header = ["strategy", "status", "objective"] + Term.allCases.map(\.rawValue)
            + ["bound", "gap_to_best_bound", "seconds", "violations", "failure"]
        let lines = rows.map { row -> [String] in
            let terms = Term.allCases.map { term in row.evaluation.map { "\($0.terms[term])" } ?? "" }
            return [row.strategy, row.status?.rawValue ?? "none", row.evaluation.map { "\($0.objective)" } ?? ""]
                + terms
                + [row.bound.map { "\($0)" } ?? "", gap(row).map { "\($0)" } ?? "", "\(row.seconds)",
                   row.evaluation.map { "\($0.violations.count)" } ?? "", row.failure ?? ""]
        }
        return CSVWriter.encode(header: header, rows: lines)
    }

    /// `compare.json`: the same, with the best bound and objective.
    public func json() throws -> Data {
        struct Entry: Encodable {
            var strategy: String
            var status: String?
            var objective: Double?
            var terms: Terms?
            var bound: Double?
            var gap_to_best_bound: Double?
            var seconds: Double
            var violations: [String]?
            var failure: String?
        }
        struct Document: Encodable {
            var best_bound: Double?
            var best_objective: Double?
            var strategies: [Entry]
        }
        let document = Document(best_bound: bestBound, best_objective: bestObjective, strategies: rows.map {
            Entry(strategy: $0.strategy, status: $0.status?.rawValue, objective: $0.evaluation?.objective,
                  terms: $0.evaluation?.terms, bound: $0.bound, gap_to_best_bound: gap($0), seconds: $0.seconds,
                  violations: $0.evaluation?.violations.map(\.description), failure: $0.failure)
        })
        return try JSONOutput.encode(document, as: .compare)
    }
}
