/// One of the five objective terms, by the name users type (`--weight coverage=1`).
public enum Term: String, Sendable, Hashable, CaseIterable, Codable {
    case coverage, balance, distance, preference, keep

    /// Whether more of this term is better (coverage, preference, keep) or less (balance, distance).
    public var isMaximized: Bool {
        switch self {
        case .coverage, .preference, .keep: return true
        case .balance, .distance: return false
        }
    }
}

/// The five unweighted objective terms of MODEL.md.
public struct Terms: Sendable, Hashable, Codable {
    /// COV: weighted share of needs covered.
    public var coverage: Double
    /// BAL: mean strength outside the band, relative to the mean strength.
    public var balance: Double
    /// DIST: travel, relative to the longest possible.
    public var distance: Double
    /// PREF: summed `prefer` scores of chosen pairs.
    public var preference: Double
    /// KEEP: share of last year's pairs kept.
    public var keep: Double

    public init(coverage: Double = 0, balance: Double = 0, distance: Double = 0,
                preference: Double = 0, keep: Double = 0) {
        self.coverage = coverage
        self.balance = balance
        self.distance = distance
        self.preference = preference
        self.keep = keep
    }

    /// The value of one term.
    public subscript(term: Term) -> Double {
        switch term {
        case .coverage: return coverage
        case .balance: return balance
        case .distance: return distance
        case .preference: return preference
        case .keep: return keep
        }
    }

    /// w_cov·COV − w_bal·BAL − w_dist·DIST + w_pref·PREF + w_keep·KEEP.
    public func objective(_ w: Weights) -> Double {
        w.coverage * coverage - w.balance * balance - w.distance * distance
            + w.preference * preference + w.keep * keep
    }
}

/// A broken rule in a plan, with where it came from when the plan was read from a file.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var source: SourceLocation?

    public init(_ message: String, source: SourceLocation? = nil) {
        self.message = message
        self.source = source
    }

    public var description: String {
        if let source { return "\(source): \(message)" }
        return message
    }
}

/// What one community's alliance looks like under a plan.
public struct CommunityOutcome: Sendable, Hashable {
    /// S_c = b_c + Σ (s_o / k_o) x_{o,c}.
    public var strength: Double
    /// Weighted share of this community's needs covered (1 when it has none).
    public var coverageShare: Double
    /// Uncovered amount per need category, only where something is missing.
    public var unmet: [(category: String, amount: Double)]

    public static func == (a: CommunityOutcome, b: CommunityOutcome) -> Bool {
        a.strength == b.strength && a.coverageShare == b.coverageShare
            && a.unmet.map(\.category) == b.unmet.map(\.category)
            && a.unmet.map(\.amount) == b.unmet.map(\.amount)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(strength)
        hasher.combine(coverageShare)
    }
}

/// A plan judged by MODEL.md: its terms, objective, per-community outcome and every violation.
public struct Evaluation: Sendable {
    public var terms: Terms
    public var objective: Double
    public var communities: [CommunityOutcome]
    public var violations: [Violation]
    public var strengthMin: Double
    public var strengthMax: Double
    public var strengthMean: Double
    /// Unit–community pairs (after group merging) in which the plan differs from the start plan
    /// (`--from`), added plus removed; nil without a start plan.
    public var changesFromStart: Int? = nil

    /// A plan is feasible when it breaks no rule.
    public var isFeasible: Bool { violations.isEmpty }
}
