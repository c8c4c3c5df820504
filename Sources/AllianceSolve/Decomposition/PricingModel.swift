import AllianceModel
import Foundation
import GLPK

/// What pricing one community at given unit duals π found.
struct PricingOutcome: Sendable {
    let community: Int
    /// Alliances found (the best first), each with value(P); empty when none was found in time.
    var columns: [AllianceColumn]
    /// A proven upper bound on max_P [value(P) − Σ_{o∈P} π_o − ρ·changes_c(P)] (ρ = 0 without a
    /// change limit; GLPK's tolerance margin included), or `nil` when the solve ended without one.
    var bound: Double?
    /// Whether the pricing MIP was solved to proven optimality.
    var proven: Bool
    /// The tolerance margin included in `bound`.
    var margin: Double = 0
    var seconds: Double
}

/// The pricing problem of one community: the compact model of MODEL.md restricted to that
/// community, with objective value(P) − Σ_{o∈P} π_o − ρ·changes_c(P). With a change limit ρ is
/// the change row's price; changes_c(P) = Σ_{o∉F} x_o + Σ_{o∈F} (1 − x_o) is linear in x, so ρ
/// moves each x_o's coefficient (−ρ off the start plan, +ρ on it) and adds the constant
/// −ρ·|A_c ∩ F|, which is added to the optimum rather than put in the model.
///
/// Variables: x_o ∈ {0,1} for allowed units (fixed to 1 for `fix` pairs), cov_r ∈ [0, d_r],
/// e ≥ 0. Rows: L_c ≤ Σ x ≤ U_c; Σ_{o may lead} x_o ≥ 1 (the lead rule — a lead exists iff
/// some member may lead, so no y variables are needed); e ≥ S − (1+τ)S̄; e ≥ (1−τ)S̄ − S;
/// cov_r ≤ Σ min(d_r, q_{o,r}/k_o) x_o.
///
/// Built once and re-solved with new objective coefficients. Like every `LinearProgram`, it
/// lives and dies on the thread that built it.
final class PricingModel {
    let community: Int
    let data: CommunityColumns
    let program: LinearProgram
    /// Candidate units of the community and their x columns (parallel arrays).
    let units: [Int]
    let xColumn: [Int]
    /// Column of cov_r, or -1 where there is no need.
    let coverageColumn: [Int]
    let excessColumn: Int
    /// Current objective coefficient of each x column.
    private var currentCoefficient: [Double]

    /// GLPK prunes a node whose bound is within `tol_obj · (1 + |incumbent|)` of the incumbent
    /// (tol_obj = 1e-7), so a reported optimum may be that much below the true maximum.
    static let optimalityMargin = 1e-7

    init(community c: Int, data: CommunityColumns) throws {
        self.community = c
        self.data = data
        let problem = data.problem
        let nC = problem.communityCount, nR = problem.categoryCount
        let lp = LinearProgram(name: "pricing\(c + 1)", direction: .maximize)
        let units = data.candidates[c]
        var xColumn: [Int] = []
        for u in units {
            let p = u * nC + c
            xColumn.append(try lp.addColumn(name: "x[\(u + 1)]", kind: .integer,
                                            bounds: problem.fixed[p] ? .fixed(1) : .range(0, 1),
                                            objective: data.pairCoefficient[p]))
        }
        var coverageColumn = [Int](repeating: -1, count: nR)
        for r in 0..<nR where problem.need[c * nR + r] > 0 {
            coverageColumn[r] = try lp.addColumn(name: "cov[\(r + 1)]", bounds: .range(0, problem.need[c * nR + r]),
                                                 objective: data.coverageWeight[c * nR + r])
        }
        let excessColumn = try lp.addColumn(name: "e", bounds: .range(0, max(data.maxExcess[c], 1e-9)),
                                            objective: -data.excessWeight)

        var entries: [MatrixEntry] = []
        let lower = problem.minSize[c], upper = max(problem.minSize[c], problem.maxSize[c])
        let size = try lp.addRow(name: "size", bounds: lower == upper ? .fixed(Double(lower))
                                                                      : .range(Double(lower), Double(upper)))
        for x in xColumn { entries.append(MatrixEntry(row: size, column: x, value: 1)) }
        if problem.options.leadRule {
            let lead = try lp.addRow(name: "lead", bounds: .lower(1))
            for (i, u) in units.enumerated() where problem.units[u].canLead {
                entries.append(MatrixEntry(row: lead, column: xColumn[i], value: 1))
            }
        }
        let coefficients = problem.coefficients
        let b = problem.communities[c].strength
        let above = try lp.addRow(name: "above", bounds: .lower(b - coefficients.bandHigh))
        let below = try lp.addRow(name: "below", bounds: .lower(coefficients.bandLow - b))
        entries.append(MatrixEntry(row: above, column: excessColumn, value: 1))
        entries.append(MatrixEntry(row: below, column: excessColumn, value: 1))
        for (i, u) in units.enumerated() where data.strengthShare[u] != 0 {
            entries.append(MatrixEntry(row: above, column: xColumn[i], value: -data.strengthShare[u]))
            entries.append(MatrixEntry(row: below, column: xColumn[i], value: data.strengthShare[u]))
        }
        for r in 0..<nR where coverageColumn[r] >= 0 {
            let row = try lp.addRow(name: "cover[\(r + 1)]", bounds: .upper(0))
            entries.append(MatrixEntry(row: row, column: coverageColumn[r], value: 1))
            let d = problem.need[c * nR + r]
            for (i, u) in units.enumerated() {
                let q = min(d, coefficients.resourceShare[u * nR + r])
                if q != 0 { entries.append(MatrixEntry(row: row, column: xColumn[i], value: -q)) }
            }
        }
        try lp.loadMatrix(entries)

        self.program = lp
        self.units = units
        self.xColumn = xColumn
        self.coverageColumn = coverageColumn
        self.excessColumn = excessColumn
        self.currentCoefficient = units.map { data.pairCoefficient[$0 * nC + c] }
    }

