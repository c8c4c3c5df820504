import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Stage 2 (领单): hand-solved claiming problems, brute force against the GLPK MIP, shares,
/// reasons, and thread independence.
final class ClaimTests: XCTestCase {
    // MARK: Hand-solved subproblems

    /// One claimer with 5 of category A. Projects P1 (amount 4, value 5), P2 (3, 3), P3 (2, 3).
    /// Subsets within 5: {P1} = 5, {P2} = 3, {P3} = 3, {P2, P3} (amount 5) = 6; P1 with anything
    /// exceeds 5. Optimum 6 = {P2, P3}, P1 unclaimed — taking the most valuable project first
    /// (P1) would give only 5.
    func testKnapsackBeatsGreedy() throws {
        let sub = ClaimSubproblem(amounts: [4, 3, 2], values: [5, 3, 3], categories: [0, 0, 0], capacity: [[5]])
        let solution = try ClaimMIP.solve(sub)
        XCTAssertTrue(solution.optimal)
        XCTAssertEqual(solution.claimer, [nil, 0, 0])
        XCTAssertEqual(sub.value(solution.claimer), 6)
    }

    /// Claimer 0 has 3 of A, claimer 1 has 2 of A. P1 (amount 2, value 2), P2 (3, 3), P3 (1, 1).
    /// P2 fits only claimer 0 and then fills it; claimer 1's 2 then takes P1 (value 2) rather
    /// than P3 (value 1): value 5. Without P2, claimer 0 takes at most P1 + P3 (3) and claimer 1
    /// nothing more valuable than P1/P3 left — at most 2 + 1 = 3. So the optimum 5 is unique:
    /// P1 → 1, P2 → 0, P3 unclaimed.
    func testAssignmentAcrossClaimers() throws {
        let sub = ClaimSubproblem(amounts: [2, 3, 1], values: [2, 3, 1], categories: [0, 0, 0], capacity: [[3], [2]])
        let solution = try ClaimMIP.solve(sub)
        XCTAssertEqual(solution.claimer, [1, 0, nil])
        XCTAssertEqual(sub.value(solution.claimer), 5)
    }

    /// Categories do not share capacity: claimer 0 has A 2 and B 1; P1 (A, 2, value 1) and
    /// P2 (B, 1, value 1) both fit, value 2. P3 (B, 1, value 0) then finds B used up; claimer 1
    /// (B 1) takes it — value 0 changes nothing, but the filling step claims it anyway.
    /// Also 0.1 + 0.2 fits into 0.3 (the shared tolerance).
    func testCategoriesAndTolerance() throws {
        let sub = ClaimSubproblem(amounts: [2, 1, 1], values: [1, 1, 0], categories: [0, 1, 1],
                                  capacity: [[2, 1], [0, 1]])
        let solution = try ClaimMIP.solve(sub)
        XCTAssertEqual(sub.value(solution.claimer), 2)
        XCTAssertEqual(solution.claimer[0], 0)
        XCTAssertNotNil(solution.claimer[2])
        XCTAssertTrue(sub.isFeasible(solution.claimer))

        let decimals = ClaimSubproblem(amounts: [0.1, 0.2], values: [1, 1], categories: [0, 0], capacity: [[0.3]])
        XCTAssertEqual(try ClaimMIP.solve(decimals).claimer, [0, 0])
    }

    // MARK: Brute force

    /// Best value by enumerating every claimer choice (or none) for every project, with its own
    /// capacity check (no code shared with `ClaimSubproblem` or the MIP).
    private func bruteForce(_ sub: ClaimSubproblem) -> Double {
        let n = sub.amounts.count, m = sub.capacity.count
        var best = 0.0
        var choice = [Int](repeating: -1, count: n)
        func visit(_ p: Int) {
            if p == n {
                var used = [[Double]](repeating: [Double](repeating: 0, count: 8), count: m)
                var value = 0.0
                for q in 0..<n where choice[q] >= 0 {
                    used[choice[q]][sub.categories[q]] += sub.amounts[q]
                    value += sub.values[q]
                }
                for o in 0..<m {
                    for r in sub.capacity[o].indices where used[o][r] > sub.capacity[o][r] + 1e-9 { return }
                }
                best = max(best, value)
                return
            }
            for o in -1..<m {
                choice[p] = o
                visit(p + 1)
            }
        }
        visit(0)
        return best
    }

