import Foundation
import GLPK
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Re-planning (MODEL.md, "Re-planning"): reading pins, deriving them into the problem, naming
/// clashing pins, judging pins and the change limit, and the change limit in the MIP and in
/// `models/alliance.mod`.
final class PinTests: XCTestCase {
    // MARK: - pins.csv and the options

    func testPinsFileReadsEveryKind() throws {
        let pins = try PinReader.read(text: """
            kind,org_id,community_id
            unit,U1,
            Community,,C2
            lead,U3,C1

            """)
        XCTAssertEqual(pins.map(\.kind), [.unit, .community, .lead])
        XCTAssertEqual(pins.map(\.target), ["U1", "C2", "C1=U3"])
        XCTAssertEqual(pins[0].source?.description, "pins.csv:2:1")
        XCTAssertEqual(pins[2].unitSource?.description, "pins.csv:4:6")
        XCTAssertEqual(pins[2].communitySource?.description, "pins.csv:4:9")
        XCTAssertEqual(pins[0].description, "unit pin U1 (pins.csv:2:1)")
    }

    func testPinsFileChineseHeadersAndKinds() throws {
        let pins = try PinReader.read(text: "类型,单位编号,社区编号\n单位,U1,\n社区,,C2\n牵头,U3,C1\n")
        XCTAssertEqual(pins.map(\.kind), [.unit, .community, .lead])
    }

