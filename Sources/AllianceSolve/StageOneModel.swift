import AllianceModel
import GLPK

/// The stage-1 MIP of MODEL.md built into a GLPK problem, with the column of every variable
/// so a solution can be read back into a `Plan` (and a plan written into a solution vector).
///
/// Variables: x_{o,c} (allowed pairs), cov_{c,r} ∈ [0, d_{c,r}] (needs), e_c ≥ 0 (band excess).
///
/// The lead variables y of MODEL.md are projected out: y appears in no objective term, and a
/// choice of y with Σ_o y_{o,c} = 1, y ≤ x exists exactly when some unit that may lead serves c.
/// So the lead rule becomes one row per community, Σ_{o may lead} x_{o,c} ≥ 1 — the same set of
/// feasible x and the same optimum, with |A| fewer columns and rows — and the lead is named
/// afterwards (the strongest such unit). `models/alliance.mod` keeps y, as MODEL.md writes it,
/// and the tests check that both give the same optimum.
///
/// Re-planning (MODEL.md, "Re-planning"): unit and community pins arrive as fixed and forbidden
/// pairs (`Problem.fixed`, `Problem.allowed`); with `--max-changes N` one more row limits the pairs
/// that differ from the start plan F, Σ_{A∖F} x − Σ_{A∩F} x ≤ N − |F| (the pairs of F outside A
/// are changes whatever x is). Lead pins need no row: their pair is fixed, their unit may lead,
/// and `plan(from:)` names the pinned lead (`Problem.chooseLeads`).
///
/// `LinearProgram` is not `Sendable`: a built model lives and dies on the thread that built it.
public final class StageOneModel {
    public let problem: Problem
    public let program: LinearProgram
    /// Column of x_{o,c}, or -1 when the pair is not allowed; indexed like `Problem.allowed`.
    public let xColumn: [Int]
    /// Column of cov_{c,r}, or -1 where there is no need; indexed `c * categories + r`.
    public let coverageColumn: [Int]
    /// Column of e_c.
    public let excessColumn: [Int]
    /// The change-limit row, when `Problem.maxChanges` is set.
    public let changeRow: Int?

    /// Thrown by `init(problem:stop:)` when `stop` asked it to give up.
    public struct BuildStopped: Error {}

