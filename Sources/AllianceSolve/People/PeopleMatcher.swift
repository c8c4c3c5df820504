import AllianceModel
import Foundation
import GLPK

/// GLPK's network solver used for stage 3 (`--algorithm`): the names GLPK gives them, so that
/// programs above AllianceSolve need not import GLPK.
public enum PeopleAlgorithm: String, Sendable, CaseIterable {
    /// `glp_mincost_okalg`: the out-of-kilter algorithm.
    case okalg
    /// `glp_mincost_relax4`: Bertsekas and Tseng's RELAX-IV.
    case relax4

    /// Whether this GLPK provides it (RELAX-IV is missing from some GLPK builds; see `MinCostFlowAlgorithm`).
    public var isAvailable: Bool { glpk.isAvailable }

    /// The default: RELAX-IV where GLPK has it, the out-of-kilter algorithm otherwise.
    public static var preferred: PeopleAlgorithm { relax4.isAvailable ? .relax4 : .okalg }

    var glpk: MinCostFlowAlgorithm {
        switch self {
        case .okalg: .okalg
        case .relax4: .relax4
        }
    }
}

/// A stage-3 matching as the solver found it.
public struct PeopleSolution: Sendable {
    /// The filled seats: the kept matches first (in the order given), then the new ones by post
    /// (list order) and member (list order).
    public var matches: [SeatMatch]
    /// Σ seat values in thousandths, as the flow's cost says (the evaluator recomputes it).
    public var objectiveThousandths: Int
    public var algorithm: PeopleAlgorithm
    /// The network's size: nodes and arcs.
    public var nodes: Int
    public var arcs: Int
    /// Seconds spent building the network and in the GLPK solver.
    public var buildSeconds: Double
    public var solveSeconds: Double
    /// Whether the flow passed `MinCostFlow.check` (feasible, and no negative cycle in the residual
    /// network by the solver's potentials); nil when not checked.
    public var certified: Bool?
}

/// Solves stage 3 exactly as a min-cost flow with GLPK's network solvers (docs/MODEL.md, "Stage 3").
///
/// The network: source → member (capacity: the member's free seats) → … → post (capacity: its free
/// seats) → sink, plus a source → sink arc of cost 0 so that no seat has to be filled. A seat is
/// worth `postValue[p] + pairValue(m, c_p)`: the first part depends on the post only, the second on
/// the member and the post's community only. So a member who takes one seat reaches the posts of a
/// community and category through one shared node (member → (community, category) costs
/// −pairValue, (community, category) → post costs −postValue): every way of dealing that node's
/// incoming members to its posts has the same cost, and 20 candidate communities make ~30 arcs per
/// member instead of one per post. A member with capacity above 1 gets one arc per post instead
/// (capacity 1, so the member takes a post at most once). Arcs whose seats can only lose value are
/// left out: the source → sink arc is always at least as good. The optimum of this network is the
/// optimum of the model; the flow is integral.
public enum PeopleMatcher {
    /// Solves `problem` with `algorithm`; `certify` also runs `MinCostFlow.check` on the flow.
    /// Throws `SolveError.solverFailed` with GLPK's reason when the network solver fails.
    public static func solve(_ problem: PeopleProblem, algorithm: PeopleAlgorithm = .preferred,
                             certify: Bool = false) throws -> PeopleSolution {
        let clock = ContinuousClock()
        let start = clock.now
        let built = Network(problem)
        let buildSeconds = seconds(clock.now - start)
        let solved = clock.now
        let flow: FlowSolution
        do {
            flow = try MinCostFlow.solve(built.network, algorithm: algorithm.glpk)
        } catch {
            throw SolveError.solverFailed(error.description)
        }
        let solveSeconds = seconds(clock.now - solved)
        let certified = certify ? MinCostFlow.check(built.network, flow).isEmpty : nil
        let kept = problem.kept.map { SeatMatch(memberID: problem.members[$0.member].id, postID: problem.posts[$0.post].id) }
        let keptValue = problem.kept.reduce(0) { $0 + (problem.value(member: $1.member, post: $1.post) ?? 0) }
        let found = built.matches(flow.flows).sorted { ($0.post, $0.member) < ($1.post, $1.member) }
        return PeopleSolution(
            matches: kept + found.map { SeatMatch(memberID: problem.members[$0.member].id, postID: problem.posts[$0.post].id) },
            objectiveThousandths: keptValue - flow.cost, algorithm: algorithm,
            nodes: built.network.nodeCount, arcs: built.network.arcs.count,
            buildSeconds: buildSeconds, solveSeconds: solveSeconds, certified: certified)
    }

