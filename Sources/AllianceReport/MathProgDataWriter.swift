import AllianceModel

/// Writes a `Problem` as the data section (`.dat`) for the GNU MathProg model
/// `models/alliance.mod`, so a plan can be reproduced with GLPK's stand-alone solver:
///
///     glpsol -m models/alliance.mod -d data.dat
///
/// The data is the problem after derivation: groups merged into units, needs and
/// resources aggregated, pair rules and options applied (`allowed` already includes
/// `forbid`, `max_distance_km` and `fix`; `canlead` is 0 for every unit when the lead
/// rule is off). The model recomputes T_min, T_max, L_c, U_c, S̄, D_max and N_need itself.
///
/// Format (entries in problem order, one per line):
/// - `set U`, `set C`, `set R` — units, communities and need categories, each symbol a
///   quoted MathProg string (`'…'`, with `'` doubled), followed by a `#` comment with the
///   display name. UTF-8 ids work in glpsol; an id that cannot be a symbol (empty, longer
///   than MathProg's 100 bytes, or containing white space or control characters, which
///   would break the model's space-separated report) is replaced by a generated ASCII
///   symbol (`u3`, `c7`, `r2`) and the real id is given in the comment.
/// - `param : s m k canlead` (per unit) and `param : b minorgs maxorgs` (per community,
///   `.` where min/max_orgs are not given, i.e. the model's default −1).
/// - sparse params, only entries different from the model's default: `d`, `pri` (needs),
///   `q` (resources), `dist` (nonzero), `allowed` (only 0s), `fix`, `pref`, `prev`.
/// - re-planning (MODEL.md, "Re-planning"): `start` (the start plan's pairs, only 1s),
///   `lead_pin` (each community's pinned lead, `Problem.pinnedLead`) and the scalar
///   `max_changes` (only when `--max-changes` is set). Unit and community pins need nothing
///   more: they are already in `allowed` and `fix`.
/// - scalars `leadrule`, `nprev`, `tau`, `wcov`, `wbal`, `wdist`, `wpref`, `wkeep`.
///
/// Numbers are printed with full precision (shortest round-trip form, no locale);
/// the output is deterministic.
public enum MathProgDataWriter {
    /// MathProg's limit on the length of a symbol, in bytes (`MAX_LENGTH` in GLPK).
    static let maxSymbolBytes = 100

