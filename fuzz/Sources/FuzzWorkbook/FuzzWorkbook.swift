import AllianceKit
import Foundation
import FuzzSupport

/// Fuzz target: the workbook (.xlsx) reader — zip container, XML parts, shared strings, cells,
/// limits — and the list validation behind it. An input starting with `PK` is the .xlsx file; any
/// other input is one XML part of a small valid workbook (`XMLPartWorkbook`), so that fuzzed XML
/// reaches the XML scanner past the archive's checksums. Any input must end in an instance or in
/// `InputErrors` that name the workbook (and, for a cell, a sheet and a row and column ≥ 1):
/// never a crash, a trap, a hang or an unbounded allocation. The limits are small so that a
/// fuzzed zip bomb is refused quickly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The reader opens archives by path: one scratch file per process, overwritten per input.
    let url = FuzzWorkbookFile.url
    let bytes = fuzzBytes(data, size)
    let file = bytes.starts(with: Array("PK".utf8)) ? Data(bytes) : XMLPartWorkbook.archive(bytes)
    guard (try? file.write(to: url)) != nil else { return 0 }
    var limits = WorkbookLimits()
    limits.maxEntryBytes = 4 << 20
    limits.maxTotalBytes = 8 << 20
    limits.maxRowsPerSheet = 2_000
    limits.maxCells = 20_000
    do {
        _ = try InstanceReader.read(workbook: url, limits: limits)
    } catch {
        for item in error.errors {
            let location = item.location
            precondition(location.workbook != nil, "a workbook error must name the workbook: \(item)")
            if !location.file.isEmpty {
                precondition(location.line >= 1 && location.column >= 1, "bad cell location \(item)")
            }
        }
    }
    return 0
}

/// Where the fuzzed bytes are written for the reader.
enum FuzzWorkbookFile {
    static let url = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("fuzz-workbook-\(ProcessInfo.processInfo.processIdentifier).xlsx")
}

@_cdecl("FuzzWorkbook_main")
public func fuzzWorkbookMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzWorkbook)
}
