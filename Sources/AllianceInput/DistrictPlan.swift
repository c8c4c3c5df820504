import AllianceModel

/// A plan for district lists, split into each district's rows so that every district's part can
/// be judged on that district's own instance (`alliance evaluate` on a batch solve's combined
/// plan.csv, or on a plan without a `district` column).
public enum DistrictPlan {
    /// The rows of `rows` per district of `districts` (same order), routed by the community's
    /// district. Throws one `InputError` per row, at its cell, that names a unit or community the
    /// lists do not have, pairs a unit with a community of another district, or whose `district`
    /// cell differs from its community's district.
    public static func split(_ rows: [PlanReader.Row], districts: [DistrictInstance], lists: Instance,
                             planFile: String = "plan.csv") throws -> [[Assignment]] {
        let (communityDistrict, unitDistrict) = DistrictSplit.districtsByID(lists)
        let position = Dictionary(districts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var parts = [[Assignment]](repeating: [], count: districts.count)
        var errors: [InputError] = []
        for row in rows {
            let assignment = row.assignment
            let here = assignment.source ?? SourceLocation(file: planFile, line: 1, column: 1)
            let community = communityDistrict[assignment.communityID]
            let unit = unitDistrict[assignment.orgID]
            if community == nil {
                errors.append(InputError(here, Message.unknownID(.community, id: assignment.communityID, list: "communities.csv").text))
            }
            if unit == nil {
                errors.append(InputError(here, Message.unknownID(.unit, id: assignment.orgID, list: "organizations.csv").text))
            }
            guard let community, let unit else { continue }
            if let named = row.district, named != community {
                errors.append(InputError(row.districtSource ?? here,
                    Message.planRowWrongDistrict(named: named, community: assignment.communityID, district: community).text))
                continue
            }
            if unit != community {
                errors.append(InputError(here,
                    Message.unitServesOtherDistrict(unit: assignment.orgID, unitDistrict: unit, community: assignment.communityID,
                                                    communityDistrict: community).text))
                continue
            }
            if let index = position[community] { parts[index].append(assignment) }
        }
        if !errors.isEmpty { throw InputErrors(InstanceReader.sorted(errors)) }
        return parts
    }
}
