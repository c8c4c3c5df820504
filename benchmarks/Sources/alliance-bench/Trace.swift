import AllianceKit

/// Questions about a run's trace: the objective and gap at a given time, the first time a
/// gap was proven. A value is only known up to where the run went: past its time limit it is
/// unknown (nil) unless the run proved optimality or finished by itself before that time.
extension RunRecord {
    /// Whether the state at `t` seconds is known: the run was still going, or it had ended
    /// for good (proved optimal, or a heuristic that returned before its time limit).
    func knows(_ t: Double) -> Bool {
        guard status == "ok" else { return false }
        if let total = traceEnd, t <= total { return true }
        if provedOptimal { return true }
        // Finished by itself well before the limit (a heuristic, or gap reached).
        if let end = traceEnd, end < timeLimit * 0.9 { return true }
        return t <= timeLimit
    }

    /// Last time the trace covers.
    var traceEnd: Double? { trace.last?.seconds }

    /// The last trace point at or before `t`.
    func point(at t: Double) -> TracePoint? {
        guard knows(t) else { return nil }
        return trace.last { $0.seconds <= t + 1e-9 }
    }

    /// Objective of the best plan held at `t` seconds.
    func objective(at t: Double) -> Double? {
        guard knows(t) else { return nil }
        return trace.last { $0.seconds <= t + 1e-9 && $0.incumbent != nil }?.incumbent
    }

    /// Best bound proven by `t` seconds.
    func bound(at t: Double) -> Double? {
        guard knows(t) else { return nil }
        return trace.last { $0.seconds <= t + 1e-9 && $0.bound != nil }?.bound
    }

    /// Proven relative gap at `t` (needs both an incumbent and a bound).
    func gap(at t: Double) -> Double? {
        guard let objective = objective(at: t), let bound = bound(at: t) else { return nil }
        return relativeGap(objective: objective, bound: bound)
    }

    /// First time the proven gap was at most `limit`.
    func firstTime(gapAtMost limit: Double) -> Double? {
        var incumbent: Double?, bound: Double?
        for point in trace {
            if let value = point.incumbent { incumbent = value }
            if let value = point.bound { bound = value }
            if let i = incumbent, let b = bound, relativeGap(objective: i, bound: b) <= limit + 1e-12 {
                return point.seconds
            }
        }
        return nil
    }

    /// First time the plan held was at least `target` (up to a relative 1e-9).
    func firstTime(objectiveAtLeast target: Double) -> Double? {
        let tolerance = 1e-9 * max(1, abs(target))
        return trace.first { ($0.incumbent ?? -.infinity) >= target - tolerance }?.seconds
    }
}
