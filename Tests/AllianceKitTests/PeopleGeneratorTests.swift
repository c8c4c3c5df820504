import Foundation
import XCTest
@testable import AllianceKit
@testable import AllianceModel

/// `PeopleGenerator`: deterministic, the sizes asked, every reference valid, seats and category
/// frequencies shaped as documented (issue #17, stage 3).
final class PeopleGeneratorTests: XCTestCase {
    static let instance = PeopleGenerator.cityInstance()

    func testSameSeedSameListsOtherSeedOther() {
        let generator = PeopleGenerator(members: 2_000, posts: 300)
        let a = generator.generate(for: Self.instance, seed: 7)
        let b = generator.generate(for: Self.instance, seed: 7)
        let c = generator.generate(for: Self.instance, seed: 8)
        XCTAssertEqual(a.members, b.members)
        XCTAssertEqual(a.posts, b.posts)
        XCTAssertNotEqual(a.members, c.members)
        XCTAssertNotEqual(a.posts, c.posts)
        XCTAssertEqual(InstanceWriter.peopleFiles(a).map(\.contents), InstanceWriter.peopleFiles(b).map(\.contents))
    }

    func testCityHasTheAskedSizesAndValidReferences() {
        let (instance, lists) = PeopleGenerator.city()
        XCTAssertEqual(instance.communities.count, 84)
        XCTAssertTrue(instance.communities.allSatisfy { $0.location != nil })
        XCTAssertEqual(lists.members.count, 63_000)
        XCTAssertEqual(lists.posts.count, 8_000)
        let communities = Set(instance.communities.map(\.id))
        let units = Set(instance.organizations.map(\.id))
        let categories = Set(PeopleGenerator.categoryNames(12))
        XCTAssertEqual(Set(lists.members.map(\.id)).count, lists.members.count)
        XCTAssertEqual(Set(lists.posts.map(\.id)).count, lists.posts.count)
        for member in lists.members {
            XCTAssertTrue(communities.contains(member.homeCommunityID), member.id)
            if let org = member.orgID { XCTAssertTrue(units.contains(org), member.id) }
            XCTAssertFalse(member.skills.isEmpty, member.id)
            XCTAssertTrue((1...3).contains(member.skills.count), member.id)
            XCTAssertEqual(Set(member.skills).count, member.skills.count, member.id)
            XCTAssertTrue(member.skills.allSatisfy(categories.contains), member.id)
            XCTAssertTrue((1...3).contains(member.capacity), member.id)
            XCTAssertFalse(member.name.isEmpty)
        }
        for post in lists.posts {
            XCTAssertTrue(communities.contains(post.communityID), post.id)
            XCTAssertTrue(categories.contains(post.category), post.id)
            XCTAssertTrue((1...4).contains(post.seats), post.id)
            XCTAssertTrue([1, 2, 3].contains(post.priority), post.id)
        }
        let seats = lists.posts.reduce(0) { $0 + $1.seats }
        XCTAssertTrue((11_000...13_000).contains(seats), "\(seats) seats")
        let multi = lists.members.filter { $0.capacity > 1 }.count
        XCTAssertEqual(Double(multi) / 63_000, 0.15, accuracy: 0.02)
        let withUnit = lists.members.filter { $0.orgID != nil }.count
        XCTAssertEqual(Double(withUnit) / 63_000, 0.6, accuracy: 0.02)
        let orders = lists.posts.filter { $0.kind == .order }.count
        XCTAssertEqual(Double(orders) / 8_000, 0.3, accuracy: 0.03)
    }

