import CXLSXWriter
import Foundation

/// Writes `Workbook` values as `.xlsx` files with libxlsxwriter.
///
/// Everything is validated in Swift first (sheet names, cell contents, limits), so libxlsxwriter
/// is only called with arguments it accepts, and a failure names the sheet and cell. Every
/// libxlsxwriter return code is still checked and turned into an `XLSXError`. The same
/// workbook always gives the same bytes: the creation time is the workbook's fixed `created`
/// and libxlsxwriter stamps the zip entries with a constant date.
public enum XLSXWriter {
    /// Excel's limits, as libxlsxwriter enforces them.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    public static let maxSheetNameLength = 31
    public static let maxTextLength = 32_767
    public static let maxColumnWidth = 255.0

    /// The bytes of the `.xlsx` file for `workbook`. libxlsxwriter writes to a path, so the file
    /// is built in a private temporary folder that is removed again; callers store the bytes
    /// where they like (e.g. through an atomic write).
    public static func data(for workbook: Workbook) throws(XLSXError) -> Data {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw XLSXError(.io, at: nil, "cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: folder) }
        let file = folder.appendingPathComponent("workbook.xlsx")
        try write(workbook, toPath: file.path)
        do {
            return try Data(contentsOf: file)
        } catch {
            throw XLSXError(.io, at: nil, "cannot read the written workbook back: \(error.localizedDescription)")
        }
    }

    /// Checks `workbook` against Excel's rules without writing anything; throws the first problem.
    public static func validate(_ workbook: Workbook) throws(XLSXError) {
        guard !workbook.sheets.isEmpty else { throw XLSXError(.invalidLayout, at: nil, "a workbook needs at least one sheet") }
        guard workbook.created.timeIntervalSince1970 >= 1 else {
            throw XLSXError(.invalidLayout, at: nil, "the creation time must lie after 1970-01-01")
        }
        for text in [workbook.title, workbook.author].compactMap({ $0 }) where text.contains("\0") {
            throw XLSXError(.invalidLayout, at: nil, "a document property contains a NUL character")
        }
        var seen: Set<String> = []
        for sheet in workbook.sheets {
            try validateName(sheet.name)
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw XLSXError(.invalidSheetName, at: sheet.name, "two sheets are named '\(sheet.name)' (Excel ignores case)")
            }
            try validateLayout(sheet)
            for (r, row) in sheet.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    try validate(cell, at: "\(sheet.name)!\(cellAddress(row: r, column: c))")
                }
            }
        }
    }

    private static func validateName(_ name: String) throws(XLSXError) {
        func invalid(_ reason: String) -> XLSXError {
            XLSXError(.invalidSheetName, at: name.isEmpty ? nil : name, "invalid sheet name '\(name)': \(reason)")
        }
        let length = name.unicodeScalars.count
        guard length > 0 else { throw invalid("it is empty") }
        guard length <= maxSheetNameLength else { throw invalid("\(length) characters, Excel allows \(maxSheetNameLength)") }
        if let bad = name.first(where: { "[]:*?/\\\0".contains($0) }) { throw invalid("it contains '\(bad)'") }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else { throw invalid("it starts or ends with an apostrophe") }
        guard name.lowercased() != "history" else { throw invalid("Excel reserves it") }
    }

    private static func validateLayout(_ sheet: Sheet) throws(XLSXError) {
        func invalid(_ reason: String) -> XLSXError { XLSXError(.invalidLayout, at: sheet.name, reason) }
        guard sheet.rows.count <= maxRows else { throw invalid("\(sheet.rows.count) rows, Excel allows \(maxRows)") }
        if let wide = sheet.rows.firstIndex(where: { $0.count > maxColumns }) {
            throw invalid("row \(wide + 1) has \(sheet.rows[wide].count) cells, Excel allows \(maxColumns)")
        }
        guard sheet.columnWidths.count <= maxColumns else { throw invalid("widths given for more than \(maxColumns) columns") }
        for (c, width) in sheet.columnWidths.enumerated() where !(width.isFinite && width >= 0 && width <= maxColumnWidth) {
            throw invalid("column \(cellAddress(row: 0, column: c).dropLast()) width \(width) is outside 0–\(Int(maxColumnWidth))")
        }
        guard (0..<maxRows).contains(sheet.frozenRows), (0..<maxColumns).contains(sheet.frozenColumns) else {
            throw invalid("frozen panes \(sheet.frozenRows) rows × \(sheet.frozenColumns) columns are out of range")
        }
    }

    private static func validate(_ cell: Cell, at address: String) throws(XLSXError) {
        switch cell {
        case .empty:
            return
        case .number(let value, let style):
            guard value.isFinite else { throw XLSXError(.invalidCell, at: address, "\(value) is not a finite number") }
            try validate(style, at: address)
        case .text(let text, let style):
            guard !text.contains("\0") else { throw XLSXError(.invalidCell, at: address, "the text contains a NUL character") }
            let length = text.unicodeScalars.count
            guard length <= maxTextLength else {
                throw XLSXError(.invalidCell, at: address, "the text has \(length) characters, Excel allows \(maxTextLength)")
            }
            try validate(style, at: address)
        }
    }

    private static func validate(_ style: CellStyle, at address: String) throws(XLSXError) {
        guard let format = style.numberFormat else { return }
        guard !format.isEmpty, !format.contains("\0"), format.utf8.count < Int(LXW_FORMAT_FIELD_LEN) else {
            throw XLSXError(.invalidStyle, at: address,
                            "number format '\(format)' must be 1–\(LXW_FORMAT_FIELD_LEN - 1) bytes without NUL")
        }
        if let fill = style.fill, fill > 0xFFFFFF {
            throw XLSXError(.invalidStyle, at: address, "fill colour \(String(fill, radix: 16)) is not 0xRRGGBB")
        }
    }

    /// Writes `workbook` to `path` (replacing it). Prefer `data(for:)` plus an atomic write, so
    /// that a failure never leaves a half-written file where readers look.
    public static func write(_ workbook: Workbook, toPath path: String) throws(XLSXError) {
        try validate(workbook)
        guard let handle = workbook_new(path) else {
            throw XLSXError(.library(code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue)), at: nil, "libxlsxwriter could not start a workbook")
        }
        var builder = Builder(handle: handle)
        do {
            try builder.build(workbook)
        } catch {
            // Free libxlsxwriter's memory; the file it leaves behind is the caller's temporary.
            _ = workbook_close(handle)
            builder.releaseStrings()
            throw error
        }
        let code = workbook_close(handle)
        builder.releaseStrings()
        try check(code, at: nil, "writing \(path)")
    }

    /// Turns an `lxw_error` into an `XLSXError` (nothing for `LXW_NO_ERROR`).
    static func check(_ code: lxw_error, at location: String?, _ doing: String) throws(XLSXError) {
        guard code != LXW_NO_ERROR else { return }
        let message = lxw_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        throw XLSXError(.library(code: Int(code.rawValue)), at: location, "\(doing): \(message)")
    }
}

