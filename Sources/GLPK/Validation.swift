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

/// Throws unless `value` is finite and at most ``GLPKLimits/maxMagnitude`` in
/// magnitude.
@inline(__always)
func requireFinite(_ value: Double, _ what: @autoclosure () -> String) throws {
  guard value.isFinite else { throw GLPKError.nonFiniteValue(what: what(), value: value) }
  guard abs(value) <= GLPKLimits.maxMagnitude else {
    throw GLPKError.valueOutOfRange(what: what(), value: value, range: GLPKLimits.magnitudeRange)
  }
}

/// Throws unless a constraint coefficient is finite and, unless zero, between
/// ``GLPKLimits/minCoefficient`` and ``GLPKLimits/maxMagnitude`` in magnitude.
@inline(__always)
func requireCoefficient(_ value: Double, _ what: @autoclosure () -> String) throws {
  try requireFinite(value, what())
  guard value == 0 || abs(value) >= GLPKLimits.minCoefficient else {
    throw GLPKError.valueOutOfRange(what: what(), value: value, range: GLPKLimits.coefficientRange)
  }
}

/// GLPK's hard size limits (M_MAX, N_MAX, NNZ_MAX in prob.h).
enum GLPKLimits {
  static let maxRows = 100_000_000
  static let maxColumns = 100_000_000
  static let maxNonZeros = 500_000_000
  /// The largest magnitude accepted for a bound or coefficient. GLPK accepts
  /// any finite number, but its cut generators and preprocessing multiply and
  /// divide coefficients and bounds and abort (`xassert`) when a result
  /// overflows or underflows to zero: a row `1e300 x + 1e-300 z <= 1` with
  /// binary `z` aborts the cover-cut generator. Within these limits a product
  /// of three coefficients, or a ratio times a coefficient, stays a normal
  /// double.
  static let maxMagnitude = 1e100
  /// The smallest magnitude accepted for a non-zero constraint coefficient.
  static let minCoefficient = 1e-100
  static let magnitudeRange = "at most 1e100 in magnitude"
  static let coefficientRange = "0, or between 1e-100 and 1e100 in magnitude"
}
