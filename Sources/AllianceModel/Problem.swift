/// A unit of the model after group merging: one organization, or a group of them acting as one.
public struct Unit: Sendable, Hashable {
    /// The group name for a merged group, else the organization id.
    public var id: String
    public var name: String
    /// Indices into `Instance.organizations`, in listed order; the first one takes the lead role.
    public var members: [Int]
    /// s_o, summed over the group.
    public var strength: Double
    /// May lead: true if any member may.
    public var canLead: Bool
    /// m_o, from the group's first row.
    public var minCommunities: Int
    /// k_o, from the group's first row.
    public var maxCommunities: Int
    public var location: Location?
}

/// Stage 1 of the model with its data fully derived: groups merged, needs and resources
/// aggregated, pair rules and options applied. Strategies, the model builder, the exporters
/// and the evaluator all read this; it holds data only, never a solution.
///
/// Pair data is stored densely, indexed `u * communityCount + c`.
public struct Problem: Sendable {
    public let instance: Instance
    public let options: PlanningOptions
    public let units: [Unit]
    /// Index of each organization's unit, parallel to `instance.organizations`.
    public let unitOfOrganization: [Int]
    /// Need categories, sorted; the model only uses categories that some community needs.
    public let categories: [String]
    /// d_{c,r}, indexed `c * categories.count + r` (0 when there is no need).
    public let need: [Double]
    /// π_{c,r}, amount-weighted mean over repeated rows.
    public let priority: [Double]
    /// q_{o,r} for need categories, indexed `u * categories.count + r`.
    public let resource: [Double]
    /// (o,c) ∈ A.
    public let allowed: [Bool]
    /// `fix` pairs (always allowed).
    public let fixed: [Bool]
    /// Summed `prefer` scores.
    public let preference: [Double]
    /// Distance in km (0 where either side lacks coordinates or kinds differ).
    public let distance: [Double]
    /// Pairs of the previous plan after merging (KEEP numerator candidates).
    public let previous: [Bool]
    /// Number of distinct previous-plan pairs that are still listed.
    public let previousPairCount: Int
    /// Pairs of the start plan (`options.from`) after merging: what pins keep and the change
    /// limit counts against (all false without one).
    public let from: [Bool]
    /// Number of distinct start-plan pairs that are still listed (|F| in MODEL.md).
    public let fromPairCount: Int
    /// `--max-changes`: at most this many pairs differ from `from` (added plus removed).
    public let maxChanges: Int?
    /// The lead each community must have because of a pin: a lead pin, else the start plan's lead
    /// of a pinned community or of a pinned unit. Always nil without the lead rule. Its pair is
    /// required (in `fixed`) unless the pins clash (`PinCheck` names it).
    public let pinnedLead: [Int?]
    /// Pairs a unit, community or lead pin requires, with the first pin that does (sparse, like
    /// the pairs.csv sources below). Folded into `fixed` (and `allowed`) unless pairs.csv forbids
    /// the pair or another pin forbids it.
    public let pinRequired: [Int: Pin]
    /// Pairs a unit or community pin forbids (not in the start plan), with the first pin that
    /// does. Folded into `allowed` (false) unless pairs.csv fixes the pair.
    public let pinForbidden: [Int: Pin]
    /// Every pin that names a community's lead, in pin order (lead pins and the start plan's leads
    /// kept by unit and community pins), for `PinCheck`.
    public let leadClaims: [Int: [LeadClaim]]
    /// Where pairs.csv fixes or forbids a pair (sparse; nil inside when the rule has no source).
    public let fixSources: [Int: SourceLocation?]
    public let forbidSources: [Int: SourceLocation?]
    /// L_c and U_c.
    public let minSize: [Int]
    public let maxSize: [Int]
    /// T_min = Σ m_o and T_max = Σ k_o over units.
    public let totalMinAssignments: Int
    public let totalMaxAssignments: Int
    /// S̄ = (Σ b_c + Σ s_o) / |C|.
    public let meanStrength: Double
    /// D_max over all unit–community pairs.
    public let maxDistance: Double
    /// N_need = Σ π d.
    public let totalWeightedNeed: Double
    /// Non-fatal remarks (ignored previous-plan rows, missing coordinates …).
    public let warnings: [String]
    /// The objective's coefficients, worked out once here (see `ObjectiveCoefficients`).
    public let coefficients: ObjectiveCoefficients

    public var communities: [Community] { instance.communities }
    public var unitCount: Int { units.count }
    public var communityCount: Int { instance.communities.count }
    public var categoryCount: Int { categories.count }

    @inline(__always) public func pair(_ u: Int, _ c: Int) -> Int { u * communityCount + c }

