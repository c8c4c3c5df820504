import AllianceModel

/// The strategies a user can name with `--strategy`, in report order. An unknown name is an
/// error for the caller to report, never a silent fallback.
public enum StrategyCatalog {
    /// Every strategy name, cheapest first.
    public static let names = ["greedy", "local", "lp-round", "street", "exact"]

    /// The strategy called `name`, or nil when there is none.
    public static func make(_ name: String) -> (any Strategy)? {
        switch name {
        case "greedy": return GreedyStrategy()
        case "local": return LocalSearchStrategy()
        case "lp-round": return LPRoundStrategy()
        case "street": return StreetStrategy()
        case "exact": return ExactStrategy()
        default: return nil
        }
    }
}
