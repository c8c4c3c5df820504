import AllianceKit
import Foundation

/// An error a request ends with: its HTTP status and the message of the JSON body
/// `{"error": message}`. Handlers throw it; `JSONErrorMiddleware` turns it into the response.
struct APIError: Error, Sendable {
    var status: Int
    var message: String

    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    static func notFound(_ what: String) -> APIError { APIError(404, "\(what) not found") }
    static func badRequest(_ message: String) -> APIError { APIError(400, message) }
    static func unprocessable(_ message: String) -> APIError { APIError(422, message) }
    static func conflict(_ message: String) -> APIError { APIError(409, message) }
}

/// Input errors of uploaded lists (or of a solve's options), answered `422` with one entry per
/// error: where (`file:line:column`, or `workbook:sheet!cell`) and what.
struct InputErrorsResponse: Error, Sendable {
    struct Entry: Codable, Sendable, Equatable {
        var location: String
        var message: String
    }

    var entries: [Entry]

    init(_ errors: InputErrors) {
        entries = errors.errors.map { Entry(location: $0.location.description, message: $0.message) }
    }

    init(location: String, message: String) {
        entries = [Entry(location: location, message: message)]
    }

    /// The entries with the stored file's name (`lists.xlsx`) or `upload` at the start of a
    /// location replaced by the name the user's file had, so messages point at their file.
    func naming(_ stored: [String], as name: String) -> InputErrorsResponse {
        var copy = self
        for i in copy.entries.indices {
            for prefix in stored where copy.entries[i].location.hasPrefix(prefix) {
                copy.entries[i].location = name + copy.entries[i].location.dropFirst(prefix.count)
                break
            }
        }
        return copy
    }
}
