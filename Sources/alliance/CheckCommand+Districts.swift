import AllianceKit
import ArgumentParser
import Foundation

/// `alliance check` on lists with a `district` (区县) column: every district is checked as
/// `solve` will plan it (its own model, the same lines and pre-checks as a single run, under the
/// district's name), then a table of the districts. What crosses districts comes first: a `fix`
/// pair across districts is an input error at its cell (exit 1, as `solve` would stop); ignored
/// forbid/prefer pairs and previous-plan rows across districts are warnings with their location.
/// Exit status: 1 when any district has input errors, 2 when any fails a pre-check, else 0.
extension CheckCommand {
    func runDistricts(_ instance: Instance) throws {
        let options = try model.planningOptions()
        let (districts, warnings) = try model.input.districts(of: instance, options: options)
        var lines = [Message.checkDistricts(count: districts.count, names: districts.map(\.name).joined(separator: ", ")).text]
        lines += warnings.map { Message.checkWarning($0).text }
        var rows = [[Message.Column.district, .communities, .units, .pairs, .status].map { Message.column($0).text }]
        var withErrors = 0, failing = 0
        for district in districts {
            lines += ["", "[\(district.name)]"]
            let status: String
            do {
                let problem = try model.input.problem(for: district, options: options)
                let reasons = Prechecks.run(problem)
                lines += Self.lines(problem) + Self.precheckLines(reasons)
                status = (reasons.isEmpty ? Message.districtPassed : .districtPrechecksFailed(count: reasons.count)).text
                if !reasons.isEmpty { failing += 1 }
            } catch let errors as InputErrors {
                lines += errors.errors.map { Message.checkError("\($0)").text }
                for error in errors.errors { Console.error(Message.inDistrict("\(error)", district: district.name).text) }
                status = Message.districtInputError.text
                withErrors += 1
            }
            let lists = district.instance
            rows.append([district.name, String(lists.communities.count), String(lists.organizations.count),
                         String(lists.pairs.count), status])
        }
        print((lines + ["", TextTable.render(rows)]).joined(separator: "\n"))
        if withErrors > 0 {
            Console.error(Message.districtsWithInputErrors(count: withErrors, of: districts.count).text)
            throw ExitCode(1)
        }
        if failing > 0 { throw ExitCode(2) }
    }
}
