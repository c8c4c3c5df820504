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
            try validateRules(sheet)
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

    /// The autofilter, validations and conditional formats: ranges inside the sheet, texts within
    /// Excel's lengths and free of NUL, numbers finite and ordered.
    private static func validateRules(_ sheet: Sheet) throws(XLSXError) {
        func invalid(_ reason: String) -> XLSXError { XLSXError(.invalidLayout, at: sheet.name, reason) }
        func check(_ range: CellRange, _ what: String) throws(XLSXError) {
            guard range.rows.lowerBound >= 0, range.rows.upperBound < maxRows,
                  range.columns.lowerBound >= 0, range.columns.upperBound < maxColumns else {
                throw invalid("\(what) range \(range.rows)×\(range.columns) lies outside the sheet")
            }
        }
        func check(_ text: String?, limit: Int, _ what: String) throws(XLSXError) {
            guard let text else { return }
            guard !text.contains("\0"), !text.isEmpty else { throw invalid("\(what) is empty or contains NUL") }
            guard text.unicodeScalars.count <= limit else {
                throw invalid("\(what) has \(text.unicodeScalars.count) characters, Excel allows \(limit)")
            }
        }
        if let filter = sheet.autoFilter { try check(filter, "the autofilter") }
        for validation in sheet.validations {
            let at = "the validation of \(validation.range.address)"
            try check(validation.range, at)
            try check(validation.inputTitle, limit: DataValidation.maxTitleLength, "\(at): its input title")
            try check(validation.inputMessage, limit: DataValidation.maxMessageLength, "\(at): its input message")
            try check(validation.errorMessage, limit: DataValidation.maxMessageLength, "\(at): its error message")
            switch validation.rule {
            case .any:
                guard validation.inputMessage != nil else { throw invalid("\(at): a rule of any value needs an input message") }
            case .list(let values):
                guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty && !$0.contains("\0") && !$0.contains(",") }) else {
                    throw invalid("\(at): list values must be non-empty, without commas or NUL")
                }
                let length = values.joined(separator: ",").unicodeScalars.count
                guard length <= DataValidation.maxListLength else {
                    throw invalid("\(at): the list has \(length) characters, Excel allows \(DataValidation.maxListLength)")
                }
            case .listFrom(let formula):
                try check(formula, limit: DataValidation.maxMessageLength, "\(at): its formula")
            case .decimal(let minimum, let maximum):
                guard minimum.isFinite, maximum.isFinite, minimum <= maximum else {
                    throw invalid("\(at): the bounds \(minimum)…\(maximum) must be finite and ordered")
                }
            case .integer(let minimum, let maximum):
                guard minimum <= maximum else { throw invalid("\(at): the bounds \(minimum)…\(maximum) are not ordered") }
            }
        }
        for conditional in sheet.conditionalFormats {
            let at = "the conditional format of \(conditional.range.address)"
            try check(conditional.range, at)
            guard conditional.style.numberFormat == nil, !conditional.style.wrap else {
                throw invalid("\(at): a conditional style sets colours and bold only")
            }
            try validate(conditional.style, at: "\(sheet.name)!\(conditional.range.address)")
            switch conditional.rule {
            case .lessThan(let value), .greaterThan(let value):
                guard value.isFinite else { throw invalid("\(at): \(value) is not finite") }
            case .notBetween(let low, let high):
                guard low.isFinite, high.isFinite, low <= high else { throw invalid("\(at): \(low)…\(high) is not a range") }
            case .formula(let formula):
                try check(formula, limit: DataValidation.maxMessageLength, "\(at): its formula")
            }
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
        if let format = style.numberFormat,
           format.isEmpty || format.contains("\0") || format.utf8.count >= Int(LXW_FORMAT_FIELD_LEN) {
            throw XLSXError(.invalidStyle, at: address,
                            "number format '\(format)' must be 1–\(LXW_FORMAT_FIELD_LEN - 1) bytes without NUL")
        }
        if let fill = style.fill, fill > 0xFFFFFF {
            throw XLSXError(.invalidStyle, at: address, "fill colour \(String(fill, radix: 16)) is not 0xRRGGBB")
        }
        if let color = style.fontColor, color > 0xFFFFFF {
            throw XLSXError(.invalidStyle, at: address, "font colour \(String(color, radix: 16)) is not 0xRRGGBB")
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
        if let color = style.fontColor { format_set_font_color(format, lxw_color_t(color)) }
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
        if let filter = sheet.autoFilter {
            try XLSXWriter.check(worksheet_autofilter(worksheet, lxw_row_t(filter.rows.lowerBound), lxw_col_t(filter.columns.lowerBound),
                                                      lxw_row_t(filter.rows.upperBound), lxw_col_t(filter.columns.upperBound)),
                                 at: "\(sheet.name)!\(filter.address)", "setting the autofilter")
        }
        for validation in sheet.validations { try add(validation, to: worksheet, sheet: sheet.name) }
        for conditional in sheet.conditionalFormats { try add(conditional, to: worksheet, sheet: sheet.name) }
    }

    /// One validated data validation; libxlsxwriter copies every string before returning.
    private mutating func add(_ validation: DataValidation, to worksheet: UnsafeMutablePointer<lxw_worksheet>,
                              sheet: String) throws(XLSXError) {
        var v = lxw_data_validation()
        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        v.show_input = UInt8(validation.inputMessage == nil ? LXW_VALIDATION_OFF.rawValue : LXW_VALIDATION_ON.rawValue)
        v.show_error = UInt8(LXW_VALIDATION_ON.rawValue)
        v.error_type = UInt8(validation.refuse ? LXW_VALIDATION_ERROR_TYPE_STOP.rawValue : LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        v.input_title = cString(validation.inputTitle)
        v.input_message = cString(validation.inputMessage)
        v.error_message = cString(validation.errorMessage)
        var list: [UnsafeMutablePointer<CChar>?] = []
        switch validation.rule {
        case .any:
            v.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        case .list(let values):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            list = values.map { cString($0) } + [nil]
        case .listFrom(let formula):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.value_formula = cString(formula)
        case .decimal(let minimum, let maximum):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = minimum
            v.maximum_number = maximum
        case .integer(let minimum, let maximum):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = Double(minimum)
            v.maximum_number = Double(maximum)
        }
        let range = validation.range
        let code = list.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            if !buffer.isEmpty { v.value_list = UnsafeMutablePointer(buffer.baseAddress) }
            return worksheet_data_validation_range(worksheet, lxw_row_t(range.rows.lowerBound), lxw_col_t(range.columns.lowerBound),
                                                   lxw_row_t(range.rows.upperBound), lxw_col_t(range.columns.upperBound), &v)
        }
        try XLSXWriter.check(code, at: "\(sheet)!\(range.address)", "adding the data validation")
    }

    /// One validated conditional format, with its style as a format of the workbook.
    private mutating func add(_ conditional: ConditionalFormat, to worksheet: UnsafeMutablePointer<lxw_worksheet>,
                              sheet: String) throws(XLSXError) {
        var c = lxw_conditional_format()
        c.format = format(conditional.style)
        switch conditional.rule {
        case .lessThan(let value):
            c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            c.value = value
        case .greaterThan(let value):
            c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            c.value = value
        case .notBetween(let low, let high):
            c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN.rawValue)
            c.min_value = low
            c.max_value = high
        case .formula(let formula):
            c.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            c.value_string = cString(formula)
        }
        let range = conditional.range
        try XLSXWriter.check(worksheet_conditional_format_range(worksheet, lxw_row_t(range.rows.lowerBound),
                                                                lxw_col_t(range.columns.lowerBound),
                                                                lxw_row_t(range.rows.upperBound),
                                                                lxw_col_t(range.columns.upperBound), &c),
                             at: "\(sheet)!\(range.address)", "adding the conditional format")
    }
}
