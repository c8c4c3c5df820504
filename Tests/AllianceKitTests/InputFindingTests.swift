import AllianceKit
import XCTest

/// What the bad-input corpus (Tests/AllianceCLITests/Corpus) and the fuzzers (fuzz/) found, pinned
/// at the library level. docs/TESTING.md lists each finding and its fix.
final class InputFindingTests: XCTestCase {
    private static let lists: [String: String] = [
        "communities.csv": "id\nC1\nC2\n",
        "organizations.csv": "id,group\nU1,\nU2,\nU3,\n",
        "needs.csv": "community_id,category,amount\nC1,a,1\n",
        "resources.csv": "org_id,category,amount\nU1,a,1\n",
    ]

    private func errors(_ changes: [String: String]) -> [String] {
        do {
            _ = try InstanceReader.read(files: Self.lists.merging(changes) { _, new in new })
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// A NUL byte is refused where it stands, in plain and in quoted cells (UTF-16 without a byte
    /// order mark reads as ASCII with NULs in between, which is valid UTF-8).
    func testNulCharacterIsAnErrorAtItsPlace() {
        let plain = CSVParser.parse("id,name\nU1,a\u{0}b\n", file: "f.csv")
        XCTAssertEqual(plain.errors.map(\.description).first?.hasPrefix("f.csv:2:5: unexpected NUL character"), true,
                       "\(plain.errors)")
        let quoted = CSVParser.parse("id,name\nU1,\"a\nb\u{0}\"\n", file: "f.csv")
        XCTAssertEqual(quoted.errors.map(\.description).first?.hasPrefix("f.csv:3:2: unexpected NUL character"), true,
                       "\(quoted.errors)")
        XCTAssertEqual(CSVParser.parse("id,name\nU1,a b\n", file: "f.csv").errors, [])
        // Once per file: UTF-16 text has a NUL after every ASCII character.
        let utf16 = String(decoding: Array("id,name\nU1,a\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                           as: UTF8.self)
        XCTAssertEqual(CSVParser.parse(utf16, file: "f.csv").errors.map(\.description).count, 1)
    }

    /// A group named like a unit that is in no group would give two units one id.
    func testGroupNamedLikeALoneUnitIsAnError() {
        let found = errors(["organizations.csv": "id,group\nU1,\nU2,U1\nU3,U1\n"])
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.hasPrefix("organizations.csv:3:4: group 'U1' is also the id of unit U1") == true, "\(found)")
        // The lone unit listed after the group's members is found too.
        XCTAssertEqual(errors(["organizations.csv": "id,group\nU2,U1\nU3,U1\nU1,\n"]).count, 1)
        // A unit inside the group that bears its id, and crosswise names, are fine.
        XCTAssertEqual(errors(["organizations.csv": "id,group\nU1,U1\nU2,U1\nU3,\n"]), [])
        XCTAssertEqual(errors(["organizations.csv": "id,group\nU1,U2\nU2,U1\nU3,\n"]), [])
    }

    /// Fixed and forbidden through a group is found from the sparse rule locations, also for
    /// instances built in memory whose rules carry no location.
    func testFixAndForbidThroughAGroupWithoutLocations() throws {
        let instance = Instance(
            communities: [Community(id: "C1"), Community(id: "C2")],
            organizations: [Organization(id: "U1", group: "G"), Organization(id: "U2", group: "G"), Organization(id: "U3")],
            pairs: [PairRule(orgID: "U1", communityID: "C2", rule: .forbid),
                    PairRule(orgID: "U2", communityID: "C2", rule: .fix)])
        XCTAssertThrowsError(try Problem(instance: instance)) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertEqual(errors.count, 1, "\(error)")
            XCTAssertTrue(errors.first?.message.contains("unit G is both fixed to and forbidden from community C2") == true,
                          "\(error)")
        }
        // Fixed where another member is merely preferred: no conflict.
        let fine = Instance(communities: instance.communities, organizations: instance.organizations,
                            pairs: [PairRule(orgID: "U1", communityID: "C2", rule: .prefer(score: 1)),
                                    PairRule(orgID: "U2", communityID: "C2", rule: .fix)])
        XCTAssertNoThrow(try Problem(instance: fine))
    }
}
