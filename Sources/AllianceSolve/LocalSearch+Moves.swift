import AllianceModel

/// One change of a plan that keeps every rule satisfied when its `SearchState.isFeasible` holds.
enum Move: Hashable {
    /// Unit joins a community (it serves fewer than k_o, the community has room).
    case add(unit: Int, community: Int)
    /// Unit leaves a community (it serves more than m_o, the community has more than L_c).
    case remove(unit: Int, community: Int)
    /// Unit moves from one community to another.
    case move(unit: Int, from: Int, to: Int)
    /// Two units serving two communities exchange them.
    case swap(unit: Int, at: Int, with: Int, atOther: Int)
    /// In a community, one unit takes another one's place.
    case replace(leaving: Int, joining: Int, community: Int)
}

extension Move {
    /// The units a move changes.
    var units: [Int] {
        switch self {
        case let .add(u, _), let .remove(u, _), let .move(u, _, _): return [u]
        case let .swap(u1, _, u2, _): return [u1, u2]
        case let .replace(out, into, _): return [out, into]
        }
    }

    /// The communities a move changes.
    var communities: [Int] {
        switch self {
        case let .add(_, c), let .remove(_, c), let .replace(_, _, c): return [c]
        case let .move(_, c1, c2), let .swap(_, c1, _, c2): return [c1, c2]
        }
    }
}

extension SearchState {
    /// Whether unit `u` may leave community `c` while nobody that may lead joins it:
    /// it serves there, the pair is not fixed, and it is not the last unit able to lead there.
    @inline(__always) func canLeave(_ u: Int, _ c: Int) -> Bool {
        assigned[pair(u, c)] && !fixed[pair(u, c)] && (!leader[u] || leaders[c] > 1)
    }

    @inline(__always) func canJoin(_ u: Int, _ c: Int) -> Bool {
        allowed[pair(u, c)] && !assigned[pair(u, c)]
    }

    /// `leaving` gives up its place in `c` to `joining`: the lead rule stays met.
    @inline(__always) func leadKept(_ c: Int, leaving: Int, joining: Int) -> Bool {
        !leader[leaving] || leader[joining] || leaders[c] > 1
    }

    /// The change of the number of pairs that differ from the start plan when `move` is applied.
    func changeDelta(_ move: Move) -> Int {
        /// +1 when setting pair (u, c) to `on` moves it away from the start plan, −1 when back.
        @inline(__always) func toggle(_ u: Int, _ c: Int, _ on: Bool) -> Int { on != from[pair(u, c)] ? 1 : -1 }
        switch move {
        case let .add(u, c): return toggle(u, c, true)
        case let .remove(u, c): return toggle(u, c, false)
        case let .move(u, c1, c2): return toggle(u, c1, false) + toggle(u, c2, true)
        case let .swap(u1, c1, u2, c2):
            return toggle(u1, c1, false) + toggle(u2, c2, false) + toggle(u1, c2, true) + toggle(u2, c1, true)
        case let .replace(out, into, c): return toggle(out, c, false) + toggle(into, c, true)
        }
    }

    /// Whether `move` keeps the change limit: always without one; with one, when the move does not
    /// add changes or the count stays within the limit (so a search started above the limit —
    /// from a repaired plan — may still move back toward the start plan, never away from it).
    @inline(__always) func withinLimit(_ move: Move) -> Bool {
        guard !from.isEmpty else { return true }
        let delta = changeDelta(move)
        return delta <= 0 || changes + delta <= changeLimit
    }

    /// Whether applying `move` keeps every rule of the plan satisfied (assuming it holds now).
    func isFeasible(_ move: Move) -> Bool {
        withinLimit(move) && satisfiesPlanRules(move)
    }

    /// Every rule but the change limit (`withinLimit`).
    private func satisfiesPlanRules(_ move: Move) -> Bool {
        switch move {
        case let .add(u, c):
            return canJoin(u, c) && degree[u] < maxDegree[u] && size[c] < maxSize[c]
        case let .remove(u, c):
            return canLeave(u, c) && degree[u] > minDegree[u] && size[c] > minSize[c]
        case let .move(u, c1, c2):
            return c1 != c2 && canLeave(u, c1) && canJoin(u, c2) && size[c1] > minSize[c1] && size[c2] < maxSize[c2]
        case let .swap(u1, c1, u2, c2):
            return u1 != u2 && c1 != c2 && assigned[pair(u1, c1)] && assigned[pair(u2, c2)]
                && !fixed[pair(u1, c1)] && !fixed[pair(u2, c2)] && canJoin(u1, c2) && canJoin(u2, c1)
                && leadKept(c1, leaving: u1, joining: u2) && leadKept(c2, leaving: u2, joining: u1)
        case let .replace(out, into, c):
            return out != into && assigned[pair(out, c)] && !fixed[pair(out, c)] && canJoin(into, c)
                && degree[out] > minDegree[out] && degree[into] < maxDegree[into]
                && leadKept(c, leaving: out, joining: into)
        }
    }

    /// The objective change `move` would make.
    func gain(_ move: Move) -> Double {
        switch move {
        case let .add(u, c):
            return addGain(u, c)
        case let .remove(u, c):
            return removeGain(u, c)
        case let .move(u, c1, c2):
            return removeGain(u, c1) + addGain(u, c2)
        case let .swap(u1, c1, u2, c2):
            return coefficient[pair(u1, c2)] - coefficient[pair(u1, c1)]
                + coefficient[pair(u2, c1)] - coefficient[pair(u2, c2)]
                + communityDelta(c1, add: u2, remove: u1) + communityDelta(c2, add: u1, remove: u2)
        case let .replace(out, into, c):
            return coefficient[pair(into, c)] - coefficient[pair(out, c)] + communityDelta(c, add: into, remove: out)
        }
    }

