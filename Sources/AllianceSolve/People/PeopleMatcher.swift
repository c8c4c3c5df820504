import AllianceModel
import Foundation
import GLPK

/// The min-cost flow solver used for stage 3 (`--algorithm`).
public enum PeopleAlgorithm: String, Sendable, CaseIterable {
    /// Our own cost-scaling push–relabel code (`CostScalingFlow`), the default: the fastest here.
    case scaling
    /// GLPK's `glp_mincost_okalg`: the out-of-kilter algorithm.
    case okalg
    /// GLPK's `glp_mincost_relax4`: Bertsekas and Tseng's RELAX-IV.
    case relax4

    /// Whether it can run here (RELAX-IV is missing from some GLPK builds; see `MinCostFlowAlgorithm`).
    public var isAvailable: Bool { glpk?.isAvailable ?? true }

    /// The default: cost scaling. (The issue asked for RELAX-IV by default; GLPK 5.0, the only
    /// GLPK this was built and measured with, ships it as a stub that aborts, and out-of-kilter
    /// is two orders of magnitude slower at city size; see README, "People to posts".)
    public static var preferred: PeopleAlgorithm { .scaling }

    /// GLPK's name for it; nil for our own solver.
    var glpk: MinCostFlowAlgorithm? {
        switch self {
        case .scaling: nil
        case .okalg: .okalg
        case .relax4: .relax4
        }
    }

