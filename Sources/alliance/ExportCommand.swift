import AllianceKit
import ArgumentParser
import Foundation

/// `alliance export`: hand the model to glpsol or another solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model: MathProg data for models/alliance.mod, or the built model as LP or MPS.",
        discussion: HelpText.discussion("""
            mathprog: a data file; solve it with `glpsol -m models/alliance.mod -d FILE`.
            lp, mps: the model as this tool builds it (CPLEX LP / free MPS), for any MIP solver.
            Lists with a district column: --out is a folder, one file per district (<district>.dat, .lp or .mps).
            """,
            examples: [
                "alliance export models/examples/tiny --format mathprog --out tiny.dat",
                "alliance export lists.xlsx --format mps --out model.mps",
            ],
            exits: [.success, .inputError, .notWritten]))

    @OptionGroup var model: ModelOptions
    @OptionGroup var size: SizeOptions

    @Option(help: ArgumentHelp("mathprog (data for models/alliance.mod), lp or mps.", valueName: "format"))
    var format: ModelExport.Format

    @Option(help: ArgumentHelp("The file to write (with district lists: the folder for one file per district).",
                               valueName: "file"),
            completion: .file())
    var out: String

    func run() throws {
        let instance = try model.loadInstance()
        if DistrictSplit.hasDistricts(instance) { return try runDistricts(instance) }
        let problem = try model.makeProblem(instance, options: try model.planningOptions())
        try size.check(problem)
        let destination = URL(fileURLWithPath: out)
        try AtomicFiles.write(try ModelExport.contents(problem, format: format), to: destination)
        Console.error(Message.wroteFile(path: destination.relativePathForDisplay).text)
    }
}

extension ModelExport.Format: ExpressibleByArgument {}
