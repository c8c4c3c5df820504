import CGLPK

/// The bounds of a row (constraint activity) or column (variable).
///
/// All bound values must be finite, and at most 1e100 in magnitude (see
/// ``LinearProgram``); use the case without the missing side
/// (`.lower`, `.upper`, `.free`) for an infinite bound. A `.range(l, u)` with
/// `l == u` is stored as `.fixed(l)`, because GLPK rejects a double-bounded
/// variable with equal bounds.
public enum Bounds: Sendable, Equatable {
  /// -inf < x < +inf
  case free
  /// lower <= x
  case lower(Double)
  /// x <= upper
  case upper(Double)
  /// lower <= x <= upper, with lower <= upper
  case range(Double, Double)
  /// x == value
  case fixed(Double)

  /// The lower bound, or `-infinity` when there is none.
  public var lowerBound: Double {
    switch self {
    case .free, .upper: -.infinity
    case let .lower(l), let .range(l, _), let .fixed(l): l
    }
  }

  /// The upper bound, or `+infinity` when there is none.
  public var upperBound: Double {
    switch self {
    case .free, .lower: .infinity
    case let .upper(u), let .range(_, u), let .fixed(u): u
    }
  }

  /// Whether `value` lies within the bounds, allowing an absolute-plus-
  /// relative violation of `tolerance`.
  public func contains(_ value: Double, tolerance: Double = 0) -> Bool {
    let l = lowerBound, u = upperBound
    if l.isFinite, value < l - tolerance * (1 + abs(l)) { return false }
    if u.isFinite, value > u + tolerance * (1 + abs(u)) { return false }
    return true
  }
}

/// Bounds in GLPK's representation.
struct GLPKBounds {
  var type: Int32
  var lower: Double
  var upper: Double

  /// Validates `bounds` for the row or column `name` and converts them.
  /// With `integral`, the bounds must be whole numbers (GLPK's MIP solver
  /// refuses integer columns with fractional bounds).
  init(_ bounds: Bounds, name: String, integral: Bool = false) throws {
    func finite(_ v: Double, _ side: String) throws -> Double {
      try requireFinite(v, "\(side) bound of '\(name)'")
      return v
    }
    switch bounds {
    case .free:
      self.init(type: GLP_FR, lower: 0, upper: 0)
    case let .lower(l):
      self.init(type: GLP_LO, lower: try finite(l, "lower"), upper: 0)
    case let .upper(u):
      self.init(type: GLP_UP, lower: 0, upper: try finite(u, "upper"))
    case let .fixed(v):
      let v = try finite(v, "fixed")
      self.init(type: GLP_FX, lower: v, upper: v)
    case let .range(l, u):
      let l = try finite(l, "lower"), u = try finite(u, "upper")
      guard l <= u else {
        throw GLPKError.invalidBounds(
          name: name, lower: l, upper: u, reason: "lower bound exceeds upper bound")
      }
      self.init(type: l == u ? GLP_FX : GLP_DB, lower: l, upper: u)
    }
    if integral {
      let hasLower = type == GLP_LO || type == GLP_DB || type == GLP_FX
      let hasUpper = type == GLP_UP || type == GLP_DB
      if (hasLower && lower.rounded(.down) != lower) || (hasUpper && upper.rounded(.down) != upper) {
        throw GLPKError.invalidBounds(
          name: name, lower: bounds.lowerBound, upper: bounds.upperBound,
          reason: "an integer column needs integral bounds")
      }
    }
  }

  init(type: Int32, lower: Double, upper: Double) {
    self.type = type
    self.lower = lower
    self.upper = upper
  }

  /// The Swift value of GLPK bounds as read back from a problem object.
  var bounds: Bounds {
    switch type {
    case GLP_FR: .free
    case GLP_LO: .lower(lower)
    case GLP_UP: .upper(upper)
    case GLP_DB: .range(lower, upper)
    default: .fixed(lower)
    }
  }
}
