import AllianceModel
import XLSX

/// The cell styles shared by the workbooks this package writes (`plan.xlsx`, the input template).
enum WorkbookStyle {
    static let header = CellStyle.header
    /// Long explanations, wrapped in their column.
    static let note = CellStyle(wrap: true)
    /// Shares such as coverage: 0.0 %.
    static let percent = CellStyle(numberFormat: "0.0%")
    /// Small gaps keep more digits: 0.000 %.
    static let finePercent = CellStyle(numberFormat: "0.000%")
    /// Objective values and unitless terms: four decimals.
    static let term = CellStyle(numberFormat: "0.0000")
    /// Strengths: two decimals.
    static let strength = CellStyle(numberFormat: "0.00")
    /// Section titles inside a sheet.
    static let title = CellStyle(bold: true)

    /// A header row from column titles.
    static func headerRow(_ titles: [String]) -> [Cell] {
        titles.map { .text($0, header) }
    }

    /// A sheet with a frozen header row and widths fitted to its contents.
    static func table(_ name: String, header: [String], rows: [[Cell]], maximumWidth: Double = 40) -> Sheet {
        var sheet = Sheet(name: name, rows: [headerRow(header)] + rows, frozenRows: 1)
        sheet.fitColumnWidths(maximum: maximumWidth)
        return sheet
    }
}
