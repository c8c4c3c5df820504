import AllianceModel

/// Reading the three lists (三张清单): needs.csv, resources.csv and projects.csv.
/// Repeated rows are kept as written; adding them up is the model's job.
extension InstanceBuilder {
    mutating func readNeeds(_ table: CSVTable?) {
        guard let table else { return }
        for row in table.rows {
            let community = communityReference(row)
            let category = cell { try row.requiredString("category") }
            let amount = cell { try row.required(row.positiveNumber("amount"), "amount") }
            let priority = cell { try row.nonNegativeNumber("priority") } ?? 1
            guard let community, let category, let amount else { continue }
            needs.append(Need(communityID: community, category: category, amount: amount, priority: priority,
                              source: row.location(of: "community_id")))
        }
    }

    mutating func readResources(_ table: CSVTable?) {
        guard let table else { return }
        for row in table.rows {
            let unit = unitReference(row)
            let category = cell { try row.requiredString("category") }
            let amount = cell { try row.required(row.positiveNumber("amount"), "amount") }
            guard let unit, let category, let amount else { continue }
            resources.append(Resource(orgID: unit, category: category, amount: amount, source: row.location(of: "org_id")))
        }
    }

    mutating func readProjects(_ table: CSVTable?) {
        guard let table else { return }
        var ids: [String: SourceLocation] = [:]
        for row in table.rows {
            let id = cell { try row.requiredString("id") }
            let isNew = id.map { register($0, in: &ids, row: row, noun: .project) } ?? false
            let community = communityReference(row)
            let category = cell { try row.requiredString("category") }
            let amount = cell { try row.required(row.positiveNumber("amount"), "amount") }
            let value = cell { try row.nonNegativeNumber("value") } ?? 1
            guard let id, isNew, let community, let category, let amount else { continue }
            projects.append(Project(id: id, communityID: community, name: row.string("name"), category: category,
                                    amount: amount, value: value, source: row.location(of: "id")))
        }
    }

    /// The row's `community_id`, checked against communities.csv.
    mutating func communityReference(_ row: CSVRow) -> String? {
        guard let id = cell({ try row.requiredString("community_id") }) else { return nil }
        checkReference(id, in: communityIDs, row: row, column: "community_id", noun: .community, listFile: "communities.csv")
        return id
    }

    /// The row's `org_id`, checked against organizations.csv.
    mutating func unitReference(_ row: CSVRow) -> String? {
        guard let id = cell({ try row.requiredString("org_id") }) else { return nil }
        checkReference(id, in: organizationIDs, row: row, column: "org_id", noun: .unit, listFile: "organizations.csv")
        return id
    }
}
