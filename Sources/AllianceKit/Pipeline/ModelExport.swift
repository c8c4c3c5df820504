import Foundation

/// `alliance export`: the model of a problem as a file another solver reads — MathProg data for
/// `models/alliance.mod` (`glpsol -m models/alliance.mod -d FILE`), or the compact MIP this tool
/// builds (`StageOneModel`) as CPLEX LP or free MPS.
public enum ModelExport {
    public enum Format: String, CaseIterable, Sendable {
        case mathprog, lp, mps

        /// The extension of a district's file: `dat` for MathProg data, else `lp` or `mps`.
        public var fileExtension: String { self == .mathprog ? "dat" : rawValue }
    }

    /// The model of `problem` as a file's bytes. GLPK writes LP and MPS only to a path, so those
    /// go through a scratch file first.
    public static func contents(_ problem: Problem, format: Format) throws -> Data {
        switch format {
        case .mathprog:
            return Data(MathProgDataWriter.write(problem).utf8)
        case .lp, .mps:
            let scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("alliance-export-\(UUID().uuidString).\(format.fileExtension)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let built = try StageOneModel(problem: problem)
            try built.program.write(format == .lp ? .cplexLP : .freeMPS, to: scratch.path)
            return try Data(contentsOf: scratch)
        }
    }
}
