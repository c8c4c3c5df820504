import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Stage 2 cross-checked with glpsol running `models/claim.mod`, a MathProg model written from
/// MODEL.md on its own: the data file holds the plan, raw unit resources (summed over group
/// members here) and divisors, never the shares or candidates `ProjectClaiming` computes.
final class ClaimGlpsolTests: XCTestCase {
    func testClaimedValueMatchesGlpsol() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("claim-glpsol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for seed in UInt64(11)...15 {
            let (problem, plan) = try ClaimTests.randomClaiming(seed: seed)
            let data = scratch.appendingPathComponent("seed\(seed).dat")
            try Data(Self.dataFile(problem, plan).utf8).write(to: data)
            let (status, output) = try GlpsolProcess.run(model: "claim.mod", data: data)
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("INTEGER OPTIMAL SOLUTION FOUND"), output)
            let expected = try GlpsolProcess.number(after: "CLAIMED ", in: output)
            let result = try ProjectClaiming.claim(plan, in: problem)
            XCTAssertEqual(result.claimedValue, expected, accuracy: 1e-6, "seed \(seed)")
            XCTAssertGreaterThan(expected, 0)
        }
    }

    /// The MathProg data: symbols c1…, o1…, r1…, p1… by position.
    static func dataFile(_ problem: Problem, _ plan: Plan) -> String {
        let instance = problem.instance
        let categories = Array(Set(instance.resources.map(\.category) + instance.projects.map(\.category))).sorted()
        func r(_ name: String) -> String { "r\(categories.firstIndex(of: name)! + 1)" }
        let communityPosition = Dictionary(uniqueKeysWithValues: problem.communities.enumerated().map { ($1.id, $0 + 1) })
        var text = "data;\n"
        text += "set C := \((1...problem.communityCount).map { "c\($0)" }.joined(separator: " "));\n"
        text += "set O := \((1...problem.unitCount).map { "o\($0)" }.joined(separator: " "));\n"
        text += "set R := \((1...categories.count).map { "r\($0)" }.joined(separator: " "));\n"
        text += "set P := \((1...instance.projects.count).map { "p\($0)" }.joined(separator: " "));\n"
        text += "param x :="
        for u in 0..<problem.unitCount {
            for c in plan.communities(of: u) { text += " [o\(u + 1), c\(c + 1)] 1" }
        }
        text += ";\nparam k :="
        for u in 0..<problem.unitCount {
            text += " o\(u + 1) \(max(problem.units[u].maxCommunities, plan.communities(of: u).count))"
        }
        text += ";\nparam q :="
        for u in 0..<problem.unitCount {
            let members = Set(problem.units[u].members.map { instance.organizations[$0].id })
            var held: [String: Double] = [:]
            for row in instance.resources where members.contains(row.orgID) { held[row.category, default: 0] += row.amount }
            for (category, amount) in held.sorted(by: { $0.key < $1.key }) { text += " [o\(u + 1), \(r(category))] \(amount)" }
        }
        text += ";\nparam : community category amount value :="
        for (i, project) in instance.projects.enumerated() {
            text += "\n  p\(i + 1) c\(communityPosition[project.communityID]!) \(r(project.category)) \(project.amount) \(project.value)"
        }
        text += ";\nend;\n"
        return text
    }
}
