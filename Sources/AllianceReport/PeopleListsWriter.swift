import AllianceModel
import Foundation

extension InstanceWriter {
    /// The stage-3 lists as `members.csv` and `posts.csv`, with the headers the people reader
    /// expects: `id,name,home_community,x,y,skills,capacity,org_id` (`lat,lon` instead of `x,y`
    /// when the members' coordinates are geographic; all four when they mix) and
    /// `id,name,community_id,category,seats,priority,kind`. Skills are joined with `;`.
    public static func peopleFiles(_ lists: PeopleLists) -> [(name: String, contents: Data)] {
        var planar = false, geographic = false
        for member in lists.members {
            switch member.location {
            case .planar?: planar = true
            case .geographic?: geographic = true
            case nil: break
            }
        }
        let columns: [String] = planar && geographic ? ["x", "y", "lat", "lon"] : geographic ? ["lat", "lon"] : ["x", "y"]
        func coordinates(_ location: Location?) -> [String] {
            let (xy, latlon): ([String], [String]) = switch location {
            case .planar(let x, let y)?: ([formatNumber(x), formatNumber(y)], ["", ""])
            case .geographic(let lat, let lon)?: (["", ""], [formatNumber(lat), formatNumber(lon)])
            case nil: (["", ""], ["", ""])
            }
            return planar && geographic ? xy + latlon : geographic ? latlon : xy
        }
        let members = CSVWriter.encode(
            header: ["id", "name", "home_community"] + columns + ["skills", "capacity", "org_id"],
            rows: lists.members.map { m in
                [m.id, m.name, m.homeCommunityID] + coordinates(m.location)
                    + [m.skills.joined(separator: ";"), String(m.capacity), m.orgID ?? ""]
            })
        let posts = CSVWriter.encode(
            header: ["id", "name", "community_id", "category", "seats", "priority", "kind"],
            rows: lists.posts.map { p in
                [p.id, p.name, p.communityID, p.category, String(p.seats), formatNumber(p.priority), p.kind.rawValue]
            })
        return [("members.csv", Data(members.utf8)), ("posts.csv", Data(posts.utf8))]
    }
}
