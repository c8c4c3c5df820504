import AllianceKit
import Foundation
import ZIPFoundation

/// Builds `.xlsx` workbooks for tests from their XML parts, zipped with ZIPFoundation, so that no
/// binary fixture is needed: well-formed ones from CSV lists, and hostile ones part by part.
public enum TestWorkbook {
    /// One cell as the sheet XML stores it.
    public enum Cell: Sendable {
        case empty
        /// `t="s"`: an index into the shared strings.
        case shared(Int)
        /// `t="inlineStr"`.
        case inline(String)
        /// A number as stored, e.g. `3.0000000000000004` or `1E-3`.
        case number(String)
        case bool(Bool)
    }

    /// The XML of a worksheet. Cells get an explicit `r="C12"` reference except, when `sparse`,
    /// a cell right after another written cell (its position is then implied); empty cells are
    /// left out, so rows with gaps exercise skipped columns.
    public static func sheetXML(_ rows: [[Cell]], sparse: Bool = true) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            var previousWritten = false
            for (c, cell) in row.enumerated() {
                if case .empty = cell {
                    previousWritten = false
                    continue
                }
                let reference = sparse && previousWritten && c % 2 == 1 ? "" : #" r="\#(CellReference.name(row: r + 1, column: c + 1))""#
                switch cell {
                case .empty: break
                case .shared(let index): xml += #"<c\#(reference) t="s"><v>\#(index)</v></c>"#
                case .inline(let text): xml += #"<c\#(reference) t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                case .number(let raw): xml += "<c\(reference)><v>\(raw)</v></c>"
                case .bool(let value): xml += #"<c\#(reference) t="b"><v>\#(value ? 1 : 0)</v></c>"#
                }
                previousWritten = true
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// The XML of a shared-strings table; every other string split into two rich-text runs.
    public static func sharedStringsXML(_ strings: [String]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for (i, text) in strings.enumerated() {
            if i % 2 == 1, text.count >= 2 {
                let cut = text.index(text.startIndex, offsetBy: text.count / 2)
                xml += "<si><r><t xml:space=\"preserve\">\(escape(String(text[..<cut])))</t></r><r><rPr><b/></rPr>"
                    + "<t xml:space=\"preserve\">\(escape(String(text[cut...])))</t></r>"
                    + "<rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
            } else {
                xml += "<si><t xml:space=\"preserve\">\(escape(text))</t></si>"
            }
        }
        return xml + "</sst>"
    }

    /// All parts of a workbook with `sheets` (name, sheet XML) in order, plus the shared strings
    /// when given. Paths: `xl/workbook.xml`, `xl/worksheets/sheetN.xml`, `xl/sharedStrings.xml`.
    public static func parts(sheets: [(name: String, xml: String)], sharedStrings: String?) -> [String: Data] {
        var parts: [String: String] = [:]
        parts["[Content_Types].xml"] = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#
        parts["_rels/.rels"] = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        var workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for (i, sheet) in sheets.enumerated() {
            workbook += #"<sheet name="\#(escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            // Alternate relative and absolute targets, as different programs write them.
            let target = i % 2 == 0 ? "worksheets/sheet\(i + 1).xml" : "/xl/worksheets/sheet\(i + 1).xml"
            rels += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\#(target)"/>"#
            parts["xl/worksheets/sheet\(i + 1).xml"] = sheet.xml
        }
        if let sharedStrings {
            rels += #"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
            parts["xl/sharedStrings.xml"] = sharedStrings
        }
        parts["xl/workbook.xml"] = workbook + "</sheets></workbook>"
        parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>"
        return parts.mapValues { Data($0.utf8) }
    }

    /// Zips `parts` into a new file at `url`, deflated (stored when `compressed` is false), in path order.
    public static func zip(_ parts: [String: Data], to url: URL, compressed: Bool = true) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compressed ? .deflate : .none) { position, size in
                data.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
    }

    /// Adds an entry of `size` zero bytes (which deflates to almost nothing) to the zip at `url`.
    public static func addZeros(_ path: String, size: Int, to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .update)
        let chunk = Data(count: 1 << 20)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, length in
            length == chunk.count ? chunk : Data(count: length)
        }
    }

    /// Sheet names used for the lists by `fromLists`: Chinese names, and file names with and without `.csv`.
    public static let sheetNames = [
        "communities.csv": "社区", "organizations.csv": "单位", "needs.csv": "needs", "resources.csv": "resources.csv",
        "projects.csv": "项目", "pairs.csv": "结对", "members.csv": "成员", "posts.csv": "posts",
    ]

    /// A workbook holding the CSV lists `files` (file name → text) as sheets named by `sheetNames`,
    /// after an instructions sheet (说明) the reader must ignore. Numbers become number cells, some
    /// stored with binary noise or in exponent form as Excel may store them; true/false become
    /// booleans; other text alternates between shared and inline strings.
    public static func fromLists(_ files: [String: String]) throws -> [String: Data] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        var counter = 0
        func cell(_ text: String) -> Cell {
            counter += 1
            if text.isEmpty { return .empty }
            if text == "true" || text == "false" { return .bool(text == "true") }
            if let value = Double(text), value.isFinite, String(format: "%.15g", value) == text {
                guard value != 0 else { return .number(text) }
                switch counter % 4 {
                case 0: return .number(String(format: "%.17g", value.nextUp))
                case 1: return .number(String(format: "%.15E", value))
                case 2: return .number(String(format: "%.17g", value.nextDown))
                default: return .number(text)
                }
            }
            if counter % 3 == 0 { return .inline(text) }
            if let i = index[text] { return .shared(i) }
            strings.append(text)
            index[text] = strings.count - 1
            return .shared(strings.count - 1)
        }
        var sheets: [(name: String, xml: String)] = [("说明", sheetXML([[.inline("填写说明：每张表一个清单")]]))]
        for file in InstanceReader.requiredFiles + InstanceReader.optionalFiles + PeopleReader.files {
            guard let text = files[file] else { continue }
            let records = try CSVParser.records(text, file: file)
            let rows = records.map { $0.fields.map { cell($0.text) } }
            sheets.append((sheetNames[file]!, sheetXML(rows)))
        }
        return parts(sheets: sheets, sharedStrings: sharedStringsXML(strings))
    }

    /// The CSV lists of the folder at `url`.
    public static func lists(in url: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for file in InstanceReader.requiredFiles + InstanceReader.optionalFiles {
            let path = url.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: path.path) {
                files[file] = try String(contentsOf: path, encoding: .utf8)
            }
        }
        return files
    }

    /// `text` converted to GB18030 by the system's `iconv` command (independent of the reader's decoder).
    public static func gb18030(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
        return data
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
