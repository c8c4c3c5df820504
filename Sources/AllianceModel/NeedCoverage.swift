/// How an alliance covers one of its community's needs, and which member is credited with what.
///
/// The model covers need (c, r) by cov_{c,r} = min(d_{c,r}, Σ_u q_{u,r}/k_u) over the members u of
/// the alliance. The covered amount is credited to the members pro rata to the share q_{u,r}/k_u
/// each brings, so the parts add up to cov_{c,r} exactly. This is the one place that rule lives:
/// the explanation (`PlanExplanation`) and the hand-over's view by unit both use it; the
/// evaluator, the independent judge, recomputes coverage on its own.
public struct NeedCoverage: Sendable, Hashable {
    /// A member holding the category: the share q/k it brings and its part of `covered`.
    public struct Provider: Sendable, Hashable {
        public var unit: Int
        public var share: Double
        public var covered: Double
    }

    public var community: Int
    public var category: Int
    /// d_{c,r}, the need.
    public var amount: Double
    /// cov_{c,r} = min(d, Σ shares).
    public var covered: Double
    /// The members holding the category, in the order of `members`.
    public var providers: [Provider]

    /// d − cov.
    public var uncovered: Double { amount - covered }
}

extension Problem {
    /// The coverage of every need (d > 0) of community `c` by the units `members`, by category.
    public func needCoverage(community c: Int, members: [Int]) -> [NeedCoverage] {
        let nR = categoryCount, unitShare = coefficients.share
        var result: [NeedCoverage] = []
        for r in 0..<nR {
            let d = need[c * nR + r]
            guard d > 0 else { continue }
            var providers: [NeedCoverage.Provider] = []
            var supply = 0.0
            for u in members {
                let q = resource[u * nR + r]
                guard q > 0 else { continue }
                let share = q * unitShare[u]
                supply += share
                providers.append(.init(unit: u, share: share, covered: 0))
            }
            let covered = min(d, supply)
            if supply > 0 {
                for k in providers.indices { providers[k].covered = covered * providers[k].share / supply }
            }
            result.append(NeedCoverage(community: c, category: r, amount: d, covered: covered, providers: providers))
        }
        return result
    }
}
