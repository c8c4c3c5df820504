import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `MathProgDataWriter` together with `models/alliance.mod`, solved by GLPK's stand-alone
/// `glpsol` (required: these tests fail, never skip, when it is missing).
final class MathProgDataWriterTests: XCTestCase {
    // MARK: - Hand-solved instances

    /// Two communities 惠丰湖社区 (A) and 福泰社区 (B), both of strength 0, no coordinates; units,
    /// each serving exactly one community (m = k = 1):
    ///   区委组织部  s 2, may lead, no resources
    ///   区人民医院  s 2, may lead, 就业帮扶 1
    ///   颐康养老中心 s 1, may not lead, 养老服务 2
    /// Needs: A 养老服务 2 (π 1), B 就业帮扶 1 (π 2) → N_need = 2 + 2 = 4.
    /// T_min = T_max = 3 → L_c = ⌊3/2⌋ = 1, U_c = ⌈3/2⌉ = 2. S̄ = 5/2 = 2.5, band [2.25, 2.75].
    /// Lead rule: the two lead-capable units must go to different communities; the third joins one.
    /// COV = 1 needs 颐康 at A and 医院 at B, so 组织部 leads A:
    ///   A = {组织部 (lead), 颐康}: S = 3, e = 0.25;  B = {医院 (lead)}: S = 2, e = 0.25.
    ///   BAL = 0.5 / (2 · 2.5) = 0.1; objective = 1 − 0.5 · 0.1 = 0.95.
    /// Every other plan leaves a need uncovered: COV ≤ 1/2, objective ≤ 0.5. Unique optimum.
    static func twoCommunities(leadRule: Bool = true) throws -> Problem {
        let instance = Instance(
            communities: [Community(id: "惠丰湖社区"), Community(id: "福泰社区")],
            organizations: [
                Organization(id: "区委组织部", kind: "机关", strength: 2, canLead: true),
                Organization(id: "区人民医院", kind: "事业", strength: 2, canLead: true),
                Organization(id: "颐康养老中心", kind: "两新", strength: 1, canLead: false),
            ],
            needs: [Need(communityID: "惠丰湖社区", category: "养老服务", amount: 2, priority: 1),
                    Need(communityID: "福泰社区", category: "就业帮扶", amount: 1, priority: 2)],
            resources: [Resource(orgID: "区人民医院", category: "就业帮扶", amount: 1),
                        Resource(orgID: "颐康养老中心", category: "养老服务", amount: 2)])
        return try Problem(instance: instance, options: PlanningOptions(leadRule: leadRule))
    }

