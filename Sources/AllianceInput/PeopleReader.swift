import AllianceModel
import Foundation

/// Reads the two lists of stage 3 (MODEL.md, "Stage 3: people to posts"): `members.csv` (sheet
/// 成员), the party members who report to a community, and `posts.csv` (sheet 岗位), the posts and
/// orders they take there; and a `people.csv` matching written earlier (`readMatches`).
///
/// The lists sit beside the stage-1 lists (the same folder, or sheets of the same workbook), which
/// do not read them; references are checked against the communities and units given. Every error
/// of both lists is collected, sorted by file, line and column, located at `file:line:column` or
/// `workbook:sheet!cell` as the stage-1 readers locate theirs.
public enum PeopleReader {
    /// The two list files, in reading (and error) order.
    public static let files = ["members.csv", "posts.csv"]

    /// Sheet names that hold each list besides its file name with or without `.csv`.
    public static let sheetAliases: [String: [String]] = ["members.csv": ["成员"], "posts.csv": ["岗位"]]

    /// Kind words accepted in posts.csv's `kind` column (类型), matched case-insensitively.
    public static let kindWords: [String: PostKind] = ["post": .post, "岗位": .post, "order": .order, "订单": .order]

    static let memberRequired = ["id", "home_community", "skills"]
    static let memberOptional = ["name", "member_name", "capacity", "org_id"] + InstanceBuilder.coordinateColumns
    static let postRequired = ["id", "community_id", "category"]
    static let postOptional = ["name", "seats", "priority", "kind"]

    /// The list file a sheet named `sheet` holds (members.csv or posts.csv), nil for other sheets.
    public static func listFile(forSheet sheet: String) -> String? {
        let name = sheet.trimmingWhitespace().lowercased()
        return files.first { file in
            name == file || name + ".csv" == file || sheetAliases[file, default: []].contains(name)
        }
    }

    /// Whether `path` holds both lists: a folder with members.csv and posts.csv, or a workbook with
    /// a sheet for each (only the workbook's sheet names are read).
    public static func hasPeopleLists(at path: URL) -> Bool {
        if InstanceReader.isWorkbook(path) {
            guard let workbook = try? WorkbookReader(contentsOf: path) else { return false }
            let held = Set(workbook.sheetNames.compactMap(listFile(forSheet:)))
            return files.allSatisfy(held.contains)
        }
        return files.allSatisfy { FileManager.default.fileExists(atPath: path.appendingPathComponent($0).path) }
    }

    /// Reads the lists at `path`: the sheets of a workbook when `InstanceReader.isWorkbook(path)`,
    /// else the CSV files of a folder decoded as `encoding` says. Both lists are required.
    public static func read(at path: URL, communities: [Community], organizations: [Organization],
                            encoding: EncodingChoice = .auto,
                            limits: WorkbookLimits = .standard) throws(InputErrors) -> PeopleLists {
        if InstanceReader.isWorkbook(path) {
            return try read(workbook: path, communities: communities, organizations: organizations, limits: limits)
        }
        var lists: [String: ListContents] = [:]
        for name in files {
            let url = path.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            lists[name] = .file(ByteSource(file: url), encoding)
        }
        return try build(InstanceBuilder(lists: lists, unreadable: []), errors: [],
                         communities: communities, organizations: organizations)
    }

    /// Reads lists given in memory, file name → contents (`["members.csv": "id,…\n…", …]`); other
    /// files are ignored. Same rules and errors as `read(at:…)`.
    public static func read(files: [String: String], communities: [Community],
                            organizations: [Organization]) throws(InputErrors) -> PeopleLists {
        let lists = files.filter { Self.files.contains($0.key) }.mapValues { ListContents.text($0) }
        return try build(InstanceBuilder(lists: lists, unreadable: []), errors: [],
                         communities: communities, organizations: organizations)
    }