    /// Members within about 1 km of their community; some communities much bigger than others.
    func testMembersLiveNearTheirCommunityOfUnevenSizes() {
        let instance = Self.instance
        let lists = PeopleGenerator(members: 10_000, posts: 1_270).generate(for: instance, seed: 3)
        let places = Dictionary(uniqueKeysWithValues: instance.communities.map { ($0.id, $0.location!) })
        for member in lists.members {
            let distance = member.location.flatMap { places[member.homeCommunityID]!.distance(to: $0) }
            XCTAssertNotNil(distance)
            XCTAssertLessThanOrEqual(distance ?? 99, 1.01, member.id)
        }
        var sizes: [String: Int] = [:]
        for member in lists.members { sizes[member.homeCommunityID, default: 0] += 1 }
        let sorted = sizes.values.sorted()
        XCTAssertGreaterThan(sorted.last!, 3 * sorted[sorted.count / 2], "the biggest community is several times the median")
    }

    /// Geographic communities (the bundled 曹妃甸 example's kind) give lat/lon members within ~1 km.
    func testGeographicCommunitiesGiveGeographicMembers() {
        var instance = Instance(communities: [
            Community(id: "A", name: "甲", location: .geographic(lat: 39.26, lon: 118.44)),
            Community(id: "B", name: "乙", location: .geographic(lat: 39.20, lon: 118.50)),
        ], organizations: [Organization(id: "U1", name: "单位", location: .geographic(lat: 39.25, lon: 118.45))])
        instance.needs = []
        let lists = PeopleGenerator(members: 500, posts: 60).generate(for: instance, seed: 1)
        for member in lists.members {
            guard case let .geographic(lat, lon)? = member.location else { return XCTFail("\(member.id) not geographic") }
            let home = instance.communities.first { $0.id == member.homeCommunityID }!.location!
            XCTAssertLessThanOrEqual(home.distance(to: .geographic(lat: lat, lon: lon))!, 1.01)
        }
        let text = String(decoding: InstanceWriter.peopleFiles(lists)[0].contents, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("id,name,home_community,lat,lon,skills,capacity,org_id\n"), String(text.prefix(80)))
        let posts = String(decoding: InstanceWriter.peopleFiles(lists)[1].contents, as: UTF8.self)
        XCTAssertTrue(posts.hasPrefix("id,name,community_id,category,seats,priority,kind\n"))
    }

    /// Skills skewed (志愿服务 far commoner than 医疗保健); posts flatter, so the rare categories
    /// are short of members and the common ones have plenty.
    func testSkewedFrequenciesSomeCategoriesShortSomePlenty() {
        let (_, lists) = PeopleGenerator.city()
        var skilled: [String: Int] = [:], capacity: [String: Int] = [:], seats: [String: Int] = [:]
        for member in lists.members {
            for skill in member.skills {
                skilled[skill, default: 0] += 1
                capacity[skill, default: 0] += member.capacity
            }
        }
        for post in lists.posts { seats[post.category, default: 0] += post.seats }
        let names = PeopleGenerator.categoryNames(12)
        XCTAssertEqual(Set(skilled.keys), Set(names))
        XCTAssertEqual(Set(seats.keys), Set(names))
        let counts = names.map { skilled[$0]! }
        XCTAssertGreaterThan(counts[0], 10 * counts[11], "\(counts)")
        XCTAssertEqual(skilled.max { $0.value < $1.value }?.key, "志愿服务")
        // Seats per unit of skilled capacity: above 1 somewhere (short), below 0.2 elsewhere (plenty).
        let ratios = names.map { Double(seats[$0]!) / Double(capacity[$0]!) }
        XCTAssertTrue(ratios.contains { $0 > 1 }, "\(ratios)")
        XCTAssertTrue(ratios.contains { $0 < 0.2 }, "\(ratios)")
        // Posts are flatter than skills but not uniform.
        let seatCounts = names.map { seats[$0]! }
        XCTAssertGreaterThan(seatCounts.max()!, seatCounts.min()! * 3 / 2, "\(seatCounts)")
    }

    func testScaledKeepsTheCityProportion() {
        XCTAssertEqual(PeopleGenerator.scaled(members: 63_000).posts, 8_000)
        XCTAssertEqual(PeopleGenerator.scaled(members: 1_000).posts, 127)
        XCTAssertEqual(PeopleGenerator.scaled(members: 250_000).posts, 31_746)
    }
}
