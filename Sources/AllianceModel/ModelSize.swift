/// A limit on the size of the model, checked before a solver builds anything.
///
/// The model has a variable for every allowed unit–community pair, and memory and time grow
/// with their number (about 0.7 KB of GLPK memory per pair for the compact model). A district
/// too large to plan in one go should be split (by street or district) or have far pairs
/// forbidden; refusing such a model up front, with that advice, beats running out of memory
/// after minutes.
public struct ModelSizeLimit: Sendable, Equatable {
    /// The most allowed unit–community pairs a model may have.
    public var maxPairs: Int

    /// The default: 2 000 000 pairs. The largest benchmark (XL, 600 communities × 2 400
    /// organizations, 1.2 million pairs) solves within it in under 1 GB; a city of 1 000
    /// communities × 5 000 organizations (over 4 million) is refused.
    public static let defaultMaxPairs = 2_000_000

    public init(maxPairs: Int = ModelSizeLimit.defaultMaxPairs) {
        self.maxPairs = maxPairs
    }

    /// Throws `ModelTooLarge` when `problem` has more allowed pairs than the limit.
    public func check(_ problem: Problem) throws {
        let pairs = problem.allowedPairCount
        guard pairs <= maxPairs else {
            throw ModelTooLarge(pairs: pairs, limit: maxPairs, communities: problem.communityCount,
                                units: problem.unitCount,
                                hasDistanceLimit: problem.options.maxDistanceKm != nil)
        }
    }
}

extension Problem {
    /// The number of unit–community pairs the model has a variable for (allowed pairs).
    public var allowedPairCount: Int {
        allowed.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}

/// The model would be larger than `ModelSizeLimit` allows.
public struct ModelTooLarge: Error, Sendable, Equatable, CustomStringConvertible {
    public var pairs: Int
    public var limit: Int
    public var communities: Int
    public var units: Int
    /// Whether a distance limit was already in force.
    public var hasDistanceLimit: Bool

    public var description: String {
        Message.modelTooLarge(pairs: pairs, communities: communities, units: units, limit: limit,
                              hasDistanceLimit: hasDistanceLimit).text
    }
}