/// The libxlsxwriter calls for one validated workbook. Formats are created once per distinct
/// style; they belong to the workbook and are freed by `workbook_close`.
private struct Builder {
    let handle: UnsafeMutablePointer<lxw_workbook>
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(handle: UnsafeMutablePointer<lxw_workbook>) {
        self.handle = handle
    }

    /// C copies of document property strings, kept until the workbook is closed.
    private mutating func cString(_ text: String?) -> UnsafeMutablePointer<CChar>? {
        guard let text, let copy = strdup(text) else { return nil }
        strings.append(copy)
        return copy
    }

    func releaseStrings() {
        for pointer in strings { free(pointer) }
    }

    mutating func build(_ workbook: Workbook) throws(XLSXError) {
        var properties = lxw_doc_properties()
        properties.title = cString(workbook.title)
        properties.author = cString(workbook.author)
        properties.created = time_t(workbook.created.timeIntervalSince1970.rounded(.down))
        try XLSXWriter.check(workbook_set_properties(handle, &properties), at: nil, "setting the document properties")
        for sheet in workbook.sheets {
            try XLSXWriter.check(workbook_validate_sheet_name(handle, sheet.name), at: sheet.name, "adding the sheet")
            guard let worksheet = workbook_add_worksheet(handle, sheet.name) else {
                throw XLSXError(.library(code: Int(LXW_ERROR_PARAMETER_VALIDATION.rawValue)), at: sheet.name, "libxlsxwriter refused the sheet")
            }
            try fill(worksheet, with: sheet)
        }
    }

    private mutating func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let existing = formats[style] { return existing }
        guard let format = workbook_add_format(handle) else { return nil }
        if style.bold { format_set_bold(format) }
        if style.wrap {
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if let code = style.numberFormat { format_set_num_format(format, code) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        formats[style] = format
        return format
    }

    private mutating func fill(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, with sheet: Sheet) throws(XLSXError) {
        for (c, width) in sheet.columnWidths.enumerated() {
            let column = lxw_col_t(c)
            try XLSXWriter.check(worksheet_set_column(worksheet, column, column, width, nil),
                                 at: sheet.name, "setting the width of column \(c + 1)")
        }
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozenRows), lxw_col_t(sheet.frozenColumns))
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                let code: lxw_error
                switch cell {
                case .empty: continue
                case .number(let value, let style):
                    code = worksheet_write_number(worksheet, lxw_row_t(r), lxw_col_t(c), value, format(style))
                case .text(let text, let style):
                    code = worksheet_write_string(worksheet, lxw_row_t(r), lxw_col_t(c), text, format(style))
                }
                try XLSXWriter.check(code, at: "\(sheet.name)!\(cellAddress(row: r, column: c))", "writing the cell")
            }
        }
    }
}
