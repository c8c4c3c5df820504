import AllianceModel

/// The local search's move evaluation, opened for the micro-benchmarks (`benchmarks/micro`):
/// the search state of a plan and, for every unit serving somewhere, the move of that unit from
/// its first community to the first community it does not serve. `gain(ofMove:)` is exactly what
/// the search computes for each move it tries, so timing it times one move evaluation.
public struct LocalSearchProbe: Sendable {
    private let state: SearchState
    private let moves: [Move]

    /// The search state of `plan` (feasible or not) in `problem`.
    public init(plan: Plan, in problem: Problem) {
        let state = SearchState(problem: problem, plan: plan)
        var moves: [Move] = []
        for u in 0 ..< state.nU {
            guard let from = (0 ..< state.nC).first(where: { state.assigned[state.pair(u, $0)] }),
                  let to = (0 ..< state.nC).first(where: { !state.assigned[state.pair(u, $0)] }) else { continue }
            moves.append(.move(unit: u, from: from, to: to))
        }
        self.state = state
        self.moves = moves
    }

    /// How many moves there are to evaluate.
    public var moveCount: Int { moves.count }

    /// The objective change of move `index` (0 ..< `moveCount`).
    public func gain(ofMove index: Int) -> Double { state.gain(moves[index]) }
}
