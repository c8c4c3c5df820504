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
        var lines: [Message] = []
        lines.append(.checkCommunities(count: instance.communities.count, streets: streets.isEmpty ? nil : streets.count))
        lines.append(.checkUnits(organizations: instance.organizations.count, units: units.count, leaders: leaders.count))
        lines.append(.checkAssignments(min: problem.totalMinAssignments, max: problem.totalMaxAssignments))
        let minSizes = problem.minSize, maxSizes = problem.maxSize
        lines.append(.checkSizes(smallest: minSizes.min() ?? 0, largest: maxSizes.max() ?? 0,
                                 totalMin: minSizes.reduce(0, +), totalMax: maxSizes.reduce(0, +)))
        let band = problem.options.balanceBand, mean = problem.meanStrength
        lines.append(.checkStrength(mean: Format.number(mean), band: Format.percent(band),
                                    low: Format.number((1 - band) * mean), high: Format.number((1 + band) * mean)))
        lines.append(.checkNeeds(rows: instance.needs.count, categories: problem.categories.count,
                                 weightedTotal: Format.number(problem.totalWeightedNeed)))
        lines.append(.checkResources(rows: instance.resources.count))
        lines.append(.checkProjects(count: instance.projects.count))
        let fix = instance.pairs.filter { $0.rule == .fix }.count
        let forbid = instance.pairs.filter { $0.rule == .forbid }.count
        lines.append(.checkPairs(fix: fix, forbid: forbid, prefer: instance.pairs.count - fix - forbid))
        lines.append(.checkCandidates(allowed: problem.allowed.filter { $0 }.count, total: problem.allowed.count))
        lines.append(.checkDistances(longestKm: problem.maxDistance > 0 ? Format.number(problem.maxDistance) : nil))
        if let previous = problem.options.previousPlan {
            lines.append(.checkPrevious(rows: previous.count, pairs: problem.previousPairCount))
        }
        lines += problem.warnings.map { .checkWarning($0) }
        return lines.map(\.text)
    }

    /// The pre-check verdict lines.
    static func precheckLines(_ reasons: [InfeasibilityReason]) -> [String] {
        if reasons.isEmpty { return [Message.prechecksPassed.text] }
        return [Message.prechecksFailed(count: reasons.count).text] + reasons.summarized().map { "  - \($0)" }
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
