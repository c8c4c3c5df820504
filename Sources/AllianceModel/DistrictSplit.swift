/// One district's share of a city's lists, planned on its own (batch planning by district).
public struct DistrictInstance: Sendable {
    /// The district as written in the `district` (区县) column.
    public var name: String
    /// Only this district's communities and units, with their needs, resources, projects and pair rules.
    public var instance: Instance
    /// The rows of the previous plan whose community lies in this district, if a previous plan was given.
    public var previousPlan: [Assignment]?
    /// The rows of the start plan (`--from`) whose community lies in this district, if one was given.
    public var from: [Assignment]?
    /// The pins naming this district's units or communities.
    public var pins: [Pin]

    public init(name: String, instance: Instance, previousPlan: [Assignment]? = nil,
                from: [Assignment]? = nil, pins: [Pin] = []) {
        self.name = name
        self.instance = instance
        self.previousPlan = previousPlan
        self.from = from
        self.pins = pins
    }
}

/// Splits a city's lists by the `district` column of communities.csv and organizations.csv, so
/// that every district is planned as if its lists had been given alone: its own mean strength,
/// balance band and size rules, its units serving only its own communities.
///
/// Rules (decided here, tested in `DistrictSplitTests`):
/// - once either file has a district, every community and every unit must name one (input error
///   at the empty cell otherwise) — a unit without a district could not be placed;
/// - a `fix` pair across districts is an input error (it cannot be honoured);
/// - `forbid` and `prefer` pairs across districts are ignored with a warning (a forbid is implied,
///   a preference cannot be met);
/// - a previous-plan row whose unit and community lie in different districts cannot be kept: it
///   is dropped with a warning at its location;
/// - the start plan (`--from`) is split like the previous plan (a row across districts is dropped
///   with a warning; a district it has no rows for is warned about: it is planned from scratch);
/// - a pin goes to the district of the unit or community it names; a pin naming an unknown id,
///   or a lead pin whose unit and community lie in different districts, is an input error at the
///   pin's cell (or option).
public enum DistrictSplit {
    /// Whether the lists use batch planning: some community or unit names a district.
    public static func hasDistricts(_ instance: Instance) -> Bool {
        instance.communities.contains { $0.district != nil } || instance.organizations.contains { $0.district != nil }
    }

