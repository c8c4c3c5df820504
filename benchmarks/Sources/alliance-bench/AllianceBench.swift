import ArgumentParser
import Foundation

/// `alliance-bench`: seeded benchmark instances, the benchmark harness and its report.
@main
struct AllianceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance-bench",
        abstract: "Benchmarks for the alliance planner (build with `swift build -c release`).",
        subcommands: [GenerateCommand.self, RunCommand.self, SolveOneCommand.self, ReportCommand.self,
                      CityCommand.self, SolveDistrictCommand.self, DecomposeCommand.self,
                      AnalysisCommand.self, ReplanCommand.self, LoadCommand.self,
                      PeopleCommand.self, PeopleOneCommand.self, PeopleListsCommand.self])
}

/// Timings from a debug build mean nothing: the harness refuses to run in one.
func requireReleaseBuild() throws {
    #if DEBUG
    log("error: alliance-bench was built in debug mode; timings would be meaningless. "
        + "Build with `swift build -c release` in benchmarks/.")
    throw ExitCode(1)
    #endif
}
