import CGLPK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A model file format GLPK reads and writes.
public enum ModelFileFormat: Sendable, Equatable, CaseIterable {
  /// CPLEX LP format (`glp_read_lp`/`glp_write_lp`). GLPK adjusts names
  /// that are not valid in this format (for example `y[1,2]` becomes
  /// `y(1,2)`, spaces become `_`, non-ASCII names become generic ones).
  case cplexLP
  /// Free (modern) MPS format (`GLP_MPS_FILE`). Spaces in names become `_`.
  /// MPS files do not record the optimization direction: a problem read back
  /// is a minimization until ``LinearProgram/direction`` is set.
  case freeMPS
  /// Fixed (ancient) MPS format (`GLP_MPS_DECK`). Names longer than 8
  /// characters or containing spaces are replaced by generic names.
  case fixedMPS
  /// GLPK's own plain-text format (`glp_read_prob`/`glp_write_prob`).
  /// Names are written verbatim, so they must not contain whitespace.
  case glpk
}

extension LinearProgram {
  /// Writes the problem to a model file.
  ///
  /// The file is written to a temporary file in the same folder, which is
  /// then renamed over `path`, so readers never see a partial file and an
  /// existing file is replaced only on success. It gets the permissions of
  /// the file it replaces, or the usual ones for a new file (0666 minus the
  /// umask). A path ending in `.gz` is written gzip-compressed by GLPK.
  ///
  /// - Throws: ``GLPKError/fileWriteFailed(path:log:)`` with GLPK's or the
  ///   system's message; ``GLPKError/invalidPath(_:)``;
  ///   ``GLPKError/invalidName(_:reason:)`` when writing the `.glpk` format
  ///   and a name contains whitespace (the file could not be read back).
  ///
  /// The corresponding C functions are `glp_write_lp`, `glp_write_mps` and
  /// `glp_write_prob`.
  public func write(_ format: ModelFileFormat, to path: String) throws {
    checkIdle()
    try validatePath(path)
    if format == .glpk { try checkNamesHaveNoWhitespace() }
    let temporary = try makeTemporaryFile(beside: path)
    let capture = LogCapture()
    let rc: Int32
    switch format {
    case .cplexLP: rc = glp_write_lp(problem, nil, temporary)
    case .freeMPS: rc = glp_write_mps(problem, GLP_MPS_FILE, nil, temporary)
    case .fixedMPS: rc = glp_write_mps(problem, GLP_MPS_DECK, nil, temporary)
    case .glpk: rc = glp_write_prob(problem, 0, temporary)
    }
    let log = capture.end()
    guard rc == 0 else {
      unlink(temporary)
      throw GLPKError.fileWriteFailed(path: path, log: log)
    }
    guard rename(temporary, path) == 0 else {
      let message = String(cString: strerror(errno))
      unlink(temporary)
      throw GLPKError.fileWriteFailed(path: path, log: "rename: \(message)")
    }
  }

  /// Reads a problem from a model file into a new problem created on the
  /// calling thread.
  ///
  /// - Throws: ``GLPKError/fileReadFailed(path:log:)`` with GLPK's message
  ///   when the file cannot be opened or has errors;
  ///   ``GLPKError/invalidPath(_:)``.
  ///
  /// The corresponding C functions are `glp_read_lp`, `glp_read_mps` and
  /// `glp_read_prob`.
  public static func read(_ format: ModelFileFormat, from path: String) throws -> LinearProgram {
    try validatePath(path)
    let lp = LinearProgram()
    let capture = LogCapture()
    let rc: Int32
    switch format {
    case .cplexLP: rc = glp_read_lp(lp.problem, nil, path)
    case .freeMPS: rc = glp_read_mps(lp.problem, GLP_MPS_FILE, nil, path)
    case .fixedMPS: rc = glp_read_mps(lp.problem, GLP_MPS_DECK, nil, path)
    case .glpk: rc = glp_read_prob(lp.problem, 0, path)
    }
    let log = capture.end()
    guard rc == 0 else { throw GLPKError.fileReadFailed(path: path, log: log) }
    return lp
  }
}

extension LinearProgram {
  /// Throws if the problem, a row or a column has a name with whitespace,
  /// which GLPK's own format writes verbatim and then cannot parse.
  fileprivate func checkNamesHaveNoWhitespace() throws {
    func check(_ name: String) throws {
      if name.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
        throw GLPKError.invalidName(name, reason: "contains whitespace, which the GLPK model format cannot represent")
      }
    }
    try check(name)
    for i in 0..<rowCount { try check(rowName(i)) }
    for j in 0..<columnCount { try check(columnName(j)) }
  }
}

/// Creates an empty, uniquely named file in the folder of `path` with the
/// permissions the final file should have, and returns its path. The name
/// keeps a `.gz` suffix so that GLPK compresses as requested.
private func makeTemporaryFile(beside path: String) throws -> String {
  let folder: String
  if let slash = path.lastIndex(of: "/") {
    folder = slash == path.startIndex ? "/" : String(path[..<slash])
  } else {
    folder = "."
  }
  let suffix = path.hasSuffix(".gz") ? ".gz" : ""
  let separator = folder.hasSuffix("/") ? "" : "/"
  var template = Array("\(folder)\(separator).glpk-write-XXXXXX\(suffix)".utf8CString)
  let fd = template.withUnsafeMutableBufferPointer {
    mkstemps($0.baseAddress!, Int32(suffix.utf8.count))
  }
  guard fd >= 0 else {
    throw GLPKError.fileWriteFailed(
      path: path, log: "cannot create a temporary file in '\(folder)': \(String(cString: strerror(errno)))")
  }
  var info = stat()
  let mode: mode_t = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o666 & ~currentUmask()
  _ = fchmod(fd, mode)
  close(fd)
  return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The process umask, read from /proc without changing it (calling umask(2)
/// to read it would race with other threads). Falls back to 022.
private func currentUmask() -> mode_t {
  guard let file = fopen("/proc/self/status", "r") else { return 0o022 }
  defer { fclose(file) }
  var buffer = [CChar](repeating: 0, count: 256)
  while fgets(&buffer, Int32(buffer.count), file) != nil {
    let line = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    if line.hasPrefix("Umask:") {
      let digits = line.dropFirst("Umask:".count).filter { $0.isNumber }
      return mode_t(digits, radix: 8) ?? 0o022
    }
  }
  return 0o022
}
