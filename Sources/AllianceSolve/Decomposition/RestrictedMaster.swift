import AllianceModel
import Foundation
import GLPK

/// The restricted master problem of the decomposition, over the alliances generated so far:
///
///     maximize   Σ_{c,P} value(P)·z_{c,P} − M·(artificials)
///     subject to Σ_P z_{c,P} = 1                       for every community c   (dual μ_c)
///                m_o ≤ Σ_c Σ_{P∋o} z_{c,P} ≤ k_o      for every unit o         (dual π_o)
///                Σ_{c,P} changes_c(P)·z_{c,P} ≤ N − |F∖A|  with a change limit  (dual ρ ≥ 0)
///
/// The change row (MODEL.md rule 9, `CommunityColumns.changes`) counts the allowed pairs that
/// differ from the start plan; the start pairs outside the allowed set change whatever the plan
/// and are taken off its right-hand side. Artificial columns count no changes, so the all-
/// artificial point stays feasible (N − |F∖A| ≥ 0 is a pre-check).
///
/// Artificial columns with penalty M keep it feasible before the right alliances exist: one per
/// community row, and a surplus and a slack per unit row. Lives on the thread that built it.
final class RestrictedMaster {
    let data: CommunityColumns
    private(set) var program: LinearProgram
    private(set) var columns: [AllianceColumn] = []
    private var known: [[Int]: Int] = [:]  // [community] + units → alliance index
    private(set) var penalty: Double
    /// Alliances fixed to 1 (chosen) or 0 (excluded) by a dive; the MIP ignores them.
    private(set) var fixings: [Int: Double] = [:]
    /// Artificial columns come first: community rows, then unit surplus, then unit slack.
    private var artificialCount: Int { data.communityCount + 2 * data.unitCount }

    struct LPSolution {
        var objective: Double
        /// π_o of every unit row.
        var unitDuals: [Double]
        /// μ_c of every community row.
        var communityDuals: [Double]
        /// ρ of the change row (0 without a change limit).
        var changeDual: Double
        /// π_o of every unit, then ρ with a change limit: the price vector pricing takes.
        var prices: [Double]
        /// Value of every alliance column (parallel to `columns`).
        var weights: [Double]
        /// Sum of the artificial columns' values.
        var artificial: Double
    }

    init(data: CommunityColumns, penalty: Double) throws {
        self.data = data
        self.penalty = penalty
        self.program = try Self.makeProgram(data: data, penalty: penalty, columns: [], fixings: [:])
    }

    private static func makeProgram(data: CommunityColumns, penalty: Double, columns: [AllianceColumn],
                                    fixings: [Int: Double]) throws -> LinearProgram {
        let nC = data.communityCount, nU = data.unitCount
        let lp = LinearProgram(name: "master", direction: .maximize)
        for c in 0..<nC { try lp.addRow(name: "community[\(c + 1)]", bounds: .fixed(1)) }
        for u in 0..<nU {
            let lower = Double(data.problem.units[u].minCommunities)
            let upper = Double(max(data.problem.units[u].minCommunities, data.problem.units[u].maxCommunities))
            try lp.addRow(name: "unit[\(u + 1)]", bounds: lower == upper ? .fixed(lower) : .range(lower, upper))
        }
        if data.changeLimited { try lp.addRow(name: "changes", bounds: .upper(data.changeCapacity)) }
        for c in 0..<nC { try lp.addColumn(name: "art[\(c + 1)]", bounds: .lower(0), objective: -penalty) }
        for u in 0..<nU { try lp.addColumn(name: "surplus[\(u + 1)]", bounds: .lower(0), objective: -penalty) }
        for u in 0..<nU { try lp.addColumn(name: "slack[\(u + 1)]", bounds: .lower(0), objective: -penalty) }
        for (j, column) in columns.enumerated() {
            try lp.addColumn(name: "", bounds: fixings[j].map { .fixed($0) } ?? .lower(0), objective: column.value)
        }
        try lp.loadMatrix(matrix(data: data, columns: columns))
        return lp
    }

    private static func matrix(data: CommunityColumns, columns: [AllianceColumn]) -> [MatrixEntry] {
        let nC = data.communityCount, nU = data.unitCount
        var entries: [MatrixEntry] = []
        entries.reserveCapacity(nC + 2 * nU + columns.reduce(0) { $0 + 1 + $1.units.count })
        for c in 0..<nC { entries.append(MatrixEntry(row: c, column: c, value: 1)) }
        for u in 0..<nU {
            entries.append(MatrixEntry(row: nC + u, column: nC + u, value: 1))
            entries.append(MatrixEntry(row: nC + u, column: nC + nU + u, value: -1))
        }
        let first = nC + 2 * nU
        for (j, column) in columns.enumerated() {
            entries.append(MatrixEntry(row: column.community, column: first + j, value: 1))
            for u in column.units { entries.append(MatrixEntry(row: nC + u, column: first + j, value: 1)) }
            if data.changeLimited {
                let changes = data.changes(community: column.community, units: column.units)
                if changes != 0 { entries.append(MatrixEntry(row: nC + nU, column: first + j, value: Double(changes))) }
            }
        }
        return entries
    }

