import Foundation
import XCTest
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve
import GLPK

/// Stage 3 (people to posts): the min-cost flow's optimum against a hand-solved case, brute force
/// on small random instances and glpsol on `models/people.mod`; every matching judged by the
/// evaluator from the matches alone; the unit term and kept matches as documented.
final class PeopleSolveTests: XCTestCase {

    /// Three communities on a line, 0, 2 and 5 km.
    static let line = [
        Community(id: "A", location: .planar(x: 0, y: 0)),
        Community(id: "B", location: .planar(x: 2, y: 0)),
        Community(id: "C", location: .planar(x: 5, y: 0)),
    ]

    /// Solved by hand with the default weights (fill 10, distance 1/km, home 2, unit 3):
    /// posts pA (law, A, 1 seat), pC (law, C, 1 seat, priority 2), pB (care, B, 2 seats);
    /// members m1 (home A, law), m2 (home B, law + care), m3 (home C, care).
    /// Worths: m1–pA 10+2 = 12, m1–pC 20−5 = 15, m2–pA 10−2 = 8, m2–pC 20−3 = 17, m2–pB 10+2 = 12,
    /// m3–pB 10−3 = 7. Each member one seat. Best: m1–pA 12 + m2–pC 17 + m3–pB 7 = 36
    /// (m1–pC 15 + m2–pA 8 + m3–pB 7 = 30; m1–pC + m2–pB + m3–pB = 15+12+7 = 34; m1–pA + m2–pB + m3–pB = 31).
    func testHandSolvedCase() throws {
        let lists = PeopleLists(members: [
            Member(id: "m1", homeCommunityID: "A", skills: ["law"]),
            Member(id: "m2", homeCommunityID: "B", skills: ["law", "care"]),
            Member(id: "m3", homeCommunityID: "C", skills: ["care"]),
        ], posts: [
            Post(id: "pA", communityID: "A", category: "law"),
            Post(id: "pC", communityID: "C", category: "law", priority: 2),
            Post(id: "pB", communityID: "B", category: "care", seats: 2),
        ])
        let problem = try PeopleProblem(communities: Self.line, lists: lists)
        for algorithm in PeopleAlgorithm.allCases where algorithm.isAvailable {
            let solution = try PeopleMatcher.solve(problem, algorithm: algorithm, certify: true)
            XCTAssertEqual(solution.objectiveThousandths, 36_000, "\(algorithm)")
            XCTAssertEqual(Set(solution.matches), [SeatMatch(memberID: "m1", postID: "pA"),
                                                   SeatMatch(memberID: "m2", postID: "pC"),
                                                   SeatMatch(memberID: "m3", postID: "pB")])
            XCTAssertEqual(solution.certified, true)
            let evaluation = PeopleEvaluator.evaluate(solution.matches, in: problem)
            XCTAssertEqual(evaluation.violations, [])
            XCTAssertEqual(evaluation.objectiveThousandths, 36_000)
            XCTAssertEqual(evaluation.openPosts.map(\.open), [1])
            XCTAssertEqual(evaluation.openPosts.first?.reason, .allBusy)
        }
    }

    /// A member's unit serving a community in the stage-1 plan draws the member there: m1 (unit U1)
    /// has posts 1 km (B1) and 2 km (B2) away; U1 serves the farther community. Without --plan the
    /// nearer post wins (10 − 1 > 10 − 2); with it the farther one (10 − 2 + 3 > 10 − 1).
    func testUnitTermFollowsTheAlliance() throws {
        let communities = [Community(id: "H", location: .planar(x: 0, y: 0)),
                           Community(id: "N", location: .planar(x: 1, y: 0)),
                           Community(id: "F", location: .planar(x: -2, y: 0))]
        let lists = PeopleLists(members: [Member(id: "m1", homeCommunityID: "H", skills: ["care"], orgID: "U1")],
                                posts: [Post(id: "near", communityID: "N", category: "care"),
                                        Post(id: "far", communityID: "F", category: "care")])
        let without = try PeopleMatcher.solve(try PeopleProblem(communities: communities, lists: lists))
        XCTAssertEqual(without.matches, [SeatMatch(memberID: "m1", postID: "near")])
        XCTAssertEqual(without.objectiveThousandths, 9_000)
        let plan = [Assignment(orgID: "U1", communityID: "F", role: .lead)]
        let with = try PeopleMatcher.solve(try PeopleProblem(communities: communities, lists: lists,
                                                             options: PeopleOptions(plan: plan)))
        XCTAssertEqual(with.matches, [SeatMatch(memberID: "m1", postID: "far")])
        XCTAssertEqual(with.objectiveThousandths, 11_000)
        // The unit weight at 0: back to the nearer post.
        var options = PeopleOptions(plan: plan)
        options.weights.unit = 0
        XCTAssertEqual(try PeopleMatcher.solve(try PeopleProblem(communities: communities, lists: lists, options: options)).matches,
                       [SeatMatch(memberID: "m1", postID: "near")])
    }

