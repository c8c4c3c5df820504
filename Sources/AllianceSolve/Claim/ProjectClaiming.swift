import AllianceModel
import Foundation
import GLPK

/// How stage 2 runs.
public struct ClaimSettings: Sendable {
    /// OS threads solving communities in parallel (the calling thread is one of them).
    public var threads: Int
    /// Seconds each community's MIP may take; `nil` means no limit. A community cut short keeps
    /// its best claims and makes `ClaimResult.allOptimal` false.
    public var timeLimitPerCommunity: Double?

    public init(threads: Int = ClaimSettings.defaultThreads, timeLimitPerCommunity: Double? = 30) {
        self.threads = max(1, threads)
        self.timeLimitPerCommunity = timeLimitPerCommunity
    }

    /// The machine's active processors, at most 8.
    public static var defaultThreads: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }
}

/// Stage 2 of MODEL.md (领单): for each community, the members of its alliance claim the
/// community's projects, each project at most once, a unit spending at most its share
/// q_{o,r}/k_o of each resource there, maximizing the total value claimed.
///
/// Communities are independent: each gets its own small MIP (`ClaimMIP`), solved in parallel on
/// `settings.threads` threads. The result does not depend on the number of threads.
///
/// Merged groups claim as one unit with the group's summed resources; the claim names the
/// group's first-listed member. A unit's divisor is k_o (max_communities), or the number of
/// communities it serves in the plan when a (hand-edited) plan gives it more than k_o — so a
/// unit never promises more than its whole resource over all its communities.
public enum ProjectClaiming {
    /// Claims the projects of `problem.instance` for `plan`. Throws `SolveError.solverFailed`
    /// when GLPK fails on a community.
    public static func claim(_ plan: Plan, in problem: Problem,
                             settings: ClaimSettings = ClaimSettings()) throws -> ClaimResult {
        let setups = setUp(plan, in: problem)
        let timeLimit = settings.timeLimitPerCommunity
        let solutions: [ClaimMIP.Solution]
        do {
            // Each community's MIP is made, solved and deleted on one worker thread.
            solutions = try WorkerThreads.run(count: setups.count, threads: settings.threads) { c in
                Result { try ClaimMIP.solve(setups[c].subproblem, timeLimit: timeLimit) }
            }.map { try $0.get() }
        } catch let error as GLPKError {
            throw SolveError.solverFailed(Message.claimingFailed("\(error)").text)
        }
        return assemble(setups, solutions: solutions, problem: problem)
    }

    /// One community's claiming problem, and how its numbers map back to the lists.
    struct CommunitySetup: Sendable {
        /// Indices into `instance.projects`, sorted by project id; parallel to the subproblem's projects.
        var projects: [Int]
        /// Unit indices, parallel to the subproblem's claimers.
        var units: [Int]
        var subproblem: ClaimSubproblem
        /// Why each project would stay unclaimed (`notEnoughResource` unless nobody could take it at all).
        var reasons: [UnclaimedReason]
    }

    /// The claiming problem of every community, in community order.
    static func setUp(_ plan: Plan, in problem: Problem) -> [CommunitySetup] {
        let instance = problem.instance
        let orgIndex = Dictionary(instance.organizations.enumerated().map { ($1.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let communityIndex = Dictionary(problem.communities.enumerated().map { ($1.id, $0) },
                                        uniquingKeysWith: { first, _ in first })
        // q_{o,r} at unit level, for every category (project categories need not be need categories).
        var resources = [[String: Double]](repeating: [:], count: problem.unitCount)
        for row in instance.resources {
            guard let o = orgIndex[row.orgID] else { continue }
            resources[problem.unitOfOrganization[o]][row.category, default: 0] += row.amount
        }
        let divisor = (0..<problem.unitCount).map { u in
            Double(max(1, problem.units[u].maxCommunities, plan.communities(of: u).count))
        }
        var projectsOf = [[Int]](repeating: [], count: problem.communityCount)
        for (i, project) in instance.projects.enumerated() {
            guard let c = communityIndex[project.communityID] else { continue }  // the reader rejects these
            projectsOf[c].append(i)
        }
        return (0..<problem.communityCount).map { c in
            let projects = projectsOf[c].sorted { instance.projects[$0].id < instance.projects[$1].id }
            let units = plan.units(of: c)
            let categories = Array(Set(projects.map { instance.projects[$0].category })).sorted()
            let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
            let capacity = units.map { u in
                categories.map { resources[u][$0, default: 0] / divisor[u] }
            }
            let subproblem = ClaimSubproblem(
                amounts: projects.map { instance.projects[$0].amount },
                values: projects.map { instance.projects[$0].value },
                categories: projects.map { categoryIndex[instance.projects[$0].category]! },
                capacity: capacity)
            let reasons = projects.map { p -> UnclaimedReason in
                if units.isEmpty { return .noAlliance }
                let category = instance.projects[p].category
                return units.contains { resources[$0][category, default: 0] > 0 } ? .notEnoughResource : .noMemberHasCategory
            }
            return CommunitySetup(projects: projects, units: units, subproblem: subproblem, reasons: reasons)
        }
    }

    /// Turns per-community solutions into the lists' terms.
    static func assemble(_ setups: [CommunitySetup], solutions: [ClaimMIP.Solution], problem: Problem) -> ClaimResult {
        let instance = problem.instance
        var claims: [ProjectClaim] = [], unclaimed: [UnclaimedProject] = []
        for (setup, solution) in zip(setups, solutions) {
            for (k, p) in setup.projects.enumerated() {
                let project = instance.projects[p]
                if let o = solution.claimer[k] {
                    let org = instance.organizations[problem.units[setup.units[o]].members[0]]
                    claims.append(ProjectClaim(
                        projectID: project.id, projectName: project.name, communityID: project.communityID,
                        orgID: org.id, orgName: org.name, category: project.category,
                        amount: project.amount, value: project.value))
                } else {
                    unclaimed.append(UnclaimedProject(
                        projectID: project.id, projectName: project.name, communityID: project.communityID,
                        category: project.category, amount: project.amount, value: project.value,
                        reason: setup.reasons[k]))
                }
            }
        }
        return ClaimResult(claims: claims, unclaimed: unclaimed, allOptimal: solutions.allSatisfy(\.optimal))
    }
}
