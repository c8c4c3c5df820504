@testable import AllianceKit
import XCTest

/// The generator's instance families: seeded and deterministic, `.base` unchanged, every
/// family's defining property, and every family solvable (pre-checks pass, a quick strategy
/// finds a plan that breaks no rule).
final class InstanceFamilyTests: XCTestCase {
    let sizes = [(32, 136), (84, 300)]

    private func instances(_ family: InstanceFamily, seeds: [UInt64] = [1, 2, 3]) -> [Instance] {
        sizes.flatMap { (c, u) in
            seeds.map { InstanceGenerator(communities: c, units: u, family: family).generate(seed: $0).instance }
        }
    }

    /// Everything the model reads, as comparable values.
    private func fingerprint(_ instance: Instance) -> [AnyHashable] {
        [instance.communities, instance.organizations, instance.needs, instance.resources, instance.pairs]
    }

    func testSameSeedSameInstanceAndBaseIsTheOldGenerator() {
        for family in InstanceFamily.allCases {
            let generator = InstanceGenerator(communities: 32, units: 136, family: family)
            XCTAssertEqual(fingerprint(generator.generate(seed: 7).instance), fingerprint(generator.generate(seed: 7).instance),
                           family.rawValue)
            XCTAssertNotEqual(fingerprint(generator.generate(seed: 7).instance), fingerprint(generator.generate(seed: 8).instance),
                              family.rawValue)
        }
        let old = InstanceGenerator(communities: 32, units: 136).generate(seed: 7)
        let base = InstanceGenerator(communities: 32, units: 136, family: .base).generate(seed: 7)
        XCTAssertEqual(fingerprint(old.instance), fingerprint(base.instance))
        XCTAssertEqual(old.previous, base.previous)
        // Every other family differs from the base.
        for family in InstanceFamily.allCases where family != .base {
            let drawn = InstanceGenerator(communities: 32, units: 136, family: family).generate(seed: 7).instance
            XCTAssertNotEqual(fingerprint(drawn), fingerprint(old.instance), family.rawValue)
        }
    }

    /// 12–16 categories, the commonest need category at least 4 times as frequent as the
    /// rarest used one; units offer 1–3 categories, communities need 1–4.
    func testManyCategoriesAreManyAndSkewed() {
        for family in [InstanceFamily.manyCategories, .mixed] {
            for instance in instances(family) {
                let counts = Dictionary(grouping: instance.needs, by: \.category).mapValues(\.count)
                XCTAssertTrue((12...16).contains(Set(instance.needs.map(\.category) + instance.resources.map(\.category)).count),
                              family.rawValue)
                XCTAssertGreaterThanOrEqual(counts.values.max()!, 4 * counts.values.min()!, "\(counts)")
                let offered = Dictionary(grouping: instance.resources, by: \.orgID).mapValues(\.count)
                XCTAssertTrue(offered.values.allSatisfy { (1...3).contains($0) })
                XCTAssertEqual(offered.count, instance.organizations.count, "every unit offers something")
                let needed = Dictionary(grouping: instance.needs, by: \.communityID).mapValues(\.count)
                XCTAssertTrue(needed.values.allSatisfy { (1...4).contains($0) })
            }
        }
    }

    /// Resources of the needed categories come to 103–107 % of all needs (105 % before
    /// rounding to hundredths), and at least one category has less than it needs.
    func testTightResourcesBarelyCoverTheNeeds() {
        for family in [InstanceFamily.tight, .mixed] {
            for instance in instances(family) {
                var need: [String: Double] = [:], have: [String: Double] = [:]
                for row in instance.needs { need[row.category, default: 0] += row.amount }
                for row in instance.resources { have[row.category, default: 0] += row.amount }
                let totalNeed = need.values.reduce(0, +)
                let useful = need.keys.reduce(0) { $0 + (have[$1] ?? 0) }
                XCTAssertTrue((1.03...1.07).contains(useful / totalNeed), "\(family): \(useful / totalNeed)")
                XCTAssertTrue(need.contains { (have[$0.key] ?? 0) < $0.value }, "some category is short")
            }
        }
        for instance in instances(.base) {
            let need = instance.needs.map(\.amount).reduce(0, +), have = instance.resources.map(\.amount).reduce(0, +)
            XCTAssertGreaterThan(have / need, 1.5, "the base shape has far more")
        }
    }

    /// About a third of the units may serve 2–3 communities; more units in groups than the base.
    func testMultiHasAThirdServingSeveralAndGroups() {
        for family in [InstanceFamily.multi, .mixed] {
            for instance in instances(family) {
                let share = Double(instance.organizations.filter { $0.maxCommunities >= 2 }.count) / Double(instance.organizations.count)
                XCTAssertTrue((0.25...0.42).contains(share), "\(family): \(share)")
                let grouped = Double(instance.organizations.filter { $0.group != nil }.count) / Double(instance.organizations.count)
                XCTAssertGreaterThan(grouped, 0.2, family.rawValue)
            }
        }
    }

    /// Streets of very different sizes; the strongest 5 % of units hold at least a quarter of
    /// all strength; fewer than 40 % of units may lead, but enough to lead every community.
    func testUnevenStreetsStrengthsAndScarceLeaders() throws {
        for family in [InstanceFamily.uneven, .mixed] {
            for instance in instances(family) {
                let streets = Dictionary(grouping: instance.communities, by: { $0.street ?? "" }).mapValues(\.count)
                XCTAssertGreaterThanOrEqual(streets.count, 3)
                XCTAssertGreaterThanOrEqual(streets.values.max()!, 4 * streets.values.min()!, "\(streets)")
                let strengths = instance.organizations.map(\.strength).sorted(by: >)
                let top = strengths.prefix(max(2, strengths.count / 20)).reduce(0, +)
                XCTAssertGreaterThan(top / strengths.reduce(0, +), 0.25, family.rawValue)
                let leaders = Double(instance.organizations.filter(\.canLead).count) / Double(instance.organizations.count)
                XCTAssertLessThan(leaders, 0.4, family.rawValue)
                let problem = try Problem(instance: instance)
                let capacity = problem.units.filter(\.canLead).map(\.maxCommunities).reduce(0, +)
                XCTAssertGreaterThanOrEqual(capacity, instance.communities.count)
                // Spread over 30 km, not the base's 10.
                let xs = instance.communities.compactMap { c -> Double? in
                    if case let .planar(x, _)? = c.location { return x }
                    return nil
                }
                XCTAssertGreaterThan(xs.max()! - xs.min()!, 12)
            }
        }
    }

    /// Every family is solvable: the pre-checks pass and `local` finds a plan breaking no rule.
    func testEveryFamilyIsSolvable() throws {
        for family in InstanceFamily.allCases {
            for (c, u) in sizes {
                let instance = InstanceGenerator(communities: c, units: u, family: family).generate(seed: 11).instance
                let problem = try Problem(instance: instance)
                XCTAssertEqual(Prechecks.run(problem).map(\.message), [], "\(family) \(c)×\(u)")
                let report = try PlanningRun(options: RunOptions(strategy: .local, timeLimit: 1)).solve(problem)
                XCTAssertTrue(report.evaluation.isFeasible, "\(family) \(c)×\(u): \(report.evaluation.violations.prefix(3))")
            }
        }
    }
}
