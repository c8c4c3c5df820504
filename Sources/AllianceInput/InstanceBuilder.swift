import AllianceModel

/// What one list holds before its header is mapped: CSV text, a CSV file (read as a stream when
/// the list is read, in the encoding `EncodingChoice` says), or the rows of a workbook's sheet.
enum ListContents {
    case text(String)
    case file(ByteSource, EncodingChoice)
    case records([CSVRecord])
}

/// Collects what the list files say while they are read: the entities, every error and warning,
/// and the ids seen so far for reference checks. One file's rows are read in each extension.
struct InstanceBuilder {
    /// List file name (`needs.csv`) → what it holds.
    let lists: [String: ListContents]
    let unreadable: Set<String>
    /// The workbook the lists are sheets of; nil for CSV files.
    var workbook: String?
    /// List file name → the sheet that holds it, for messages and locations (workbooks only).
    var sheetNames: [String: String] = [:]
    var errors: [InputError] = []
    var warnings: [String] = []
    /// List file → the encoding it was read in (CSV files only).
    var encodings: [String: TextEncoding] = [:]
    /// Number cells typed with full-width characters (read after NFKC), with their text, for
    /// one warning naming them.
    var fullWidthNumbers: [(location: SourceLocation, text: String)] = []
    var communities: [Community] = []
    var organizations: [Organization] = []
    var needs: [Need] = []
    var resources: [Resource] = []
    var projects: [Project] = []
    var pairs: [PairRule] = []
    /// Community ids with the cell that defined them; nil when communities.csv could not be read,
    /// in which case references to communities are not checked (that would only repeat one error).
    var communityIDs: [String: SourceLocation]?
    var organizationIDs: [String: SourceLocation]?

    init(lists: [String: ListContents], unreadable: Set<String>) {
        self.lists = lists
        self.unreadable = unreadable
    }

    /// How messages name list `file`: the file name, or the sheet that holds it.
    func displayName(_ file: String) -> String { sheetNames[file] ?? file }

    var instance: Instance {
        Instance(communities: communities, organizations: organizations, needs: needs, resources: resources,
                 projects: projects, pairs: pairs, warnings: warnings)
    }

    mutating func readAll() {
        readCommunities(table("communities.csv", required: ["id"],
                              optional: ["name", "street", "strength", "min_orgs", "max_orgs", "district"] + Self.coordinateColumns))
        readOrganizations(table("organizations.csv", required: ["id"],
                                optional: ["name", "kind", "strength", "can_lead", "min_communities", "max_communities",
                                           "group", "district"] + Self.coordinateColumns))
        readNeeds(table("needs.csv", required: ["community_id", "category", "amount"], optional: ["priority"]))
        readResources(table("resources.csv", required: ["org_id", "category", "amount"]))
        readProjects(table("projects.csv", required: ["id", "community_id", "category", "amount"],
                           optional: ["name", "value"], isRequired: false))
        readPairs(table("pairs.csv", required: ["org_id", "community_id", "rule"], optional: ["score"], isRequired: false))
        warnAboutCoordinates()
        warnAboutFullWidthNumbers()
    }

    /// The columns read as numbers.
    static let numberColumns = ["strength", "min_orgs", "max_orgs", "min_communities", "max_communities", "amount",
                                "priority", "value", "score"] + coordinateColumns

    /// Notes the number cells of `table` typed with full-width characters.
    private mutating func collectFullWidthNumbers(_ table: CSVTable) {
        for row in table.rows {
            for name in Self.numberColumns {
                guard let field = row.field(name), CSVValue.typedFullWidth(field.text) else { continue }
                fullWidthNumbers.append((row.location(of: name), field.text))
            }
        }
    }

    /// One warning naming the first cells typed with full-width characters, so that a person
    /// sees what was read and where, once.
    private mutating func warnAboutFullWidthNumbers() {
        guard !fullWidthNumbers.isEmpty else { return }
        let shown = fullWidthNumbers.prefix(5).map { "\($0.location) '\($0.text)'" }.joined(separator: ", ")
        warnings.append(Message.fullWidthNumbers(count: fullWidthNumbers.count, cells: shown,
                                                 more: Swift.max(0, fullWidthNumbers.count - 5)).text)
    }