    /// Kept matches stay, even when moving them would pay; the rest is solved around them.
    func testKeptMatchesStayAndNewOrdersAreFilled() throws {
        let lists = PeopleLists(members: [
            Member(id: "m1", homeCommunityID: "A", skills: ["law"]),
            Member(id: "m2", homeCommunityID: "B", skills: ["law"]),
        ], posts: [
            Post(id: "pC", communityID: "C", category: "law"),
            Post(id: "pA", communityID: "A", category: "law", kind: .order),
        ])
        // Alone, m1 takes pA (12) and m2 pC (10 − 3 = 7): 19. Keeping m1 in pC (10 − 5 = 5), m2 gets pA (8): 13.
        XCTAssertEqual(try PeopleMatcher.solve(try PeopleProblem(communities: Self.line, lists: lists)).objectiveThousandths, 19_000)
        let kept = [SeatMatch(memberID: "m1", postID: "pC"), SeatMatch(memberID: "gone", postID: "pA")]
        let problem = try PeopleProblem(communities: Self.line, lists: lists, options: PeopleOptions(kept: kept))
        XCTAssertEqual(problem.keptWarnings.count, 1)
        XCTAssertTrue(problem.keptWarnings[0].contains("gone"), problem.keptWarnings[0])
        let solution = try PeopleMatcher.solve(problem, certify: true)
        XCTAssertEqual(solution.matches, [SeatMatch(memberID: "m1", postID: "pC"), SeatMatch(memberID: "m2", postID: "pA")])
        XCTAssertEqual(solution.objectiveThousandths, 13_000)
        XCTAssertEqual(PeopleEvaluator.evaluate(solution.matches, in: problem).violations, [])
        // A matching without the kept one breaks a rule.
        XCTAssertEqual(PeopleEvaluator.evaluate([SeatMatch(memberID: "m2", postID: "pA")], in: problem).violations.count, 1)
    }

    /// The evaluator names every broken rule of a hand-made matching.
    func testEvaluatorRejectsBrokenMatchings() throws {
        let lists = PeopleLists(members: [
            Member(id: "m1", homeCommunityID: "A", skills: ["law"]),
            Member(id: "m2", homeCommunityID: "C", skills: ["care"], capacity: 2),
        ], posts: [
            Post(id: "pA", communityID: "A", category: "law"),
            Post(id: "pB", communityID: "B", category: "care"),
        ])
        let problem = try PeopleProblem(communities: Self.line, lists: lists, options: PeopleOptions(maxDistanceKm: 4))
        let evaluation = PeopleEvaluator.evaluate([
            SeatMatch(memberID: "m1", postID: "pB"),      // no skill care
            SeatMatch(memberID: "m2", postID: "pB"),
            SeatMatch(memberID: "m2", postID: "pB"),      // twice
            SeatMatch(memberID: "m2", postID: "pA"),      // no skill law
            SeatMatch(memberID: "x", postID: "pA"),       // unknown member
            SeatMatch(memberID: "m1", postID: "zz"),      // unknown post
        ], in: problem)
        XCTAssertEqual(evaluation.violations.count, 5, evaluation.violations.joined(separator: "\n"))
        XCTAssertEqual(evaluation.seats.count, 1)
        // m1 (home A) may not serve in C: 5 km > 4.
        let far = try PeopleProblem(communities: Self.line, lists: PeopleLists(
            members: [Member(id: "m1", homeCommunityID: "A", skills: ["law"])],
            posts: [Post(id: "pC", communityID: "C", category: "law")]), options: PeopleOptions(maxDistanceKm: 4))
        XCTAssertEqual(PeopleEvaluator.evaluate([SeatMatch(memberID: "m1", postID: "pC")], in: far).violations.count, 1)
        let solved = try PeopleMatcher.solve(far)
        XCTAssertEqual(solved.matches, [])
        XCTAssertEqual(PeopleEvaluator.evaluate(solved.matches, in: far).openPosts.first?.reason, .tooFar)
    }

