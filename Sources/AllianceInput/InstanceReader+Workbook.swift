import AllianceModel
import Foundation

/// Lists read from a folder of CSV files or from a workbook, with how each CSV file was decoded.
public struct ListsRead: Sendable {
    public var instance: Instance
    /// List file → the encoding it was read in (CSV files only).
    public var encodings: [String: TextEncoding]
}

extension InstanceReader {
    /// Sheet names that hold each list besides its file name with or without `.csv`.
    public static let sheetAliases: [String: [String]] = [
        "communities.csv": ["社区"], "organizations.csv": ["单位"], "needs.csv": ["需求"],
        "resources.csv": ["资源"], "projects.csv": ["项目"], "pairs.csv": ["结对"],
    ]

    /// Whether `url` names a workbook (`.xlsx`, `.xlsm`) rather than a folder of CSV files.
    public static func isWorkbook(_ url: URL) -> Bool {
        ["xlsx", "xlsm"].contains(url.pathExtension.lowercased())
    }

    /// Reads the lists at `url`: a workbook when `isWorkbook(url)`, else a folder of CSV files
    /// decoded as `encoding` says.
    public static func load(_ url: URL, encoding: EncodingChoice = .auto,
                            limits: WorkbookLimits = .standard) throws(InputErrors) -> ListsRead {
        if isWorkbook(url) { return ListsRead(instance: try read(workbook: url, limits: limits), encodings: [:]) }
        return try readFolder(url, encoding: encoding)
    }

    /// Which sheet holds each list file (`listFile` maps a sheet name to its list, nil for other
    /// sheets); a second sheet for a list already held is an error at the workbook.
    static func sheetsByList(_ names: [String], listFile: (String) -> String?,
                             place: WorkbookPlace) -> (sheets: [String: String], errors: [InputError]) {
        var sheets: [String: String] = [:]
        var errors: [InputError] = []
        for sheet in names {
            guard let file = listFile(sheet) else { continue }
            if let first = sheets[file] {
                errors.append(place.error(Message.sheetsHoldSameList(first: first, second: sheet, file: file).text))
            } else {
                sheets[file] = sheet
            }
        }
        return (sheets, errors)
    }

    /// The list file a sheet named `sheet` holds, nil for other sheets (e.g. 说明, instructions).
    public static func listFile(forSheet sheet: String) -> String? {
        let name = sheet.trimmingWhitespace().lowercased()
        return (requiredFiles + optionalFiles).first { file in
            name == file || name + ".csv" == file || sheetAliases[file, default: []].contains(name)
        }
    }

    /// Reads the lists from the sheets of the workbook at `url` (see `sheetAliases`); other sheets
    /// are ignored. Throws every error found, located at `sheet!cell` in the workbook.
    public static func read(workbook url: URL, limits: WorkbookLimits = .standard) throws(InputErrors) -> Instance {
        let workbook: WorkbookReader
        do {
            workbook = try WorkbookReader(contentsOf: url, limits: limits)
        } catch {
            throw InputErrors([error])
        }
        let place = WorkbookPlace(workbook: workbook.name)
        let (sheets, sheetErrors) = sheetsByList(workbook.sheetNames, listFile: listFile, place: place)
        var errors = sheetErrors
        var lists: [String: ListContents] = [:]
        var unreadable: Set<String> = []
        for file in requiredFiles + optionalFiles {
            guard let sheet = sheets[file] else {
                if requiredFiles.contains(file) {
                    let expected = ([String(file.dropLast(4)), file] + sheetAliases[file, default: []]).joined(separator: ", ")
                    let sheetNames = workbook.sheetNames.map { "'\($0)'" }.joined(separator: ", ")
                    errors.append(place.error(Message.noSheetForList(file: file, expected: expected, sheets: sheetNames).text))
                    unreadable.insert(file)
                }
                continue
            }
            do {
                lists[file] = .records(try workbook.records(ofSheet: sheet))
            } catch {
                // A refusal is about the whole workbook: reading more of it would only repeat it.
                if error.message.hasPrefix("refused") { throw InputErrors(sorted(errors + [error])) }
                errors.append(error)
                unreadable.insert(file)
            }
        }
        var builder = InstanceBuilder(lists: lists, unreadable: unreadable)
        builder.workbook = workbook.name
        builder.sheetNames = sheets
        return try build(builder, errors: errors)
    }
}
