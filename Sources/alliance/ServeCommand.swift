import AllianceKit
import AllianceServer
import ArgumentParser
import Foundation

/// `alliance serve`: the workbench's JSON API on this machine (`AllianceServer`). This command
/// only parses the options and starts the server; everything it keeps lives under `--data`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the planning workbench (web pages and JSON API: upload, solve, edit, download) on this machine.",
        discussion: HelpText.discussion("""
            Prints the address to open in a browser, with the access token (the page keeps it in a \
            cookie); scripts send `Authorization: Bearer <token>`. The API is described at /api/openapi.json. \
            Projects, plans and the journal of edits are ordinary files under --data, so a restart loses nothing.
            """,
            examples: ["alliance serve", "alliance serve --port 0 --data ~/alliance-workspace"],
            exits: [.success, .inputError]))

    @Option(help: ArgumentHelp("The folder that keeps the projects, plans and journals.", valueName: "folder"),
            completion: .directory)
    var data: String = "./alliance-workspace"

    @Option(help: ArgumentHelp("The address to listen on (loopback unless you say otherwise).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("How many solves may run at once (the others wait).", valueName: "n"))
    var jobs: Int = 1

    @Option(help: ArgumentHelp("The access token (default: a random one).", valueName: "token"))
    var token: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError(Message.serveJobsAtLeastOne.text) }
        if !(0...65535).contains(port) { throw ValidationError(Message.portRange.text) }
        // It travels in a URL, a header and a cookie: letters, digits and - . _ ~ only.
        if let token, token.isEmpty || !token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) }) {
            throw ValidationError(Message.tokenForm.text)
        }
    }

    func run() throws {
        let configuration = WorkbenchConfiguration(
            dataDirectory: URL(fileURLWithPath: data, isDirectory: true), host: host, port: port, jobs: jobs,
            token: token ?? WorkbenchConfiguration.randomToken())
        let server = try WorkbenchServer(configuration: configuration)
        let outcome = Locked<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { url in
                    // Written unbuffered: a script reading the address must see it at once.
                    FileHandle.standardOutput.write(Data("alliance serve: data in \(configuration.dataDirectory.path)\nopen \(url)\n".utf8))
                }
            } catch {
                outcome.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.current { throw error }
    }
}
