import AllianceModel
import Foundation

/// A map of the communities (squares) and units (dots) with a line for each assignment, drawn
/// when communities have coordinates: planar x, y as given, lat/lon projected simply
/// (x = lon·cos φ₀, y = lat). Each alliance has its own colour (`AlliancePalette`: hue by
/// street, lightness by community) for its square and its lines, the lead's line thicker; when
/// the lists give streets, each street is outlined (the convex hull of its communities, padded)
/// in its hue and named. A legend lists the alliances by colour. Points of the other coordinate
/// kind, or without coordinates, are left out and counted in a note. One `line.link` per drawn
/// assignment, one `polygon.street` per drawn street.
struct AssignmentMap {
    let report: PlanReport
    private let kindIsPlanar: Bool
    private let width = 640.0, padding = 30.0, maxHeight = 600.0

    /// `nil` when no community has coordinates.
    init?(report: PlanReport) {
        guard let first = report.problem.communities.lazy.compactMap(\.location).first else { return nil }
        self.report = report
        if case .planar = first { kindIsPlanar = true } else { kindIsPlanar = false }
    }

    /// The point to draw for `location`, or `nil` when it is of the other kind.
    private func point(_ location: Location?, cosLat: Double) -> (x: Double, y: Double)? {
        switch location {
        case let .planar(x, y)? where kindIsPlanar: return (x, y)
        case let .geographic(lat, lon)? where !kindIsPlanar: return (lon * cosLat, lat)
        default: return nil
        }
    }

