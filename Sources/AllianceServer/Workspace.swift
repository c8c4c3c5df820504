import AllianceKit
import Foundation

/// The data folder: `projects/<id>/` for each project (`ProjectStore`), opened on first use
/// after a restart. Project ids are generated here (random hex), never taken from an upload,
/// and a requested id that is not of that shape is "not found" before any path is built.
actor Workspace {
    let root: URL
    private var projects: [String: ProjectStore] = [:]

    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("projects", isDirectory: true),
                                                withIntermediateDirectories: true)
    }

    private func folder(_ id: String) -> URL {
        root.appendingPathComponent("projects", isDirectory: true).appendingPathComponent(id, isDirectory: true)
    }

    /// A fresh project folder's id.
    private func freshID() -> String {
        var id = Self.newID()
        while FileManager.default.fileExists(atPath: folder(id).path) { id = Self.newID() }
        return id
    }

    /// The project of an upload; lists with a `district` column become one project per
    /// district (in the order of the lists), each holding its district's share as CSV lists,
    /// as `alliance solve` plans them one by one.
    func create(upload: Data, name: String? = nil) async throws -> [(district: String?, store: ProjectStore)] {
        let id = freshID()
        do {
            let store = try await ProjectStore.create(id: id, folder: folder(id), upload: upload, name: name)
            projects[id] = store
            return [(nil, store)]
        } catch let lists as DistrictLists {
            let districts: [DistrictInstance]
            do {
                districts = try DistrictSplit.split(lists.instance).districts
            } catch {
                throw InputErrorsResponse(error)
            }
            var created: [(String?, ProjectStore)] = []
            do {
                for district in districts {
                    let id = freshID()
                    let csv = try Upload.zip(of: district.instance)
                    let store = try await ProjectStore.create(id: id, folder: folder(id), upload: csv,
                                                              name: "\(name ?? "名单") · \(district.name)")
                    projects[id] = store
                    created.append((district.name, store))
                }
            } catch {
                // All or nothing: the districts made so far go again.
                for (_, store) in created {
                    projects[store.id] = nil
                    try? FileManager.default.removeItem(at: folder(store.id))
                }
                throw InputErrorsResponse(error)
            }
            return created
        }
    }

    func project(_ id: String) async throws -> ProjectStore {
        if let store = projects[id] { return store }
        guard Self.isID(id), FileManager.default.fileExists(atPath: folder(id).appendingPathComponent("input").path) else {
            throw APIError.notFound("project \(id)")
        }
        let store = try await ProjectStore.open(id: id, folder: folder(id))
        projects[id] = store
        return store
    }

    /// Every project of the data folder (opened as needed), oldest first; a folder that cannot
    /// be opened any more (lists edited by hand) is left out.
    func summaries() async -> [ProjectSummary] {
        let folder = root.appendingPathComponent("projects", isDirectory: true)
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(Self.isID)
        var summaries: [ProjectSummary] = []
        for id in ids {
            guard let store = try? await project(id) else { continue }
            summaries.append(await store.summary())
        }
        return summaries.sorted { ($0.created ?? "", $0.id) < ($1.created ?? "", $1.id) }
    }

    /// 16 lowercase hex digits.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%016llx", generator.next() as UInt64)
    }

    static func isID(_ text: String) -> Bool {
        text.count == 16 && text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