    /// The data section for `models/alliance.mod`.
    /// - Parameter source: where the lists came from (e.g. a folder), for the header
    ///   comment; by default the file names recorded in the instance, if any.
    public static func write(_ problem: Problem, source: String? = nil) -> String {
        let nU = problem.unitCount, nC = problem.communityCount, nR = problem.categoryCount
        let instance = problem.instance
        let options = problem.options
        let unitSymbols = symbols(problem.units.map(\.id), prefix: "u")
        let communitySymbols = symbols(problem.communities.map(\.id), prefix: "c")
        let categorySymbols = symbols(problem.categories, prefix: "r")

        var out = ""
        func line(_ text: String = "") { out += text + "\n" }

        // Header.
        line("# MathProg data for models/alliance.mod (alliance model, stage 1),")
        line("# written by AllianceKit.MathProgDataWriter. Solve with")
        line("#   glpsol -m models/alliance.mod -d <this file>")
        line("# Input: \(comment(source ?? recordedFiles(instance) ?? "(not recorded)"))")
        line("#   \(nC) communities, \(instance.organizations.count) organizations -> \(nU) units "
             + "after group merging, \(nR) need categories, \(instance.needs.count) need rows, "
             + "\(instance.resources.count) resource rows, \(instance.pairs.count) pair rules")
        let maxDistance = options.maxDistanceKm.map { "\(number($0)) km" } ?? "none"
        let previous = options.previousPlan.map { "\($0.count) rows, \(problem.previousPairCount) pairs" } ?? "none"
        line("# Options: lead rule \(options.leadRule ? "on" : "off"), balance band tau = "
             + "\(number(options.balanceBand)), max distance \(maxDistance), previous plan \(previous)")
        if options.from != nil || !options.pins.isEmpty {
            let start = options.from.map { "\($0.count) rows, \(problem.fromPairCount) pairs" } ?? "none"
            line("# Re-planning: start plan \(start), \(options.pins.count) pins, max changes "
                 + (problem.maxChanges.map(String.init) ?? "none"))
        }
        let w = options.weights
        line("#   weights: coverage \(number(w.coverage)), balance \(number(w.balance)), "
             + "distance \(number(w.distance)), preference \(number(w.preference)), keep \(number(w.keep))")
        line("# Derived (recomputed by the model): T_min = \(problem.totalMinAssignments), "
             + "T_max = \(problem.totalMaxAssignments), mean strength = \(number(problem.meanStrength)), "
             + "D_max = \(number(problem.maxDistance)), N_need = \(number(problem.totalWeightedNeed))")
        line()
        line("data;")
        line()

        // Units.
        line("# Units (after group merging): symbol, then name [kind] and group members.")
        line("set U :=")
        for (u, unit) in problem.units.enumerated() {
            var note = unitSymbols[u].generated ? "id \(unit.id): \(unit.name)" : unit.name
            let kinds = orderedUnique(unit.members.compactMap { instance.organizations[$0].kind })
            if !kinds.isEmpty { note += " [\(kinds.joined(separator: "/"))]" }
            if unit.members.count > 1 || unit.name != instance.organizations[unit.members[0]].name {
                note += " = " + unit.members.map { instance.organizations[$0].id }.joined(separator: " + ")
            }
            line("  \(unitSymbols[u].text)  # \(comment(note))")
        }
        line(";")
        line()
        line("param : s m k canlead :=")
        for (u, unit) in problem.units.enumerated() {
            line("  \(unitSymbols[u].text) \(number(unit.strength)) \(unit.minCommunities) "
                 + "\(unit.maxCommunities) \(problem.mayLead(u) ? 1 : 0)")
        }
        line(";")
        line()

        // Communities.
        line("# Communities: symbol, then name (street).")
        line("set C :=")
        for (c, community) in problem.communities.enumerated() {
            var note = communitySymbols[c].generated ? "id \(community.id): \(community.name)" : community.name
            if let street = community.street { note += " (\(street))" }
            line("  \(communitySymbols[c].text)  # \(comment(note))")
        }
        line(";")
        line()
        line("# minorgs / maxorgs: '.' = not given (the model's default -1: balance rule).")
        line("param : b minorgs maxorgs :=")
        for (c, community) in problem.communities.enumerated() {
            line("  \(communitySymbols[c].text) \(number(community.strength)) "
                 + "\(community.minOrgs.map(String.init) ?? ".") \(community.maxOrgs.map(String.init) ?? ".")")
        }
        line(";")
        line()

        // Categories and the lists.
        line("# Need categories.")
        line("set R :=")
        for r in 0..<nR {
            let note = categorySymbols[r].generated ? "  # \(comment("id \(problem.categories[r])"))" : ""
            line("  \(categorySymbols[r].text)\(note)")
        }
        line(";")
        line()

        func sparse(_ name: String, _ explanation: String, _ entries: [String]) {
            line("# \(explanation)")
            if entries.isEmpty {
                line("# (no entries: all \(name) take the model's default)")
                line()
                return
            }
            line("param \(name) :=")
            for entry in entries { line("  " + entry) }
            line(";")
            line()
        }
        var needEntries: [String] = [], priorityEntries: [String] = []
        for c in 0..<nC {
            for r in 0..<nR where problem.need[c * nR + r] > 0 {
                let key = "\(communitySymbols[c].text) \(categorySymbols[r].text)"
                needEntries.append("\(key) \(number(problem.need[c * nR + r]))")
                if problem.priority[c * nR + r] != 0 {
                    priorityEntries.append("\(key) \(number(problem.priority[c * nR + r]))")
                }
            }
        }
        sparse("d", "d[c,r]: need of community c in category r (default 0).", needEntries)
        sparse("pri", "pri[c,r]: priority of the need (amount-weighted mean; default 0).", priorityEntries)
        var resourceEntries: [String] = []
        for u in 0..<nU {
            for r in 0..<nR where problem.resource[u * nR + r] != 0 {
                resourceEntries.append("\(unitSymbols[u].text) \(categorySymbols[r].text) "
                                       + number(problem.resource[u * nR + r]))
            }
        }
        sparse("q", "q[u,r]: resource of unit u in need category r (default 0).", resourceEntries)

        // Pairs.
        var distanceEntries: [String] = [], forbiddenEntries: [String] = [], fixEntries: [String] = []
        var preferenceEntries: [String] = [], previousEntries: [String] = [], startEntries: [String] = []
        for u in 0..<nU {
            for c in 0..<nC {
                let p = problem.pair(u, c)
                let key = "\(unitSymbols[u].text) \(communitySymbols[c].text)"
                if problem.distance[p] != 0 { distanceEntries.append("\(key) \(number(problem.distance[p]))") }
                if !problem.allowed[p] { forbiddenEntries.append("\(key) 0") }
                if problem.fixed[p] { fixEntries.append("\(key) 1") }
                if problem.preference[p] != 0 {
                    preferenceEntries.append("\(key) \(number(problem.preference[p]))")
                }
                if problem.previous[p] { previousEntries.append("\(key) 1") }
                if problem.from[p] { startEntries.append("\(key) 1") }
            }
        }
        sparse("dist", "dist[u,c]: distance in km, all pairs (default 0).", distanceEntries)
        // Without a start plan or pins the file is exactly what it was before re-planning existed
        // (the golden files hold it byte for byte): the re-planning params keep their defaults.
        let replanning = options.from != nil || !options.pins.isEmpty
        sparse("allowed", replanning
               ? "allowed[u,c]: 0 for pairs not allowed (forbid, max distance, removed by a pin; "
                   + "fix and pinned pairs always allowed)."
               : "allowed[u,c]: 0 for pairs not allowed (forbid, max distance; fix pairs always allowed).",
               forbiddenEntries)
        sparse("fix", replanning ? "fix[u,c]: 1 for required pairs (pairs.csv fix, pinned pairs)."
                                 : "fix[u,c]: 1 for required pairs.", fixEntries)
        sparse("pref", "pref[u,c]: summed prefer scores (default 0).", preferenceEntries)
        sparse("prev", "prev[u,c]: 1 for pairs of the previous plan (after group merging).", previousEntries)
        if replanning {
            sparse("start", "start[u,c]: 1 for pairs of the start plan (--from, after group merging).", startEntries)
            var leadPinEntries: [String] = []
            for c in 0..<nC {
                if let u = problem.pinnedLead[c] {
                    leadPinEntries.append("\(unitSymbols[u].text) \(communitySymbols[c].text) 1")
                }
            }
            sparse("lead_pin", "lead_pin[u,c]: 1 where a pin names the lead of community c.", leadPinEntries)
        }

        // Scalars.
        line("param leadrule := \(options.leadRule ? 1 : 0);")
        line("param nprev := \(problem.previousPairCount);")
        if let limit = problem.maxChanges { line("param max_changes := \(limit);") }
        line("param tau := \(number(options.balanceBand));")
        line("param wcov := \(number(w.coverage));")
        line("param wbal := \(number(w.balance));")
        line("param wdist := \(number(w.distance));")
        line("param wpref := \(number(w.preference));")
        line("param wkeep := \(number(w.keep));")
        line()
        line("end;")
        return out
    }

