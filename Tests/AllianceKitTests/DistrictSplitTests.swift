import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// Batch planning by district: how the lists are split, and the folder names districts get.
final class DistrictSplitTests: XCTestCase {
    private let lists = [
        "communities.csv": "id,district\nC1,南区\nC2,北区\nC3,南区\n",
        "organizations.csv": "id,区县\nU1,北区\nU2,南区\nU3,南区\nU4,北区\n",
        "needs.csv": "community_id,category,amount\nC1,养老,2\nC2,养老,1\n",
        "resources.csv": "org_id,category,amount\nU1,养老,3\nU3,养老,1\n",
        "projects.csv": "id,community_id,category,amount\nP1,C2,养老,1\nP2,C3,养老,1\n",
    ]

    private func instance(pairs: String? = nil, replacing: [String: String] = [:]) throws -> Instance {
        var files = lists.merging(replacing) { $1 }
        if let pairs { files["pairs.csv"] = "org_id,community_id,rule,score\n" + pairs }
        return try InstanceReader.read(files: files)
    }

    func testSplitKeepsEachDistrictsRows() throws {
        let city = try instance(pairs: "U2,C1,fix,\nU1,C1,forbid,\nU4,C3,prefer,1\nU4,C2,prefer,2\n")
        XCTAssertTrue(DistrictSplit.hasDistricts(city))
        let previous = [Assignment(orgID: "U1", communityID: "C2", role: .lead),
                        Assignment(orgID: "U2", communityID: "C3", role: .member)]
        let (districts, warnings) = try DistrictSplit.split(city, previousPlan: previous)
        XCTAssertEqual(districts.map(\.name), ["南区", "北区"])
        let south = districts[0].instance, north = districts[1].instance
        XCTAssertEqual(south.communities.map(\.id), ["C1", "C3"])
        XCTAssertEqual(south.organizations.map(\.id), ["U2", "U3"])
        XCTAssertEqual(north.communities.map(\.id), ["C2"])
        XCTAssertEqual(north.organizations.map(\.id), ["U1", "U4"])
        XCTAssertEqual(south.needs.map(\.communityID), ["C1"])
        XCTAssertEqual(north.resources.map(\.orgID), ["U1"])
        XCTAssertEqual(south.projects.map(\.id), ["P2"])
        XCTAssertEqual(south.pairs.map(\.orgID), ["U2"])
        XCTAssertEqual(north.pairs.map(\.communityID), ["C2"])
        XCTAssertEqual(districts[0].previousPlan?.map(\.orgID), ["U2"])
        XCTAssertEqual(districts[1].previousPlan?.map(\.orgID), ["U1"])
        // U1–C1 forbid and U4–C3 prefer cross districts: ignored, with one warning.
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("2 forbid/prefer row(s)"), warnings[0])
        XCTAssertFalse(DistrictSplit.hasDistricts(try InstanceReader.read(files: [
            "communities.csv": "id\nC1\n", "organizations.csv": "id\nU1\n",
            "needs.csv": "community_id,category,amount\n", "resources.csv": "org_id,category,amount\n"])))
    }

    /// A fix pair across districts cannot be honoured: an input error at its row.
    func testFixAcrossDistrictsIsAnError() throws {
        let city = try instance(pairs: "U2,C3,fix,\nU1,C1,fix,\n")
        XCTAssertThrowsError(try DistrictSplit.split(city)) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertEqual(errors.map(\.location.description), ["pairs.csv:3:1"])
            XCTAssertTrue(errors.first?.message.contains("crosses districts") ?? false)
        }
    }

    /// The start plan is split like the previous plan (a row across districts dropped with a
    /// warning, a district without rows warned about); a pin goes to the district of what it names,
    /// and an unknown id or a lead pin across districts is an error at the pin.
    func testStartPlanAndPinsGoToTheirDistricts() throws {
        let city = try instance()
        let here = SourceLocation(file: "plan.csv", line: 2, column: 1)
        let from = [Assignment(orgID: "U2", communityID: "C1", role: .lead),
                    Assignment(orgID: "U1", communityID: "C3", role: .member, source: here)]
        let pins: [Pin] = [.unit("U3", option: "--pin-unit U3"), .community("C2", option: "--pin-community C2"),
                           .lead(community: "C3", unit: "U2", option: "--pin-lead C3=U2")]
        let (districts, warnings) = try DistrictSplit.split(city, from: from, pins: pins)
        XCTAssertEqual(districts[0].from?.map(\.orgID), ["U2"])
        XCTAssertEqual(districts[1].from?.map(\.orgID), [])
        XCTAssertEqual(districts[0].pins.map(\.description), ["--pin-unit U3", "--pin-lead C3=U2"])
        XCTAssertEqual(districts[1].pins.map(\.description), ["--pin-community C2"])
        XCTAssertEqual(warnings, [
            "plan.csv:2:1: start plan (--from) pairs unit U1 (district '北区') with community C3 (district '南区'); ignored (districts are planned separately)",
            "start plan (--from) has no rows for district 北区; it is planned from scratch (no --max-changes there)",
        ])
        XCTAssertThrowsError(try DistrictSplit.split(city, pins: [.lead(community: "C2", unit: "U2", option: "--pin-lead C2=U2"),
                                                                 .unit("U9", option: "--pin-unit U9")])) { error in
            let messages = (error as? InputErrors)?.errors.map(\.message) ?? []
            XCTAssertEqual(messages.count, 2, "\(messages)")
            XCTAssertTrue(messages.contains { $0.hasPrefix("--pin-unit U9: unknown unit 'U9'") }, "\(messages)")
            XCTAssertTrue(messages.contains { $0.contains("--pin-lead C2=U2 pairs unit U2 (district '南区') with community C2 (district '北区')") },
                          "\(messages)")
        }
    }

    /// A previous-plan row whose unit serves another district cannot be kept: dropped, with a
    /// warning at its location; a row naming a unit no longer listed stays (a single run ignores it).
    func testPreviousRowAcrossDistrictsIsDroppedWithAWarning() throws {
        let city = try instance()
        let here = SourceLocation(file: "previous.csv", line: 3, column: 4)
        let previous = [Assignment(orgID: "U2", communityID: "C1", role: .lead),
                        Assignment(orgID: "U1", communityID: "C3", role: .member, source: here),
                        Assignment(orgID: "GONE", communityID: "C3", role: .member)]
        let (districts, warnings) = try DistrictSplit.split(city, previousPlan: previous)
        XCTAssertEqual(districts[0].previousPlan?.map(\.orgID), ["U2", "GONE"])
        XCTAssertEqual(districts[1].previousPlan?.map(\.orgID), [])
        XCTAssertEqual(warnings, ["previous.csv:3:4: previous plan pairs unit U1 (district '北区') with community C3 (district '南区'); not kept (districts are planned separately)"])
    }

    /// Plan rows go to their community's district; rows in the wrong district, across districts
    /// or with unknown ids are errors at their cells.
    func testPlanRowsAreSplitByDistrict() throws {
        let city = try instance()
        let districts = try DistrictSplit.split(city).districts
        let good = try PlanReader.readRows(text: "community_id,org_id,role\nC2,U1,lead\nC1,U2,lead\nC3,U3,\n", file: "plan.csv")
        let parts = try DistrictPlan.split(good, districts: districts, lists: city)
        XCTAssertEqual(parts.map { $0.map(\.orgID) }, [["U2", "U3"], ["U1"]])
        let bad = try PlanReader.readRows(text: "district,community_id,org_id\n北区,C1,U2\n南区,C1,U1\n南区,C9,U2\n南区,C1,U3\n",
                                          file: "plan.csv")
        XCTAssertThrowsError(try DistrictPlan.split(bad, districts: districts, lists: city)) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertEqual(errors.map(\.location.description), ["plan.csv:2:1", "plan.csv:3:7", "plan.csv:4:7"])
            XCTAssertTrue(errors[0].message.contains("names district '北区' but community C1 lies in '南区'"), errors[0].message)
            XCTAssertTrue(errors[1].message.contains("unit U1 (district '北区') serves community C1"), errors[1].message)
            XCTAssertTrue(errors[2].message.contains("unknown community 'C9'"), errors[2].message)
        }
    }

    /// Once districts are used, a row without one is an error at that row.
    func testMissingDistrictIsAnError() throws {
        let city = try instance(replacing: ["organizations.csv": "id,district\nU1,北区\nU2,\nU3,南区\nU4,北区\n"])
        XCTAssertThrowsError(try DistrictSplit.split(city)) { error in
            let errors = (error as? InputErrors)?.errors ?? []
            XCTAssertEqual(errors.map(\.location.description), ["organizations.csv:3:1"])
            XCTAssertTrue(errors.first?.message.contains("unit U2 has no district") ?? false)
        }
    }

    func testFolderNamesAreSafeAndUnique() {
        let names = ["南区", "../etc", "a/b\\c", "..", ".", "", "  ", "plan.csv", "Districts.csv", "南区", "NORTH", "north",
                     "tab\there", String(repeating: "长", count: 100), ".hidden", "x:y*?", "con", "Nul.txt", "区.. "]
        let folders = FolderNames.unique(names)
        XCTAssertEqual(folders.count, names.count)
        XCTAssertEqual(Set(folders.map { $0.lowercased() }).count, folders.count, "\(folders)")
        for folder in folders {
            XCTAssertFalse(folder.isEmpty)
            XCTAssertFalse(folder.contains("/") || folder.contains("\\") || folder.contains("\t"), folder)
            XCTAssertFalse(folder.hasPrefix("."), folder)
            XCTAssertFalse(FolderNames.reserved.contains(folder.lowercased()), folder)
            XCTAssertLessThanOrEqual(folder.utf8.count, 255)
        }
        XCTAssertEqual(folders[0], "南区")
        XCTAssertEqual(folders[1], "_etc")
        XCTAssertEqual(folders[2], "a_b_c")
        XCTAssertEqual(folders[9], "南区-2")
        XCTAssertEqual(folders[10], "NORTH")
        XCTAssertEqual(folders[11], "north-2")
        XCTAssertEqual(folders[16], "_con")
        XCTAssertEqual(folders[17], "_Nul.txt")
        XCTAssertEqual(folders[18], "区")
        XCTAssertEqual(FolderNames.unique(names), folders, "deterministic")
    }
}
