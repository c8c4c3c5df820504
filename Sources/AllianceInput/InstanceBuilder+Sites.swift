import AllianceModel

/// Reading communities.csv and organizations.csv, and the coordinate columns they share.
extension InstanceBuilder {
    mutating func readCommunities(_ table: CSVTable?) {
        guard let table else { return }
        var ids: [String: SourceLocation] = [:]
        for row in table.rows {
            let id = cell { try row.requiredString("id") }
            let isNew = id.map { register($0, in: &ids, row: row, noun: .community) } ?? false
            let strength = cell { try row.nonNegativeNumber("strength") } ?? 0
            let minOrgs = cell { try row.integer("min_orgs", atLeast: 0) }
            let maxOrgs = cell { try row.integer("max_orgs", atLeast: 0) }
            if let minOrgs, let maxOrgs, minOrgs > maxOrgs {
                errors.append(row.error("min_orgs", Message.minAboveMax(minColumn: row.header("min_orgs"), min: minOrgs,
                                                                      maxColumn: row.header("max_orgs"), max: maxOrgs,
                                                                      maxByDefault: false).text))
            }
            let location = readLocation(row)
            guard let id, isNew else { continue }
            communities.append(Community(id: id, name: row.string("name"), street: row.string("street"),
                                         strength: strength, minOrgs: minOrgs, maxOrgs: maxOrgs, location: location,
                                         district: row.string("district"), source: row.location(of: "id")))
        }
        communityIDs = ids
    }

    mutating func readOrganizations(_ table: CSVTable?) {
        guard let table else { return }
        var ids: [String: SourceLocation] = [:]
        var groupDistricts: [String: (district: String, location: SourceLocation)] = [:]
        var groupCells: [String: SourceLocation] = [:], groupOfUnit: [String: String] = [:]
        for row in table.rows {
            let id = cell { try row.requiredString("id") }
            let isNew = id.map { register($0, in: &ids, row: row, noun: .unit) } ?? false
            let strength = cell { try row.nonNegativeNumber("strength") } ?? 1
            // An absent column means every unit may lead; a present column with an empty cell means no.
            let canLead = row.hasColumn("can_lead") ? (cell { try row.bool("can_lead") } ?? false) : true
            let minGiven = cell { try row.integer("min_communities", atLeast: 0) }
            let maxGiven = cell { try row.integer("max_communities", atLeast: 1) }
            let minCommunities = minGiven ?? 1, maxCommunities = maxGiven ?? 1
            let maxIsBad = maxGiven == nil && row.string("max_communities") != nil // already reported
            if minCommunities > maxCommunities, !maxIsBad {
                errors.append(row.error("min_communities", Message.minAboveMax(
                    minColumn: row.header("min_communities"), min: minCommunities, maxColumn: row.header("max_communities"),
                    max: maxCommunities, maxByDefault: maxGiven == nil).text))
            }
            let group = row.string("group"), district = row.string("district")
            if let group {
                if groupCells[group] == nil { groupCells[group] = row.location(of: "group") }
                if let id, isNew { groupOfUnit[id] = group }
            }
            if let group, let district {
                if let first = groupDistricts[group] {
                    if first.district != district {
                        errors.append(row.error("district", Message.groupSpansDistricts(group: group, here: district, there: first.district,
                                                                                       at: first.location.description).text))
                    }
                } else {
                    groupDistricts[group] = (district, row.location(of: "district"))
                }
            }
            let location = readLocation(row)
            guard let id, isNew else { continue }
            organizations.append(Organization(id: id, name: row.string("name"), kind: row.string("kind"), strength: strength,
                                              canLead: canLead, minCommunities: minCommunities, maxCommunities: maxCommunities,
                                              group: group, location: location, district: district,
                                              source: row.location(of: "id")))
        }
        organizationIDs = ids
        checkGroupNames(groupCells, units: ids, groupOfUnit: groupOfUnit)
    }

    /// A merged group takes its name as its unit id, so a group may not be named after a unit that
    /// stands alone (U4 and U5 in group "U1" while U1 has no group): two units would share one id in
    /// every message and export. A unit that is itself in some group goes by that group's name, so
    /// its id is free for a group (see InputReaderTests).
    mutating func checkGroupNames(_ groupCells: [String: SourceLocation], units: [String: SourceLocation],
                                  groupOfUnit: [String: String]) {
        for (group, cell) in groupCells {
            guard let unit = units[group], groupOfUnit[group] == nil else { continue }
            errors.append(InputError(cell, Message.groupNamedAfterUnit(group: group, unitAt: unit.description).text))
        }
    }

    /// The row's place: `x, y` or `lat, lon`, each pair complete or empty, never both pairs.
    mutating func readLocation(_ row: CSVRow) -> Location? {
        let x = cell { try row.number("x") }
        let y = cell { try row.number("y") }
        var lat = cell { try row.number("lat") }
        var lon = cell { try row.number("lon") }
        let hasX = row.string("x") != nil, hasY = row.string("y") != nil
        let hasLat = row.string("lat") != nil, hasLon = row.string("lon") != nil
        var complete = true
        for (given, column, other) in [(hasX && !hasY, "x", "y"), (hasY && !hasX, "y", "x"),
                                       (hasLat && !hasLon, "lat", "lon"), (hasLon && !hasLat, "lon", "lat")] where given {
            errors.append(row.error(column, Message.coordinateWithoutPair(column: row.header(column), other: row.header(other)).text))
            complete = false
        }
        if (hasX || hasY) && (hasLat || hasLon) {
            let column = hasLat ? "lat" : "lon"
            errors.append(row.error(column, Message.bothCoordinateKinds.text))
            return nil
        }
        if let value = lat, !(-90...90).contains(value) {
            errors.append(row.error("lat", Message.latitudeOutOfRange(column: row.header("lat"), found: row.string("lat") ?? "").text))
            lat = nil
        }
        if let value = lon, !(-180...180).contains(value) {
            errors.append(row.error("lon", Message.longitudeOutOfRange(column: row.header("lon"), found: row.string("lon") ?? "").text))
            lon = nil
        }
        guard complete else { return nil }
        if let x, let y { return .planar(x: x, y: y) }
        if let lat, let lon { return .geographic(lat: lat, lon: lon) }
        return nil
    }

    /// Warns when some distances will be taken as 0: places without coordinates, or mixed kinds.
    mutating func warnAboutCoordinates() {
        let places = communities.map(\.location) + organizations.map(\.location)
        guard places.contains(where: { $0 != nil }) else { return }
        let bareCommunities = communities.filter { $0.location == nil }.count
        let bareUnits = organizations.filter { $0.location == nil }.count
        if bareCommunities + bareUnits > 0 {
            warnings.append(Message.placesWithoutCoordinates(communities: bareCommunities, ofCommunities: communities.count,
                                                             units: bareUnits, ofUnits: organizations.count).text)
        }
        var planar = false, geographic = false
        for case let place? in places {
            if case .planar = place { planar = true } else { geographic = true }
        }
        if planar && geographic {
            warnings.append(Message.mixedCoordinateKinds.text)
        }
    }
}