    /// Brute force over every 0/1 choice of allowed pairs on small random instances (capacities
    /// 1–2, seats 1–2, kept matches, candidates and distance limits): the flow's optimum is the best.
    func testFlowEqualsBruteForce() throws {
        var checked = 0
        for seed in UInt64(1)...60 {
            let problem = try Self.randomProblem(seed: seed, members: 4, posts: 3, communities: 3)
            var pairs: [(Int, Int, Int)] = []
            for m in problem.members.indices {
                for p in problem.posts.indices {
                    if let value = problem.value(member: m, post: p) { pairs.append((m, p, value)) }
                }
            }
            guard pairs.count <= 16 else { continue }
            var best = Int.min
            let keptSet = Set(problem.kept.map { "\($0.member)-\($0.post)" })
            for mask in 0..<(1 << pairs.count) {
                var used = [Int](repeating: 0, count: problem.members.count)
                var filled = [Int](repeating: 0, count: problem.posts.count)
                var total = 0, ok = true, chosen = Set<String>()
                for (i, pair) in pairs.enumerated() where mask & (1 << i) != 0 {
                    used[pair.0] += 1
                    filled[pair.1] += 1
                    total += pair.2
                    chosen.insert("\(pair.0)-\(pair.1)")
                    if used[pair.0] > problem.members[pair.0].capacity || filled[pair.1] > problem.posts[pair.1].seats { ok = false; break }
                }
                if ok, keptSet.isSubset(of: chosen) { best = max(best, total) }
            }
            let solution = try PeopleMatcher.solve(problem, certify: true)
            XCTAssertEqual(solution.objectiveThousandths, best, "seed \(seed)")
            XCTAssertEqual(solution.certified, true, "seed \(seed)")
            let evaluation = PeopleEvaluator.evaluate(solution.matches, in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
            XCTAssertEqual(evaluation.objectiveThousandths, best, "seed \(seed)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// glpsol on models/people.mod (the LP, written from MODEL.md on its own) reaches the same
    /// optimum as the flow on random instances of a few dozen members.
    func testFlowEqualsGlpsolOnPeopleMod() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("people-glpsol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for seed in UInt64(100)...105 {
            let problem = try Self.randomProblem(seed: seed, members: 40, posts: 15, communities: 6)
            let data = scratch.appendingPathComponent("seed\(seed).dat")
            try Data(PeopleDataWriter.write(problem).utf8).write(to: data)
            let (status, output) = try GlpsolProcess.run(model: "people.mod", data: data)
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("OPTIMAL LP SOLUTION FOUND"), output)
            let expected = try GlpsolProcess.number(after: "OBJECTIVE ", in: output)
            let solution = try PeopleMatcher.solve(problem)
            XCTAssertEqual(Double(solution.objectiveThousandths) / 1000, expected, accuracy: 1e-6, "seed \(seed)")
            XCTAssertGreaterThan(expected, 0)
            // The LP's vertex is integral: every SEAT line is a whole seat, and their number matches.
            let seats = output.split(separator: "\n").filter { $0.hasPrefix("SEAT ") }.count
            XCTAssertEqual(seats, PeopleEvaluator.evaluate(solution.matches, in: problem).seats.count, "seed \(seed)")
        }
    }

    /// The arc pricing: started from one arc per class and post, it needs several rounds and ends
    /// at the optimum of the whole network (solved in one go, every arc in it).
    func testPricingReachesTheWholeNetworksOptimum() throws {
        var rounds = 0
        for seed in UInt64(300)...309 {
            let problem = try Self.randomProblem(seed: seed, members: 120, posts: 30, communities: 8)
            let sparse = try PeopleMatcher.solve(problem, algorithm: .okalg, certify: true, perSeat: 0, extra: 1)
            let whole = try MinCostFlow.solve(PeopleMatcher.flowNetwork(problem), algorithm: .okalg)
            let keptValue = problem.kept.reduce(0) { $0 + (problem.value(member: $1.member, post: $1.post) ?? 0) }
            XCTAssertEqual(sparse.objectiveThousandths, keptValue - whole.cost, "seed \(seed)")
            // Cost scaling, warm-started round after round, ends at the same optimum, certified.
            let scaled = try PeopleMatcher.solve(problem, algorithm: .scaling, certify: true, perSeat: 0, extra: 1)
            XCTAssertEqual(scaled.objectiveThousandths, sparse.objectiveThousandths, "seed \(seed)")
            XCTAssertEqual(scaled.certified, true, "seed \(seed)")
            XCTAssertEqual(PeopleEvaluator.evaluate(scaled.matches, in: problem).violations, [], "seed \(seed)")
            XCTAssertEqual(PeopleEvaluator.evaluate(sparse.matches, in: problem).violations, [], "seed \(seed)")
            XCTAssertLessThan(sparse.arcs, PeopleMatcher.flowNetwork(problem).arcs.count, "seed \(seed)")
            rounds = max(rounds, sparse.rounds)
        }
        XCTAssertGreaterThan(rounds, 1, "the pricing never had to add an arc")
    }

    /// Every algorithm available here (our cost scaling, GLPK's okalg, and RELAX-IV where GLPK has
    /// it) gives the same optimum.
    func testAlgorithmsAgree() throws {
        let available = PeopleAlgorithm.allCases.filter(\.isAvailable)
        XCTAssertTrue(available.contains(.okalg))
        for seed in UInt64(200)...204 {
            let problem = try Self.randomProblem(seed: seed, members: 60, posts: 20, communities: 8)
            let values = try available.map { try PeopleMatcher.solve(problem, algorithm: $0).objectiveThousandths }
            XCTAssertEqual(Set(values).count, 1, "seed \(seed): \(values)")
        }
    }

    /// The same lists give the same matching.
    func testDeterministic() throws {
        let problem = try Self.randomProblem(seed: 7, members: 80, posts: 30, communities: 8)
        let first = try PeopleMatcher.solve(problem).matches
        let second = try PeopleMatcher.solve(problem).matches
        XCTAssertEqual(first.map(\.memberID), second.map(\.memberID))
        XCTAssertEqual(first.map(\.postID), second.map(\.postID))
    }

    /// A random small instance: planar communities in a 6 km square, members with 1–2 of three
    /// skills, capacities 1–2, some with units, posts with 1–2 seats and priorities 1–3, options
    /// drawn (candidates, a distance limit, a plan, a kept match).
    static func randomProblem(seed: UInt64, members: Int, posts: Int, communities: Int) throws -> PeopleProblem {
        var random = SeededGenerator(seed: seed)
        let skills = ["law", "care", "health"]
        let places = (0..<communities).map { c in
            Community(id: "c\(c)", location: .planar(x: Double.random(in: 0...6, using: &random),
                                                     y: Double.random(in: 0...6, using: &random)))
        }
        let people = (0..<members).map { m in
            Member(id: "m\(m)", homeCommunityID: "c\(Int.random(in: 0..<communities, using: &random))",
                   location: Bool.random(using: &random) ? .planar(x: Double.random(in: 0...6, using: &random), y: 1) : nil,
                   skills: Array(skills.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))),
                   capacity: Int.random(in: 1...2, using: &random),
                   orgID: Bool.random(using: &random) ? "u\(Int.random(in: 0..<3, using: &random))" : nil)
        }
        let offers = (0..<posts).map { p in
            Post(id: "p\(p)", communityID: "c\(Int.random(in: 0..<communities, using: &random))",
                 category: skills.randomElement(using: &random)!, seats: Int.random(in: 1...2, using: &random),
                 priority: Double(Int.random(in: 1...3, using: &random)))
        }
        var options = PeopleOptions()
        if Bool.random(using: &random) { options.candidates = Int.random(in: 1...communities, using: &random) }
        if Bool.random(using: &random) { options.maxDistanceKm = Double.random(in: 2...8, using: &random) }
        options.plan = (0..<3).map { Assignment(orgID: "u\($0)", communityID: "c\(Int.random(in: 0..<communities, using: &random))", role: .member) }
        options.weights.distance = Double.random(in: 0.5...3, using: &random)
        let lists = PeopleLists(members: people, posts: offers)
        // A kept match: a pair the model allows.
        let probe = try PeopleProblem(communities: places, lists: lists, options: options)
        if let pair = (0..<members).lazy.flatMap({ m in (0..<posts).lazy.map { (m, $0) } })
            .first(where: { probe.value(member: $0.0, post: $0.1) != nil }) {
            options.kept = [SeatMatch(memberID: "m\(pair.0)", postID: "p\(pair.1)")]
        }
        return try PeopleProblem(communities: places, lists: lists, options: options)
    }
}