    func testPinsFileErrorsAtTheirCells() {
        let text = """
            kind,org_id,community_id
            bogus,U1,
            community,,
            lead,U1,
            unit,U1,C1
            ,U2,
            unit,U4,
            unit,U4,

            """
        XCTAssertThrowsError(try PinReader.read(text: text)) { error in
            let messages = (error as? InputErrors)?.errors.map(\.description) ?? []
            XCTAssertEqual(messages.count, 6, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:2:1: unknown pin kind 'bogus'") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:3:12: missing community_id") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:4:9: missing community_id") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:5:9: a unit pin keeps all") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:6:1: missing kind") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("pins.csv:8:1: unit pin U4 is listed twice (first at pins.csv:7:1)") },
                          "\(messages)")
        }
        XCTAssertThrowsError(try PinReader.read(text: "org_id\nU1\n")) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["pins.csv:1:1: missing required column 'kind' (类型) in pins.csv"])
        }
        XCTAssertThrowsError(try PinReader.read(text: "kind,org_id\ncommunity,\n")) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["pins.csv:2:1: a community pin names the community it keeps, but there is no community_id column (社区编号)"])
        }
    }

    func testPinOptions() throws {
        let pins = try PinReader.pins(units: ["U1"], communities: ["C2"], leads: ["C1=U3"])
        XCTAssertEqual(pins.map(\.description), ["--pin-unit U1", "--pin-community C2", "--pin-lead C1=U3"])
        XCTAssertEqual(pins[2].unitID, "U3")
        XCTAssertEqual(pins[2].communityID, "C1")
        for (leads, expected) in [(["C1"], "--pin-lead C1: expected COMMUNITY=UNIT (e.g. --pin-lead C1=U3)"),
                                  (["=U3"], "--pin-lead =U3: expected COMMUNITY=UNIT with both ids (e.g. --pin-lead C1=U3)"),
                                  (["C1="], "--pin-lead C1=: expected COMMUNITY=UNIT with both ids (e.g. --pin-lead C1=U3)"),
                                  (["C1=U3=U4"], "--pin-lead C1=U3=U4: expected one '=' between the community and the unit")] {
            XCTAssertThrowsError(try PinReader.pins(leads: leads)) { error in
                XCTAssertEqual((error as? PinReader.OptionError)?.description, expected)
            }
        }
        XCTAssertThrowsError(try PinReader.pins(units: [" "])) { error in
            XCTAssertEqual((error as? PinReader.OptionError)?.description, "--pin-unit: expected a unit id or group name")
        }
        XCTAssertThrowsError(try PinReader.pins(communities: [""])) { error in
            XCTAssertEqual((error as? PinReader.OptionError)?.description, "--pin-community: expected a community id")
        }
    }

    // MARK: - The problem

    /// C1, C2, C3; U1 … U4 and the group G = U5 + U6. Start plan: C1 = {U1 lead, U2},
    /// C2 = {U3 lead, U1}, C3 = {U4 lead, G}.
    static func lists(pairs: [PairRule] = [], canLead: Bool = true, maxOrgs: Int? = nil, minOrgs: Int? = nil,
                      u1Max: Int = 2, u1Min: Int = 1) -> Instance {
        Instance(
            communities: (1...3).map { Community(id: "C\($0)", minOrgs: minOrgs, maxOrgs: maxOrgs) },
            organizations: [
                Organization(id: "U1", strength: 3, canLead: true, minCommunities: u1Min, maxCommunities: u1Max),
                Organization(id: "U2", strength: 2, canLead: canLead),
                Organization(id: "U3", strength: 1, canLead: true),
                Organization(id: "U4", strength: 2, canLead: true),
                Organization(id: "U5", strength: 1, canLead: true, group: "G"),
                Organization(id: "U6", strength: 1, canLead: false, group: "G"),
            ],
            pairs: pairs)
    }

    static let start: [Assignment] = [
        Assignment(orgID: "U1", communityID: "C1", role: .lead), Assignment(orgID: "U2", communityID: "C1", role: .member),
        Assignment(orgID: "U3", communityID: "C2", role: .lead), Assignment(orgID: "U1", communityID: "C2", role: .member),
        Assignment(orgID: "U4", communityID: "C3", role: .lead), Assignment(orgID: "U5", communityID: "C3", role: .member),
        Assignment(orgID: "U6", communityID: "C3", role: .member),
    ]

    static func problem(_ pins: [Pin], instance: Instance = lists(), from: [Assignment]? = start,
                        maxChanges: Int? = nil, leadRule: Bool = true) throws -> Problem {
        try Problem(instance: instance, options: PlanningOptions(leadRule: leadRule, from: from, pins: pins,
                                                                  maxChanges: maxChanges))
    }

    func testPinsBecomeFixedAndForbiddenPairs() throws {
        let problem = try Self.problem([.unit("U2"), .community("C2"), .lead(community: "C3", unit: "G"), .unit("U6")])
        let nC = 3
        func unit(_ id: String) -> Int { problem.units.firstIndex { $0.id == id }! }
        XCTAssertEqual(problem.units.map(\.id), ["U1", "U2", "U3", "U4", "G"])
        XCTAssertEqual(problem.fromPairCount, 6)
        // U2 keeps C1 only.
        XCTAssertEqual((0..<nC).map { problem.fixed[unit("U2") * nC + $0] }, [true, false, false])
        XCTAssertEqual((0..<nC).map { problem.allowed[unit("U2") * nC + $0] }, [true, false, false])
        // C2 keeps U3 and U1, nobody else.
        XCTAssertEqual((0..<5).map { problem.fixed[$0 * nC + 1] }, [true, false, true, false, false])
        XCTAssertEqual((0..<5).map { problem.allowed[$0 * nC + 1] }, [true, false, true, false, false])
        // G (pinned through its member U6, and as lead of C3 by its name) keeps C3 only.
        XCTAssertEqual((0..<nC).map { problem.fixed[unit("G") * nC + $0] }, [false, false, true])
        XCTAssertEqual((0..<nC).map { problem.allowed[unit("G") * nC + $0] }, [false, false, true])
        // Unpinned pairs stay free.
        XCTAssertTrue(problem.allowed[unit("U4") * nC + 0])
        XCTAssertFalse(problem.fixed[unit("U4") * nC + 2])
        XCTAssertEqual(problem.pinnedLead, [nil, unit("U3"), unit("G")])
        // Pinned pairs are told apart from pairs.csv fix rows.
        XCTAssertTrue(problem.fixSources.isEmpty)
        XCTAssertEqual(problem.pinRequired[unit("U2") * nC + 0]?.target, "U2")
        XCTAssertEqual(problem.pinForbidden[unit("U4") * nC + 1]?.target, "C2")
        XCTAssertEqual(Prechecks.run(problem), [])

        // chooseLeads names the pinned lead, though U1 is stronger than U3.
        var plan = Plan(unitCount: 5, communityCount: 3)
        plan[unit: unit("U1"), community: 1] = true
        plan[unit: unit("U3"), community: 1] = true
        problem.chooseLeads(&plan)
        XCTAssertEqual(plan.lead[1], unit("U3"))
    }

    func testLeadPinNeedsNoStartPlan() throws {
        let problem = try Self.problem([.lead(community: "C2", unit: "U4")], from: nil)
        XCTAssertTrue(problem.fixed[3 * 3 + 1])
        XCTAssertEqual(problem.pinnedLead, [nil, 3, nil])
        XCTAssertEqual(problem.from, [Bool](repeating: false, count: 15))
    }

    func testUnknownIdsAndMissingStartPlanAreInputErrors() throws {
        let pins = try PinReader.read(text: "kind,org_id,community_id\nunit,U9,\nlead,U1,C9\ncommunity,,C1\n")
        XCTAssertThrowsError(try Self.problem(pins + PinReader.pins(units: ["X"]))) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), [
                "pins.csv:2:6: unknown unit 'U9' (neither an id in organizations.csv nor a group name)",
                "pins.csv:3:9: unknown community 'C9' (not in communities.csv)",
                "command line:1:1: --pin-unit X: unknown unit 'X' (neither an id in organizations.csv nor a group name)",
            ])
        }
        XCTAssertEqual(PinReader.unknownReferences(in: pins, instance: Self.lists()).map(\.location.line), [2, 3])
        XCTAssertThrowsError(try Self.problem([pins[2]], from: nil, maxChanges: 3)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), [
                "command line:1:1: --max-changes counts changes against a start plan: give one with --from",
                "pins.csv:4:1: a community pin keeps what the start plan says: give one with --from",
            ])
        }
    }

    func testCandidatesKeepPinnedAndStartPairs() throws {
        // Units near C1, the start plan and the pins far away: --candidates 1 keeps them all.
        let instance = Instance(
            communities: [Community(id: "C1", location: .planar(x: 0, y: 0)),
                          Community(id: "C2", location: .planar(x: 50, y: 0))],
            organizations: [Organization(id: "U1", maxCommunities: 2, location: .planar(x: 0, y: 0)),
                            Organization(id: "U2", maxCommunities: 2, location: .planar(x: 1, y: 0)),
                            Organization(id: "U3", maxCommunities: 2, location: .planar(x: 2, y: 0))])
        let start = [Assignment(orgID: "U2", communityID: "C2", role: .lead)]
        let problem = try Problem(instance: instance, options: PlanningOptions(
            candidates: 1, from: start, pins: [.lead(community: "C2", unit: "U3")]))
        XCTAssertTrue(problem.allowed[1 * 2 + 1], "start pair")
        XCTAssertTrue(problem.allowed[2 * 2 + 1], "lead pin")
        XCTAssertTrue(problem.fixed[2 * 2 + 1])
    }

    // MARK: - Clashing pins are named

    private func reasons(_ problem: Problem) -> [String] { PinCheck.run(problem).map(\.message) }

    func testCommunityPinAgainstSizeBounds() throws {
        let tooMany = try Self.problem([.community("C3", option: "--pin-community C3")], instance: Self.lists(maxOrgs: 1))
        XCTAssertEqual(reasons(tooMany), [
            "community C3 must keep 2 units because of --pin-community C3, but takes at most 1 (max_orgs): drop a pin or raise max_orgs",
        ])
        let tooFew = try Self.problem([.community("C3", option: "--pin-community C3")], instance: Self.lists(minOrgs: 3))
        XCTAssertEqual(reasons(tooFew), [
            "community C3 needs at least 3 units (min_orgs, lead rule), but only 2 may serve it because of "
                + "--pin-community C3: drop a pin or lower min_orgs",
        ])
        // The generic precheck leaves these to PinCheck (no "pairs.csv forbid" misdirection).
        XCTAssertFalse(Prechecks.run(tooFew).contains { $0.message.contains("pairs.csv forbid") })
    }

    func testUnitPinAgainstItsBounds() throws {
        let tooMany = try Self.problem([.unit("U1", option: "--pin-unit U1")], instance: Self.lists(u1Max: 1))
        XCTAssertTrue(reasons(tooMany).contains(
            "unit U1 must keep 2 communities because of --pin-unit U1, but serves at most 1 (max_communities): "
                + "drop a pin or raise max_communities"), "\(reasons(tooMany))")
        let tooFew = try Self.problem([.unit("U1", option: "--pin-unit U1")], instance: Self.lists(u1Max: 3, u1Min: 3))
        XCTAssertEqual(reasons(tooFew), [
            "unit U1 must serve at least 3 communities (min_communities), but only 2 are allowed because of "
                + "--pin-unit U1: drop a pin or lower min_communities",
        ])
    }

    func testLeadPinClashes() throws {
        let mayNotLead = try Self.problem([.lead(community: "C1", unit: "U2", option: "--pin-lead C1=U2")],
                                          instance: Self.lists(canLead: false))
        XCTAssertEqual(reasons(mayNotLead), [
            "--pin-lead C1=U2 makes unit U2 the lead of community C1, but the unit may not lead (column can_lead)",
        ])
        let pinnedWithout = try Self.problem([.community("C2", option: "--pin-community C2"),
                                              .lead(community: "C2", unit: "U4", option: "--pin-lead C2=U4")])
        XCTAssertEqual(reasons(pinnedWithout), [
            "--pin-lead C2=U4 needs the pair (U4, C2) for the lead, but --pin-community C2 removes it (it is not in the start plan)",
        ])
        let two = try Self.problem([.lead(community: "C1", unit: "U1", option: "--pin-lead C1=U1"),
                                    .lead(community: "C1", unit: "U4", option: "--pin-lead C1=U4")])
        XCTAssertEqual(reasons(two), [
            "community C1 has lead pins for different units: --pin-lead C1=U1, --pin-lead C1=U4; keep one",
        ])
        let forbidden = try Self.problem(
            [.lead(community: "C1", unit: "U4", option: "--pin-lead C1=U4")],
            instance: Self.lists(pairs: [PairRule(orgID: "U4", communityID: "C1", rule: .forbid,
                                                  source: SourceLocation(file: "pairs.csv", line: 2, column: 1))]))
        XCTAssertEqual(reasons(forbidden), [
            "--pin-lead C1=U4 keeps the pair (U4, C1), but pairs.csv forbids it (forbid at pairs.csv:2:1): drop the pin or the forbid row",
        ])
        let noLeadRule = try Self.problem([.lead(community: "C1", unit: "U1", option: "--pin-lead C1=U1")], leadRule: false)
        XCTAssertEqual(reasons(noLeadRule), [
            "--pin-lead C1=U1 names a lead, but the lead rule is off (--no-lead-rule): drop the pin or the option",
        ])
        // A start lead that may no longer lead, kept by a community pin.
        let startLead = try Self.problem([.community("C1", option: "--pin-community C1")], instance: Self.lists(canLead: false),
                                         from: [Assignment(orgID: "U2", communityID: "C1", role: .lead)])
        XCTAssertEqual(reasons(startLead), [
            "--pin-community C1 keeps unit U2 as the lead of community C1 (as in the start plan), but the unit may not lead (column can_lead)",
        ])
    }

    func testPinsAgainstPairRules() throws {
        let fix = PairRule(orgID: "U2", communityID: "C3", rule: .fix, source: SourceLocation(file: "pairs.csv", line: 3, column: 1))
        let problem = try Self.problem([.unit("U2", option: "--pin-unit U2")], instance: Self.lists(pairs: [fix]))
        XCTAssertTrue(reasons(problem).contains(
            "--pin-unit U2 removes the pair (U2, C3) (it is not in the start plan), but pairs.csv fixes it "
                + "(fix at pairs.csv:3:1): drop the pin or the fix row"), "\(reasons(problem))")
        // The fix row and the pin together also ask too much of U2 (k = 1).
        XCTAssertTrue(reasons(problem).contains(
            "unit U2 must keep 2 communities because of --pin-unit U2 and pairs.csv fix rows, but serves at most 1 "
                + "(max_communities): drop a pin or raise max_communities"), "\(reasons(problem))")
        let forbid = PairRule(orgID: "U2", communityID: "C1", rule: .forbid, source: SourceLocation(file: "pairs.csv", line: 4, column: 1))
        let kept = try Self.problem([.unit("U2", option: "--pin-unit U2")], instance: Self.lists(pairs: [forbid]))
        XCTAssertTrue(reasons(kept).contains(
            "--pin-unit U2 keeps the pair (U2, C1), but pairs.csv forbids it (forbid at pairs.csv:4:1): drop the pin or the forbid row"),
            "\(reasons(kept))")
    }

    func testChangeLimitTooSmall() throws {
        let forbid = PairRule(orgID: "U2", communityID: "C1", rule: .forbid)
        let problem = try Self.problem([], instance: Self.lists(pairs: [forbid]), maxChanges: 0)
        XCTAssertEqual(reasons(problem), [
            "--max-changes 0 is too small: 1 pair must change anyway (start-plan pairs no longer allowed, "
                + "fix rows and lead pins not in the start plan)",
        ])
    }

    func testExactReportsClashingPinsAsInfeasible() throws {
        let problem = try Self.problem([.lead(community: "C1", unit: "U1", option: "--pin-lead C1=U1"),
                                        .lead(community: "C1", unit: "U4", option: "--pin-lead C1=U4")])
        XCTAssertThrowsError(try Fixtures.solveExact(problem)) { error in
            guard case SolveError.infeasible(let reasons)? = error as? SolveError else {
                return XCTFail("expected infeasible, got \(error)")
            }
            XCTAssertTrue(reasons.contains { $0.message.contains("--pin-lead C1=U1, --pin-lead C1=U4") }, "\(reasons)")
        }
    }

    // MARK: - The evaluator

    func testEvaluatorJudgesPinsAndTheChangeLimit() throws {
        let pins: [Pin] = [.unit("U2", option: "--pin-unit U2"), .community("C2", option: "--pin-community C2"),
                           .lead(community: "C3", unit: "U5", option: "--pin-lead C3=U5")]
        let problem = try Self.problem(pins, maxChanges: 1)
        // The start plan itself, with C3's lead handed to the group: no change, no violation.
        var rows = Self.start
        rows[4].role = .member
        rows[5].role = .lead
        let (_, kept) = Evaluator.evaluate(rows, in: problem)
        XCTAssertEqual(kept.violations, [])
        XCTAssertEqual(kept.changesFromStart, 0)

        // U2 moves from C1 to C3, U4 joins C2, C3 keeps U4 as lead: three changes.
        var moved = Self.start.filter { $0.orgID != "U2" }
        moved.append(Assignment(orgID: "U2", communityID: "C3", role: .member))
        moved.append(Assignment(orgID: "U4", communityID: "C2", role: .member))
        let (_, evaluation) = Evaluator.evaluate(moved, in: problem)
        XCTAssertEqual(evaluation.changesFromStart, 3)
        let messages = evaluation.violations.map(\.message)
        for expected in [
            "unit U2 no longer serves community C1 as in the start plan (--pin-unit U2)",
            "unit U2 serves community C3, which it does not in the start plan (--pin-unit U2)",
            "unit U4 serves community C2, which it does not in the start plan (--pin-community C2)",
            "community C3 is led by unit U4, but --pin-lead C3=U5 wants unit G",
            "the plan changes 3 pairs of the start plan; --max-changes allows 1",
        ] {
            XCTAssertTrue(messages.contains(expected), "missing '\(expected)' in \(messages)")
        }
        // Without a start plan there is no change count.
        let plain = try Problem(instance: Self.lists())
        XCTAssertNil(Evaluator.evaluate(Self.start, in: plain).1.changesFromStart)
    }

    // MARK: - The change limit in the MIP and in models/alliance.mod

    /// The optimum of the restricted model by enumerating every x (leads by `chooseLeads`, which
    /// honours pinned leads), each plan judged by the evaluator with its pin and change-limit checks.
    static func enumeratedOptimum(_ problem: Problem) -> (objective: Double, plan: Plan)? {
        let nU = problem.unitCount, nC = problem.communityCount, n = nU * nC
        precondition(n <= 16, "too large to enumerate")
        var best: (objective: Double, plan: Plan)?
        for mask in 0..<(1 << n) {
            var plan = Plan(unitCount: nU, communityCount: nC)
            for p in 0..<n { plan.assigned[p] = mask & (1 << p) != 0 }
            problem.chooseLeads(&plan)
            let evaluation = Evaluator.evaluate(plan, in: problem)
            guard evaluation.isFeasible else { continue }
            if best == nil || evaluation.objective > best!.objective + 1e-12 { best = (evaluation.objective, plan) }
        }
        return best
    }

    /// A small random instance and a start plan that is optimal for other weights (coverage
    /// only), so re-planning with the default weights wants to move and the limit binds.
    static func replanning(seed: UInt64, maxChanges: Int, pins: (Problem, Plan) -> [Pin]) throws -> Problem? {
        var generator = InstanceGenerator(communities: 3, units: 4)
        generator.groupShare = 0
        generator.fixPairs = 0
        generator.previousPlan = false
        let instance = generator.generate(seed: seed).instance
        let first = try Problem(instance: instance, options: PlanningOptions(
            weights: Weights(coverage: 1, balance: 0, distance: 1, preference: 0, keep: 0)))
        guard Prechecks.run(first).isEmpty, let start = enumeratedOptimum(first)?.plan else { return nil }
        let rows = start.assignments(in: first)
        let unpinned = try Problem(instance: instance, options: PlanningOptions(from: rows))
        return try Problem(instance: instance, options: PlanningOptions(
            from: rows, pins: pins(unpinned, start), maxChanges: maxChanges))
    }

    /// Pins a random start plan's first unit and names another member of its first community
    /// (if one may lead) as lead.
    static func somePins(_ problem: Problem, _ start: Plan) -> [Pin] {
        var pins: [Pin] = [.unit(problem.units[0].id)]
        let c = 0
        if let u = start.units(of: c).first(where: { problem.units[$0].canLead && $0 != start.lead[c] }) ?? start.lead[c] {
            pins.append(.lead(community: problem.communities[c].id, unit: problem.units[u].id))
        }
        return pins
    }

    func testStageOneModelProvesTheRestrictedOptimum() throws {
        var solved = 0, bound = 0
        for seed in UInt64(1)...12 {
            var unlimitedOptimum: Double??  // the restricted model without the change limit, per seed
            for limit in [1, 2, 4] {
                guard let problem = try Self.replanning(seed: seed, maxChanges: limit, pins: Self.somePins),
                      Prechecks.run(problem).isEmpty else { continue }
                let enumerated = Self.enumeratedOptimum(problem)
                let model = try StageOneModel(problem: problem)
                guard let enumerated else {
                    if let result = try? model.program.solveMIP(MIPParameters()) {
                        XCTAssertNotEqual(result.status, .optimal, "seed \(seed), limit \(limit)")
                    }
                    continue
                }
                let result = try model.program.solveMIP(MIPParameters())
                XCTAssertEqual(result.status, .optimal, "seed \(seed), limit \(limit)")
                let plan = model.plan(from: result.columnValues)
                let evaluation = Evaluator.evaluate(plan, in: problem)
                XCTAssertEqual(evaluation.violations, [], "seed \(seed), limit \(limit)")
                XCTAssertLessThanOrEqual(evaluation.changesFromStart ?? .max, limit)
                XCTAssertEqual(evaluation.objective, enumerated.objective, accuracy: 1e-9, "seed \(seed), limit \(limit)")
                XCTAssertEqual(result.objective, enumerated.objective, accuracy: 1e-6, "seed \(seed), limit \(limit)")
                if unlimitedOptimum == nil {
                    var unlimited = problem.options
                    unlimited.maxChanges = nil
                    unlimitedOptimum = .some(Self.enumeratedOptimum(try Problem(instance: problem.instance, options: unlimited))?.objective)
                }
                if let free = unlimitedOptimum ?? nil, free > enumerated.objective + 1e-9 { bound += 1 }
                solved += 1
            }
        }
        XCTAssertGreaterThan(solved, 10, "too few random instances were feasible")
        XCTAssertGreaterThan(bound, 0, "the change limit never made a difference")
    }

    func testExactHonoursPinsAndTheChangeLimitInBranchAndCut() throws {
        var solved = 0
        for seed in UInt64(1)...6 {
            guard let problem = try Self.replanning(seed: seed, maxChanges: 2, pins: Self.somePins),
                  Prechecks.run(problem).isEmpty, let enumerated = Self.enumeratedOptimum(problem) else { continue }
            let outcome = try ExactStrategy(heuristicShare: 0, decompositionShare: 0)
                .solve(problem, settings: SolveSettings(timeLimit: 600))
            XCTAssertEqual(outcome.status, .optimal)
            let evaluation = Evaluator.evaluate(try XCTUnwrap(outcome.plan), in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
            XCTAssertEqual(evaluation.objective, enumerated.objective, accuracy: 1e-9, "seed \(seed)")
            XCTAssertEqual(outcome.bound ?? .nan, enumerated.objective, accuracy: 1e-6, "seed \(seed)")
            solved += 1
        }
        XCTAssertGreaterThan(solved, 2)
    }

    func testGlpsolAgreesOnTheExportedModel() throws {
        var solved = 0
        for seed in UInt64(1)...8 {
            guard let problem = try Self.replanning(seed: seed, maxChanges: 2, pins: Self.somePins),
                  Prechecks.run(problem).isEmpty, let enumerated = Self.enumeratedOptimum(problem) else { continue }
            let data = MathProgDataWriter.write(problem)
            XCTAssertTrue(data.contains("param max_changes := 2;"))
            XCTAssertTrue(data.contains("param start :="))
            let result = try MathProgDataWriterTests.Glpsol.solve(data)
            XCTAssertEqual(result.objective, enumerated.objective, accuracy: 1e-6, "seed \(seed)")
            // glpsol's plan keeps the lead pin and the change limit too.
            let rows = result.assignments.map {
                Assignment(orgID: $0.unit, communityID: $0.community, role: $0.role == "lead" ? .lead : .member)
            }
            let (_, evaluation) = Evaluator.evaluate(rows, in: problem)
            XCTAssertEqual(evaluation.violations, [], "seed \(seed)")
            XCTAssertEqual(evaluation.objective, enumerated.objective, accuracy: 1e-9, "seed \(seed)")
            solved += 1
        }
        XCTAssertGreaterThan(solved, 2)
    }

    func testModelTranslatesWithoutReplanning() throws {
        let data = MathProgDataWriter.write(try Problem(instance: Self.lists()))
        XCTAssertFalse(data.contains("max_changes"))
        XCTAssertNoThrow(try MathProgDataWriterTests.Glpsol.run(data, arguments: ["--check"]))
    }
}