    var figure: String {
        let problem = report.problem, plan = report.plan
        let latitudes = (problem.communities.map(\.location) + problem.units.map(\.location)).compactMap { location -> Double? in
            if case let .geographic(lat, _)? = location { return lat }
            return nil
        }
        let cosLat = latitudes.isEmpty ? 1 : cos(latitudes.reduce(0, +) / Double(latitudes.count) * .pi / 180)
        let sites = problem.communities.map { point($0.location, cosLat: cosLat) }
        let units = problem.units.map { point($0.location, cosLat: cosLat) }
        let all = (sites + units).compactMap { $0 }
        let minX = all.map(\.x).min()!, maxX = all.map(\.x).max()!
        let minY = all.map(\.y).min()!, maxY = all.map(\.y).max()!
        let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
        let scale = min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY)
        let height = max(200, spanY * scale + 2 * padding)
        // Centre the drawing in the box.
        let offsetX = (width - spanX * scale) / 2, offsetY = (height - spanY * scale) / 2
        func place(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
            (offsetX + (p.x - minX) * scale, height - offsetY - (p.y - minY) * scale)
        }
        func project(_ p: (x: Double, y: Double)) -> (String, String) {
            let q = place(p)
            return (HumanFormat.svg(q.x), HumanFormat.svg(q.y))
        }
        let palette = AlliancePalette(problem.communities)
        var content = streetOutlines(palette: palette, sites: sites, place: place)
        var members: [String] = [], leads: [String] = []
        for c in 0..<problem.communityCount {
            guard let site = sites[c] else { continue }
            for u in plan.units(of: c) {
                guard let unit = units[u] else { continue }
                let (x1, y1) = project(unit), (x2, y2) = project(site)
                let isLead = plan.lead[c] == u
                let line = "<line class=\"link\(isLead ? " lead" : "")\"" + HTML.attributes([
                    "x1": x1, "y1": y1, "x2": x2, "y2": y2,
                    "stroke": palette.colors[c], "stroke-width": isLead ? "2.6" : "1", "stroke-opacity": "0.8",
                    "data-unit": problem.units[u].id, "data-community": problem.communities[c].id,
                ]) + "/>"
                if isLead { leads.append(line) } else { members.append(line) }
            }
        }
        content += members + leads
        for (u, unit) in units.enumerated() {
            guard let unit else { continue }
            let (x, y) = project(unit)
            content.append("<circle class=\"unit\"" + HTML.attributes([
                "cx": x, "cy": y, "r": "3", "fill": "#374151", "stroke": "#ffffff", "stroke-width": "1",
            ]) + "><title>\(HTML.escape(problem.units[u].name))</title></circle>")
        }
        // Labels that would overlap one already placed are left out (the square's tooltip remains).
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        for (c, site) in sites.enumerated() {
            guard let site else { continue }
            let (cx, cy) = place(site)
            content.append("<rect class=\"site\"" + HTML.attributes([
                "x": HumanFormat.svg(cx - 5), "y": HumanFormat.svg(cy - 5), "width": "10", "height": "10",
                "fill": palette.colors[c], "stroke": "#ffffff", "stroke-width": "1",
                "data-community": problem.communities[c].id,
            ]) + "><title>\(HTML.escape(problem.communities[c].name))</title></rect>")
            let name = HTML.truncated(problem.communities[c].name, 6)
            // Labels near the right edge go to the left of their square, so they stay inside.
            let right = cx > width - 80
            let textWidth = Double(name.count) * 11
            let box = right ? (x0: cx - 7 - textWidth, y0: cy - 7, x1: cx - 7, y1: cy + 6)
                : (x0: cx + 7, y0: cy - 7, x1: cx + 7 + textWidth, y1: cy + 6)
            guard !placed.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) else {
                continue
            }
            placed.append(box)
            content.append("<text class=\"site-label\" x=\"\(HumanFormat.svg(right ? cx - 7 : cx + 7))\" y=\"\(HumanFormat.svg(cy + 4))\"\(right ? " text-anchor=\"end\"" : "") font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
                + HTML.escape(name) + "</text>")
        }
        let svg = SVGChart.svg(width: width, height: height, cssClass: "map", label: "社区与包联单位的位置", content)
        var notes: [String] = []
        let missingSites = sites.filter { $0 == nil }.count, missingUnits = units.filter { $0 == nil }.count
        if missingSites > 0 { notes.append("\(missingSites) 个社区没有同类坐标，未画出") }
        if missingUnits > 0 { notes.append("\(missingUnits) 个单位没有同类坐标，未画出") }
        var legendItems = [
            HTML.text("span", "方块：社区（联盟颜色）"), SVGChart.swatch("#374151", "圆点：单位"),
            HTML.text("span", "细线：成员单位；粗线：牵头单位"),
        ]
        if !palette.streetHues.isEmpty { legendItems.append(HTML.text("span", "虚线框：街道")) }
        if !notes.isEmpty { legendItems.append(HTML.text("span", notes.joined(separator: "；"))) }
        let alliances = problem.communities.indices.filter { sites[$0] != nil }.map { c in
            HTML.element("span", ["data-community": problem.communities[c].id],
                         HTML.element("span", ["class": "swatch", "style": "background: \(palette.colors[c])"])
                             + HTML.escape(problem.communities[c].name))
        }
        let projection = kindIsPlanar ? "平面坐标（公里）" : "经纬度，简单投影"
        return HTML.element("figure", ["id": "assignment-map"],
                            HTML.element("figcaption", [:], "包联地图 " + HTML.text("span", ["class": "note"], "（\(projection)；每条线是一对包联，颜色是联盟）"))
                                + HTML.element("div", ["class": "scroll"], svg)
                                + HTML.element("div", ["class": "legend"], legendItems.joined())
                                + HTML.element("div", ["class": "legend alliances"], alliances.joined()))
    }

    /// Each street's outline: the convex hull of its drawn communities, each taken as a small
    /// octagon around its square so that a street of one or two communities is outlined too;
    /// filled faintly and edged dashed in the street's hue, named at its top.
    private func streetOutlines(palette: AlliancePalette, sites: [(x: Double, y: Double)?],
                                place: ((x: Double, y: Double)) -> (x: Double, y: Double)) -> [String] {
        let communities = report.problem.communities
        var outlines: [String] = [], labels: [String] = []
        for (street, hue) in palette.streetHues {
            let points = communities.indices.filter { communities[$0].street == street }.compactMap { sites[$0] }.map(place)
            guard !points.isEmpty else { continue }
            let radius = 12.0
            let padded = points.flatMap { p in
                (0..<8).map { k -> (x: Double, y: Double) in
                    let angle = Double(k) * .pi / 4
                    return (p.x + radius * cos(angle), p.y + radius * sin(angle))
                }
            }
            let hull = AlliancePalette.convexHull(padded)
            let color = AlliancePalette.hex(hue: hue, saturation: 0.6, lightness: 0.45)
            outlines.append("<polygon class=\"street\"" + HTML.attributes([
                "points": hull.map { "\(HumanFormat.svg($0.x)),\(HumanFormat.svg($0.y))" }.joined(separator: " "),
                "fill": color, "fill-opacity": "0.07", "stroke": color, "stroke-width": "1", "stroke-dasharray": "4 3",
                "data-street": street,
            ]) + "><title>\(HTML.escape(street))</title></polygon>")
            let top = hull.min { $0.y < $1.y }!
            labels.append("<text class=\"street-label\"" + HTML.attributes([
                "x": HumanFormat.svg(top.x), "y": HumanFormat.svg(max(11, top.y - 3)), "text-anchor": "middle",
                "font-size": "11", "style": "fill: \(color)", "stroke": "#ffffff", "stroke-width": "3",
                "paint-order": "stroke",
            ]) + ">" + HTML.escape(HTML.truncated(street, 8)) + "</text>")
        }
        return outlines + labels
    }
}
