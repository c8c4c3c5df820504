import AllianceKit
import Foundation

/// The "instance families" section of RESULTS.md (issue "Fast on every kind of district"):
/// per family, the targets judged on its results files (`results/<size>-<family>.json`, the
/// base family's `results/<size>.json`), how long our best strategy took to its gap target
/// against the base family (at most 2× is the target), and each size's run table.
struct FamilyReport {
    /// Family → size → results.
    var results: [InstanceFamily: [BenchmarkSize: SizeResults]]
    /// Family → the city benchmark's districts of 150 × 600 (`alliance-bench city --family F`,
    /// often `--first-districts N`), when its file is in the folder.
    var cities: [InstanceFamily: CityResults] = [:]
    /// Which code was measured (`report --code`), stated under the section's heading when given.
    var code: String? = nil

    static let heading = "## Instance families"
    /// The hand-written section of EXPERIMENTS.md that says why the missed targets are missed.
    static let whyHeading = "## Targets the instance families miss, and why"

    /// The gap target of a size and the seconds it must be reached in (M, S, XL; L has none).
    static func gapTarget(_ size: BenchmarkSize) -> (gap: Double, seconds: Double)? {
        switch size {
        case .S: (0.005, 60)
        case .M: (0.01, 120)
        case .L: nil
        case .XL: (0.01, 300)
        }
    }

    /// Reads every family's results files in `folder`.
    static func load(from folder: String) throws -> [InstanceFamily: [BenchmarkSize: SizeResults]] {
        var loaded: [InstanceFamily: [BenchmarkSize: SizeResults]] = [:]
        for family in InstanceFamily.allCases {
            for size in BenchmarkSize.allCases {
                let path = (folder as NSString).appendingPathComponent("\(size.fileStem(family)).json")
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                loaded[family, default: [:]][size] = try JSONDecoder().decode(SizeResults.self, from: data)
            }
        }
        return loaded
    }

    /// Reads every family's city results (`city-city[-<family>].json`) in `folder`.
    static func loadCities(from folder: String) throws -> [InstanceFamily: CityResults] {
        var loaded: [InstanceFamily: CityResults] = [:]
        for family in InstanceFamily.allCases {
            let stem = family == .base ? "city-city" : "city-city-\(family.rawValue)"
            let path = (folder as NSString).appendingPathComponent("\(stem).json")
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            loaded[family] = try JSONDecoder().decode(CityResults.self, from: data)
        }
        return loaded
    }

    /// The districts of 150 × 600 per family against the target (proven ≤ 1 % within 120 s per
    /// district), with which side was short in each: column generation's bound against its
    /// master LP, and the plan's source of improvement after it (the neighbourhood search).
    func citySection() -> String {
        guard !cities.isEmpty else { return "" }
        var out = "### 150 × 600 (districts of the city benchmark)\n\n"
            + "Target: every district proven ≤ 1 % within 120 s (`alliance-bench city --family F`; the files "
            + "`city-city[-F].json`). Each district is solved alone in a child process, two at a time.\n\n"
            + "| family | districts | time limit s | within 1 % | gaps | CG bound − master LP (median) | "
            + "neighbourhoods improved/solved | load average | command |\n|---|---:|---:|---:|---|---|---|---|---|\n"
        for family in InstanceFamily.allCases {
            guard let city = cities[family] else { continue }
            let gaps = city.districts.compactMap(\.gap)
            let within = gaps.filter { $0 <= 0.01 }.count
            let range = gaps.isEmpty ? "—" : "\(percent(gaps.min()))–\(percent(gaps.max()))"
            let cg = city.districts.compactMap { d -> Double? in
                guard let bound = d.statistics?["cg_bound"], let lp = d.statistics?["cg_master_lp"] else { return nil }
                return relativeGap(objective: lp, bound: bound)
            }.sorted()
            let median = cg.isEmpty ? "—" : percent(cg[cg.count / 2])
            let improved = city.districts.compactMap { $0.statistics?["lns_improved"] }.reduce(0, +)
            let solved = city.districts.compactMap { $0.statistics?["lns_solved"] }.reduce(0, +)
            out += "| \(family.rawValue) | \(city.districts.count) | \(format(city.timeLimit)) | \(within) of \(city.districts.count) "
                + "| \(range) | \(median) | \(solved > 0 ? "\(Int(improved))/\(Int(solved))" : "—") "
                + "| \(city.loadAverage ?? "—") | `\(city.command)` |\n"
        }
        return out + "\n"
    }