    /// The flow network `solve` hands to GLPK (for benchmarks that give the same network to other solvers).
    public static func flowNetwork(_ problem: PeopleProblem) -> FlowNetwork { Network(problem).network }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The flow network of a problem and what its arcs stand for.
    struct Network {
        var network = FlowNetwork()
        /// Arc index → (member, post) for member → post arcs.
        var directArcs: [(arc: Int, member: Int, post: Int)] = []
        /// Arc index → (member, class) for member → class arcs.
        var memberClassArcs: [(arc: Int, member: Int, klass: Int)] = []
        /// Arc index → (class, post) for class → post arcs.
        var classPostArcs: [(arc: Int, klass: Int, post: Int)] = []

        init(_ problem: PeopleProblem) {
            var freeCapacity = problem.members.map(\.capacity)
            var freeSeats = problem.posts.map(\.seats)
            var keptPairs: Set<Int> = []   // member * postCount + post
            let postCount = problem.posts.count
            for match in problem.kept {
                freeCapacity[match.member] -= 1
                freeSeats[match.post] -= 1
                keptPairs.insert(match.member * postCount + match.post)
            }
            // The classes: (community, category) with free seats, their posts in list order.
            var classIndex: [PeopleProblem.ClassKey: Int] = [:]
            var classPosts: [[Int]] = []
            for p in problem.posts.indices where freeSeats[p] > 0 {
                let key = PeopleProblem.ClassKey(community: problem.postCommunity[p], category: problem.posts[p].category)
                if let k = classIndex[key] {
                    classPosts[k].append(p)
                } else {
                    classIndex[key] = classPosts.count
                    classPosts.append([p])
                }
            }
            let classBest = classPosts.map { posts in posts.map { problem.postValue[$0] }.max() ?? 0 }

            let source = network.addNode()
            let sink = network.addNode()
            let classNodes = network.addNodes(classPosts.count)
            var postNode = [Int](repeating: -1, count: postCount)
            for posts in classPosts {
                for p in posts { postNode[p] = network.addNode() }
            }
            network.reserveArcs(problem.members.count * 24 + postCount * 2)
            var supplyMembers = 0
            for m in problem.members.indices where freeCapacity[m] > 0 {
                var skills: [String] = []
                for skill in problem.members[m].skills where !skills.contains(skill) { skills.append(skill) }
                var memberNode = -1
                func node() -> Int {
                    if memberNode < 0 {
                        memberNode = network.addNode()
                        network.addArc(from: source, to: memberNode, capacity: freeCapacity[m], cost: 0)
                        supplyMembers += freeCapacity[m]
                    }
                    return memberNode
                }
                let oneSeat = problem.members[m].capacity == 1
                for pair in problem.candidates[m] {
                    for skill in skills {
                        guard let k = classIndex[.init(community: pair.community, category: skill)] else { continue }
                        if oneSeat {
                            guard pair.value + classBest[k] > 0 else { continue }
                            let arc = network.addArc(from: node(), to: classNodes.lowerBound + k, capacity: 1, cost: -pair.value)
                            memberClassArcs.append((arc, m, k))
                        } else {
                            for p in classPosts[k] where !keptPairs.contains(m * postCount + p) {
                                let value = pair.value + problem.postValue[p]
                                guard value > 0 else { continue }
                                let arc = network.addArc(from: node(), to: postNode[p], capacity: 1, cost: -value)
                                directArcs.append((arc, m, p))
                            }
                        }
                    }
                }
            }
            var seatsOffered = 0
            for (k, posts) in classPosts.enumerated() {
                for p in posts {
                    let arc = network.addArc(from: classNodes.lowerBound + k, to: postNode[p], capacity: freeSeats[p],
                                             cost: -problem.postValue[p])
                    classPostArcs.append((arc, k, p))
                    network.addArc(from: postNode[p], to: sink, capacity: freeSeats[p], cost: 0)
                    seatsOffered += freeSeats[p]
                }
            }
            let supply = min(supplyMembers, seatsOffered)
            network.addArc(from: source, to: sink, capacity: supply, cost: 0)
            network.setSupply(source, supply)
            network.setSupply(sink, -supply)
        }

        /// The (member, post) pairs the flow fills: direct arcs as they are, and each class's
        /// incoming members dealt to its posts in list order.
        func matches(_ flows: [Int]) -> [(member: Int, post: Int)] {
            var result: [(member: Int, post: Int)] = []
            for arc in directArcs where flows[arc.arc] > 0 { result.append((arc.member, arc.post)) }
            var arriving: [Int: [Int]] = [:]
            for arc in memberClassArcs where flows[arc.arc] > 0 { arriving[arc.klass, default: []].append(arc.member) }
            var position: [Int: Int] = [:]
            for arc in classPostArcs where flows[arc.arc] > 0 {
                let members = arriving[arc.klass] ?? []
                var next = position[arc.klass] ?? 0
                for _ in 0..<flows[arc.arc] where next < members.count {
                    result.append((members[next], arc.post))
                    next += 1
                }
                position[arc.klass] = next
            }
            return result
        }
    }
}