    /// The master column index of alliance `j`.
    func masterColumn(_ j: Int) -> Int { artificialCount + j }

    /// Index of an alliance already in the master.
    func index(of community: Int, units: [Int]) -> Int? {
        known[[community] + units]
    }

    /// Adds alliances not yet present; returns how many were new.
    @discardableResult
    func add(_ new: [AllianceColumn]) throws -> Int {
        var added = 0
        for column in new where known[[column.community] + column.units] == nil {
            known[[column.community] + column.units] = columns.count
            columns.append(column)
            try program.addColumn(name: "", bounds: .lower(0), objective: column.value)
            added += 1
        }
        if added > 0 { try program.loadMatrix(Self.matrix(data: data, columns: columns)) }
        return added
    }

    /// Fixes alliance `j` to `value` (1: chosen, 0: excluded) in the LP.
    func fix(_ j: Int, to value: Double) throws {
        fixings[j] = value
        try program.setColumnBounds(masterColumn(j), .fixed(value))
    }

    /// Releases every fixing.
    func unfixAll() throws {
        for j in fixings.keys { try program.setColumnBounds(masterColumn(j), .lower(0)) }
        fixings = [:]
    }

    /// Releases the fixing of alliance `j`.
    func unfix(_ j: Int) throws {
        guard fixings.removeValue(forKey: j) != nil else { return }
        try program.setColumnBounds(masterColumn(j), .lower(0))
    }

    /// Raises the artificial penalty (when artificials stay in an optimal solution).
    func setPenalty(_ value: Double) throws {
        penalty = value
        for j in 0..<artificialCount { try program.setObjectiveCoefficient(j, -value) }
    }

    /// Solves the LP relaxation, warm-started from the previous basis. On a numerical failure
    /// the problem is rebuilt and solved from scratch once. `nil` when stopped by the deadline or
    /// by `stop`.
    func solveLP(deadline: Deadline, stop: (@Sendable () -> Bool)? = nil) throws -> LPSolution? {
        let remaining = deadline.remaining
        guard remaining > 0.001 else { return nil }
        let parameters = SimplexParameters(timeLimit: remaining, method: .primal, stopRequested: stop)
        var result: LPResult
        do {
            result = try program.solveLP(parameters)
        } catch {
            program = try Self.makeProgram(data: data, penalty: penalty, columns: columns, fixings: fixings)
            result = try program.solveLP(parameters)
        }
        guard result.status == .optimal else { return nil }
        let nC = data.communityCount, nU = data.unitCount
        let unitDuals = Array(result.rowDuals[nC..<(nC + nU)])
        let changeDual = data.changeLimited ? result.rowDuals[nC + nU] : 0
        return LPSolution(
            objective: result.objective,
            unitDuals: unitDuals,
            communityDuals: Array(result.rowDuals[0..<nC]),
            changeDual: changeDual,
            prices: data.changeLimited ? unitDuals + [changeDual] : unitDuals,
            weights: Array(result.columnValues[artificialCount...]),
            artificial: result.columnValues[0..<artificialCount].reduce(0, +))
    }

    /// The restricted master as a MIP (z binary, no artificials) ending by `deadline`: one alliance
    /// per community. `incumbents` (alliance indices per community) are offered as a start.
    /// Returns the chosen alliance of every community and GLPK's objective, or `nil`.
    func solveMIP(until deadline: Deadline, incumbents: [[Int]], stop: (@Sendable () -> Bool)? = nil)
        throws -> (choice: [Int], objective: Double, proven: Bool)? {
        let timeLimit = deadline.remaining
        guard timeLimit > 0.001 else { return nil }
        let mip = try Self.makeProgram(data: data, penalty: penalty, columns: columns, fixings: [:])
        for j in 0..<artificialCount { try mip.setColumnBounds(j, .fixed(0)) }
        for j in columns.indices { try mip.setColumnKind(masterColumn(j), .binary) }
        var parameters = MIPParameters()
        parameters.timeLimit = timeLimit
        parameters.presolve = false
        parameters.cuts = [.clique, .gomory, .mixedIntegerRounding]
        parameters.feasibilityPump = true
        parameters.stopRequested = stop
        let starts: [[Double]] = incumbents.map { choice in
            var values = [Double](repeating: 0, count: artificialCount + columns.count)
            for j in choice { values[masterColumn(j)] = 1 }
            return values
        }
        var offered = false
        let result = try mip.solveMIP(parameters) { tree in
            if tree.reason == .heuristic, !offered {
                offered = true
                for values in starts { tree.offerSolution(values) }
            }
        }
        guard result.status.hasSolution else { return nil }
        var choice = [Int](repeating: -1, count: data.communityCount)
        for j in columns.indices where result.columnValues[masterColumn(j)] > 0.5 {
            choice[columns[j].community] = j
        }
        guard !choice.contains(-1) else { return nil }
        return (choice, result.objective, result.status == .optimal && result.returnCode == .success)
    }
}