    /// Reads the lists from the sheets of the workbook at `url` (see `sheetAliases`).
    static func read(workbook url: URL, communities: [Community], organizations: [Organization],
                     limits: WorkbookLimits) throws(InputErrors) -> PeopleLists {
        let workbook: WorkbookReader
        do {
            workbook = try WorkbookReader(contentsOf: url, limits: limits)
        } catch {
            throw InputErrors([error])
        }
        let place = WorkbookPlace(workbook: workbook.name)
        let (sheets, sheetErrors) = InstanceReader.sheetsByList(workbook.sheetNames, listFile: listFile, place: place)
        var errors = sheetErrors
        // The stage-1 sheets too, so that "not in 社区" names the sheet the user sees.
        let shown = InstanceReader.sheetsByList(workbook.sheetNames, listFile: InstanceReader.listFile, place: place).sheets
        var lists: [String: ListContents] = [:]
        var unreadable: Set<String> = []
        for file in files {
            guard let sheet = sheets[file] else {
                let expected = ([String(file.dropLast(4)), file] + sheetAliases[file, default: []]).joined(separator: ", ")
                let sheetNames = workbook.sheetNames.map { "'\($0)'" }.joined(separator: ", ")
                errors.append(place.error(Message.noSheetForList(file: file, expected: expected, sheets: sheetNames).text))
                unreadable.insert(file)
                continue
            }
            do {
                lists[file] = .records(try workbook.records(ofSheet: sheet))
            } catch {
                if error.message.hasPrefix("refused") { throw InputErrors(InstanceReader.sorted(errors + [error])) }
                errors.append(error)
                unreadable.insert(file)
            }
        }
        var builder = InstanceBuilder(lists: lists, unreadable: unreadable)
        builder.workbook = workbook.name
        builder.sheetNames = shown.merging(sheets) { $1 }
        return try build(builder, errors: errors, communities: communities, organizations: organizations)
    }

    /// Reads both lists with `builder`, after the errors met while loading them.
    private static func build(_ builder: InstanceBuilder, errors: [InputError], communities: [Community],
                              organizations: [Organization]) throws(InputErrors) -> PeopleLists {
        var builder = builder
        builder.errors = errors
        builder.communityIDs = Dictionary(communities.map { ($0.id, $0.source ?? SourceLocation(file: "communities.csv", line: 1, column: 1)) },
                                          uniquingKeysWith: { first, _ in first })
        builder.organizationIDs = Dictionary(organizations.map { ($0.id, $0.source ?? SourceLocation(file: "organizations.csv", line: 1, column: 1)) },
                                             uniquingKeysWith: { first, _ in first })
        let members = builder.readMembers(builder.table("members.csv", required: memberRequired, optional: memberOptional))
        let posts = builder.readPosts(builder.table("posts.csv", required: postRequired, optional: postOptional))
        let order = [""] + files.map(builder.displayName)
        if !builder.errors.isEmpty { throw InputErrors(InstanceReader.sorted(builder.errors, order: order)) }
        return PeopleLists(members: members, posts: posts, warnings: builder.warnings)
    }

    // MARK: A matching read back

    /// Reads the matching in a `people.csv` written earlier: columns `member_id` and `post_id`
    /// (成员编号, 岗位编号) are required, its other columns are ignored without a warning. Each
    /// match's source is its row's `member_id` cell; a repeated match is an error at its second row.
    /// Ids are not checked against lists here.
    public static func readMatches(file: URL, encoding: EncodingChoice = .auto) throws(InputErrors) -> [SeatMatch] {
        try readMatches(CSVTable.read(file: file, encoding: encoding, required: matchColumns, optional: [],
                                      missing: .matchesFileMissing))
    }

    /// Reads a matching given as text, `file` naming it in messages.
    public static func readMatches(text: String, file: String = "people.csv") throws(InputErrors) -> [SeatMatch] {
        try readMatches(CSVTable(text: text, file: file, required: matchColumns))
    }

    private static let matchColumns = ["member_id", "post_id"]

