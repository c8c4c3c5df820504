import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Reading plan files (the tool's own output) for `--previous` and `evaluate`.
final class InputPlanReaderTests: XCTestCase {
    func testReadsAPlanAsWritten() throws {
        let text = CSVWriter.encode(header: ["community_id", "community_name", "org_id", "org_name", "role"],
                                    rows: [["C1", "社区一", "O1", "单位, 一", "lead"], ["C1", "社区一", "O2", "单位二", "member"]],
                                    byteOrderMark: true)
        let plan = try PlanReader.read(text: text, file: "plan.csv")
        XCTAssertEqual(plan, [
            Assignment(orgID: "O1", communityID: "C1", role: .lead, source: SourceLocation(file: "plan.csv", line: 2, column: 8)),
            Assignment(orgID: "O2", communityID: "C1", role: .member, source: SourceLocation(file: "plan.csv", line: 3, column: 8)),
        ])
    }

    func testRoleIsOptionalAndAcceptsChinese() throws {
        let plan = try PlanReader.read(text: "单位编号,社区编号,角色\nO1,C1,牵头\nO2,C1,\nO3,C1,成员\nO4,C2,LEAD\n", file: "p.csv")
        XCTAssertEqual(plan.map(\.role), [.lead, .member, .member, .lead])
        XCTAssertEqual(try PlanReader.read(text: "org_id,community_id\nO1,C1\n", file: "p.csv").map(\.role), [.member])
    }

    func testPlanErrors() {
        let text = "community_id,org_id,role,extra\nC1,O1,lead,x\nC1,O1,member\nC2,,member\nC3,O3,boss\n"
        XCTAssertThrowsError(try PlanReader.read(text: text, file: "p.csv")) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), [
                "p.csv:3:4: unit 'O1' is listed twice for community 'C1' (first at p.csv:2:4)",
                "p.csv:4:4: missing org_id",
                "p.csv:5:7: unknown role 'boss'; use lead or member (牵头, 成员)",
            ])
        }
        XCTAssertThrowsError(try PlanReader.read(text: "community_id,role\nC1,lead\n", file: "p.csv")) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["p.csv:1:1: missing required column 'org_id' (单位编号) in p.csv"])
        }
    }

    func testUnknownReferences() throws {
        let plan = try PlanReader.read(text: "community_id,org_id\nC1,O1\nC9,O1\nC1,O9\n", file: "p.csv")
        let instance = Instance(communities: [Community(id: "C1")], organizations: [Organization(id: "O1")])
        XCTAssertEqual(PlanReader.unknownReferences(in: plan, instance: instance).map(\.description), [
            "p.csv:3:4: unknown community 'C9' (not in communities.csv)",
            "p.csv:4:4: unknown unit 'O9' (not in organizations.csv)",
        ])
    }

    func testReadsAPlanFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-plan-\(UUID().uuidString).csv")
        try Data("\u{FEFF}community_id,org_id\r\nC1,O1\r\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try PlanReader.read(file: url).first?.source?.description, "\(url.lastPathComponent):2:4")
        XCTAssertThrowsError(try PlanReader.read(file: url.appendingPathExtension("missing")))
    }
}
