import AllianceModel
import Foundation

/// The data section for `models/people.mod` (stage 3 as an LP, for glpsol): members, posts, the
/// allowed pairs with their distances and home/unit flags, the kept matches and the weights, so
/// that glpsol computes every seat's worth itself from the same numbers the tool starts from.
public enum PeopleDataWriter {
    /// The `.dat` text for `problem`. Ids that cannot be MathProg symbols are replaced by `m1`, `p1` …
    public static func write(_ problem: PeopleProblem) -> String {
        let members = MathProgDataWriter.symbols(problem.members.map(\.id), prefix: "m").map(\.text)
        let posts = MathProgDataWriter.symbols(problem.posts.map(\.id), prefix: "p").map(\.text)
        let number = MathProgDataWriter.number
        var out = "/* stage 3 data for models/people.mod, written by alliance */\ndata;\n\n"
        out += "set M := " + members.joined(separator: " ") + ";\n"
        out += "set P := " + posts.joined(separator: " ") + ";\n"
        var pairs: [String] = [], dist: [String] = [], home: [String] = [], unit: [String] = []
        for m in problem.members.indices {
            for pair in problem.candidates[m] {
                for p in problem.postsIn(community: pair.community) where problem.skills[m].contains(problem.posts[p].category) {
                    let key = "\(members[m]) \(posts[p])"
                    pairs.append("(\(members[m]), \(posts[p]))")
                    dist.append("\(key) \(number(pair.distanceKm))")
                    if pair.isHome { home.append("\(key) 1") }
                    if pair.unitServes { unit.append("\(key) 1") }
                }
            }
        }
        out += "set A := " + pairs.joined(separator: "\n  ") + ";\n\n"
        out += "param cap := " + problem.members.indices.map { "\(members[$0]) \(problem.members[$0].capacity)" }
            .joined(separator: "\n  ") + ";\n"
        out += "param seats := " + problem.posts.indices.map { "\(posts[$0]) \(problem.posts[$0].seats)" }
            .joined(separator: "\n  ") + ";\n"
        out += "param priority := " + problem.posts.indices.map { "\(posts[$0]) \(number(problem.posts[$0].priority))" }
            .joined(separator: "\n  ") + ";\n"
        out += "param dist := " + dist.joined(separator: "\n  ") + ";\n"
        if !home.isEmpty { out += "param home := " + home.joined(separator: "\n  ") + ";\n" }
        if !unit.isEmpty { out += "param unit := " + unit.joined(separator: "\n  ") + ";\n" }
        if !problem.kept.isEmpty {
            out += "param kept := " + problem.kept.map { "\(members[$0.member]) \(posts[$0.post]) 1" }
                .joined(separator: "\n  ") + ";\n"
        }
        let w = problem.options.weights
        out += "\nparam w_fill := \(number(w.fill));\nparam w_dist := \(number(w.distance));\n"
        out += "param w_home := \(number(w.home));\nparam w_unit := \(number(w.unit));\n\nend;\n"
        return out
    }
}
