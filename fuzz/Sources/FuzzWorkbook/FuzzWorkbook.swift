import AllianceKit
import Foundation
import FuzzSupport

/// Fuzz target (placeholder): the workbook (.xlsx) reader.
///
/// TODO: the workbook reader is being written on another branch. Once it is merged, call its
/// in-memory entry point here with `Data(fuzzBytes(data, size))` and check, as FuzzInput does,
/// that every error names a sheet and cell, e.g.:
///
///     do { _ = try WorkbookReader.read(data: Data(bytes)) } catch { /* check locations */ }
///
/// Until then this target only exercises the decoder on the raw bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    _ = try? CSVFileDecoder.decode(Data(bytes), file: "lists.xlsx")
    return 0
}

@_cdecl("FuzzWorkbook_main")
public func fuzzWorkbookMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzWorkbook)
}
