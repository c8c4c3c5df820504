import AllianceKit
import ArgumentParser
import Foundation

/// `alliance compare` on lists with a `district` (区县) column: the strategies are compared on
/// every district's own model (as `solve` plans it), one district after another, each with the
/// full `--time-limit` per strategy. Each district's compare.csv and compare.json go into
/// `<out>/<district>/` (folder names as batch solve makes them), and its table is printed under
/// its name. Every district's lists are checked before any strategy runs; exit status 2 when some
/// district got no plan from any strategy.
extension CompareCommand {
    func runDistricts(_ instance: Instance) throws {
        let (districts, options) = try model.districts(of: instance, quiet: quiet)
        let problems = try districts.map { district in
            let problem = try model.input.problem(for: district, options: options)
            try size.check(problem)
            return problem
        }
        let comparisons = zip(districts, problems).map { district, problem in
            compare(problem, phase: district.name + ": ")
        }
        let folders = FolderNames.unique(districts.map(\.name))
        var blocks: [String] = []
        for (index, comparison) in comparisons.enumerated() {
            let destination = outputFolder.appendingPathComponent(folders[index], isDirectory: true)
            try write(comparison, into: destination)
            blocks.append("[\(districts[index].name)]\n" + table(comparison) + "\n" + wroteLine(destination))
        }
        print(blocks.joined(separator: "\n\n"))
        let without = zip(districts, comparisons).filter { $1.rows.allSatisfy { $0.evaluation == nil } }.map(\.0.name)
        if !without.isEmpty {
            Console.error(Message.noStrategyFoundPlanFor(districts: without.joined(separator: ", ")).text)
            throw ExitCode(2)
        }
    }
}
