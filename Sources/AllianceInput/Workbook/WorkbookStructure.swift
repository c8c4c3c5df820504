import AllianceModel
import Foundation

/// What `workbook.xml` and its relationships say: the sheets in order, each with the archive path
/// of its XML part, and where the shared strings are.
struct WorkbookStructure {
    struct Sheet {
        var name: String
        /// Archive path of the sheet's part, e.g. `xl/worksheets/sheet1.xml`; nil when the sheet's
        /// relationship is missing.
        var path: String?
        /// Whether the part is a worksheet (not a chart or dialog sheet).
        var isWorksheet: Bool
    }

    var sheets: [Sheet]
    var sharedStringsPath: String?

    init(archive: WorkbookArchive, place: WorkbookPlace) throws(InputError) {
        var workbookPath = "xl/workbook.xml"
        if let rootRels = try archive.data("_rels/.rels") {
            let relationships = try Relationships(rootRels, part: "_rels/.rels", base: "", place: place)
            if let office = relationships.items.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPath = office.target
            }
        }
        guard let workbookData = try archive.data(workbookPath) else {
            throw place.error(Message.notExcelWorkbook(path: workbookPath).text)
        }
        let base = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let file = workbookPath.split(separator: "/").last.map(String.init) ?? workbookPath
        let relsPath = (base.isEmpty ? "" : base + "/") + "_rels/" + file + ".rels"
        let relationships = try archive.data(relsPath).map { data throws(InputError) in
            try Relationships(data, part: relsPath, base: base, place: place)
        }
        let listing = SheetListing()
        try WorkbookXML.parse(workbookData, part: workbookPath, place: place, handler: listing)
        let byID = Dictionary((relationships?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sheets = listing.sheets.map { sheet in
            let relationship = sheet.relationshipID.flatMap { byID[$0] }
            return Sheet(name: sheet.name, path: relationship?.target,
                         isWorksheet: relationship?.type.hasSuffix("/worksheet") ?? true)
        }
        sharedStringsPath = relationships?.items.first { $0.type.hasSuffix("/sharedStrings") }?.target
        if sharedStringsPath == nil, archive.contains(base + "/sharedStrings.xml") {
            sharedStringsPath = base + "/sharedStrings.xml"
        }
    }

    /// The `<sheet name=… r:id=…>` elements of workbook.xml.
    private final class SheetListing: WorkbookXMLHandler {
        var sheets: [(name: String, relationshipID: String?)] = []
        func start(_ name: String, _ attributes: [String: String]) throws(InputError) {
            if name == "sheet", let sheetName = attributes["name"] { sheets.append((sheetName, attributes["id"])) }
        }
        func end(_ name: String) {}
        func text(_ text: String) {}
    }
}

/// The `<Relationship>` elements of a `.rels` part, targets resolved to archive paths.
struct Relationships {
    struct Item {
        var id: String
        var type: String
        var target: String
    }

    var items: [Item] = []

    init(_ data: Data, part: String, base: String, place: WorkbookPlace) throws(InputError) {
        let collector = Collector()
        try WorkbookXML.parse(data, part: part, place: place, handler: collector)
        items = collector.items.map { Item(id: $0.id, type: $0.type, target: Self.resolve($0.target, base: base)) }
    }

    /// `worksheets/sheet1.xml` relative to `xl` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private final class Collector: WorkbookXMLHandler {
        var items: [(id: String, type: String, target: String)] = []
        func start(_ name: String, _ attributes: [String: String]) throws(InputError) {
            guard name == "Relationship", attributes["TargetMode"] != "External",
                  let id = attributes["Id"], let target = attributes["Target"] else { return }
            items.append((id, attributes["Type"] ?? "", target))
        }
        func end(_ name: String) {}
        func text(_ text: String) {}
    }
}