    /// Whether unit `u` may lead: it may lead at all and the lead rule is on.
    public func mayLead(_ u: Int) -> Bool { options.leadRule && units[u].canLead }

    /// Derives the model data from validated lists and options.
    /// Throws `InputErrors` for conflicts that only show after group merging
    /// (a group with one member fixed and another forbidden at the same community).
    public init(instance: Instance, options: PlanningOptions = PlanningOptions()) throws {
        self.instance = instance
        self.options = options
        var warnings: [String] = []
        let communities = instance.communities
        let nC = communities.count

        // Group merging, in first-appearance order.
        var units: [Unit] = []
        var unitOfOrganization = [Int](repeating: -1, count: instance.organizations.count)
        var unitOfGroup: [String: Int] = [:]
        for (i, org) in instance.organizations.enumerated() {
            if let group = org.group, let u = unitOfGroup[group] {
                units[u].members.append(i)
                units[u].strength += org.strength
                units[u].canLead = units[u].canLead || org.canLead
                unitOfOrganization[i] = u
                continue
            }
            let u = units.count
            units.append(Unit(id: org.group ?? org.id, name: org.group ?? org.name, members: [i],
                              strength: org.strength, canLead: org.canLead,
                              minCommunities: org.minCommunities, maxCommunities: org.maxCommunities,
                              location: org.location))
            if let group = org.group { unitOfGroup[group] = u }
            unitOfOrganization[i] = u
        }
        self.units = units
        self.unitOfOrganization = unitOfOrganization
        let nU = units.count

        let communityIndex = Dictionary(communities.enumerated().map { ($1.id, $0) },
                                        uniquingKeysWith: { first, _ in first })
        let orgIndex = Dictionary(instance.organizations.enumerated().map { ($1.id, $0) },
                                  uniquingKeysWith: { first, _ in first })

        // Needs: repeated (community, category) rows add; priority is the amount-weighted mean.
        let categories = Array(Set(instance.needs.map(\.category))).sorted()
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let nR = categories.count
        var need = [Double](repeating: 0, count: nC * nR)
        var weightedPriority = [Double](repeating: 0, count: nC * nR)
        for row in instance.needs {
            guard let c = communityIndex[row.communityID], let r = categoryIndex[row.category] else { continue }
            need[c * nR + r] += row.amount
            weightedPriority[c * nR + r] += row.amount * row.priority
        }
        var priority = [Double](repeating: 0, count: nC * nR)
        var totalWeightedNeed = 0.0
        for i in 0..<(nC * nR) where need[i] > 0 {
            priority[i] = weightedPriority[i] / need[i]
            totalWeightedNeed += priority[i] * need[i]
        }
        self.categories = categories
        self.need = need
        self.priority = priority
        self.totalWeightedNeed = totalWeightedNeed

        var resource = [Double](repeating: 0, count: nU * nR)
        for row in instance.resources {
            guard let o = orgIndex[row.orgID], let r = categoryIndex[row.category] else { continue }
            resource[unitOfOrganization[o] * nR + r] += row.amount
        }
        self.resource = resource

        // Distances over all pairs.
        var distance = [Double](repeating: 0, count: nU * nC)
        var maxDistance = 0.0
        for u in 0..<nU {
            guard let from = units[u].location else { continue }
            for c in 0..<nC {
                guard let to = communities[c].location, let d = from.distance(to: to) else { continue }
                distance[u * nC + c] = d
                maxDistance = max(maxDistance, d)
            }
        }
        self.distance = distance
        self.maxDistance = maxDistance

        // Pair rules, mapped onto merged units.
        var forbidden = [Bool](repeating: false, count: nU * nC)
        // Where each rule was written, for the few pairs that have one (sparse: a dense array of
        // locations took 80 bytes per unit–community pair, about 100 MB at 2000 × 600).
        var forbidSource: [Int: SourceLocation?] = [:], fixSource: [Int: SourceLocation?] = [:]
        var fixed = [Bool](repeating: false, count: nU * nC)
        var preference = [Double](repeating: 0, count: nU * nC)
        for rule in instance.pairs {
            guard let o = orgIndex[rule.orgID], let c = communityIndex[rule.communityID] else { continue }
            let p = unitOfOrganization[o] * nC + c
            switch rule.rule {
            case .forbid:
                forbidden[p] = true
                if forbidSource[p] == nil { forbidSource[p] = .some(rule.source) }
            case .fix:
                fixed[p] = true
                if fixSource[p] == nil { fixSource[p] = .some(rule.source) }
            case .prefer(let score):
                preference[p] += score
            }
        }
        self.fixSources = fixSource
        self.forbidSources = forbidSource
        var conflicts: [InputError] = []
        for p in fixSource.keys.sorted() where forbidden[p] {
            let unit = units[p / nC], community = communities[p % nC]
            let location = [fixSource[p] ?? nil, forbidSource[p] ?? nil].compactMap { $0 }.max {
                ($0.line, $0.column) < ($1.line, $1.column)
            } ?? SourceLocation(file: "pairs.csv", line: 1, column: 1)
            conflicts.append(InputError(location, Message.fixedAndForbiddenThroughGroup(unit: unit.id, community: community.id).text))
        }
        if !conflicts.isEmpty { throw InputErrors(conflicts) }

        // Start plan and pins (MODEL.md, "Re-planning"), folded into `fixed` and `allowed` below
        // so that every strategy honours them without knowing about pins.
        let start = try Self.pins(options: options, units: units, unitOfOrganization: unitOfOrganization,
                                  orgIndex: orgIndex, communityIndex: communityIndex, communityCount: nC)
        if start.ignoredRows > 0 {
            warnings.append(Message.startRowsIgnored(count: start.ignoredRows).text)
        }
        self.from = start.from
        self.fromPairCount = start.fromPairCount
        self.maxChanges = options.maxChanges
        self.pinRequired = start.required
        self.pinForbidden = start.forbidden
        self.leadClaims = start.leadClaims
        self.pinnedLead = (0..<nC).map { c in
            guard options.leadRule, let claims = start.leadClaims[c] else { return nil }
            return (claims.first { !$0.fromStart } ?? claims[0]).unit
        }
        for p in start.required.keys where !forbidden[p] && start.forbidden[p] == nil { fixed[p] = true }

        var allowed = [Bool](repeating: true, count: nU * nC)
        for p in 0..<(nU * nC) {
            if forbidden[p] { allowed[p] = false }
            if let limit = options.maxDistanceKm, distance[p] > limit { allowed[p] = false }
            if fixed[p] { allowed[p] = true }
        }
        for p in start.forbidden.keys where !fixed[p] { allowed[p] = false }
        self.fixed = fixed
        self.preference = preference

        // Previous plan, counted once per merged (unit, community).
        var previous = [Bool](repeating: false, count: nU * nC)
        var previousPairCount = 0
        if let plan = options.previousPlan {
            var ignored = 0
            for row in plan {
                guard let o = orgIndex[row.orgID], let c = communityIndex[row.communityID] else {
                    ignored += 1
                    continue
                }
                let p = unitOfOrganization[o] * nC + c
                if !previous[p] {
                    previous[p] = true
                    previousPairCount += 1
                }
            }
            if ignored > 0 {
                warnings.append(Message.previousRowsIgnored(count: ignored).text)
            }
        }
        self.previous = previous
        self.previousPairCount = previousPairCount

        // Size bounds and the mean strength.
        let tMin = units.reduce(0) { $0 + $1.minCommunities }
        let tMax = units.reduce(0) { $0 + $1.maxCommunities }
        self.totalMinAssignments = tMin
        self.totalMaxAssignments = tMax
        let defaultMin = nC > 0 ? tMin / nC : 0
        let defaultMax = nC > 0 ? (tMax + nC - 1) / nC : 0
        self.minSize = communities.map { community in
            let l = community.minOrgs ?? defaultMin
            return options.leadRule ? max(l, 1) : l
        }
        self.maxSize = communities.map { $0.maxOrgs ?? defaultMax }
        if let k = options.candidates {
            try CandidateLimit.checkCoordinates(communities: communities, units: units,
                                                organizations: instance.organizations)
            allowed = CandidateLimit.restrict(allowed: allowed, k: k, distance: distance, fixed: fixed,
                                              previous: previous, start: start.from, preference: preference, units: units, minSize: minSize,
                                              leadRule: options.leadRule, need: need, resource: resource,
                                              categories: nR)
        }
        self.allowed = allowed
        let totalStrength = communities.reduce(0) { $0 + $1.strength } + units.reduce(0) { $0 + $1.strength }
        self.meanStrength = options.meanStrengthOverride ?? (nC > 0 ? totalStrength / Double(nC) : 0)
        self.warnings = instance.warnings + warnings
        self.coefficients = ObjectiveCoefficients(
            units: units, communityCount: nC, categoryCount: nR, options: options, distance: distance,
            preference: preference, previous: previous, resource: resource, previousPairCount: previousPairCount,
            priority: priority,
            need: need, totalWeightedNeed: totalWeightedNeed, meanStrength: meanStrength,
            totalMaxAssignments: tMax, maxDistance: maxDistance)
    }
}