    /// Applies `move` (its feasibility is the caller's business).
    mutating func apply(_ move: Move) {
        switch move {
        case let .add(u, c):
            add(u, c)
        case let .remove(u, c):
            remove(u, c)
        case let .move(u, c1, c2):
            remove(u, c1)
            add(u, c2)
        case let .swap(u1, c1, u2, c2):
            remove(u1, c1)
            remove(u2, c2)
            add(u1, c2)
            add(u2, c1)
        case let .replace(out, into, c):
            remove(out, c)
            add(into, c)
        }
    }

    /// The feasible move involving unit `u` with the largest gain above `threshold`, if any:
    /// `u` joining, leaving, moving, swapping with any other assigned unit, or replacing (or
    /// being replaced by) another unit in one community. Scans in a fixed order; the first of
    /// equal gains wins. `evaluated` counts the moves looked at. Moves beyond the change limit
    /// are skipped (checked only for a move that would be the best so far).
    func bestMove(for u: Int, threshold: Double, evaluated: inout Int) -> (move: Move, gain: Double)? {
        var best: Move?
        var bestGain = threshold
        @inline(__always) func consider(_ move: @autoclosure () -> Move, _ gain: Double) {
            evaluated += 1
            if gain > bestGain {
                let candidate = move()
                guard withinLimit(candidate) else { return }
                bestGain = gain
                best = candidate
            }
        }
        // What u's leaving or joining each community alone is worth (nan: not possible).
        var leave = [Double](repeating: .nan, count: nC)
        var join = [Double](repeating: .nan, count: nC)
        for c in 0..<nC {
            if canLeave(u, c) { leave[c] = removeGain(u, c) } else if canJoin(u, c) { join[c] = addGain(u, c) }
        }
        let spare = degree[u] < maxDegree[u], surplus = degree[u] > minDegree[u]
        for c in 0..<nC {
            if spare && !join[c].isNaN && size[c] < maxSize[c] { consider(.add(unit: u, community: c), join[c]) }
            if surplus && !leave[c].isNaN && size[c] > minSize[c] { consider(.remove(unit: u, community: c), leave[c]) }
            if !leave[c].isNaN && size[c] > minSize[c] {
                for c2 in 0..<nC where !join[c2].isNaN && size[c2] < maxSize[c2] {
                    consider(.move(unit: u, from: c, to: c2), leave[c] + join[c2])
                }
            }
        }
        // Units with room for one more community (candidates to take u's place).
        let roomy = surplus ? (0..<nU).filter { degree[$0] < maxDegree[$0] && $0 != u } : []
        for c in 0..<nC {
            let p = pair(u, c)
            if assigned[p] && !fixed[p] {
                // u gives its place in c to another unit v.
                for v in roomy where canJoin(v, c) && leadKept(c, leaving: u, joining: v) {
                    consider(.replace(leaving: u, joining: v, community: c),
                             coefficient[pair(v, c)] - coefficient[p] + communityDelta(c, add: v, remove: u))
                }
                // u and v (serving c2) exchange communities.
                for c2 in 0..<nC where c2 != c && canJoin(u, c2) {
                    for v in members[c2] where !fixed[pair(v, c2)] && canJoin(v, c)
                        && leadKept(c, leaving: u, joining: v) && leadKept(c2, leaving: v, joining: u) {
                        consider(.swap(unit: u, at: c, with: v, atOther: c2),
                                 coefficient[pair(u, c2)] - coefficient[p] + coefficient[pair(v, c)]
                                     - coefficient[pair(v, c2)]
                                     + communityDelta(c, add: v, remove: u) + communityDelta(c2, add: u, remove: v))
                    }
                }
            } else if spare && canJoin(u, c) {
                // u takes the place of v in c.
                for v in members[c] where !fixed[pair(v, c)] && degree[v] > minDegree[v]
                    && leadKept(c, leaving: v, joining: u) {
                    consider(.replace(leaving: v, joining: u, community: c),
                             coefficient[p] - coefficient[pair(v, c)] + communityDelta(c, add: u, remove: v))
                }
            }
        }
        guard let best else { return nil }
        return (best, bestGain)
    }

    /// A feasible move drawn at random (used to perturb a local optimum), or nil after many
    /// failed draws.
    func randomMove(using rng: inout SeededGenerator) -> Move? {
        for _ in 0..<200 {
            let u = Int.random(in: 0..<nU, using: &rng), c = Int.random(in: 0..<nC, using: &rng)
            let v = Int.random(in: 0..<nU, using: &rng), c2 = Int.random(in: 0..<nC, using: &rng)
            let move: Move
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: move = .add(unit: u, community: c)
            case 1: move = .remove(unit: u, community: c)
            case 2: move = .move(unit: u, from: c, to: c2)
            case 3: move = .replace(leaving: u, joining: v, community: c)
            default:
                // Swap u at c with some unit at c2, so a draw fails less often.
                guard let w = (0..<nU).first(where: { assigned[pair(($0 + v) % nU, c2)] }) else { continue }
                move = .swap(unit: u, at: c, with: (w + v) % nU, atOther: c2)
            }
            if isFeasible(move) { return move }
        }
        return nil
    }
}
