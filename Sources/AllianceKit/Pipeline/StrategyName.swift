import Foundation

/// The strategies a user can choose by name (`--strategy`, `--strategies`), in report order,
/// cheapest first: the names of `StrategyCatalog` as a closed set, so that a front end can list
/// them and an unknown name is caught where it is typed, never when the solve starts.
public enum StrategyName: String, Sendable, CaseIterable, Codable {
    case greedy
    case local
    case lpRound = "lp-round"
    case street
    case exact

    /// A fresh strategy of this kind.
    public func make() -> any Strategy {
        guard let strategy = StrategyCatalog.make(rawValue) else {
            preconditionFailure("StrategyCatalog knows no strategy '\(rawValue)'")
        }
        return strategy
    }

    /// Comma-separated names (`greedy,local`), spaces around names allowed, empty items skipped.
    /// Throws `UnknownStrategy` naming the first unknown one.
    public static func list(_ text: String) throws -> [StrategyName] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { name in
            guard let strategy = StrategyName(rawValue: name) else { throw UnknownStrategy(name: name) }
            return strategy
        }
    }
}

/// A strategy name that is not one of `StrategyName`.
public struct UnknownStrategy: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "unknown strategy '\(name)'; use one of \(StrategyName.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
