import AllianceModel

/// Splits the communities of a problem into blocks for `StreetDecomposition`: one block per
/// street (街道), in order of the street's first community; communities without a street form
/// one more block at the end. A block larger than `maxBlockSize` is cut into pieces of at most
/// that many communities — by coordinates (recursive halving along the wider side, so each
/// piece is compact on the map) when every community of the block has a planar or geographic
/// location, else by listed order. Every community lands in exactly one block, and a block
/// never mixes streets. The same problem always gives the same blocks.
public enum StreetBlocks {
    /// Default largest block: small enough for a sub-problem to solve in a second or two.
    public static let defaultMaxBlockSize = 60

    /// The blocks, each a list of community indices in increasing order.
    public static func split(_ communities: [Community], maxBlockSize: Int = defaultMaxBlockSize) -> [[Int]] {
        let limit = max(1, maxBlockSize)
        var streets: [String] = []
        var members: [String: [Int]] = [:]
        var unnamed: [Int] = []
        for (c, community) in communities.enumerated() {
            guard let street = community.street, !street.isEmpty else {
                unnamed.append(c)
                continue
            }
            if members[street] == nil { streets.append(street) }
            members[street, default: []].append(c)
        }
        var groups = streets.map { members[$0]! }
        if !unnamed.isEmpty { groups.append(unnamed) }
        return groups.flatMap { cut($0, communities: communities, limit: limit) }
    }

    /// Cuts one street's communities into pieces of at most `limit`.
    private static func cut(_ group: [Int], communities: [Community], limit: Int) -> [[Int]] {
        guard group.count > limit else { return [group] }
        let points = group.compactMap { c -> (Int, Double, Double)? in
            switch communities[c].location {
            case .planar(let x, let y): return (c, x, y)
            case .geographic(let lat, let lon): return (c, lon, lat)
            case nil: return nil
            }
        }
        let sameKind = Set(group.map { c -> Int in
            switch communities[c].location { case .planar: return 0; case .geographic: return 1; case nil: return 2 }
        }).count == 1
        guard points.count == group.count, sameKind else {
            return stride(from: 0, to: group.count, by: limit).map { Array(group[$0..<min(group.count, $0 + limit)]) }
        }
        let pieces = (group.count + limit - 1) / limit
        return bisect(points, pieces: pieces).map { $0.sorted() }
    }

    /// Recursive coordinate bisection into `pieces` parts of near-equal size (ties by index).
    private static func bisect(_ points: [(Int, Double, Double)], pieces: Int) -> [[Int]] {
        guard pieces > 1, points.count > 1 else { return [points.map(\.0)] }
        let xs = points.map(\.1), ys = points.map(\.2)
        let alongX = xs.max()! - xs.min()! >= ys.max()! - ys.min()!
        let sorted = points.sorted { a, b in
            let (ka, kb) = alongX ? (a.1, b.1) : (a.2, b.2)
            return ka < kb || (ka == kb && a.0 < b.0)
        }
        let leftPieces = pieces / 2
        let split = sorted.count * leftPieces / pieces
        return bisect(Array(sorted[..<split]), pieces: leftPieces)
            + bisect(Array(sorted[split...]), pieces: pieces - leftPieces)
    }
}
