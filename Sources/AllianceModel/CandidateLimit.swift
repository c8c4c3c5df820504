/// `--candidates k`: a smaller model for large instances. Each unit keeps only its k nearest
/// allowed communities as candidates, and its k nearest among the communities that need a
/// category it offers; the other pairs become forbidden in `Problem.allowed`, so every strategy
/// (and the exported model) works on the smaller set. (The nearest communities alone lost
/// 15 % of the objective at k = 10 on the benchmark M instance, mostly coverage: a unit's nearest
/// communities rarely need what it offers. See benchmarks/RESULTS.md.)
///
/// Guarantees, whatever k:
/// - a unit keeps at least `m_o` candidates (its minimum number of communities);
/// - `fix` pairs (pinned pairs included), `prefer` pairs with a positive score, pairs of the
///   previous plan and pairs of the start plan (`--from`, so that keeping it stays possible under
///   `--max-changes`) are never dropped by the limit;
/// - every community keeps at least L_c candidates (its minimum size), and when the lead rule is
///   on at least one candidate that may lead: the nearest allowed units are added back where needed;
/// - pairs the lists or options already forbid stay forbidden;
/// - with k ≥ the number of communities nothing changes (the full model).
/// Ties in distance are broken by list order, so the same input gives the same set.
enum CandidateLimit {
    /// The coordinates `--candidates` needs, checked before anything is dropped: every community
    /// and unit located, all with one kind of coordinates. Throws one error per offending row.
    static func checkCoordinates(communities: [Community], units: [Unit], organizations: [Organization]) throws {
        var errors: [InputError] = []
        let kinds = Set(communities.compactMap { $0.location.map(kind) } + units.compactMap { $0.location.map(kind) })
        for community in communities where community.location == nil {
            errors.append(InputError(community.source ?? SourceLocation(file: "communities.csv", line: 1, column: 1),
                Message.candidatesNeedCommunityCoordinates(community: community.id).text))
        }
        for unit in units where unit.location == nil {
            let org = organizations[unit.members[0]]
            errors.append(InputError(org.source ?? SourceLocation(file: "organizations.csv", line: 1, column: 1),
                Message.candidatesNeedUnitCoordinates(unit: org.id).text))
        }
        if errors.isEmpty, kinds.count > 1 {
            errors.append(InputError(SourceLocation(file: "communities.csv", line: 1, column: 1), Message.candidatesNeedOneCoordinateKind.text))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    private static func kind(_ location: Location) -> Int {
        if case .planar = location { return 0 }
        return 1
    }

    /// `allowed` restricted to the candidate pairs (indexed `u * communityCount + c`).
    /// `need` and `resource` are `Problem.need` and `Problem.resource` (`categories` columns).
    static func restrict(allowed: [Bool], k: Int, distance: [Double], fixed: [Bool], previous: [Bool],
                         start: [Bool] = [], preference: [Double],
                         units: [Unit], minSize: [Int], leadRule: Bool,
                         need: [Double], resource: [Double], categories nR: Int) -> [Bool] {
        let nU = units.count, nC = minSize.count
        var keep = [Bool](repeating: false, count: nU * nC)
        for u in 0..<nU {
            let row = u * nC
            let ranked = (0..<nC).filter { allowed[row + $0] }.sorted { (distance[row + $0], $0) < (distance[row + $1], $1) }
            for c in ranked.prefix(max(k, units[u].minCommunities)) { keep[row + c] = true }
            let offers = (0..<nR).filter { resource[u * nR + $0] > 0 }
            let useful = ranked.filter { c in offers.contains { need[c * nR + $0] > 0 } }
            for c in useful.prefix(k) { keep[row + c] = true }
            for c in 0..<nC where allowed[row + c] && (fixed[row + c] || previous[row + c] || preference[row + c] > 0
                                                                || (!start.isEmpty && start[row + c])) {
                keep[row + c] = true
            }
        }
        for c in 0..<nC {
            let ranked = (0..<nU).filter { allowed[$0 * nC + c] }.sorted { (distance[$0 * nC + c], $0) < (distance[$1 * nC + c], $1) }
            var count = ranked.filter { keep[$0 * nC + c] }.count
            for u in ranked where count < minSize[c] && !keep[u * nC + c] {
                keep[u * nC + c] = true
                count += 1
            }
            if leadRule, !ranked.contains(where: { keep[$0 * nC + c] && units[$0].canLead }),
               let nearest = ranked.first(where: { units[$0].canLead }) {
                keep[nearest * nC + c] = true
            }
        }
        return zip(allowed, keep).map { $0 && $1 }
    }
}
