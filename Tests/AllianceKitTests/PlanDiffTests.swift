import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `PlanDiff` on two plans whose changes are known by construction.
final class PlanDiffTests: XCTestCase {
    /// Old: C1 = U1 (lead), U4, U9; C2 = U3 (lead), U5; C3 = U2 (lead), U6, U7.
    /// New: C1 = U4 (lead), U1, U9; C2 = U3 (lead), U6, U9; C3 = U2 (lead), U7, U8.
    /// So U1 and U4 swap roles in C1, U5 leaves, U6 moves C3 → C2, U8 joins, U9 adds C2 (moved),
    /// and U2, U3, U7 are unchanged.
    static let oldPlan = """
        community_id,community_name,org_id,org_name,role
        C1,,U1,,lead
        C1,,U4,,member
        C1,,U9,,member
        C2,,U3,,lead
        C2,,U5,,member
        C3,,U2,,lead
        C3,,U6,,member
        C3,,U7,,member
        """
    static let newPlan = """
        community_id,org_id,role
        C1,U4,lead
        C1,U1,member
        C1,U9,
        C2,U3,lead
        C2,U6,member
        C2,U9,member
        C3,U2,lead
        C3,U7,member
        C3,U8,member
        """

    func testKnownChanges() throws {
        let diff = PlanDiff(old: try PlanReader.read(text: Self.oldPlan, file: "old.csv"),
                            new: try PlanReader.read(text: Self.newPlan, file: "new.csv"))
        XCTAssertEqual(diff.organizations.map(\.orgID), ["U1", "U4", "U5", "U6", "U8", "U9"])
        XCTAssertEqual(diff.organizations.map(\.change), [.roleChanged, .roleChanged, .left, .moved, .joined, .moved])
        XCTAssertEqual(diff.unchangedCount, 3)
        XCTAssertEqual(diff.count(.moved), 2)
        let u6 = diff.organizations[3]
        XCTAssertEqual(u6.leftCommunities, ["C3"])
        XCTAssertEqual(u6.enteredCommunities, ["C2"])
        let u9 = diff.organizations[5]
        XCTAssertEqual(u9.leftCommunities, [])
        XCTAssertEqual(u9.enteredCommunities, ["C2"])
        XCTAssertEqual(diff.organizations[0].roleChanges,
                       [PlanDiff.RoleChange(community_id: "C1", old_role: "lead", new_role: "member")])

        XCTAssertEqual(diff.communities.map(\.community_id), ["C1", "C2", "C3"])
        let c1 = diff.communities[0], c2 = diff.communities[1], c3 = diff.communities[2]
        XCTAssertEqual([c1.old_lead, c1.new_lead], ["U1", "U4"])
        XCTAssertEqual(c1.role_changes, ["U1", "U4"])
        XCTAssertEqual(c1.joined + c1.left, [])
        XCTAssertEqual(c2.joined, ["U6", "U9"])
        XCTAssertEqual(c2.left, ["U5"])
        XCTAssertEqual(c2.old_lead, c2.new_lead)
        XCTAssertEqual(c3.joined, ["U8"])
        XCTAssertEqual(c3.left, ["U6"])
    }

    /// A plan compared with itself (rows shuffled) has no changes.
    func testSamePlanNoChanges() throws {
        let rows = try PlanReader.read(text: Self.oldPlan, file: "old.csv")
        let diff = PlanDiff(old: rows, new: rows.reversed())
        XCTAssertTrue(diff.organizations.isEmpty)
        XCTAssertTrue(diff.communities.isEmpty)
        XCTAssertEqual(diff.unchangedCount, Set(rows.map(\.orgID)).count)
    }
}
