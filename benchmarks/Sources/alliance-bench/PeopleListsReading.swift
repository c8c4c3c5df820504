import AllianceKit
import Foundation

/// Reading `members.csv` and `posts.csv` with the tool's own reader, for `people-one`.
enum PeopleListsReading {
    /// The lists in `folder`, or nil when this build has no people reader (then `people-one`
    /// regenerates them and leaves reading out of the timings).
    static func read(folder: URL, instance: Instance) throws -> PeopleLists? {
        nil
    }
}