    /// A full solution vector for an alliance (cov and e at their best values).
    private func solution(for members: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: program.columnCount)
        let memberSet = Set(members)
        for (i, u) in units.enumerated() where memberSet.contains(u) { values[xColumn[i]] = 1 }
        let covered = data.problem.coveredNeeds(community: community, units: members)
        for (r, column) in coverageColumn.enumerated() where column >= 0 { values[column] = covered[r] }
        values[excessColumn] = data.problem.bandExcess(community: community, units: members)
        return values
    }

    private func members(from values: [Double]) -> [Int] {
        units.indices.filter { values[xColumn[$0]] > 0.5 }.map { units[$0] }
    }

    /// Maximizes value(P) − Σ_{o∈P} duals[o] − ρ·changes_c(P), ending by `deadline` (`duals` are
    /// π, then ρ ≥ 0 with a change limit: `CommunityColumns.priceCount`).
    ///
    /// - Parameters:
    ///   - start: an alliance feasible for this community to hand to branch-and-cut as its first
    ///     incumbent (e.g. the best known column at these duals).
    ///   - tolerance: branch-and-cut stops once its best bound is within this much (absolute) of
    ///     its incumbent; the outcome's bound is then that best bound (valid, at most `tolerance`
    ///     weaker) and `proven` is false. 0: solved to optimality.
    func solve(duals: [Double], deadline: Deadline, start: [Int]?, tolerance: Double = 0,
               stop: (@Sendable () -> Bool)? = nil) throws -> PricingOutcome {
        let begin = deadline.clock()
        let nC = data.communityCount
        let rho = data.changeDual(duals)
        for (i, u) in units.enumerated() {
            var coefficient = data.pairCoefficient[u * nC + community] - duals[u]
            if data.changeLimited { coefficient += data.problem.from[u * nC + community] ? rho : -rho }
            if coefficient != currentCoefficient[i] {
                try program.setObjectiveCoefficient(xColumn[i], coefficient)
                currentCoefficient[i] = coefficient
            }
        }
        var parameters = MIPParameters()
        parameters.timeLimit = max(0.001, deadline.remaining)
        parameters.presolve = false
        parameters.cuts = [.mixedIntegerRounding, .cover]
        parameters.stopRequested = stop
        let startValues = start.map(solution(for:))
        var offered = startValues == nil
        var found: [[Int]] = []
        let result = try program.solveMIP(parameters) { tree in
            switch tree.reason {
            case .heuristic where !offered:
                offered = true
                if let startValues { tree.offerSolution(startValues) }
            case .improvedSolution:
                if let values = tree.incumbentValues { found.append(self.members(from: values)) }
            default:
                break
            }
            if tolerance > 0, let incumbent = tree.incumbentObjective, let bound = tree.bestBound,
               bound - incumbent <= tolerance {
                tree.terminate()
            }
        }
        var outcome = PricingOutcome(community: community, columns: [], bound: nil, proven: false,
                                     seconds: 0)
        if result.status.hasSolution {
            found.append(members(from: result.columnValues))
        }
        // Best first, distinct, valued exactly.
        var seen = Set<[Int]>()
        var best = -Double.infinity
        for members in found.reversed() where seen.insert(members).inserted {
            guard data.isFeasible(community: community, units: members) else { continue }
            let value = data.value(community: community, units: members)
            outcome.columns.append(AllianceColumn(community: community, units: members, value: value))
            best = max(best, data.score(community: community, units: members, value: value, duals: duals))
        }
        switch result.status {
        case .noFeasible where result.returnCode == .success || result.returnCode == .noPrimalFeasible:
            outcome.bound = -.infinity  // no alliance at all: the whole problem is infeasible
            outcome.proven = true
        default:
            // The model leaves out the constant −ρ·|A_c ∩ F| of −ρ·changes_c (zero without a limit).
            let constant = data.changeLimited ? -rho * Double(data.startCount[community]) : 0
            if result.status == .optimal && result.returnCode == .success {
                outcome.proven = true
                outcome.bound = max(data.changeLimited ? result.objective + constant : result.objective, best)
            } else if let bound = result.bestBound {
                outcome.bound = max(data.changeLimited ? bound + constant : bound, best)
            }
        }
        if let bound = outcome.bound, bound.isFinite {
            outcome.margin = Self.optimalityMargin * (1 + abs(bound))
            outcome.bound = bound + outcome.margin
        }
        outcome.seconds = (deadline.clock() - begin).seconds
        return outcome
    }
}