    private static func readMatches(_ table: CSVTable) throws(InputErrors) -> [SeatMatch] {
        var errors = table.errors
        var matches: [SeatMatch] = []
        var seen: Set<SeatMatch> = []
        for row in table.missingColumns.isEmpty ? table.rows : [] {
            let member = row.string("member_id"), post = row.string("post_id")
            if member == nil { errors.append(row.missing("member_id")) }
            if post == nil { errors.append(row.missing("post_id")) }
            guard let member, let post else { continue }
            let match = SeatMatch(memberID: member, postID: post, source: row.location(of: "member_id"))
            guard seen.insert(match).inserted else {
                errors.append(row.error("member_id", Message.peopleRepeatedMatch(member: member, post: post).text))
                continue
            }
            matches.append(match)
        }
        if !errors.isEmpty { throw InputErrors(InstanceReader.sorted(errors)) }
        return matches
    }
}

/// Reading members.csv and posts.csv into values, with the stage-1 builder's cell accessors,
/// coordinates and reference checks (`communityIDs` and `organizationIDs` set from the lists given).
extension InstanceBuilder {
    mutating func readMembers(_ table: CSVTable?) -> [Member] {
        guard let table else { return [] }
        var ids: [String: SourceLocation] = [:]
        var members: [Member] = []
        for row in table.rows {
            let id = cell { try row.requiredString("id") }
            let isNew = id.map { register($0, in: &ids, row: row, noun: .member) } ?? false
            let home = cell { try row.requiredString("home_community") }
            if let home {
                checkReference(home, in: communityIDs, row: row, column: "home_community", noun: .community,
                               listFile: "communities.csv")
            }
            let location = readLocation(row)
            let skills = readSkills(row)
            let capacity = cell { try row.integer("capacity", atLeast: 1) } ?? 1
            let unit = row.string("org_id")
            if let unit {
                checkReference(unit, in: organizationIDs, row: row, column: "org_id", noun: .unit,
                               listFile: "organizations.csv")
            }
            guard let id, isNew, let home, let skills else { continue }
            members.append(Member(id: id, name: row.string("member_name") ?? row.string("name"), homeCommunityID: home,
                                  location: location, skills: skills, capacity: capacity, orgID: unit,
                                  source: row.location(of: "id")))
        }
        return members
    }

    /// The row's skills: the `skills` cell split at `;`, `；` and `、`, each part trimmed, empty
    /// parts and repeats dropped; "missing" when no skill is left.
    private mutating func readSkills(_ row: CSVRow) -> [String]? {
        guard let text = cell({ try row.requiredString("skills") }) else { return nil }
        var skills: [String] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" }) {
            let skill = String(part).trimmingWhitespace()
            if !skill.isEmpty && !skills.contains(skill) { skills.append(skill) }
        }
        guard !skills.isEmpty else {
            errors.append(row.missing("skills"))
            return nil
        }
        return skills
    }

    mutating func readPosts(_ table: CSVTable?) -> [Post] {
        guard let table else { return [] }
        var ids: [String: SourceLocation] = [:]
        var posts: [Post] = []
        for row in table.rows {
            let id = cell { try row.requiredString("id") }
            let isNew = id.map { register($0, in: &ids, row: row, noun: .post) } ?? false
            let community = communityReference(row)
            let category = cell { try row.requiredString("category") }
            let seats = cell { try row.integer("seats", atLeast: 1) } ?? 1
            let priority = cell { try row.positiveNumber("priority") } ?? 1
            var kind = PostKind.post
            if let word = row.string("kind") {
                if let known = PeopleReader.kindWords[word.lowercased()] {
                    kind = known
                } else {
                    errors.append(row.error("kind", Message.unknownPostKind(word: word).text))
                }
            }
            guard let id, isNew, let community, let category else { continue }
            posts.append(Post(id: id, name: row.string("name"), communityID: community, category: category, seats: seats,
                              priority: priority, kind: kind, source: row.location(of: "id")))
        }
        return posts
    }
}