    /// The districts in order of first appearance in communities.csv (then organizations.csv),
    /// each with its share of the lists, and the warnings about ignored cross-district pairs.
    /// Throws `InputErrors` for missing districts and cross-district `fix` pairs.
    public static func split(_ instance: Instance, previousPlan: [Assignment]? = nil,
                             from: [Assignment]? = nil, pins: [Pin] = [])
        throws -> (districts: [DistrictInstance], warnings: [String]) {
        var errors: [InputError] = []
        var order: [String] = []
        var seen: Set<String> = []
        func note(_ district: String) { if seen.insert(district).inserted { order.append(district) } }

        /// id → district for one list, noting districts in order and missing ones as errors.
        func districts<Row>(_ rows: [Row], id: KeyPath<Row, String>, district: KeyPath<Row, String?>,
                            source: KeyPath<Row, SourceLocation?>, file: String, noun: Message.Noun) -> [String: String] {
            var table: [String: String] = [:]
            for row in rows {
                guard let name = row[keyPath: district] else {
                    errors.append(missing(row[keyPath: source], file: file, noun: noun, id: row[keyPath: id]))
                    continue
                }
                table[row[keyPath: id]] = name
                note(name)
            }
            return table
        }
        let communityDistrict = districts(instance.communities, id: \.id, district: \.district, source: \.source,
                                          file: "communities.csv", noun: .community)
        let orgDistrict = districts(instance.organizations, id: \.id, district: \.district, source: \.source,
                                    file: "organizations.csv", noun: .unit)

        var warnings: [String] = []
        var pairsOf: [String: [PairRule]] = [:]
        var ignoredAcross = 0
        for pair in instance.pairs {
            guard let od = orgDistrict[pair.orgID], let cd = communityDistrict[pair.communityID] else { continue }
            if od == cd {
                pairsOf[od, default: []].append(pair)
            } else if pair.rule == .fix {
                errors.append(InputError(pair.source ?? SourceLocation(file: "pairs.csv", line: 1, column: 1),
                    Message.fixPairCrossesDistricts(unit: pair.orgID, community: pair.communityID, unitDistrict: od,
                                                    communityDistrict: cd).text))
            } else {
                ignoredAcross += 1
            }
        }
        if ignoredAcross > 0 {
            warnings.append("pairs.csv: " + Message.crossDistrictPairsIgnored(count: ignoredAcross).text)
        }

        // Pins: to the district of what they name. A unit may be named by its group.
        var unitDistrict = orgDistrict
        for org in instance.organizations {
            if let group = org.group, let d = orgDistrict[org.id], unitDistrict[group] == nil { unitDistrict[group] = d }
        }
        var pinsOf: [String: [Pin]] = [:]
        for pin in pins {
            let prefix = pin.option.map { "\($0): " } ?? ""
            var unitIn: String?, communityIn: String?, known = true
            if let id = pin.unitID {
                unitIn = unitDistrict[id]
                if unitIn == nil {
                    known = false
                    errors.append(InputError(pin.unitSource ?? pin.location, prefix + Message.unknownPinUnit(id: id).text))
                }
            }
            if let id = pin.communityID {
                communityIn = communityDistrict[id]
                if communityIn == nil {
                    known = false
                    errors.append(InputError(pin.communitySource ?? pin.location,
                        prefix + Message.unknownID(.community, id: id, list: "communities.csv").text))
                }
            }
            guard known, let district = communityIn ?? unitIn else { continue }
            if let unitIn, let communityIn, unitIn != communityIn {
                errors.append(InputError(pin.location, Message.pinCrossesDistricts(pin: "\(pin)", unit: pin.unitID ?? "", unitDistrict: unitIn,
                                                community: pin.communityID ?? "", communityDistrict: communityIn).text))
                continue
            }
            pinsOf[district, default: []].append(pin)
        }
        if !errors.isEmpty {
            throw InputErrors(errors.sorted { ($0.location.file, $0.location.line, $0.location.column)
                < ($1.location.file, $1.location.line, $1.location.column) })
        }

        var communitiesOf: [String: [Community]] = [:], orgsOf: [String: [Organization]] = [:]
        for community in instance.communities { communitiesOf[communityDistrict[community.id]!, default: []].append(community) }
        for org in instance.organizations { orgsOf[orgDistrict[org.id]!, default: []].append(org) }
        var needsOf: [String: [Need]] = [:], resourcesOf: [String: [Resource]] = [:], projectsOf: [String: [Project]] = [:]
        for need in instance.needs { if let d = communityDistrict[need.communityID] { needsOf[d, default: []].append(need) } }
        for row in instance.resources { if let d = orgDistrict[row.orgID] { resourcesOf[d, default: []].append(row) } }
        for project in instance.projects {
            if let d = communityDistrict[project.communityID] { projectsOf[d, default: []].append(project) }
        }
        var previousOf: [String: [Assignment]] = [:]
        for row in previousPlan ?? [] {
            // Rows naming a community no longer listed go nowhere (a single run ignores them too).
            guard let d = communityDistrict[row.communityID] else { continue }
            if let od = orgDistrict[row.orgID], od != d {
                let location = row.source.map { "\($0): " } ?? ""
                warnings.append(location + Message.previousPairCrossesDistricts(
                    unit: row.orgID, unitDistrict: od, community: row.communityID, communityDistrict: d).text)
                continue
            }
            previousOf[d, default: []].append(row)
        }
        var fromOf: [String: [Assignment]] = [:]
        for row in from ?? [] {
            // Rows naming a community no longer listed go nowhere (a single run ignores them too).
            guard let d = communityDistrict[row.communityID] else { continue }
            if let od = orgDistrict[row.orgID], od != d {
                let location = row.source.map { "\($0): " } ?? ""
                warnings.append(location + Message.startPairCrossesDistricts(
                    unit: row.orgID, unitDistrict: od, community: row.communityID, communityDistrict: d).text)
                continue
            }
            fromOf[d, default: []].append(row)
        }
        if from != nil {
            for name in order where fromOf[name] == nil && communitiesOf[name] != nil {
                warnings.append(Message.startPlanMissesDistrict(district: name).text)
            }
        }

        let districts = order.map { name in
            DistrictInstance(
                name: name,
                instance: Instance(communities: communitiesOf[name] ?? [], organizations: orgsOf[name] ?? [],
                                   needs: needsOf[name] ?? [], resources: resourcesOf[name] ?? [],
                                   projects: projectsOf[name] ?? [], pairs: pairsOf[name] ?? []),
                previousPlan: previousPlan.map { _ in previousOf[name] ?? [] },
                from: from.map { _ in fromOf[name] ?? [] },
                pins: pinsOf[name] ?? [])
        }
        return (districts, instance.warnings + warnings)
    }

    /// The district of every community and every unit that names one, by id: how commands that
    /// take district lists route ids (plan rows) to a district after `split` accepted the lists.
    public static func districtsByID(_ instance: Instance) -> (communities: [String: String], units: [String: String]) {
        func table<Row>(_ rows: [Row], id: KeyPath<Row, String>, district: KeyPath<Row, String?>) -> [String: String] {
            Dictionary(rows.compactMap { row in row[keyPath: district].map { (row[keyPath: id], $0) } },
                       uniquingKeysWith: { first, _ in first })
        }
        return (table(instance.communities, id: \.id, district: \.district),
                table(instance.organizations, id: \.id, district: \.district))
    }

    private static func missing(_ source: SourceLocation?, file: String, noun: Message.Noun, id: String) -> InputError {
        InputError(source ?? SourceLocation(file: file, line: 1, column: 1), Message.noDistrict(noun, id: id).text)
    }
}