    /// Seconds our fastest strategy took to its size's gap target, or nil when none reached it.
    static func timeToTarget(_ r: SizeResults) -> (solver: String, seconds: Double)? {
        guard let (gap, _) = gapTarget(r.size) else { return nil }
        return Targets.ours(r).compactMap { run in run.firstTime(gapAtMost: gap).map { (run.solver, $0) } }
            .min { $0.1 < $1.1 }
    }

    func render() -> String {
        var out = Self.heading + "\n\n"
        out += "One table per family of `InstanceGenerator` (what each stands for: benchmarks/README.md), "
            + "each size's seed as in the base family. `alliance-bench run --families F --sizes …` makes the files; "
            + "the targets are the issue's: S — within 10 s a plan as good as HiGHS's after 120 s, proven ≤ 0.5 % within 60 s; "
            + "M — proven ≤ 1 % within 120 s; XL — proven ≤ 1 % within 300 s; and no family more than 2× slower than "
            + "`base` to its gap target.\n\n"
        // In family and size order, so that the same files give the same text.
        let all = InstanceFamily.allCases.flatMap { family in BenchmarkSize.allCases.compactMap { results[family]?[$0] } }
        let dates = all.map(\.date).sorted()
        out += "- Harness runs: \(all.map(\.command).uniqued().map { "`\($0)`" }.joined(separator: "; "))\n"
        out += "- Date: \(dates.first ?? "?")\(dates.count > 1 && dates.first != dates.last ? " – \(dates.last!)" : "")\n"
        if let code { out += "- Code: \(code)\n" }
        out += "- Machine: \(MachineInfo.summary); each size's load average before its runs is given below it "
            + "(above \(MachineInfo.processors) means other work shared the cores and times are inflated)\n"
        let solvers = Set(all.flatMap { $0.runs.filter { $0.status == "ok" }.map(\.solver) }).sorted()
        let sizes = BenchmarkSize.allCases.filter { size in all.contains { $0.size == size } }.map(\.rawValue)
        out += "- Measured: sizes \(sizes.joined(separator: ", ")); solvers \(solvers.joined(separator: ", "))"
            + (solvers.contains("highs") ? "" : " (HiGHS not run: the S target against HiGHS is not judged)") + "\n"
        out += "- Targets missed: by how much is in the tables below; why, and what was tried, in "
            + "\"\(Self.whyHeading.dropFirst(3))\" (EXPERIMENTS.md, among the notes at the end)\n\n"
        out += Self.whichSide(results)
        out += citySection()
        let base = results[.base] ?? [:]
        for family in InstanceFamily.allCases {
            guard let sizes = results[family], !sizes.isEmpty else { continue }
            out += "### \(family.rawValue)\n\n"
            out += "| size | target | measured | met |\n|---|---|---|---|\n"
            var checks: [TargetCheck] = []
            let targets = Targets(results: sizes)
            for size in BenchmarkSize.allCases {
                guard let r = sizes[size] else { continue }
                if size == .S { checks.append(targets.beatHighs(r)) }
                if let (gap, seconds) = Self.gapTarget(size) { checks.append(targets.gapWithin(r, gap: gap, seconds: seconds)) }
                if family != .base, let (gap, _) = Self.gapTarget(size) {
                    checks.append(Self.againstBase(r, base: base[size], gap: gap))
                }
            }
            for check in checks {
                out += "| \(check.size) | \(check.target) | \(check.measured) | \(check.met.map { $0 ? "yes" : "**no**" } ?? "n/a") |\n"
            }
            out += "\n"
            for size in BenchmarkSize.allCases {
                guard let r = sizes[size] else { continue }
                out += "\(size.label(family)): \(r.units) units after merging, \(r.categories) categories, "
                    + "time limit \(format(r.timeLimit)) s\(r.loadAverage.map { ", load average \($0)" } ?? "").\n\n"
                out += MarkdownReport.tableHeader
                for run in r.runs { out += MarkdownReport.row(run) + "\n" }
                out += "\n"
            }
        }
        return out
    }

