#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks GLPK would accept a symbolic name and throws otherwise.
///
/// GLPK aborts on names longer than 255 bytes or containing a byte for which
/// `iscntrl` is true. The check mirrors GLPK's exactly (including the current C
/// locale's `iscntrl`) and additionally rejects all ASCII control characters.
/// The empty string is valid and means "no name".
func validateName(_ name: String) throws {
  let bytes = name.utf8
  guard bytes.count <= 255 else {
    throw GLPKError.invalidName(name, reason: "longer than 255 UTF-8 bytes (\(bytes.count))")
  }
  for byte in bytes where byte < 0x20 || byte == 0x7F || iscntrl(Int32(byte)) != 0 {
    throw GLPKError.invalidName(name, reason: "contains control character 0x\(String(byte, radix: 16))")
  }
}

/// Checks a file path can be passed to GLPK as a C string.
func validatePath(_ path: String) throws {
  guard !path.isEmpty, !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
    throw GLPKError.invalidPath(path)
  }
}

/// Throws unless `value` is finite.
@inline(__always)
func requireFinite(_ value: Double, _ what: @autoclosure () -> String) throws {
  guard value.isFinite else { throw GLPKError.nonFiniteValue(what: what(), value: value) }
}

/// GLPK's hard size limits (M_MAX, N_MAX, NNZ_MAX in prob.h).
enum GLPKLimits {
  static let maxRows = 100_000_000
  static let maxColumns = 100_000_000
  static let maxNonZeros = 500_000_000
}