    /// Builds the model. Building takes seconds on large instances (about 10 µs per allowed
    /// pair), so `stop` is polled every few thousand columns and rows and before the matrix is
    /// loaded; when it returns true the build throws `BuildStopped` (a deadline passed, or the
    /// solve was cancelled).
    public init(problem: Problem, stop: (() -> Bool)? = nil) throws {
        var polls = 0
        func checkStop() throws {
            polls += 1
            if polls % 1024 == 0, let stop, stop() { throw BuildStopped() }
        }
        self.problem = problem
        let nU = problem.unitCount, nC = problem.communityCount, nR = problem.categoryCount
        // Every objective coefficient and scaled quantity comes from the problem's one source.
        let k = problem.coefficients
        let lp = LinearProgram(name: "alliance", direction: .maximize)

        var xColumn = [Int](repeating: -1, count: nU * nC)
        for u in 0..<nU {
            for c in 0..<nC {
                let p = u * nC + c
                guard problem.allowed[p] else { continue }
                try checkStop()
                // An integer column in [0, 1] (GLPK's binary kind would drop the fixed bound).
                xColumn[p] = try lp.addColumn(
                    name: "x[\(u + 1),\(c + 1)]", kind: .integer,
                    bounds: problem.fixed[p] ? .fixed(1) : .range(0, 1),
                    objective: k.pair[p])
            }
        }
        var coverageColumn = [Int](repeating: -1, count: nC * nR)
        for c in 0..<nC {
            for r in 0..<nR {
                let i = c * nR + r
                let d = problem.need[i]
                guard d > 0 else { continue }
                coverageColumn[i] = try lp.addColumn(name: "cov[\(c + 1),\(r + 1)]", bounds: .range(0, d),
                                                     objective: k.coverage[i])
            }
        }
        let excessColumn = try (0..<nC).map { c in
            try lp.addColumn(name: "e[\(c + 1)]", bounds: .lower(0), objective: k.excessCoefficient)
        }

        var entries: [MatrixEntry] = []
        // 1. m_o ≤ Σ_c x ≤ k_o.
        for u in 0..<nU {
            let row = try lp.addRow(name: "units[\(u + 1)]",
                                    bounds: Self.range(problem.units[u].minCommunities,
                                                       problem.units[u].maxCommunities))
            for c in 0..<nC where xColumn[u * nC + c] >= 0 {
                entries.append(MatrixEntry(row: row, column: xColumn[u * nC + c], value: 1))
            }
            try checkStop()
        }
        for c in 0..<nC {
            polls = 1023  // a community's rows touch every unit: poll for each
            try checkStop()
            // 2. L_c ≤ Σ_o x ≤ U_c.
            let size = try lp.addRow(name: "size[\(c + 1)]",
                                     bounds: Self.range(problem.minSize[c], problem.maxSize[c]))
            // 4. e_c ≥ S_c − (1+τ)S̄ and e_c ≥ (1−τ)S̄ − S_c, with S_c = b_c + Σ (s/k) x.
            let b = problem.communities[c].strength
            let above = try lp.addRow(name: "above[\(c + 1)]", bounds: .lower(b - k.bandHigh))
            let below = try lp.addRow(name: "below[\(c + 1)]", bounds: .lower(k.bandLow - b))
            entries.append(MatrixEntry(row: above, column: excessColumn[c], value: 1))
            entries.append(MatrixEntry(row: below, column: excessColumn[c], value: 1))
            for u in 0..<nU where xColumn[u * nC + c] >= 0 {
                let x = xColumn[u * nC + c]
                let share = k.strengthShare[u]
                entries.append(MatrixEntry(row: size, column: x, value: 1))
                if share != 0 {
                    entries.append(MatrixEntry(row: above, column: x, value: -share))
                    entries.append(MatrixEntry(row: below, column: x, value: share))
                }
            }
            // 3. The lead rule, with y projected out: some unit that may lead serves c.
            if problem.options.leadRule {
                let lead = try lp.addRow(name: "lead[\(c + 1)]", bounds: .lower(1))
                for u in 0..<nU where problem.mayLead(u) && xColumn[u * nC + c] >= 0 {
                    entries.append(MatrixEntry(row: lead, column: xColumn[u * nC + c], value: 1))
                }
            }
            // 5. cov_{c,r} ≤ Σ_o min(q/k, d) x: a unit never contributes more than the need
            // (valid because cov ≤ d), which tightens the LP relaxation.
            for r in 0..<nR where coverageColumn[c * nR + r] >= 0 {
                let row = try lp.addRow(name: "cover[\(c + 1),\(r + 1)]", bounds: .upper(0))
                entries.append(MatrixEntry(row: row, column: coverageColumn[c * nR + r], value: 1))
                let d = problem.need[c * nR + r]
                for u in 0..<nU where xColumn[u * nC + c] >= 0 {
                    let q = min(d, k.resourceShare[u * nR + r])
                    if q != 0 {
                        entries.append(MatrixEntry(row: row, column: xColumn[u * nC + c], value: -q))
                    }
                }
            }
        }
        // 7. The change limit: Σ_{A∖F} x + Σ_{A∩F} (1 − x) + |F∖A| ≤ N.
        var changeRow: Int?
        if let limit = problem.maxChanges {
            let row = try lp.addRow(name: "changes", bounds: .upper(Double(limit - problem.fromPairCount)))
            for p in 0..<xColumn.count where xColumn[p] >= 0 {
                entries.append(MatrixEntry(row: row, column: xColumn[p], value: problem.from[p] ? -1 : 1))
            }
            changeRow = row
        }
        if let stop, stop() { throw BuildStopped() }
        try lp.loadMatrix(entries)

        self.program = lp
        self.xColumn = xColumn
        self.coverageColumn = coverageColumn
        self.excessColumn = excessColumn
        self.changeRow = changeRow
    }

