import AllianceKit
import ArgumentParser
import Foundation

/// `alliance generate`: seeded lists to try the tool on, or to rehearse a batch on a cluster —
/// a city of districts (a `district` column) of the shape the benchmarks use
/// (`InstanceGenerator.benchmarkDistrict`, `InstanceFamily`), with last year's plan.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write generated lists (a city of districts) to try the tool or a cluster on.",
        discussion: HelpText.discussion("""
            Writes communities.csv, organizations.csv, needs.csv, resources.csv, pairs.csv \
            and previous-plan.csv (last year's plan, for --previous) into the folder; with \
            --members or --posts also members.csv and posts.csv (stage 3, people to posts: \
            party members with skills near their community, posts and orders; the one not \
            given in the proportion of 63,000 members to 8,000 posts). \
            The same options give the same lists. Families (base, many-categories, tight, multi, \
            uneven, mixed) are described in benchmarks/README.md.
            """,
            examples: ["alliance generate --out city --districts 10 --communities 20 --units 80",
                       "alliance generate --out hard --communities 150 --units 600 --family mixed --seed 7",
                       "alliance generate --out city --communities 84 --units 300 --members 63000 --posts 8000"],
            exits: [.success, .notWritten]))

    @Option(help: ArgumentHelp("The folder to write the lists into.", valueName: "folder"), completion: .directory)
    var out: String

    @Option(help: ArgumentHelp("Districts; with more than one the lists get a district column.", valueName: "n"))
    var districts = 1

    @Option(help: ArgumentHelp("Communities per district.", valueName: "n"))
    var communities = 20

    @Option(help: ArgumentHelp("Units (organizations) per district.", valueName: "n"))
    var units = 80

    @Option(help: ArgumentHelp("The shape of each district: base, many-categories, tight, multi, uneven or mixed.",
                               valueName: "family"))
    var family: InstanceFamily = .base

    @Option(help: ArgumentHelp("Party members (members.csv) for the whole city.", valueName: "n"))
    var members: Int?

    @Option(help: ArgumentHelp("Posts and orders (posts.csv) for the whole city.", valueName: "n"))
    var posts: Int?

    @Option(help: ArgumentHelp("The seed: the same seed gives the same lists.", valueName: "n"))
    var seed: UInt64 = 1

    @Flag(help: "Replace lists already in the folder.")
    var force = false

    func validate() throws {
        guard (1...1000).contains(districts) else { throw ValidationError(Message.generateCount(option: "--districts", maximum: 1000).text) }
        guard (2...5000).contains(communities) else { throw ValidationError(Message.generateCount(option: "--communities", maximum: 5000).text) }
        guard (2...20000).contains(units) else { throw ValidationError(Message.generateCount(option: "--units", maximum: 20000).text) }
        if let members, !(1...1_000_000).contains(members) {
            throw ValidationError(Message.generateCount(option: "--members", maximum: 1_000_000).text)
        }
        if let posts, !(1...200_000).contains(posts) {
            throw ValidationError(Message.generateCount(option: "--posts", maximum: 200_000).text)
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let existing = folder.appendingPathComponent("communities.csv")
        if FileManager.default.fileExists(atPath: existing.path), !force {
            Console.error("alliance: " + Message.fileExistsUseForce(path: existing.relativePathForDisplay).text)
            throw ExitCode(4)
        }
        let generator = InstanceGenerator.benchmarkDistrict(communities: communities, units: units).shaped(as: family)
        let (drawn, previous) = districts > 1 ? generator.generateCity(districts: districts, seed: seed)
                                              : generator.generate(seed: seed)
        let instance = InstanceGenerator.droppingExcessFixes(drawn)
        var files = InstanceWriter.files(instance)
        files.append(("previous-plan.csv", Data(InstanceWriter.planCSV(previous).utf8)))
        let people = peopleGenerator().map { $0.generate(for: instance, seed: seed) }
        if let people { files += InstanceWriter.peopleFiles(people) }
        try AtomicFiles.write(files, into: folder)
        Console.error(Message.generatedCity(districts: districts, communities: communities, units: units,
                                            family: family.rawValue, folder: folder.relativePathForDisplay).text)
        if let people {
            Console.error(Message.generatedPeople(members: people.members.count, posts: people.posts.count,
                                                  seats: people.posts.reduce(0) { $0 + $1.seats }).text)
        }
    }

    /// The stage-3 generator when --members or --posts is given; the other in the city's proportion.
    func peopleGenerator() -> PeopleGenerator? {
        switch (members, posts) {
        case (nil, nil): return nil
        case let (members?, posts?): return PeopleGenerator(members: members, posts: posts)
        case let (members?, nil): return PeopleGenerator.scaled(members: members)
        case let (nil, posts?):
            let scale = PeopleGenerator.cityMembers
            return PeopleGenerator(members: max(1, (posts * scale + PeopleGenerator.cityPosts / 2) / PeopleGenerator.cityPosts),
                                   posts: posts)
        }
    }
}

extension InstanceFamily: ExpressibleByArgument {}