    static let coordinateColumns = ["x", "y", "lat", "lon"]

    /// The table of `file` when its rows can be read; nil (after recording why) when the file is
    /// missing, has syntax errors, or lacks a required column.
    mutating func table(_ file: String, required: [String], optional: [String] = [], isRequired: Bool = true) -> CSVTable? {
        let records: [CSVRecord]
        switch lists[file] {
        case nil:
            if isRequired && !unreadable.contains(file) {
                errors.append(InputError(SourceLocation(file: file, line: 1, column: 1), Message.requiredFileMissing.text))
            }
            return nil
        case .text, .file:
            guard let parsed = parse(file) else { return nil }
            if !parsed.errors.isEmpty {
                errors += parsed.errors
                return nil
            }
            records = parsed.records
        case .records(let rows):
            records = Self.droppingTitleRows(rows, columns: Set(required + optional))
            if let header = records.first, let first = rows.first, header.line != first.line {
                let place = SourceLocation(file: displayName(file), line: first.line, column: 1, workbook: workbook)
                warnings.append("\(place): " + Message.titleRowsSkipped(headerRow: header.line).text)
            }
        }
        if !isRequired && records.isEmpty { return nil }
        let table = CSVTable(records: records, file: displayName(file), workbook: workbook, required: required,
                             optional: optional)
        errors += table.errors
        warnings += table.warnings
        guard table.missingColumns.isEmpty else { return nil }
        collectFullWidthNumbers(table)
        return table
    }

    /// Parses CSV list `file`; nil (after recording why) when it cannot be read or decoded.
    private mutating func parse(_ file: String) -> CSVParseResult? {
        switch lists[file] {
        case .text(let text):
            return CSVParser.parse(text, file: file)
        case .file(let source, let choice):
            do {
                let read = try CSVParser.parse(source, file: file, choice: choice)
                encodings[file] = read.encoding
                return read.result
            } catch {
                errors.append(error)
                return nil
            }
        case .records, nil:
            return nil
        }
    }

    /// A sheet's rows from its header on: spreadsheets often put a title (e.g. 社区清单) above the
    /// header, so rows before the first one naming a column of `columns` are dropped when such a
    /// row comes within the first five; otherwise the first row stays the header.
    static func droppingTitleRows(_ rows: [CSVRecord], columns: Set<String>) -> [CSVRecord] {
        let header = rows.prefix(5).firstIndex { record in
            record.fields.contains { ColumnNames.canonical(for: $0.text).map(columns.contains) ?? false }
        }
        return Array(rows[(header ?? 0)...])
    }

    /// Runs one accessor, recording its error; nil when the cell is empty or wrong.
    /// (Untyped `throws` so that closures need no annotation; the accessors only throw `InputError`.)
    mutating func cell<T>(_ read: () throws -> T?) -> T? {
        do {
            return try read()
        } catch let error as InputError {
            errors.append(error)
        } catch {
            preconditionFailure("cell accessors throw only InputError, got \(error)")
        }
        return nil
    }

    /// Records an error when `id` is not among `known` (skipped when `known` is nil).
    mutating func checkReference(_ id: String, in known: [String: SourceLocation]?, row: CSVRow, column: String,
                                 noun: Message.Noun, listFile: String) {
        guard let known, known[id] == nil else { return }
        errors.append(row.error(column, Message.unknownID(noun, id: id, list: displayName(listFile)).text))
    }

    /// Records `id` in `seen`, or a duplicate error pointing back at its first definition.
    mutating func register(_ id: String, in seen: inout [String: SourceLocation], row: CSVRow, noun: Message.Noun) -> Bool {
        if let first = seen[id] {
            errors.append(row.error("id", Message.duplicateID(noun, id: id, first: first.description).text))
            return false
        }
        seen[id] = row.location(of: "id")
        return true
    }
}
