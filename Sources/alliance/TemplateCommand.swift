import AllianceKit
import ArgumentParser
import Foundation

/// `alliance template`: write an empty input workbook to fill in and solve.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write an empty input workbook (社区, 单位, 需求, 资源, 项目, 结对, 成员, 岗位 and a 说明 sheet).",
        discussion: HelpText.discussion("""
            Each sheet has the column headers the readers accept and one example row; the 说明 \
            sheet explains every column. Fill it in and run `alliance solve lists.xlsx`.
            """,
            examples: ["alliance template", "alliance template --out 2027-lists.xlsx"],
            exits: [.success, .notWritten]))

    @Option(help: ArgumentHelp("The workbook to write.", valueName: "file.xlsx"), completion: .file(extensions: ["xlsx"]))
    var out: String = "lists.xlsx"

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError(Message.outMustBeXLSX.text) }
    }

    func run() throws {
        let destination = URL(fileURLWithPath: out)
        // A filled-in workbook is hours of work: never replace one unless asked to.
        if FileManager.default.fileExists(atPath: destination.path), !force {
            Console.error("alliance: " + Message.fileExistsUseForce(path: destination.relativePathForDisplay).text)
            throw ExitCode(4)
        }
        try AtomicFiles.write(InputTemplate.data(), to: destination)
        Console.error(Message.wroteFile(path: destination.relativePathForDisplay).text)
    }
}
