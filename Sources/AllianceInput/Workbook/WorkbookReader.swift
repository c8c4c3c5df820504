import AllianceModel
import Foundation

/// An `.xlsx` workbook opened for reading its sheets as lists. Only values are read (cached
/// formula results, not formulas; no styles). Every limit in `WorkbookLimits` is enforced, and every
/// problem is an `InputError` located at the workbook or at `sheet!cell`.
public final class WorkbookReader {
    /// The workbook's name in messages, e.g. `lists.xlsx`.
    public let name: String
    /// The sheet names in workbook order.
    public var sheetNames: [String] { structure.sheets.map(\.name) }

    private let archive: WorkbookArchive
    private let structure: WorkbookStructure
    private let place: WorkbookPlace
    private let limits: WorkbookLimits
    private let budget: WorksheetReader.CellBudget
    private var sharedStrings: [String]??

    /// Opens the workbook at `url`, checking the archive's entry count and declared sizes.
    public init(contentsOf url: URL, name: String? = nil, limits: WorkbookLimits = .standard) throws(InputError) {
        self.name = name ?? url.lastPathComponent
        place = WorkbookPlace(workbook: self.name)
        self.limits = limits
        budget = WorksheetReader.CellBudget(limits.maxCells)
        archive = try WorkbookArchive(url: url, place: place, limits: limits)
        structure = try WorkbookStructure(archive: archive, place: place)
    }

    /// The rows of sheet `sheet` that hold a value, each cell located at its row and column; the
    /// first is the header.
    public func records(ofSheet sheet: String) throws(InputError) -> [CSVRecord] {
        guard let entry = structure.sheets.first(where: { $0.name == sheet }) else {
            throw place.error(Message.noSuchSheet(sheet: sheet).text)
        }
        guard entry.isWorksheet else { throw place.error(Message.sheetNotWorksheet(sheet: sheet).text) }
        guard let path = entry.path, let data = try archive.data(path) else {
            throw place.error(Message.sheetPartMissing(sheet: sheet).text)
        }
        let reader = WorksheetReader(sheet: sheet, part: path, place: place, limits: limits,
                                     sharedStrings: try loadSharedStrings(), budget: budget)
        return try reader.read(data)
    }

    private func loadSharedStrings() throws(InputError) -> [String]? {
        if let sharedStrings { return sharedStrings }
        var strings: [String]?
        if let path = structure.sharedStringsPath, let data = try archive.data(path) {
            strings = try SharedStrings(data, part: path, place: place, limits: limits).strings
        }
        sharedStrings = .some(strings)
        return strings
    }
}
