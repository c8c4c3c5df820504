import AllianceKit
import Foundation

/// One target from the issue, with what was measured and whether it is met.
struct TargetCheck {
    var size: String
    var target: String
    var measured: String
    /// true/false, or nil when it could not be judged (a run is missing).
    var met: Bool?
}

/// Judges the targets against the results. Where the run's time limit is shorter
/// than a target's time (a pipeline check), the value at the time limit is used and said so.
struct Targets {
    var results: [BenchmarkSize: SizeResults]

    /// Our own strategies (not glpsol, not HiGHS) that produced a result.
    static func ours(_ size: SizeResults) -> [RunRecord] {
        size.runs.filter { $0.solver != "glpsol" && $0.solver != "highs" && $0.status == "ok" }
    }

    static func run(_ size: SizeResults, _ solver: String) -> RunRecord? {
        size.runs.first { $0.solver == solver && $0.status == "ok" }
    }

    /// `t`, or the time limit when the runs stopped earlier, with a remark.
    static func clamp(_ t: Double, _ size: SizeResults) -> (Double, String) {
        t <= size.timeLimit ? (t, "") : (size.timeLimit, " (runs stopped at \(format(size.timeLimit)) s, not \(format(t)) s)")
    }

    func checks() -> [TargetCheck] {
        var checks: [TargetCheck] = []
        for size in BenchmarkSize.allCases {
            guard let r = results[size] else { continue }
            switch size {
            case .S:
                checks.append(beatHighs(r))
                checks.append(gapWithin(r, gap: 0.005, seconds: 60))
                checks.append(localQuick(r))
            case .M:
                checks.append(gapWithin(r, gap: 0.01, seconds: 120))
            case .L, .XL:
                checks.append(planWithin(r, seconds: 60))
            }
            checks.append(exactBeatsGlpsol(r))
        }
        return checks
    }

    /// S: within 10 s a plan at least as good as the one HiGHS holds after 120 s.
    func beatHighs(_ s: SizeResults) -> TargetCheck {
        let target = "within 10 s a plan at least as good as HiGHS holds after 120 s"
        guard let highs = Self.run(s, "highs") else {
            return TargetCheck(size: "S", target: target, measured: "HiGHS not run", met: nil)
        }
        let (tHighs, highsNote) = Self.clamp(120, s)
        guard let reference = highs.objective(at: tHighs) ?? highs.objective else {
            return TargetCheck(size: "S", target: target, measured: "HiGHS found no plan", met: nil)
        }
        let best = Self.ours(s).compactMap { run in run.objective(at: 10).map { (run.solver, $0) } }
            .max { $0.1 < $1.1 }
        guard let (solver, value) = best else {
            return TargetCheck(size: "S", target: target, measured: "no plan of ours at 10 s", met: false)
        }
        let distance = (value - reference) / max(abs(reference), 1e-12)
        return TargetCheck(size: "S", target: target,
                           measured: "best at 10 s: \(solver) \(objective(value)); HiGHS \(objective(reference))"
                               + "\(highsNote); difference \(percent(distance, signed: true))",
                           met: highsNote.isEmpty ? value >= reference - 1e-9 * max(1, abs(reference)) : nil)
    }

    /// A proven gap of at most `gap` within `seconds`.
    func gapWithin(_ r: SizeResults, gap: Double, seconds: Double) -> TargetCheck {
        let target = "proven gap ≤ \(percent(gap)) within \(format(seconds)) s"
        let (t, note) = Self.clamp(seconds, r)
        let reached = Self.ours(r).compactMap { run in run.firstTime(gapAtMost: gap).map { (run.solver, $0) } }
            .min { $0.1 < $1.1 }
        if let (solver, time) = reached, time <= t {
            return TargetCheck(size: r.size.rawValue, target: target,
                               measured: "\(solver) reached it after \(format(time)) s", met: true)
        }
        let best = Self.ours(r).compactMap { run in run.gap(at: t).map { (run.solver, $0) } }.min { $0.1 < $1.1 }
        guard let (solver, value) = best else {
            return TargetCheck(size: r.size.rawValue, target: target, measured: "no proven gap at \(format(t)) s\(note)",
                               met: note.isEmpty ? false : nil)
        }
        return TargetCheck(size: r.size.rawValue, target: target,
                           measured: "best gap at \(format(t)) s: \(solver) \(percent(value)), "
                               + "\(percent(value - gap)) above the target\(note)",
                           met: note.isEmpty ? false : nil)
    }

