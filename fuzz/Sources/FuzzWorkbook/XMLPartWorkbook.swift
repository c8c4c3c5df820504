import Foundation

/// The second kind of FuzzWorkbook input: one XML part of a small valid workbook replaced by the
/// fuzzed bytes. The first byte chooses the part (its value modulo `paths.count`), the rest is the
/// part; the workbook is written as a stored zip with correct checksums, so the fuzzed XML always
/// reaches the XML scanner and the readers behind it. (An input starting with `PK` is a whole .xlsx.)
enum XMLPartWorkbook {
    static let paths = ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                        "xl/worksheets/sheet4.xml"]

    /// The workbook with the part chosen by `input`'s first byte replaced by the rest of `input`.
    static func archive(_ input: UnsafeBufferPointer<UInt8>) -> Data {
        var parts = base
        if let first = input.first {
            parts[Int(first) % paths.count] = Array(input.dropFirst())
        }
        return StoredZip.archive(zip(paths, parts).map { ($0, $1) })
    }

    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

    /// The valid parts, in the order of `paths`: sheets communities, organizations, needs and
    /// resources with shared and inline strings, numbers and booleans.
    static let base: [[UInt8]] = [
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook \(main) xmlns:r=\"\(relationships)\"><sheets>"
            + "<sheet name=\"communities\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"organizations\" sheetId=\"2\" r:id=\"rId2\"/>"
            + "<sheet name='needs' sheetId='3' r:id='rId3'/><sheet name=\"resources\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + (1...4).map { "<Relationship Id=\"rId\($0)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined()
            + "<Relationship Id=\"rId5\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst \(main) count=\"4\" uniqueCount=\"4\"><si><t>id</t></si>"
            + "<si><r><t>na</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">me</t></r><rPh sb=\"0\" eb=\"1\"><t>ふ</t></rPh></si>"
            + "<si><t>strength</t></si><si><t>养老&amp;服务</t></si></sst>",
        sheet([["s0", "s1", "s2"], ["iC1", "i甲社区", "n1"], ["iC2", "i乙&lt;社区&gt;", "n2.0000000000000004"]]),
        sheet([["s0", "s1", "s2", "ican_lead"], ["iU1", "i单位一", "n4", "b1"], ["iU2", "i单位二", "n2", "b1"]]),
        sheet([["icommunity_id", "icategory", "iamount"], ["iC1", "s3", "n1"], ["iC2", "s3", "n1E0"]]),
        sheet([["iorg_id", "icategory", "iamount"], ["iU1", "s3", "n1"], ["iU2", "s3", "n1"]]),
    ].map { Array($0.utf8) }

    /// A sheet from cells written as a kind letter and the stored value: `s` shared string index,
    /// `i` inline string, `n` number, `b` boolean.
    private static func sheet(_ rows: [[String]]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet \(main)><sheetData>"
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let reference = " r=\"\(Character(Unicode.Scalar(UInt8(65 + c))))\(r + 1)\""
                let value = String(cell.dropFirst())
                switch cell.first {
                case "s": xml += "<c\(reference) t=\"s\"><v>\(value)</v></c>"
                case "i": xml += "<c\(reference) t=\"inlineStr\"><is><t>\(value)</t></is></c>"
                case "b": xml += "<c\(reference) t=\"b\"><v>\(value)</v></c>"
                default: xml += "<c\(reference)><v>\(value)</v></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}