    /// ~30 random subproblems (1–3 claimers, 1–3 categories, 3–7 projects, integer and half
    /// amounts): the MIP's value equals the enumerated optimum and its claims fit.
    func testMIPMatchesBruteForce() throws {
        var rng = SeededGenerator(seed: 2024)
        var greedyWorse = 0
        for instance in 0..<30 {
            let claimers = Int.random(in: 1...3, using: &rng)
            let categories = Int.random(in: 1...3, using: &rng)
            let projects = Int.random(in: 3...7, using: &rng)
            let capacity = (0..<claimers).map { _ in
                (0..<categories).map { _ in Bool.random(using: &rng) ? Double(Int.random(in: 1...8, using: &rng)) / 2 : 0 }
            }
            let sub = ClaimSubproblem(
                amounts: (0..<projects).map { _ in Double(Int.random(in: 1...6, using: &rng)) / 2 },
                values: (0..<projects).map { _ in Double(Int.random(in: 0...5, using: &rng)) },
                categories: (0..<projects).map { _ in Int.random(in: 0..<categories, using: &rng) },
                capacity: capacity)
            let solution = try ClaimMIP.solve(sub)
            XCTAssertTrue(solution.optimal, "instance \(instance)")
            XCTAssertTrue(sub.isFeasible(solution.claimer), "instance \(instance)")
            XCTAssertEqual(sub.value(solution.claimer), bruteForce(sub), accuracy: 1e-9, "instance \(instance): \(sub)")
            let greedy = sub.filled([Int?](repeating: nil, count: projects))
            if sub.value(greedy) < sub.value(solution.claimer) - 1e-9 { greedyWorse += 1 }
        }
        // The instances are not all trivial: first-fit in project order misses the optimum on some.
        XCTAssertGreaterThan(greedyWorse, 0)
    }

    // MARK: Whole instances

    /// Communities C1..C4. Units: g (group of o1, o2; k = 2; o1 has 养老 3, o2 has 养老 1 → unit 4,
    /// share 4/2 = 2 per community), o3 (k = 1, 就业 1), o4 (k = 1, nothing).
    /// Plan: g serves C1 and C2, o3 serves C2, o4 serves C3, nobody serves C4.
    /// C1 projects: A1 养老 2 (value 3), A2 养老 1 (value 1): g's share 2 takes A1 (value 3 > 1);
    ///   A2 unclaimed, not enough resource.
    /// C2: B1 就业 1 → o3 (its whole 1); B2 文化 1 → nobody has 文化: no member has the category.
    /// C3: C1x 养老 1 → o4 has no 养老: no member has the category.
    /// C4: D1 → no alliance.
    private func groupInstance() throws -> (Problem, Plan) {
        let instance = Instance(
            communities: ["C1", "C2", "C3", "C4"].map { Community(id: $0) },
            organizations: [
                Organization(id: "o1", name: "一号", minCommunities: 1, maxCommunities: 2, group: "g"),
                Organization(id: "o2", name: "二号", maxCommunities: 5, group: "g"),
                Organization(id: "o3", name: "三号"),
                Organization(id: "o4", name: "四号"),
            ],
            resources: [Resource(orgID: "o1", category: "养老", amount: 3),
                        Resource(orgID: "o2", category: "养老", amount: 1),
                        Resource(orgID: "o3", category: "就业", amount: 1)],
            projects: [Project(id: "A2", communityID: "C1", category: "养老", amount: 1, value: 1),
                       Project(id: "A1", communityID: "C1", category: "养老", amount: 2, value: 3),
                       Project(id: "B1", communityID: "C2", category: "就业", amount: 1, value: 2),
                       Project(id: "B2", communityID: "C2", category: "文化", amount: 1, value: 1),
                       Project(id: "C1x", communityID: "C3", category: "养老", amount: 1, value: 1),
                       Project(id: "D1", communityID: "C4", category: "养老", amount: 1, value: 1)])
        let problem = try Problem(instance: instance)
        var plan = Plan(unitCount: problem.unitCount, communityCount: problem.communityCount)
        plan[unit: 0, community: 0] = true
        plan[unit: 0, community: 1] = true
        plan[unit: 1, community: 1] = true
        plan[unit: 2, community: 2] = true
        return (problem, plan)
    }

