import AllianceModel
import Foundation

/// One workbook XML part scanned on its own, exactly as the workbook reader scans its parts
/// (`WorkbookXML`: the document-type screen, then `XMLScanner`), with a handler that only counts.
/// Public for the micro-benchmarks (`benchmarks/micro`), which time the scanner apart from the
/// ZIP archive and the sheet reading around it.
public enum XMLPartScan {
    private final class Counter: WorkbookXMLHandler {
        var elements = 0
        func start(_ name: String, _ attributes: [String: String]) throws(InputError) { elements += 1 }
        func end(_ name: String) throws(InputError) {}
        func text(_ text: String) throws(InputError) {}
    }

    /// The number of elements in `data`, the part named `part` of workbook `workbook` (both only
    /// for messages); throws the reader's error for malformed XML or a document type.
    public static func elementCount(_ data: Data, part: String = "xl/worksheets/sheet1.xml",
                                    workbook: String = "workbook.xlsx") throws(InputError) -> Int {
        let counter = Counter()
        try WorkbookXML.parse(data, part: part, place: WorkbookPlace(workbook: workbook), handler: counter)
        return counter.elements
    }
}
