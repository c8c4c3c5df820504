import AllianceKit
import Foundation

/// Reading `members.csv` and `posts.csv` with the tool's own reader (`PeopleReader`), for `people-one`.
enum PeopleListsReading {
    /// The lists in `folder`, checked against the instance's communities and units.
    static func read(folder: URL, instance: Instance) throws -> PeopleLists? {
        try PeopleReader.read(at: folder, communities: instance.communities, organizations: instance.organizations)
    }
}
