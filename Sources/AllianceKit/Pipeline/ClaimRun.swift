import Foundation

/// Stage 2 alone (`alliance claim`): the alliances of a given plan, perhaps edited by hand, claim
/// their communities' projects (领单), and `projects.csv` and `claims.json` are written.
///
/// In two steps, so a front end can show the plan's broken rules before the claiming starts:
/// `evaluate` judges the plan (a plan that breaks a stage-1 rule is still claimed), `run`
/// claims and writes.
public struct ClaimRun: Sendable {
    public var settings: ClaimSettings
    /// Whether projects.csv starts with the byte order mark that tells Excel it is UTF-8.
    public var byteOrderMark: Bool

    public init(settings: ClaimSettings = ClaimSettings(), byteOrderMark: Bool = true) {
        self.settings = settings
        self.byteOrderMark = byteOrderMark
    }

    /// The names `run` writes, in order.
    public static let fileNames = ["projects.csv", "claims.json"]

    /// The plan made of `rows` and its evaluation. Throws the rows that name an organization or
    /// community the lists do not have, as input errors located in the plan file.
    public static func evaluate(_ rows: [Assignment], in problem: Problem) throws -> (plan: Plan, evaluation: Evaluation) {
        let unknown = PlanReader.unknownReferences(in: rows, instance: problem.instance)
        if !unknown.isEmpty { throw InputErrors(unknown) }
        return Evaluator.evaluate(rows, in: problem)
    }

    /// Claims the projects of `problem` for `plan`'s alliances and writes projects.csv and
    /// claims.json together into `folder`.
    public func run(_ plan: Plan, in problem: Problem, into folder: URL) throws -> ClaimResult {
        let claims = try ProjectClaiming.claim(plan, in: problem, settings: settings)
        try AtomicFiles.write([
            ("projects.csv", CSVWriter.file(claims.projectsCSV(communities: problem.communities), byteOrderMark: byteOrderMark)),
            ("claims.json", try claims.summaryJSON()),
        ], into: folder)
        return claims
    }
}