    func testGroupsSharesAndReasons() throws {
        let (problem, plan) = try groupInstance()
        XCTAssertEqual(problem.units.map(\.id), ["g", "o3", "o4"])
        let result = try ProjectClaiming.claim(plan, in: problem)
        XCTAssertEqual(result.claims.map(\.projectID), ["A1", "B1"])
        XCTAssertEqual(result.claims.map(\.orgID), ["o1", "o3"])  // the group's first-listed member
        XCTAssertEqual(result.claims.first?.orgName, "一号")
        XCTAssertEqual(result.unclaimed.map(\.projectID), ["A2", "B2", "C1x", "D1"])
        XCTAssertEqual(result.unclaimed.map(\.reason),
                       [.notEnoughResource, .noMemberHasCategory, .noMemberHasCategory, .noAlliance])
        XCTAssertEqual(result.claimedValue, 5)
        XCTAssertEqual(result.totalValue, 9)
        XCTAssertTrue(result.allOptimal)

        let csv = result.projectsCSV(communities: problem.communities)
        XCTAssertEqual(csv.split(separator: "\n").map(String.init), [
            "project_id,project_name,community_id,org_id,org_name,category,amount,value,status",
            "A1,A1,C1,o1,一号,养老,2,3,claimed",
            "A2,A2,C1,,,养老,1,1,not_enough_resource",
            "B1,B1,C2,o3,三号,就业,1,2,claimed",
            "B2,B2,C2,,,文化,1,1,no_member_has_category",
            "C1x,C1x,C3,,,养老,1,1,no_member_has_category",
            "D1,D1,C4,,,养老,1,1,no_alliance",
        ])
        XCTAssertEqual(result.summary.unclaimed_by_reason,
                       ["not_enough_resource": 1, "no_member_has_category": 2, "no_alliance": 1])
    }

    /// A hand-edited plan giving the group three communities (more than k = 2) divides by 3:
    /// share 4/3 < 2, so A1 (amount 2) no longer fits and A2 (amount 1) is claimed instead.
    func testOverAssignedUnitDividesByCommunitiesServed() throws {
        let (problem, twoCommunities) = try groupInstance()
        var plan = twoCommunities
        plan[unit: 0, community: 3] = true
        let result = try ProjectClaiming.claim(plan, in: problem)
        XCTAssertEqual(result.claims.filter { $0.communityID == "C1" }.map(\.projectID), ["A2"])
        XCTAssertEqual(result.claims.filter { $0.communityID == "C4" }.map(\.projectID), ["D1"])
    }

