import AllianceKit
import Foundation

/// The one way every command turns lists with a `district` (区县) column into per-district
/// problems: `DistrictSplit` with errors located at the files as the user gave them, then each
/// district's `Problem` with its share of the previous plan. Used by solve (`DistrictBatch`),
/// check, evaluate, compare and export, so they all judge a district by the same model.
enum DistrictLists {
    /// The districts of `instance` and the warnings about what crosses districts.
    static func split(_ instance: Instance, options: PlanningOptions, model: ModelOptions)
        throws -> (districts: [DistrictInstance], warnings: [String]) {
        try ModelOptions.relocated({
            try DistrictSplit.split(instance, previousPlan: options.previousPlan)
        }) { model.locatedPath($0) }
    }

    /// The model of one district: `options` with the district's previous-plan rows. Throws an
    /// input error when the district lists units but no communities.
    static func problem(_ district: DistrictInstance, options: PlanningOptions, model: ModelOptions) throws -> Problem {
        if district.instance.communities.isEmpty, let org = district.instance.organizations.first {
            var location = org.source ?? SourceLocation(file: "organizations.csv", line: 1, column: 1)
            location.file = model.locatedPath(location.file)
            throw InputErrors([InputError(location, "district \(district.name) lists units but no communities")])
        }
        var districtOptions = options
        districtOptions.previousPlan = district.previousPlan
        return try model.makeProblem(district.instance, options: districtOptions)
    }

    /// The districts of `instance` with the options as given; the warnings go to stderr unless `quiet`.
    static func split(_ instance: Instance, model: ModelOptions, quiet: Bool)
        throws -> (districts: [DistrictInstance], options: PlanningOptions) {
        let options = try model.planningOptions()
        let (districts, warnings) = try split(instance, options: options, model: model)
        for warning in warnings where !quiet { Console.error("warning: \(warning)") }
        return (districts, options)
    }
}
