import AllianceModel
import Foundation

/// A colour per alliance (community) that stays distinguishable for 80+ alliances: the street
/// chooses the hue (streets spread evenly round the colour wheel), the community's place within
/// its street the lightness and a small turn of the hue, so neighbours on the map — which are
/// mostly in one street — differ in lightness and streets differ in hue. Without streets every
/// community is its own "street" and the hues follow the golden angle. Colours are `#rrggbb`.
struct AlliancePalette {
    /// Per community, its colour.
    let colors: [String]
    /// Per street (in order of first appearance), its hue in degrees, for the street outlines.
    let streetHues: [(street: String, hue: Double)]

    init(_ communities: [Community]) {
        var streets: [String] = [], membersOf: [String: [Int]] = [:]
        for (c, community) in communities.enumerated() {
            guard let street = community.street else { continue }
            if membersOf[street] == nil { streets.append(street) }
            membersOf[street, default: []].append(c)
        }
        var colors = [String](repeating: "", count: communities.count)
        var hues: [(String, Double)] = []
        let hasStreets = !streets.isEmpty
        for (s, street) in streets.enumerated() {
            let hue = Double(s) * 360 / Double(streets.count)
            hues.append((street, hue))
            let members = membersOf[street]!
            let spread = min(24, 180 / Double(streets.count))
            for (k, c) in members.enumerated() {
                let t = members.count > 1 ? Double(k) / Double(members.count - 1) : 0.5
                colors[c] = Self.hex(hue: hue + (t - 0.5) * spread, saturation: 0.7, lightness: 0.30 + 0.30 * Self.spreadOut(k, members.count))
            }
        }
        // Communities without a street (or lists without streets): golden-angle hues.
        var next = 0
        for c in communities.indices where colors[c].isEmpty {
            let hue = (Double(next) * 137.508).truncatingRemainder(dividingBy: 360) + (hasStreets ? 11 : 0)
            colors[c] = Self.hex(hue: hue, saturation: 0.65, lightness: [0.36, 0.48, 0.58][next % 3])
            next += 1
        }
        self.colors = colors
        self.streetHues = hues
    }

    /// k of n spread over [0, 1] so that consecutive communities are far apart in lightness
    /// (0, 1/2, 1/4, 3/4, … by bit reversal), not a smooth ramp of near-equal neighbours.
    static func spreadOut(_ k: Int, _ n: Int) -> Double {
        guard n > 1 else { return 0.5 }
        var bits = 0
        while (1 << bits) < n { bits += 1 }
        var reversed = 0
        for b in 0..<bits where k & (1 << b) != 0 { reversed |= 1 << (bits - 1 - b) }
        return Double(reversed) / Double(1 << bits)
    }

    /// HSL (hue in degrees, saturation and lightness in [0, 1]) as `#rrggbb`.
    static func hex(hue: Double, saturation: Double, lightness: Double) -> String {
        let h = ((hue.truncatingRemainder(dividingBy: 360)) + 360).truncatingRemainder(dividingBy: 360) / 60
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let x = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(h) {
        case 0: (chroma, x, 0)
        case 1: (x, chroma, 0)
        case 2: (0, chroma, x)
        case 3: (0, x, chroma)
        case 4: (x, 0, chroma)
        default: (chroma, 0, x)
        }
        let m = lightness - chroma / 2
        func channel(_ v: Double) -> Int { Int(((v + m) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", channel(r), channel(g), channel(b))
    }

    /// The convex hull of `points` (Andrew's monotone chain), counter-clockwise in y-up
    /// coordinates, without collinear points; fewer than three distinct points come back as they are.
    static func convexHull(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        let sorted = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard sorted.count > 2 else { return sorted }
        func cross(_ o: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [(x: Double, y: Double)] = [], upper: [(x: Double, y: Double)] = []
        for p in sorted {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }
}