    /// A generated instance (groups, multi-community units) with 40 random projects — some of a
    /// category nobody holds (`unheld`) — and the greedy plan for it.
    static func randomClaiming(seed: UInt64) throws -> (Problem, Plan) {
        var generator = InstanceGenerator(communities: 6, units: 18)
        generator.previousPlan = false
        var (instance, _) = generator.generate(seed: seed)
        var rng = SeededGenerator(seed: seed &* 7919)
        let categories = Array(Set(instance.resources.map(\.category))).sorted() + ["unheld"]
        for i in 0..<40 {
            instance.projects.append(Project(
                id: String(format: "P%02d", i), communityID: instance.communities.randomElement(using: &rng)!.id,
                category: categories.randomElement(using: &rng)!,
                amount: Double(Int.random(in: 1...4, using: &rng)), value: Double(Int.random(in: 0...5, using: &rng))))
        }
        let problem = try Problem(instance: instance)
        let plan = try XCTUnwrap(GreedyStrategy().solve(problem, settings: SolveSettings(timeLimit: 10)).plan)
        return (problem, plan)
    }

    /// Random instances with projects: every claim fits the claimer's unit share q/k (recomputed
    /// here from the lists), each project appears exactly once, reasons agree with the lists, and
    /// 1, 2 and 5 threads give identical results.
    func testSharesReasonsAndThreads() throws {
        var reasonsSeen = Set<UnclaimedReason>(), claimedAny = false
        for seed in UInt64(1)...4 {
            let (problem, plan) = try Self.randomClaiming(seed: seed)
            let instance = problem.instance
            let one = try ProjectClaiming.claim(plan, in: problem, settings: ClaimSettings(threads: 1))
            XCTAssertEqual(try ProjectClaiming.claim(plan, in: problem, settings: ClaimSettings(threads: 2)), one)
            XCTAssertEqual(try ProjectClaiming.claim(plan, in: problem, settings: ClaimSettings(threads: 5)), one)
            XCTAssertTrue(one.allOptimal)
            XCTAssertEqual(Set(one.claims.map(\.projectID) + one.unclaimed.map(\.projectID)).count, 40)
            XCTAssertEqual(one.claims.count + one.unclaimed.count, 40)
            reasonsSeen.formUnion(one.unclaimed.map(\.reason))
            claimedAny = claimedAny || !one.claims.isEmpty

            // Independent recomputation of the shares, at unit level.
            let orgs = instance.organizations
            func unit(of org: String) -> Int { problem.unitOfOrganization[orgs.firstIndex { $0.id == org }!] }
            var held: [String: Double] = [:]  // "unit|category"
            for row in instance.resources { held["\(unit(of: row.orgID))|\(row.category)", default: 0] += row.amount }
            var spent: [String: Double] = [:]  // "unit|community|category"
            for claim in one.claims {
                let u = unit(of: claim.orgID)
                let c = problem.communities.firstIndex { $0.id == claim.communityID }!
                XCTAssertTrue(plan[unit: u, community: c], "\(claim.orgID) does not serve \(claim.communityID)")
                XCTAssertEqual(problem.units[u].members.first.map { orgs[$0].id }, claim.orgID)
                spent["\(u)|\(claim.communityID)|\(claim.category)", default: 0] += claim.amount
            }
            for (key, total) in spent {
                let parts = key.split(separator: "|").map(String.init)
                let u = Int(parts[0])!
                let k = Double(max(problem.units[u].maxCommunities, plan.communities(of: u).count))
                XCTAssertLessThanOrEqual(total, held["\(u)|\(parts[2])", default: 0] / k + 1e-9, key)
            }
            for project in one.unclaimed {
                let c = problem.communities.firstIndex { $0.id == project.communityID }!
                let members = plan.units(of: c)
                let anyHolds = members.contains { held["\($0)|\(project.category)", default: 0] > 0 }
                let expected: UnclaimedReason = members.isEmpty ? .noAlliance
                    : anyHolds ? .notEnoughResource : .noMemberHasCategory
                XCTAssertEqual(project.reason, expected, project.projectID)
                if project.category == "unheld" { XCTAssertNotEqual(project.reason, .notEnoughResource) }
            }
        }
        XCTAssertTrue(claimedAny)
        XCTAssertTrue(reasonsSeen.isSuperset(of: [.noMemberHasCategory, .notEnoughResource]), "\(reasonsSeen)")
    }
}