    /// Which side is short, per family and size (exact's run): how soon the plan settled (time
    /// to within 1 % of its final value), how far column generation's bound was from converged
    /// when it stopped (its Lagrangian bound against the restricted master's LP value), its
    /// rounds, and which bound was the final one.
    static func whichSide(_ results: [InstanceFamily: [BenchmarkSize: SizeResults]]) -> String {
        var rows: [String] = []
        for family in InstanceFamily.allCases {
            for size in BenchmarkSize.allCases {
                guard let r = results[family]?[size], let run = Targets.run(r, "exact"), let final = run.objective else { continue }
                let settled = run.firstTime(objectiveAtLeast: final - 0.01 * abs(final))
                let stats = run.statistics ?? [:]
                let cgGap: String
                if let bound = stats["cg_bound"], let lp = stats["cg_master_lp"] {
                    cgGap = percent(relativeGap(objective: lp, bound: bound))
                } else {
                    cgGap = "—"
                }
                let converged = stats["cg_converged"].map { $0 == 1 ? "yes" : "no" } ?? "—"
                let rounds = stats["cg_pricing_rounds"].map { String(Int($0)) } ?? "—"
                var from = "—"
                if let bound = run.bound {
                    if let bc = stats["bc_bound"], abs(bc - bound) <= 1e-9 * max(1, abs(bound)) {
                        from = "branch-and-cut"
                    } else if let cg = stats["cg_bound"], abs(cg - bound) <= 1e-9 * max(1, abs(bound)) {
                        from = "column generation"
                    } else {
                        from = "the plan (optimal)"
                    }
                }
                rows.append("| \(family.rawValue) | \(size.rawValue) | \(percent(run.gap)) | \(settled.map(format) ?? "—") | "
                    + "\(cgGap) | \(converged) | \(rounds) | \(stats["cg_seconds"].map(format) ?? "—") | \(from) |")
            }
        }
        guard !rows.isEmpty else { return "" }
        return "Which side is short (exact's runs): the plan settles when it is within 1 % of its final value; "
            + "column generation's distance from convergence is its Lagrangian bound against the restricted "
            + "master's last LP value (0 when converged).\n\n"
            + "| family | size | final gap | plan within 1 % of final after s | CG bound − master LP | CG converged | pricing rounds | CG s | final bound from |\n"
            + "|---|---|---|---|---|---|---|---|---|\n" + rows.joined(separator: "\n") + "\n\n"
    }

    /// At most 2× the base family's time to the same gap target.
    static func againstBase(_ r: SizeResults, base: SizeResults?, gap: Double) -> TargetCheck {
        let target = "at most 2× base's time to a proven \(percent(gap))"
        guard let base, let (_, baseSeconds) = timeToTarget(base) else {
            return TargetCheck(size: r.size.rawValue, target: target, measured: "base did not reach it (or was not run)", met: nil)
        }
        guard let (solver, seconds) = timeToTarget(r) else {
            return TargetCheck(size: r.size.rawValue, target: target,
                               measured: "not reached in \(format(r.timeLimit)) s; base: \(format(baseSeconds)) s", met: false)
        }
        let ratio = seconds / max(baseSeconds, 0.01)
        return TargetCheck(size: r.size.rawValue, target: target,
                           measured: "\(solver) \(format(seconds)) s against \(format(baseSeconds)) s: \(String(format: "%.1f", ratio))×",
                           met: ratio <= 2)
    }
}
