import AllianceKit
import ArgumentParser
import Foundation

/// `alliance`: plans party-building alliances (党建联盟) — which units serve which communities,
/// one lead plus N members each — from the lists a district keeps in spreadsheets.
@main
struct Alliance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance",
        abstract: "Plan 1+N party-building alliances between units and communities.",
        discussion: """
            Reads communities.csv, organizations.csv, needs.csv, resources.csv (and, when present, \
            projects.csv and pairs.csv) from a folder, or the same lists as sheets of one .xlsx \
            workbook (社区, 单位, 需求, 资源, 项目, 结对), and finds the plan that best covers the \
            communities' needs with strength spread evenly, strong with weak.

            Exit status: 0 success; 1 input error (file:line:column or workbook:sheet!cell on stderr); 2 no plan \
            (infeasible, or none found in time); 3 the evaluated plan breaks a rule; 4 output not written; \
            130 interrupted (Ctrl-C or SIGTERM; solve writes its best plan so far).
            """,
        version: ToolVersion.current,
        subcommands: [SolveCommand.self, EvaluateCommand.self, ExplainCommand.self, SuggestCommand.self, CheckCommand.self,
                      CompareCommand.self, ExportCommand.self, ClaimCommand.self, PeopleCommand.self, DiffCommand.self, TemplateCommand.self,
                      MergeCommand.self, GenerateCommand.self, ServeCommand.self],
        defaultSubcommand: nil
    )

    /// Parses the arguments, runs the command, and turns what it throws into the documented exit
    /// status in one place (`Console.exitCode(for:)`), so subcommands simply throw. Errors of the
    /// argument parser itself (usage, `--help`, validation) keep the parser's handling.
    ///
    /// The language of the messages is chosen here, once, before parsing (so that the option
    /// checks the commands make themselves are in it too): Chinese when the locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`) starts with `zh`. `serve` and `--json` switch back to
    /// English: what a program reads stays the same whatever the user's locale.
    static func main() {
        Language.current = Language(environment: ProcessInfo.processInfo.environment)
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        if command is ServeCommand || (command as? WritesJSON)?.json == true { Language.current = .english }
        do {
            try command.run()
        } catch {
            exit(withError: Console.exitError(for: error))
        }
    }
}

/// A command with a `--json` flag: with it, everything it says stays English (`Alliance.main`).
protocol WritesJSON {
    var json: Bool { get }
}

extension SolveCommand: WritesJSON {}
extension CheckCommand: WritesJSON {}
extension EvaluateCommand: WritesJSON {}
extension ExplainCommand: WritesJSON {}
extension SuggestCommand: WritesJSON {}
extension DiffCommand: WritesJSON {}
