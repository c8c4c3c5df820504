import XCTest
import AllianceModel
@testable import AllianceSolve
import GLPK

/// Our cost-scaling min-cost flow against GLPK's out-of-kilter code on random networks (with
/// cycles, negative costs, parallel arcs and infeasible cases), its potentials certified by
/// `MinCostFlow.check`, and on the stage-3 networks through `PeopleMatcher`.
final class CostScalingFlowTests: XCTestCase {

    /// A random network on 2–9 nodes: random arcs in both directions (parallel ones too),
    /// costs −20…40, capacities 0…9, supplies −3…3 summing to 0 that may not be routable.
    static func randomNetwork(_ rng: inout SeededGenerator) -> FlowNetwork {
        let n = Int.random(in: 2...9, using: &rng)
        var network = FlowNetwork(nodeCount: n)
        var left = 0
        for v in 0..<(n - 1) {
            let supply = Int.random(in: -3...3, using: &rng)
            network.setSupply(v, supply)
            left -= supply
        }
        network.setSupply(n - 1, left)
        for _ in 0..<Int.random(in: 0...(5 * n), using: &rng) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            guard a != b else { continue }
            network.addArc(from: a, to: b, capacity: Int.random(in: 0...9, using: &rng),
                           cost: Int.random(in: -20...40, using: &rng))
        }
        return network
    }

    /// 400 random networks: where okalg finds an optimum, cost scaling finds the same cost and a
    /// flow `MinCostFlow.check` accepts (feasible, cost recomputed, its potentials prove
    /// optimality, and Bellman–Ford finds no negative cycle); where okalg finds none, cost
    /// scaling throws.
    func testRandomNetworksMatchOutOfKilter() throws {
        var rng = SeededGenerator(seed: 41)
        var feasible = 0, infeasible = 0
        for trial in 0..<400 {
            let network = Self.randomNetwork(&rng)
            let reference: FlowSolution
            do {
                reference = try MinCostFlow.solve(network, algorithm: .okalg)
            } catch GLPKError.infeasibleFlow(_) {
                XCTAssertThrowsError(try CostScalingFlow.solve(network), "trial \(trial)")
                infeasible += 1
                continue
            }
            let solution = try CostScalingFlow.solve(network)
            XCTAssertEqual(solution.cost, reference.cost, "trial \(trial)")
            XCTAssertEqual(MinCostFlow.check(network, solution), [], "trial \(trial)")
            feasible += 1
        }
        print("cost scaling: \(feasible) feasible, \(infeasible) infeasible random networks")
        XCTAssertGreaterThan(feasible, 100)
        XCTAssertGreaterThan(infeasible, 20)
    }

    /// Warm starts give the optimum too: from the optimum of a network with some arcs left out
    /// (new arcs empty, as stage 3's pricing does), and from an arbitrary flow within the
    /// capacities with random potentials (excesses and deficits everywhere).
    func testWarmStartsReachTheSameOptimum() throws {
        var rng = SeededGenerator(seed: 43)
        var checked = 0
        for trial in 0..<300 {
            let whole = Self.randomNetwork(&rng)
            guard let reference = try? MinCostFlow.solve(whole, algorithm: .okalg) else { continue }
            // The first arcs, and the arcs appended later.
            let kept = Int.random(in: 0...whole.arcs.count, using: &rng)
            var part = FlowNetwork(nodeCount: whole.nodeCount)
            for v in 0..<whole.nodeCount { part.setSupply(v, whole.supplies[v]) }
            for arc in whole.arcs.prefix(kept) {
                part.addArc(from: arc.from, to: arc.to, capacity: arc.capacity, cost: arc.cost)
            }
            if let partial = try? MinCostFlow.solve(part, algorithm: .okalg) {
                var start = partial
                start.flows += [Int](repeating: 0, count: whole.arcs.count - kept)
                let warm = try CostScalingFlow.solve(whole, warmStart: start)
                XCTAssertEqual(warm.cost, reference.cost, "trial \(trial), from the part's optimum")
                XCTAssertEqual(MinCostFlow.check(whole, warm), [], "trial \(trial)")
            }
            let arbitrary = FlowSolution(
                flows: whole.arcs.map { Int.random(in: 0...$0.capacity, using: &rng) }, cost: 0,
                potentials: (0..<whole.nodeCount).map { _ in Double(Int.random(in: -50...50, using: &rng)) })
            let fromAnywhere = try CostScalingFlow.solve(whole, warmStart: arbitrary)
            XCTAssertEqual(fromAnywhere.cost, reference.cost, "trial \(trial), from an arbitrary flow")
            checked += 1
        }
        print("cost scaling: \(checked) warm-started networks")
        XCTAssertGreaterThan(checked, 80)
        // A start of the wrong size is refused.
        let network = Self.randomNetwork(&rng)
        let wrong = FlowSolution(flows: [], cost: 0, potentials: [])
        if !network.arcs.isEmpty {
            XCTAssertThrowsError(try CostScalingFlow.solve(network, warmStart: wrong))
        }
    }

    /// A network larger than the independent check's limit is still proved by its potentials,
    /// and agrees with okalg: a stage-3-like layered network with 2,000 members.
    func testLayeredNetworkAgreesWithOutOfKilter() throws {
        var rng = SeededGenerator(seed: 5)
        var network = FlowNetwork()
        let source = network.addNode(), sink = network.addNode()
        let members = network.addNodes(2_000), posts = network.addNodes(300)
        var seats = 0
        for p in posts {
            let s = Int.random(in: 1...3, using: &rng)
            network.addArc(from: p, to: sink, capacity: s, cost: 0)
            seats += s
        }
        for m in members {
            network.addArc(from: source, to: m, capacity: Int.random(in: 1...2, using: &rng), cost: 0)
            for _ in 0..<15 {
                network.addArc(from: m, to: posts.randomElement(using: &rng)!, capacity: 1,
                               cost: -Int.random(in: 1...20_000, using: &rng))
            }
        }
        network.addArc(from: source, to: sink, capacity: seats, cost: 0)
        network.setSupply(source, seats)
        network.setSupply(sink, -seats)
        let solution = try CostScalingFlow.solve(network)
        XCTAssertEqual(solution.cost, try MinCostFlow.solve(network, algorithm: .okalg).cost)
        XCTAssertGreaterThan(network.arcs.count, MinCostFlow.independentCheckArcLimit)
        XCTAssertEqual(MinCostFlow.check(network, solution), [])
    }

    /// Malformed networks are refused with GLPK's validation message, before any work.
    func testMalformedNetworkIsRefused() {
        var network = FlowNetwork(nodeCount: 2)
        network.setSupply(0, 1)
        network.addArc(from: 0, to: 1, capacity: 1, cost: 0)
        XCTAssertThrowsError(try CostScalingFlow.solve(network)) { error in
            XCTAssertTrue("\(error)".contains("not 0"), "\(error)")
        }
    }
}