    /// L and XL: a plan within `seconds`, and its proven gap.
    func planWithin(_ r: SizeResults, seconds: Double) -> TargetCheck {
        let target = "a plan within \(format(seconds)) s, and its proven gap"
        let first = Self.ours(r).compactMap { run in run.firstPlanSeconds.map { (run.solver, $0) } }.min { $0.1 < $1.1 }
        guard let (solver, time) = first else {
            return TargetCheck(size: r.size.rawValue, target: target, measured: "no plan", met: false)
        }
        let (t, note) = Self.clamp(seconds, r)
        let gaps = Self.ours(r).compactMap { run in run.gap(at: t).map { (run.solver, $0) } }.min { $0.1 < $1.1 }
        let gapText = gaps.map { "best proven gap at \(format(t)) s: \($0.0) \(percent($0.1))" }
            ?? "no proven gap at \(format(t)) s"
        return TargetCheck(size: r.size.rawValue, target: target,
                           measured: "first plan: \(solver) after \(format(time)) s; \(gapText)\(note)",
                           met: time <= seconds)
    }

    /// Every size: exact at 60 s has a better objective and a smaller gap than glpsol at 60 s.
    func exactBeatsGlpsol(_ r: SizeResults) -> TargetCheck {
        let target = "exact at 60 s: better objective and smaller gap than glpsol at 60 s"
        guard let exact = Self.run(r, "exact"), let glpsol = Self.run(r, "glpsol") else {
            return TargetCheck(size: r.size.rawValue, target: target, measured: "exact or glpsol not run", met: nil)
        }
        let (t, note) = Self.clamp(60, r)
        let eo = exact.objective(at: t), go = glpsol.objective(at: t)
        let eg = exact.gap(at: t), gg = glpsol.gap(at: t)
        let text = "exact \(objective(eo)) gap \(percent(eg)); glpsol \(objective(go)) gap \(percent(gg))\(note)"
        guard note.isEmpty else { return TargetCheck(size: r.size.rawValue, target: target, measured: text, met: nil) }
        guard let eo else { return TargetCheck(size: r.size.rawValue, target: target, measured: text, met: false) }
        let better = go.map { eo > $0 + 1e-9 * max(1, abs($0)) } ?? true
        let smaller: Bool
        switch (eg, gg) {
        case let (e?, g?): smaller = e < g
        case (_?, nil): smaller = true
        default: smaller = false
        }
        // Both proven optimal with the same objective: "better" cannot be asked for.
        let tie = exact.provedOptimal && glpsol.provedOptimal
        return TargetCheck(size: r.size.rawValue, target: target, measured: text + (tie ? " (both optimal)" : ""),
                           met: tie ? nil : (better && smaller))
    }

    /// S: local within 2 % of the best known plan in under 1 s.
    func localQuick(_ s: SizeResults) -> TargetCheck {
        let target = "local within 2 % of the best known plan in under 1 s"
        guard let local = Self.run(s, "local") else {
            return TargetCheck(size: "S", target: target, measured: "local not run", met: nil)
        }
        guard let best = s.runs.compactMap(\.objective).max() else {
            return TargetCheck(size: "S", target: target, measured: "no plan known", met: nil)
        }
        guard let value = local.objective(at: 1) else {
            return TargetCheck(size: "S", target: target, measured: "local had no plan at 1 s", met: false)
        }
        let distance = (best - value) / max(abs(best), 1e-12)
        return TargetCheck(size: "S", target: target,
                           measured: "local at 1 s \(objective(value)), best known \(objective(best)): "
                               + "\(percent(distance)) below",
                           met: distance <= 0.02)
    }
}

/// An objective value, or "—".
func objective(_ value: Double?) -> String {
    value.map { String(format: "%.5f", $0) } ?? "—"
}

/// A fraction as a percentage, or "—".
func percent(_ value: Double?, signed: Bool = false) -> String {
    guard let value else { return "—" }
    let text = String(format: signed ? "%+.2f %%" : "%.2f %%", value * 100)
    return text
}