    func testTwoCommunitiesOptimum() throws {
        let problem = try Self.twoCommunities()
        let result = try Glpsol.solve(MathProgDataWriter.write(problem))
        XCTAssertEqual(result.objective, 0.95, accuracy: 1e-9)
        XCTAssertEqual(result.terms["coverage"]!, 1, accuracy: 1e-9)
        XCTAssertEqual(result.terms["balance"]!, 0.1, accuracy: 1e-9)
        XCTAssertEqual(result.terms["distance"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(result.terms["preference"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(result.terms["keep"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(result.assignments, [
            Glpsol.Line(unit: "区委组织部", community: "惠丰湖社区", role: "lead"),
            Glpsol.Line(unit: "颐康养老中心", community: "惠丰湖社区", role: "member"),
            Glpsol.Line(unit: "区人民医院", community: "福泰社区", role: "lead"),
        ])
    }

    /// Same instance without the lead rule: L_c stays ⌊3/2⌋ = 1, coverage still decides
    /// (颐康 at A, 医院 at B) and 组织部 goes to A, as above (at B: S = 1 and 4, e = 2.5,
    /// worse). Objective 0.95 again, but every unit is a member.
    func testLeadRuleOff() throws {
        let problem = try Self.twoCommunities(leadRule: false)
        let data = MathProgDataWriter.write(problem)
        XCTAssertTrue(data.contains("param leadrule := 0;"))
        XCTAssertTrue(data.contains("  '区委组织部' 2 1 1 0\n"), "canlead is 0 for every unit without the lead rule")
        let result = try Glpsol.solve(data)
        XCTAssertEqual(result.objective, 0.95, accuracy: 1e-9)
        XCTAssertEqual(result.assignments.map(\.role), ["member", "member", "member"])
        XCTAssertEqual(Set(result.assignments.map { "\($0.unit)@\($0.community)" }),
                       ["区委组织部@惠丰湖社区", "颐康养老中心@惠丰湖社区", "区人民医院@福泰社区"])
    }

    /// The `tiny` example (models/examples/tiny/README.md works it out): three communities on a
    /// line, three lead units and three members with one resource each. Coverage forces the
    /// members (U4→C1, U5→C2, U6→C3), balance the leads (U1→C1, U3→C2, U2→C3: strengths 7, 7, 8
    /// against the band [6.6, 8.0667]), DIST = 8 / (6 · 8) = 1/6. Objective 1 − 0.2/6 = 29/30.
    static func tiny() throws -> Problem {
        func at(_ x: Double) -> Location { .planar(x: x, y: 0) }
        let instance = Instance(
            communities: [
                Community(id: "C1", name: "惠丰社区", street: "唐海镇", strength: 2, location: at(0)),
                Community(id: "C2", name: "丰泽社区", street: "唐海镇", strength: 1, location: at(4)),
                Community(id: "C3", name: "新城社区", street: "曹妃甸新城", strength: 3, location: at(8)),
            ],
            organizations: [
                Organization(id: "U1", name: "区委组织部", kind: "机关", strength: 4, canLead: true, location: at(0)),
                Organization(id: "U2", name: "区人民医院", kind: "事业", strength: 3, canLead: true, location: at(4)),
                Organization(id: "U3", name: "港口集团有限公司", kind: "企业", strength: 5, canLead: true, location: at(8)),
                Organization(id: "U4", name: "颐康养老服务中心", kind: "两新", strength: 1, canLead: false, location: at(0)),
                Organization(id: "U5", name: "众信人力资源服务公司", kind: "两新", strength: 1, canLead: false, location: at(4)),
                Organization(id: "U6", name: "惠丰物业服务有限公司", kind: "物业", strength: 2, canLead: false, location: at(8)),
            ],
            needs: [Need(communityID: "C1", category: "养老服务", amount: 2, priority: 2),
                    Need(communityID: "C2", category: "就业帮扶", amount: 2, priority: 1),
                    Need(communityID: "C3", category: "养老服务", amount: 1, priority: 1)],
            resources: [Resource(orgID: "U4", category: "养老服务", amount: 2),
                        Resource(orgID: "U5", category: "就业帮扶", amount: 2),
                        Resource(orgID: "U6", category: "养老服务", amount: 1)])
        return try Problem(instance: instance)
    }

    static let tinyOptimum = [
        Glpsol.Line(unit: "U1", community: "C1", role: "lead"),
        Glpsol.Line(unit: "U4", community: "C1", role: "member"),
        Glpsol.Line(unit: "U3", community: "C2", role: "lead"),
        Glpsol.Line(unit: "U5", community: "C2", role: "member"),
        Glpsol.Line(unit: "U2", community: "C3", role: "lead"),
        Glpsol.Line(unit: "U6", community: "C3", role: "member"),
    ]

    func testTinyOptimum() throws {
        let result = try Glpsol.solve(MathProgDataWriter.write(Self.tiny()))
        XCTAssertEqual(result.objective, 29.0 / 30.0, accuracy: 1e-9)
        XCTAssertEqual(result.terms["coverage"]!, 1, accuracy: 1e-9)
        XCTAssertEqual(result.terms["balance"]!, 0, accuracy: 1e-9)
        XCTAssertEqual(result.terms["distance"]!, 1.0 / 6.0, accuracy: 1e-9)
        XCTAssertEqual(result.assignments, Self.tinyOptimum)
    }

    /// The `tiny` example folder read by `InstanceReader` gives the same data and optimum.
    func testTinyExampleFolder() throws {
        let instance = try InstanceReader.read(folder: Self.root.appendingPathComponent("models/examples/tiny"))
        let problem = try Problem(instance: instance)
        let data = MathProgDataWriter.write(problem)
        XCTAssertEqual(data.components(separatedBy: "\ndata;")[1],
                       try MathProgDataWriter.write(Self.tiny()).components(separatedBy: "\ndata;")[1])
        let result = try Glpsol.solve(data)
        XCTAssertEqual(result.objective, 29.0 / 30.0, accuracy: 1e-9)
        XCTAssertEqual(result.assignments, Self.tinyOptimum)
    }

    /// The `tiny-groups` example: a group of two units (商贸联合党支部 = O5 + O6, k 2), a forbid
    /// (O3, S1), a fix (O4, S3), prefer 0.05 + 0.05 through both group members at S2, planar
    /// coordinates and a previous plan of 7 rows (6 pairs after merging; O9 is no longer listed).
    /// T_min = 7, T_max = 9 → L_c = 1, U_c = 3; S̄ = (7 + 25) / 4 = 8; N_need = 14.
    /// Optimum (checked by enumerating every plan): S1 = {O2, O1}, S2 = {O3, group, O7},
    /// S3 = {O4, O8}, S4 = {O1, group}; strengths 10, 7, 10, 5 against the band [7.2, 8.8];
    /// COV = 13/14 (S4's 医疗义诊 stays uncovered: O2 and O3, the units with it, serve one
    /// community each), BAL = 4.8 / 32 = 0.15, PREF = 0.1, KEEP = 5/6 (O8 left S1).
    /// S1's lead may be O1 or O2 (same objective), so only the other roles are asserted.
    func testTinyGroupsExampleFolder() throws {
        let folder = Self.root.appendingPathComponent("models/examples/tiny-groups")
        let instance = try InstanceReader.read(folder: folder)
        let previous = try PlanReader.read(file: folder.appendingPathComponent("previous-plan.csv"))
        let problem = try Problem(instance: instance, options: PlanningOptions(previousPlan: previous))
        let data = MathProgDataWriter.write(problem)
        XCTAssertTrue(data.contains("'商贸联合党支部'  # 商贸联合党支部 [两新] = O5 + O6\n"))
        XCTAssertTrue(data.contains("param pref :=\n  '商贸联合党支部' 'S2' 0.1\n;"))
        XCTAssertTrue(data.contains("param allowed :=\n  'O3' 'S1' 0\n;"))
        XCTAssertTrue(data.contains("param fix :=\n  'O4' 'S3' 1\n;"))
        XCTAssertTrue(data.contains("param nprev := 6;"))

        let result = try Glpsol.solve(data)
        let chosen: [(String, String)] = [("O1", "S1"), ("O2", "S1"), ("O3", "S2"), ("商贸联合党支部", "S2"),
                                          ("O7", "S2"), ("O4", "S3"), ("O8", "S3"), ("O1", "S4"),
                                          ("商贸联合党支部", "S4")]
        let distance = chosen.reduce(0.0) { sum, pair in
            let u = problem.units.firstIndex { $0.id == pair.0 }!
            let c = problem.communities.firstIndex { $0.id == pair.1 }!
            return sum + problem.distance[problem.pair(u, c)]
        } / (9 * problem.maxDistance)
        XCTAssertEqual(result.terms["coverage"]!, 13.0 / 14.0, accuracy: 1e-9)
        XCTAssertEqual(result.terms["balance"]!, 0.15, accuracy: 1e-9)
        XCTAssertEqual(result.terms["distance"]!, distance, accuracy: 1e-9)
        XCTAssertEqual(result.terms["preference"]!, 0.1, accuracy: 1e-9)
        XCTAssertEqual(result.terms["keep"]!, 5.0 / 6.0, accuracy: 1e-9)
        XCTAssertEqual(result.objective, 13.0 / 14.0 - 0.5 * 0.15 - 0.2 * distance + 0.1 + 0.2 * 5.0 / 6.0,
                       accuracy: 1e-9)
        XCTAssertEqual(result.objective, 1.0378688481224698, accuracy: 1e-9)
        XCTAssertEqual(Set(result.assignments.map { "\($0.unit)@\($0.community)" }),
                       Set(chosen.map { "\($0.0)@\($0.1)" }))
        let leads = result.assignments.filter { $0.role == "lead" }
        XCTAssertEqual(leads.count, 4)
        XCTAssertEqual(Set(leads.filter { $0.community != "S1" }.map(\.unit)), ["O3", "O4", "O1"])
    }

    /// The large examples at least translate (`glpsol --check`): every symbol, number and
    /// default is valid MathProg.
    func testLargeExamplesTranslate() throws {
        for name in ["caofeidian", "guye"] {
            let instance = try InstanceReader.read(folder: Self.root.appendingPathComponent("models/examples/\(name)"))
            let problem = try Problem(instance: instance)
            let output = try Glpsol.run(MathProgDataWriter.write(problem), arguments: ["--check"])
            XCTAssertTrue(output.contains("Model has been successfully generated"), "\(name):\n\(output)")
        }
    }

    // MARK: - Format

    func testHeaderAndDeterminism() throws {
        let problem = try Self.tiny()
        let data = MathProgDataWriter.write(problem, source: "examples/tiny")
        XCTAssertEqual(data, MathProgDataWriter.write(problem, source: "examples/tiny"))
        XCTAssertTrue(data.hasPrefix("# MathProg data for models/alliance.mod"))
        XCTAssertTrue(data.contains("#   glpsol -m models/alliance.mod -d <this file>\n"))
        XCTAssertTrue(data.contains("# Input: examples/tiny\n"))
        XCTAssertTrue(data.contains("# Options: lead rule on, balance band tau = 0.1, max distance none, previous plan none\n"))
        XCTAssertTrue(data.contains("param : b minorgs maxorgs :=\n  'C1' 2 . .\n"))
        XCTAssertTrue(data.contains("param dist :=\n  'U1' 'C2' 4\n  'U1' 'C3' 8\n"))
        XCTAssertFalse(data.contains("'U1' 'C1' 0"), "zero distances take the default")
        XCTAssertTrue(data.hasSuffix("param wkeep := 0.2;\n\nend;\n"))
    }

    func testSymbols() {
        XCTAssertEqual(MathProgDataWriter.quoted("it's"), "'it''s'")
        let ids = ["社区'甲'", "u2", "a b", "", String(repeating: "社", count: 34), String(repeating: "社", count: 33)]
        let symbols = MathProgDataWriter.symbols(ids, prefix: "u")
        XCTAssertEqual(symbols.map(\.text), ["'社区''甲'''", "'u2'", "'u3'", "'u4'", "'u5'",
                                             "'" + String(repeating: "社", count: 33) + "'"])
        XCTAssertEqual(symbols.map(\.generated), [false, false, true, true, true, false])
        // A generated symbol never collides with a real id.
        XCTAssertEqual(MathProgDataWriter.symbols(["c2", "x\ty", "c2_"], prefix: "c").map(\.text),
                       ["'c2'", "'c2__'", "'c2_'"])
    }

    func testNumbers() {
        XCTAssertEqual(MathProgDataWriter.number(1), "1")
        XCTAssertEqual(MathProgDataWriter.number(-0.0), "0")
        XCTAssertEqual(MathProgDataWriter.number(-3), "-3")
        XCTAssertEqual(MathProgDataWriter.number(0.1), "0.1")
        XCTAssertEqual(MathProgDataWriter.number(1.0 / 3.0), "0.3333333333333333")
        XCTAssertEqual(MathProgDataWriter.number(1e-7), "1e-07")
        XCTAssertEqual(MathProgDataWriter.number(1e20), "1e+20")
    }

    /// Awkward ids (quotes, white space, over-long UTF-8, empty categories) still solve, and the
    /// report stays space-separated: symbols with white space are replaced (`u2` …) and the
    /// real id is kept in a comment.
    func testAwkwardIdsSolve() throws {
        let long = String(repeating: "长", count: 40)
        let instance = Instance(
            communities: [Community(id: "社区 'A'"), Community(id: long)],
            organizations: [Organization(id: "O'1", strength: 1, canLead: true),
                            Organization(id: "O 2", strength: 1, canLead: true)])
        let problem = try Problem(instance: instance)
        let data = MathProgDataWriter.write(problem)
        XCTAssertTrue(data.contains("  'O''1'  # O'1\n"))
        XCTAssertTrue(data.contains("  'u2'  # id O 2: O 2\n"))
        XCTAssertTrue(data.contains("  'c1'  # id 社区 'A': 社区 'A'\n"))
        XCTAssertTrue(data.contains("  'c2'  # id \(long): \(long)\n"))
        XCTAssertTrue(data.contains("set R :=\n;"))
        let result = try Glpsol.solve(data)
        // No needs, no coordinates, S̄ = 1, band [0.9, 1.1]: one unit per community, BAL = 0.
        XCTAssertEqual(result.objective, 0, accuracy: 1e-12)
        XCTAssertEqual(result.assignments.count, 2)
        XCTAssertEqual(Set(result.assignments.map(\.community)), ["c1", "c2"])
        XCTAssertEqual(Set(result.assignments.map(\.unit)), ["O'1", "u2"])
        XCTAssertEqual(Set(result.assignments.map(\.role)), ["lead"])
    }

    // MARK: - Helpers

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `/usr/bin/glpsol -m models/alliance.mod -d <data>` and reads the model's printf report.
    enum Glpsol {
        static let path = "/usr/bin/glpsol"

        struct Line: Equatable, CustomStringConvertible {
            var unit: String
            var community: String
            var role: String
            var description: String { "\(unit) \(community) \(role)" }
        }

        struct Result {
            var objective: Double
            var terms: [String: Double]
            var assignments: [Line]
        }

        struct Failure: Error, CustomStringConvertible {
            var description: String
        }

        static func run(_ data: String, arguments: [String] = []) throws -> String {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Failure(description: "glpsol not found at \(path): these tests need GLPK's stand-alone "
                              + "solver (Debian/Ubuntu: apt-get install glpk-utils)")
            }
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("mathprog-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let dataFile = folder.appendingPathComponent("data.dat")
            try data.write(to: dataFile, atomically: true, encoding: .utf8)
            let outputFile = folder.appendingPathComponent("glpsol.log")
            guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
                throw Failure(description: "cannot create \(outputFile.path)")
            }
            let output = try FileHandle(forWritingTo: outputFile)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-m", root.appendingPathComponent("models/alliance.mod").path,
                                 "-d", dataFile.path] + arguments
            process.standardOutput = output
            process.standardError = output
            try process.run()
            process.waitUntilExit()
            try output.close()
            let text = try String(contentsOf: outputFile, encoding: .utf8)
            guard process.terminationStatus == 0 else {
                throw Failure(description: "glpsol exited with \(process.terminationStatus):\n\(text)")
            }
            return text
        }

        static func solve(_ data: String) throws -> Result {
            let text = try run(data)
            guard text.contains("INTEGER OPTIMAL SOLUTION FOUND") else {
                throw Failure(description: "glpsol found no optimum:\n\(text)")
            }
            var result = Result(objective: .nan, terms: [:], assignments: [])
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ").map(String.init)
                switch fields.first {
                case "OBJECTIVE" where fields.count == 2:
                    result.objective = Double(fields[1]) ?? .nan
                case "TERM" where fields.count == 3:
                    result.terms[fields[1]] = Double(fields[2])
                case "ASSIGN" where fields.count == 4:
                    result.assignments.append(Line(unit: fields[1], community: fields[2], role: fields[3]))
                default:
                    break
                }
            }
            guard !result.objective.isNaN, Set(result.terms.keys) == Set(Term.allCases.map(\.rawValue)) else {
                throw Failure(description: "glpsol report incomplete:\n\(text)")
            }
            return result
        }
    }
}
