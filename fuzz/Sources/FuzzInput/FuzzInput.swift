import AllianceKit
import FuzzSupport

/// Fuzz target: the decoder, the CSV parser, `CSVTable` and `InstanceReader.read(files:)`.
/// Any input must end in an instance or in `InputErrors` whose every location names one of the
/// list files at a line and column inside it — never a crash, a trap or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let files = FuzzLists.files(fuzzBytes(data, size))
    for (name, text) in files {
        let parsed = CSVParser.parse(text, file: name)
        _ = CSVTable(records: parsed.records, file: name, required: ["id"], optional: ["name", "strength"])
    }
    do {
        _ = try InstanceReader.read(files: files)
    } catch {
        for item in error.errors {
            let location = item.location
            precondition(location.line >= 1 && location.column >= 1, "bad location \(item)")
            precondition(FuzzLists.names.contains(location.file), "error names an unknown file: \(item)")
            if let text = files[location.file] {
                let lines = text.reduce(into: 1) { count, c in if CSVParser.isLineEnd(c) { count += 1 } }
                precondition(location.line <= lines, "line beyond the end of the file: \(item)")
            }
        }
    }
    return 0
}

@_cdecl("FuzzInput_main")
public func fuzzInputMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzInput)
}
