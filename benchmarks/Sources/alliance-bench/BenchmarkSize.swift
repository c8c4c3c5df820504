import AllianceKit
import ArgumentParser

/// The four benchmark sizes (communities × organizations), each with a fixed seed, so every
/// machine and every run benchmarks exactly the same instances.
enum BenchmarkSize: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    case S, M, L, XL

    /// Number of communities.
    var communities: Int {
        switch self {
        case .S: return 32
        case .M: return 84
        case .L: return 200
        case .XL: return 600
        }
    }

    /// Number of organizations (units before group merging).
    var organizations: Int {
        switch self {
        case .S: return 136
        case .M: return 300
        case .L: return 800
        case .XL: return 2400
        }
    }

    /// The generator seed; never change it, or earlier results stop being comparable.
    var seed: UInt64 {
        switch self {
        case .S: return 20_250_101
        case .M: return 20_250_102
        case .L: return 20_250_103
        case .XL: return 20_250_104
        }
    }

    /// "S (32 × 136)".
    var label: String { "\(rawValue) (\(communities) × \(organizations))" }

    /// The generator, tuned like a real district: eight need categories, a fifth of the units
    /// serving 2–3 communities (一包多), some bundled into groups, planar coordinates, pair
    /// rules and a previous plan in proportion to the size.
    var generator: InstanceGenerator { Self.generator(communities: communities, organizations: organizations) }

    /// The tuned generator for any size (also each district of `CityScale`).
    static func generator(communities: Int, organizations: Int) -> InstanceGenerator {
        InstanceGenerator.benchmarkDistrict(communities: communities, units: organizations)
    }

    /// The instance of `family` and its previous plan (deterministic; `.base` is the
    /// instance this size always had).
    func generate(family: InstanceFamily = .base) -> (instance: Instance, previous: [Assignment]) {
        let (instance, previous) = generator.shaped(as: family).generate(seed: seed)
        return (Self.droppingExcessFixes(instance), previous)
    }

    /// "S (32 × 136)", with the family unless it is the base one.
    func label(_ family: InstanceFamily) -> String { family == .base ? label : "\(label), \(family.rawValue)" }

    /// The name of the results file and scratch folder: `S`, or `S-tight`.
    func fileStem(_ family: InstanceFamily) -> String { family == .base ? rawValue : "\(rawValue)-\(family.rawValue)" }

    /// Keeps the first k_o fixes of each unit (`InstanceGenerator.droppingExcessFixes`).
    static func droppingExcessFixes(_ instance: Instance) -> Instance {
        InstanceGenerator.droppingExcessFixes(instance)
    }

    /// The derived stage-1 problem with default options and the previous plan for KEEP.
    func problem(family: InstanceFamily = .base) throws -> Problem {
        let (instance, previous) = generate(family: family)
        return try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
    }

    /// Parses "S,M,L" (case-insensitive).
    static func list(_ text: String) throws -> [BenchmarkSize] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces).uppercased()
            guard let size = BenchmarkSize(rawValue: name) else {
                throw ValidationError("unknown size '\(part)'; sizes are S, M, L, XL")
            }
            return size
        }
    }
}

extension InstanceFamily: ExpressibleByArgument {
    /// Parses "base,tight" or "all".
    static func list(_ text: String) throws -> [InstanceFamily] {
        if text.trimmingCharacters(in: .whitespaces) == "all" { return allCases }
        return try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let family = InstanceFamily(rawValue: name) else {
                throw ValidationError("unknown family '\(name)'; families are \(allCases.map(\.rawValue).joined(separator: ", ")) or all")
            }
            return family
        }
    }
}