    /// An optimal flow of `network` by this algorithm; throws `SolveError.solverFailed`. Cost
    /// scaling starts from `warmStart` (a flow within the capacities and potentials, e.g. the
    /// previous pricing round's); GLPK's codes cannot and ignore it.
    func solve(_ network: FlowNetwork, warmStart: FlowSolution? = nil) throws -> FlowSolution {
        guard let glpk else { return try CostScalingFlow.solve(network, warmStart: warmStart) }
        do {
            return try MinCostFlow.solve(network, algorithm: glpk)
        } catch {
            throw SolveError.solverFailed(error.description)
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
    /// The last restricted network's size: nodes and arcs.
    public var nodes: Int
    public var arcs: Int
    /// Arcs of the whole network (every member arc the model allows) and pricing rounds run.
    public var candidateArcs: Int
    public var rounds: Int
    /// Seconds spent building the networks and pricing, and in the GLPK solver.
    public var buildSeconds: Double
    public var solveSeconds: Double
    /// Whether the flow passed `MinCostFlow.check` (feasible, and no negative cycle in the residual
    /// network by the solver's potentials); nil when not checked.
    public var certified: Bool?
}

/// Solves stage 3 exactly as a min-cost flow (docs/MODEL.md, "Stage 3").
///
/// The network: source → member (capacity: the member's free seats) → … → post (capacity: its free
/// seats) → sink, plus a source → sink arc of cost 0 so that no seat has to be filled. A seat is
/// worth `postValue[p] + pairValue(m, c_p)`: the first part depends on the post only, the second on
/// the member and the post's community only. So a member who takes one seat reaches the posts of a
/// community and category (a *class*) through one shared node (member → class costs −pairValue,
/// class → post costs −postValue): every way of dealing that node's incoming members to its posts
/// has the same cost, and 20 candidate communities make ~30 arcs per member instead of one per
/// post. A member with capacity above 1 gets one arc per post instead (capacity 1, so the member
/// takes a post at most once). Arcs whose seats can only lose value are left out: the source →
/// sink arc is always at least as good. The optimum of this network is the optimum of the model.
///
/// Most members' arcs do not matter (63,000 members for 12,000 seats), and GLPK's out-of-kilter
/// code slows down sharply with the arc count, so the network is solved by *arc pricing*: first
/// with each class's best few members only (by value, ties by list order), then, round after
/// round, with every left-out arc whose reduced cost under the solver's node potentials is
/// negative added, until none is. A left-out member with no arc in the network is priced with the
/// source's potential (its source arc has reduced cost 0 there). When no left-out arc has a
/// negative reduced cost, the potentials are feasible for the whole network and satisfy
/// complementary slackness with the flow: the flow is optimal for the whole network (LP duality),
/// not just the restricted one.
public enum PeopleMatcher {
    /// Solves `problem` with `algorithm`; `certify` also runs `MinCostFlow.check` on the last
    /// restricted network's flow (the pricing's proof covers the rest).
    /// Throws `SolveError.solverFailed` with GLPK's reason when the network solver fails.
    public static func solve(_ problem: PeopleProblem, algorithm: PeopleAlgorithm = .preferred,
                             certify: Bool = false) throws -> PeopleSolution {
        try solve(problem, algorithm: algorithm, certify: certify, perSeat: 2, extra: 2)
    }

    /// `solve`, starting from each class's and post's best `perSeat × seats + extra` arcs (tests
    /// start from fewer to make the pricing work).
    static func solve(_ problem: PeopleProblem, algorithm: PeopleAlgorithm, certify: Bool,
                      perSeat: Int, extra: Int) throws -> PeopleSolution {
        let clock = ContinuousClock()
        let start = clock.now
        let arcs = CandidateArcs(problem)
        var restricted = Restricted(arcs)
        for a in arcs.initialSelection(perSeat: perSeat, extra: extra) { restricted.select(a) }
        var buildSeconds = (clock.now - start).seconds
        var solveSeconds = 0.0
        var rounds = 0
        var warmStart: FlowSolution? = nil
        while true {
            rounds += 1
            let solving = clock.now
            let flow = try algorithm.solve(restricted.network, warmStart: warmStart)
            solveSeconds += (clock.now - solving).seconds
            let priced = clock.now
            let added = restricted.pricedIn(flow.potentials)
            for a in added { restricted.select(a) }
            warmStart = restricted.extended(flow)
            buildSeconds += (clock.now - priced).seconds
            guard added.isEmpty else { continue }
            let certified = certify ? MinCostFlow.check(restricted.network, flow).isEmpty : nil
            let kept = problem.kept.map { SeatMatch(memberID: problem.members[$0.member].id, postID: problem.posts[$0.post].id) }
            let keptValue = problem.kept.reduce(0) { $0 + (problem.value(member: $1.member, post: $1.post) ?? 0) }
            let found = restricted.matches(flow.flows).sorted { ($0.post, $0.member) < ($1.post, $1.member) }
            return PeopleSolution(
                matches: kept + found.map { SeatMatch(memberID: problem.members[$0.member].id, postID: problem.posts[$0.post].id) },
                objectiveThousandths: keptValue - flow.cost, algorithm: algorithm,
                nodes: restricted.network.nodeCount, arcs: restricted.network.arcs.count, candidateArcs: arcs.count,
                rounds: rounds, buildSeconds: buildSeconds, solveSeconds: solveSeconds, certified: certified)
        }
    }

    /// The whole flow network (every candidate arc), for benchmarks that give the same network to
    /// other solvers; its optimum is the model's.
    public static func flowNetwork(_ problem: PeopleProblem) -> FlowNetwork {
        var restricted = Restricted(CandidateArcs(problem))
        for a in 0..<restricted.arcs.count { restricted.select(a) }
        return restricted.network
    }

    /// Every arc from a member the model may use, before any is put in a network: member → class
    /// for members of capacity 1, member → post for the others; and the classes and posts with
    /// free seats.
    struct CandidateArcs {
        let problem: PeopleProblem
        var freeCapacity: [Int]
        var freeSeats: [Int]
        /// Classes (community, category) with free seats and their posts, in list order.
        var classPosts: [[Int]] = []
        var postClass: [Int]
        /// Per candidate arc: the member, the target (a class index, or a post index when
        /// `direct`), the cost (−value of the member's part, or of the whole seat when direct).
        var member: [Int32] = []
        var target: [Int32] = []
        var direct: [Bool] = []
        var cost: [Int] = []

        var count: Int { member.count }

        init(_ problem: PeopleProblem) {
            self.problem = problem
            freeCapacity = problem.members.map(\.capacity)
            freeSeats = problem.posts.map(\.seats)
            var keptPairs: Set<Int> = []   // member * postCount + post
            let postCount = problem.posts.count
            for match in problem.kept {
                freeCapacity[match.member] -= 1
                freeSeats[match.post] -= 1
                keptPairs.insert(match.member * postCount + match.post)
            }
            var classIndex: [PeopleProblem.ClassKey: Int] = [:]
            postClass = [Int](repeating: -1, count: postCount)
            for p in problem.posts.indices where freeSeats[p] > 0 {
                let key = PeopleProblem.ClassKey(community: problem.postCommunity[p], category: problem.posts[p].category)
                if let k = classIndex[key] {
                    classPosts[k].append(p)
                    postClass[p] = k
                } else {
                    classIndex[key] = classPosts.count
                    postClass[p] = classPosts.count
                    classPosts.append([p])
                }
            }
            let classBest = classPosts.map { posts in posts.map { problem.postValue[$0] }.max() ?? 0 }
            for m in problem.members.indices where freeCapacity[m] > 0 {
                var skills: [String] = []
                for skill in problem.members[m].skills where !skills.contains(skill) { skills.append(skill) }
                let oneSeat = problem.members[m].capacity == 1
                for pair in problem.candidates[m] {
                    for skill in skills {
                        guard let k = classIndex[.init(community: pair.community, category: skill)] else { continue }
                        if oneSeat {
                            guard pair.value + classBest[k] > 0 else { continue }
                            append(m, k, direct: false, cost: -pair.value)
                        } else {
                            for p in classPosts[k] where !keptPairs.contains(m * postCount + p) {
                                let value = pair.value + problem.postValue[p]
                                if value > 0 { append(m, p, direct: true, cost: -value) }
                            }
                        }
                    }
                }
            }
        }

        private mutating func append(_ m: Int, _ target: Int, direct: Bool, cost: Int) {
            member.append(Int32(m))
            self.target.append(Int32(target))
            self.direct.append(direct)
            self.cost.append(cost)
        }

        /// The first restricted network's arcs: for each class, its best members (`perSeat` per
        /// free seat, and `extra` more), and for each post the best direct arcs likewise; the best
        /// by value, ties by member order; in candidate order.
        func initialSelection(perSeat: Int, extra: Int) -> [Int] {
            var byTarget: [Int: [Int]] = [:]   // class k → arcs; post p → arcs as -(p + 1)
            for a in 0..<count {
                byTarget[direct[a] ? -(Int(target[a]) + 1) : Int(target[a]), default: []].append(a)
            }
            var selected = [Bool](repeating: false, count: count)
            for (key, list) in byTarget {
                let seats = key >= 0 ? classPosts[key].reduce(0) { $0 + freeSeats[$1] } : freeSeats[-key - 1]
                let keep = perSeat * seats + extra
                let best = list.count <= keep ? list
                    : Array(list.sorted { (cost[$0], member[$0]) < (cost[$1], member[$1]) }.prefix(keep))
                for a in best { selected[a] = true }
            }
            return selected.indices.filter { selected[$0] }
        }
    }

    /// A network of the selected candidate arcs and what its arcs stand for. It only grows (arcs
    /// selected by the pricing are appended, with their member's node when new), so a flow and
    /// potentials of one round index the next round's network too: `extended` makes them a warm
    /// start.
    ///
    /// Layout: source, sink, the classes, the posts; class → post and post → sink arcs, the
    /// source → sink arc; then, in the order selected, each member's source arc (when the member
    /// is new) and its arc to a class or post. The source supplies every free seat and the source
    /// → sink arc can carry all of it, so every restricted network has a feasible flow.
    struct Restricted {
        let arcs: CandidateArcs
        var network = FlowNetwork()
        let source = 0, sink = 1
        /// Node of each class and each post (−1 for posts without free seats), of each member (−1
        /// when none of its arcs is selected).
        var classNode: [Int] = []
        var postNode: [Int]
        var memberNode: [Int]
        var selected: [Bool]
        /// Network arc → candidate arc, for the member arcs.
        var memberArcs: [(arc: Int, candidate: Int)] = []
        /// Network arc → (class, post), for the class → post arcs.
        var classPostArcs: [(arc: Int, klass: Int, post: Int)] = []

        init(_ arcs: CandidateArcs) {
            self.arcs = arcs
            let problem = arcs.problem
            network.addNode()
            network.addNode()
            classNode = Array(network.addNodes(arcs.classPosts.count))
            postNode = [Int](repeating: -1, count: problem.posts.count)
            for posts in arcs.classPosts {
                for p in posts { postNode[p] = network.addNode() }
            }
            memberNode = [Int](repeating: -1, count: problem.members.count)
            selected = [Bool](repeating: false, count: arcs.count)
            var seatsOffered = 0
            for (k, posts) in arcs.classPosts.enumerated() {
                for p in posts {
                    let arc = network.addArc(from: classNode[k], to: postNode[p], capacity: arcs.freeSeats[p],
                                             cost: -problem.postValue[p])
                    classPostArcs.append((arc, k, p))
                    network.addArc(from: postNode[p], to: sink, capacity: arcs.freeSeats[p], cost: 0)
                    seatsOffered += arcs.freeSeats[p]
                }
            }
            network.addArc(from: source, to: sink, capacity: seatsOffered, cost: 0)
            network.setSupply(source, seatsOffered)
            network.setSupply(sink, -seatsOffered)
        }

        /// Puts candidate arc `a` (and its member, when new) into the network.
        mutating func select(_ a: Int) {
            guard !selected[a] else { return }
            selected[a] = true
            let m = Int(arcs.member[a])
            if memberNode[m] < 0 {
                memberNode[m] = network.addNode()
                network.addArc(from: source, to: memberNode[m], capacity: arcs.freeCapacity[m], cost: 0)
            }
            let to = arcs.direct[a] ? postNode[Int(arcs.target[a])] : classNode[Int(arcs.target[a])]
            memberArcs.append((network.addArc(from: memberNode[m], to: to, capacity: 1, cost: arcs.cost[a]), a))
        }

        /// The left-out candidate arcs with a negative reduced cost under `potentials`
        /// (`cost − π(from) + π(to)`; a member outside the network has the source's potential),
        /// in candidate order.
        func pricedIn(_ potentials: [Double]) -> [Int] {
            var added: [Int] = []
            for a in 0..<arcs.count where !selected[a] {
                let m = Int(arcs.member[a])
                let from = memberNode[m] >= 0 ? potentials[memberNode[m]] : potentials[source]
                let to = potentials[arcs.direct[a] ? postNode[Int(arcs.target[a])] : classNode[Int(arcs.target[a])]]
                if Double(arcs.cost[a]) - from + to < -1e-9 { added.append(a) }
            }
            return added
        }

        /// `flow` (of this network before the last `select`s) as a start for the grown network:
        /// the new arcs carry nothing and the new members get the source's potential, under
        /// which their source arcs have reduced cost 0.
        func extended(_ flow: FlowSolution) -> FlowSolution {
            var result = flow
            result.flows += [Int](repeating: 0, count: network.arcs.count - flow.flows.count)
            result.potentials += [Double](repeating: flow.potentials[source],
                                          count: network.nodeCount - flow.potentials.count)
            return result
        }

        /// The (member, post) pairs the flow fills: direct arcs as they are, and each class's
        /// incoming members dealt to its posts in list order.
        func matches(_ flows: [Int]) -> [(member: Int, post: Int)] {
            var result: [(member: Int, post: Int)] = []
            var arriving: [Int: [Int]] = [:]
            for (arc, a) in memberArcs where flows[arc] > 0 {
                let m = Int(arcs.member[a]), target = Int(arcs.target[a])
                if arcs.direct[a] { result.append((m, target)) } else { arriving[target, default: []].append(m) }
            }
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
