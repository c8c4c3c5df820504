import AllianceKit
import ArgumentParser
import Foundation

/// `alliance export` on lists with a `district` (区县) column: `--out` is a folder, and every
/// district's model (as `solve` plans it) becomes one file in it, `<district>.dat` (or `.lp`,
/// `.mps`), the name made safe and unique as batch solve names its district folders
/// (`FolderNames`). So `glpsol -m models/alliance.mod -d out/区1.dat` solves district 区1.
/// All files are written together or none.
extension ExportCommand {
    func runDistricts(_ instance: Instance) throws {
        let (districts, options) = try model.districts(of: instance, quiet: false)
        let names = FolderNames.unique(districts.map(\.name))
        var files: [(name: String, contents: Data)] = []
        for (district, name) in zip(districts, names) {
            let problem = try model.input.problem(for: district, options: options)
            try size.check(problem)
            files.append((name + "." + format.fileExtension, try ModelExport.contents(problem, format: format)))
        }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try AtomicFiles.write(files, into: folder)
        Console.error(Message.wroteFilesInto(count: files.count, folder: folder.relativePathForDisplay,
                                             names: files.map(\.name).joined(separator: ", ")).text)
    }
}
