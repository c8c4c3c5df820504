import AllianceKit
import ArgumentParser
import Foundation

/// `alliance export`: hand the model to glpsol or another solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model: MathProg data for models/alliance.mod, or the built model as LP or MPS.",
        discussion: """
            mathprog: a data file; solve it with `glpsol -m models/alliance.mod -d FILE`.
            lp, mps: the model as this tool builds it (CPLEX LP / free MPS), for any MIP solver.
            """)

    enum FileFormat: String, CaseIterable, ExpressibleByArgument {
        case mathprog, lp, mps
    }

    @OptionGroup var model: ModelOptions
    @OptionGroup var size: SizeOptions

    @Option(name: .customLong("format"), help: "mathprog, lp or mps.")
    var format: FileFormat

    @Option(name: .customLong("out"), help: "The file to write.")
    var out: String

    func run() throws {
        try Console.guarded {
            let problem = try model.loadProblem()
            try size.check(problem)
            let destination = URL(fileURLWithPath: out)
            switch format {
            case .mathprog:
                try AtomicFiles.write(Data(MathProgDataWriter.write(problem).utf8), to: destination)
            case .lp, .mps:
                let built = try StageOneModel(problem: problem)
                try built.program.write(format == .lp ? .cplexLP : .freeMPS, to: destination.path)
            }
            Console.error("wrote \(destination.relativePathForDisplay)")
        }
    }
}