    // MARK: - Symbols and numbers

    /// A MathProg symbol as written in the data, and whether it replaces the real id.
    struct Symbol: Hashable {
        var text: String
        var generated: Bool
    }

    /// Quoted symbols for `ids`, in order: the id itself where it can be one, else a
    /// generated `prefix` + 1-based index, made unique among the other symbols.
    static func symbols(_ ids: [String], prefix: String) -> [Symbol] {
        let usable = ids.map(canBeSymbol)
        var taken = Set(zip(ids, usable).filter { $0.1 }.map { $0.0 })
        return ids.enumerated().map { i, id in
            if usable[i] { return Symbol(text: quoted(id), generated: false) }
            var name = "\(prefix)\(i + 1)"
            while taken.contains(name) { name += "_" }
            taken.insert(name)
            return Symbol(text: quoted(name), generated: true)
        }
    }

    /// Whether `id` can be written as a MathProg string literal and printed back unambiguously.
    static func canBeSymbol(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maxSymbolBytes else { return false }
        return !id.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
        }
    }

    /// `text` as a MathProg string literal: single quotes, inner quotes doubled.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Text safe inside a `#` comment: one line.
    static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let category = scalar.properties.generalCategory
            return category == .control || category == .lineSeparator || category == .paragraphSeparator
                ? " " : Character(scalar)
        })
    }

    /// A number in MathProg syntax with full precision: integers without a fraction,
    /// everything else in Swift's shortest round-trip form (locale-independent).
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }  // also -0
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(describing: value)
    }

    static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The distinct file names the instance was read from, in a stable order.
    static func recordedFiles(_ instance: Instance) -> String? {
        let sources = instance.communities.map(\.source) + instance.organizations.map(\.source)
            + instance.needs.map(\.source) + instance.resources.map(\.source)
            + instance.projects.map(\.source) + instance.pairs.map(\.source)
        let files = orderedUnique(sources.compactMap { $0?.file })
        return files.isEmpty ? nil : files.joined(separator: ", ")
    }
}