    /// The columns and coefficients of one unweighted term as a linear expression of the
    /// model's variables (COV in cov, BAL in e, DIST/PREF/KEEP in x), scaled as in MODEL.md.
    public func termExpression(_ term: Term) -> [(column: Int, value: Double)] {
        var expression: [(column: Int, value: Double)] = []
        switch term {
        case .coverage:
            guard problem.totalWeightedNeed > 0 else { return [] }
            for (i, column) in coverageColumn.enumerated() where column >= 0 {
                expression.append((column, problem.priority[i] / problem.totalWeightedNeed))
            }
        case .balance:
            let scale = problem.coefficients.balanceScale
            guard scale > 0 else { return [] }
            expression = excessColumn.map { ($0, 1 / scale) }
        case .distance:
            let scale = problem.coefficients.distanceScale
            guard scale > 0 else { return [] }
            for (p, column) in xColumn.enumerated() where column >= 0 && problem.distance[p] != 0 {
                expression.append((column, problem.distance[p] / scale))
            }
        case .preference:
            for (p, column) in xColumn.enumerated() where column >= 0 && problem.preference[p] != 0 {
                expression.append((column, problem.preference[p]))
            }
        case .keep:
            guard problem.previousPairCount > 0 else { return [] }
            for (p, column) in xColumn.enumerated() where column >= 0 && problem.previous[p] {
                expression.append((column, 1 / Double(problem.previousPairCount)))
            }
        }
        return expression
    }

    /// Replaces the objective by Σ weight · term (signs as in MODEL.md: balance and distance
    /// count against). With the problem's own weights this is the model's objective.
    public func setObjective(_ weights: Weights) throws {
        var coefficients = [Double](repeating: 0, count: program.columnCount)
        for term in Term.allCases {
            let weight = weights[term] * (term.isMaximized ? 1 : -1)
            guard weight != 0 else { continue }
            for (column, value) in termExpression(term) { coefficients[column] += weight * value }
        }
        for (column, value) in coefficients.enumerated() {
            try program.setObjectiveCoefficient(column, value)
        }
    }

    /// Adds the row `lower ≤ term ≤ upper`, e.g. to hold an earlier priority's optimum.
    public func constrain(_ term: Term, lower: Double?, upper: Double?) throws {
        let bounds: Bounds
        switch (lower, upper) {
        case let (l?, u?): bounds = .range(min(l, u), max(l, u))
        case let (l?, nil): bounds = .lower(l)
        case let (nil, u?): bounds = .upper(u)
        case (nil, nil): return
        }
        let row = try program.addRow(name: "hold[\(term.rawValue)]", bounds: bounds)
        var entries = program.matrixEntries()
        entries += termExpression(term).map { MatrixEntry(row: row, column: $0.column, value: $0.value) }
        try program.loadMatrix(entries)
    }

    private static func range(_ lower: Int, _ upper: Int) -> Bounds {
        lower == upper ? .fixed(Double(lower)) : .range(Double(lower), Double(max(lower, upper)))
    }

    /// Reads x from a solution vector (values rounded at 0.5) and names each community's lead:
    /// the strongest unit serving it that may lead (ties: list order).
    public func plan(from values: [Double]) -> Plan {
        var plan = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        for p in 0..<xColumn.count where xColumn[p] >= 0 && values[xColumn[p]] > 0.5 {
            plan.assigned[p] = true
        }
        problem.chooseLeads(&plan)
        return plan
    }

    /// A full solution vector for a feasible plan: x from the plan, cov and e at their best
    /// values given x. Used to hand a heuristic plan to branch-and-cut as its first incumbent.
    public func solution(for plan: Plan) -> [Double] {
        var values = [Double](repeating: 0, count: program.columnCount)
        let nR = problem.categoryCount
        for p in 0..<xColumn.count where xColumn[p] >= 0 && plan.assigned[p] { values[xColumn[p]] = 1 }
        for c in 0..<problem.communityCount {
            let members = plan.units(of: c)
            values[excessColumn[c]] = problem.bandExcess(community: c, units: members)
            let covered = problem.coveredNeeds(community: c, units: members)
            for r in 0..<nR where coverageColumn[c * nR + r] >= 0 {
                values[coverageColumn[c * nR + r]] = covered[r]
            }
        }
        return values
    }
}

extension StageOneModel {
    /// The model, or `nil` when `deadline` passes or `cancellation` is set before it is built.
    static func build(_ problem: Problem, deadline: Deadline, cancellation: CancellationFlag) throws -> StageOneModel? {
        guard !cancellation.isCancelled, !deadline.hasPassed else { return nil }
        do {
            return try StageOneModel(problem: problem) { cancellation.isCancelled || deadline.hasPassed }
        } catch is BuildStopped {
            return nil
        }
    }
}
