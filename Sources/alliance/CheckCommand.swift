import AllianceKit
import ArgumentParser
import Foundation

/// `alliance check`: validate the lists and run the pre-checks; solves nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the lists, print counts and totals, and run the feasibility pre-checks.",
        discussion: HelpText.discussion(
            examples: ["alliance check models/examples/caofeidian", "alliance check lists.xlsx --json"],
            exits: [.success, .inputError, .precheckFailed]))

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print the counts, warnings, pre-checks and input errors (with their locations) as JSON (docs/JSON.md).")
    var json = false

    func run() throws {
        if json { return try runJSON() }
        let instance = try model.loadInstance()
        if DistrictSplit.hasDistricts(instance) { return try runDistricts(instance) }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        print(Self.lines(problem).joined(separator: "\n"))
        let reasons = Prechecks.run(problem)
        print(Self.precheckLines(reasons).joined(separator: "\n"))
        if !reasons.isEmpty { throw ExitCode(2) }
    }

    /// Counts, totals and warnings of one problem, one line each (a single run, or one district).
    static func lines(_ problem: Problem) -> [String] {
        let instance = problem.instance
        let units = problem.units
        let leaders = units.filter(\.canLead)
        let streets = Set(instance.communities.compactMap(\.street))
        var lines: [String] = []
        lines.append("communities   \(instance.communities.count)" + (streets.isEmpty ? "" : " in \(streets.count) streets"))
        lines.append("units         \(instance.organizations.count) organizations → \(units.count) units after merging groups; \(leaders.count) may lead")
        lines.append("assignments   units must make at least \(problem.totalMinAssignments) (min_communities) and at most \(problem.totalMaxAssignments) (max_communities)")
        let minSizes = problem.minSize, maxSizes = problem.maxSize
        lines.append("sizes         each community takes \(minSizes.min() ?? 0)–\(maxSizes.max() ?? 0) units; together at least \(minSizes.reduce(0, +)), at most \(maxSizes.reduce(0, +))")
        lines.append("strength      mean alliance strength \(Format.number(problem.meanStrength)); band ±\(Format.percent(problem.options.balanceBand)) = \(Format.number((1 - problem.options.balanceBand) * problem.meanStrength))–\(Format.number((1 + problem.options.balanceBand) * problem.meanStrength))")
        lines.append("needs         \(instance.needs.count) rows, \(problem.categories.count) categories, weighted total \(Format.number(problem.totalWeightedNeed))")
        lines.append("resources     \(instance.resources.count) rows")
        lines.append("projects      \(instance.projects.count)")
        let fix = instance.pairs.filter { $0.rule == .fix }.count
        let forbid = instance.pairs.filter { $0.rule == .forbid }.count
        lines.append("pairs         \(fix) fix, \(forbid) forbid, \(instance.pairs.count - fix - forbid) prefer")
        let allowed = problem.allowed.filter { $0 }.count
        lines.append("candidates    \(allowed) of \(problem.allowed.count) unit–community pairs allowed")
        lines.append("distances     " + (problem.maxDistance > 0 ? "longest \(Format.number(problem.maxDistance)) km" : "no coordinates (distance term is 0)"))
        if let previous = problem.options.previousPlan {
            lines.append("previous      \(previous.count) rows, \(problem.previousPairCount) unit–community pairs still listed")
        }
        lines += problem.warnings.map { "warning       \($0)" }
        return lines
    }

    /// The pre-check verdict lines.
    static func precheckLines(_ reasons: [InfeasibilityReason]) -> [String] {
        if reasons.isEmpty { return ["pre-checks    passed"] }
        return ["pre-checks    \(reasons.count) failed: no plan can satisfy the rules"] + reasons.summarized().map { "  - \($0)" }
    }

    /// `check --json`: the same checks as one document on stdout; input errors are part of it
    /// (with their locations) instead of lines on stderr, and the exit status is the same.
    func runJSON() throws {
        let document: ListsCheckDocument
        do {
            let instance = try model.loadInstance(quiet: true)
            if DistrictSplit.hasDistricts(instance) {
                let options = try model.planningOptions()
                let (districts, warnings) = try model.input.districts(of: instance, options: options)
                document = ListsCheckDocument(lists: try districts.map { district in
                    do {
                        let problem = try model.input.problem(for: district, options: options)
                        return .init(district: district.name, problem: problem, reasons: Prechecks.run(problem))
                    } catch let errors as InputErrors {
                        return .init(district: district.name, errors: errors.errors)
                    }
                }, warnings: warnings)
            } else {
                do {
                    let problem = try model.makeProblem(instance, options: try model.planningOptions())
                    document = ListsCheckDocument(lists: [.init(district: nil, problem: problem, reasons: Prechecks.run(problem))])
                } catch let errors as InputErrors {
                    document = ListsCheckDocument(lists: [.init(district: nil, errors: errors.errors)])
                }
            }
        } catch let errors as InputErrors {
            document = ListsCheckDocument(lists: [], errors: errors.errors)
        } catch let error as InputError {
            document = ListsCheckDocument(lists: [], errors: [error])
        }
        print(try JSONOutput.text(document, as: .check), terminator: "")
        if document.exitStatus != 0 { throw ExitCode(document.exitStatus) }
    }
}
