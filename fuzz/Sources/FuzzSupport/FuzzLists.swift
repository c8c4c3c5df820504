import AllianceKit
import Foundation

/// Turns one fuzz input into the list files of a planning folder.
///
/// The input is the files' bytes joined by the byte 0x01, in the order of `FuzzLists.names`
/// (communities, organizations, needs, resources, projects, pairs); missing trailing parts are
/// absent files. Each part goes through `CSVFileDecoder` like a file read from disk; a part it
/// refuses is decoded leniently instead, so the CSV reader still sees something.
public enum FuzzLists {
    public static let separator: UInt8 = 0x01
    public static let names = InstanceReader.requiredFiles + InstanceReader.optionalFiles

    /// The files named in `names`, as the reader would get them.
    public static func files(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var files: [String: String] = [:]
        for (name, part) in zip(names, bytes.split(separator: separator, omittingEmptySubsequences: false)) {
            let data = Data(part)
            files[name] = (try? CSVFileDecoder.decode(data, file: name)) ?? String(decoding: data, as: UTF8.self)
        }
        return files
    }

    /// The seed form of a folder: its files joined by the separator (used by scripts/fuzz.sh).
    public static func join(_ files: [Data]) -> Data {
        var joined = Data()
        for (index, file) in files.enumerated() {
            if index > 0 { joined.append(separator) }
            joined.append(file)
        }
        return joined
    }
}

/// libFuzzer's entry point to its own driver (in the fuzzer runtime linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer's driver with the process arguments and `callback` as the fuzz target.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = argc, argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

/// The fuzz input as a buffer (libFuzzer passes a null pointer for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
}
