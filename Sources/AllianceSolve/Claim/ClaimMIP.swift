import AllianceModel
import GLPK

/// Solves one `ClaimSubproblem` exactly with GLPK's branch-and-cut:
///
///     max Σ value_p z_{p,o}
///     Σ_o z_{p,o} ≤ 1                          for every project p
///     Σ_{p: r(p)=r} amount_p z_{p,o} ≤ q_{o,r}  for every claimer o and category r
///     z_{p,o} ∈ {0,1}, only where q_{o,r(p)} ≥ amount_p
///
/// The GLPK problem is created, solved and deleted inside `solve`, on the calling thread.
public enum ClaimMIP {
    /// What one solve found.
    public struct Solution: Sendable, Hashable {
        /// The claimer of each project, or nil.
        public var claimer: [Int?]
        /// Whether optimality was proven (false when the time limit cut the search short).
        public var optimal: Bool
    }

    /// Solves `sub` within `timeLimit` seconds (nil: no limit). The returned claims always
    /// respect the capacities (checked with `ClaimSubproblem.isFeasible`) and are topped up
    /// with `filled`; a search stopped by the time limit returns its best solution so far.
    public static func solve(_ sub: ClaimSubproblem, timeLimit: Double? = nil) throws -> Solution {
        let candidates = (0..<sub.projectCount).map { sub.candidates(of: $0) }
        guard candidates.contains(where: { !$0.isEmpty }) else {
            return Solution(claimer: [Int?](repeating: nil, count: sub.projectCount), optimal: true)
        }
        let lp = LinearProgram(name: "claim", direction: .maximize)
        var columns: [(project: Int, claimer: Int)] = []
        var entries: [MatrixEntry] = []
        // Columns z_{p,o}.
        var columnsOfPair: [[Int]: [Int]] = [:]  // [o, r] → columns
        for p in 0..<sub.projectCount {
            for o in candidates[p] {
                let j = try lp.addColumn(name: "z[\(p + 1),\(o + 1)]", kind: .binary, objective: sub.values[p])
                columns.append((p, o))
                columnsOfPair[[o, sub.categories[p]], default: []].append(j)
            }
        }
        // Each project at most once (only where it has two or more candidates).
        for p in 0..<sub.projectCount where candidates[p].count > 1 {
            let row = try lp.addRow(name: "once[\(p + 1)]", bounds: .upper(1))
            for (j, column) in columns.enumerated() where column.project == p {
                entries.append(MatrixEntry(row: row, column: j, value: 1))
            }
        }
        // Capacities, only where the candidates together could exceed them.
        for key in columnsOfPair.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let js = columnsOfPair[key]!
            let q = sub.capacity[key[0]][key[1]]
            let total = js.reduce(0) { $0 + sub.amounts[columns[$1].project] }
            guard !ClaimSubproblem.fits(total, into: q) else { continue }
            let row = try lp.addRow(name: "cap[\(key[0] + 1),\(key[1] + 1)]",
                                    bounds: .upper(q + 1e-9 * max(1, q)))
            for j in js { entries.append(MatrixEntry(row: row, column: j, value: sub.amounts[columns[j].project])) }
        }
        try lp.loadMatrix(entries)

        var parameters = MIPParameters()
        parameters.timeLimit = timeLimit
        parameters.presolve = false
        parameters.cuts = [.cover, .mixedIntegerRounding]
        let result = try lp.solveMIP(parameters)

        var claimer = [Int?](repeating: nil, count: sub.projectCount)
        if result.status.hasSolution {
            for (j, column) in columns.enumerated() where result.columnValues[j] > 0.5 {
                if claimer[column.project] == nil { claimer[column.project] = column.claimer }
            }
        }
        let optimal = result.status == .optimal && result.returnCode == .success
        // GLPK's tolerances could in theory admit a point our exact check rejects; never
        // report such claims: fall back to the filling heuristic alone.
        if !sub.isFeasible(claimer) {
            return Solution(claimer: sub.filled([Int?](repeating: nil, count: sub.projectCount)), optimal: false)
        }
        return Solution(claimer: sub.filled(claimer), optimal: optimal)
    }
}
