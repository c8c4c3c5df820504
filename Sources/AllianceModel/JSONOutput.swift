import Foundation

/// The version of this tool: what `alliance --version` prints and what every JSON document the
/// tool writes carries as `"tool_version"`. Raised with each release (CHANGELOG.md).
public enum ToolVersion {
    public static let current = "0.9.0"
}

/// The JSON documents the tool writes for programs. Each carries `"tool_version"` and its own
/// `"schema_version"`; docs/JSON.md describes every field. A schema's version goes up when a
/// field is removed, renamed or changes meaning; adding a field keeps it.
public enum JSONDocumentKind: String, Sendable, CaseIterable {
    /// `plan.json` of `solve`, `export` and the workbench.
    case plan
    /// `compare.json` of `compare`.
    case compare
    /// `claims.json` of `claim` (and of `solve` with projects).
    case claims
    /// `evaluate --json`.
    case evaluation
    /// `diff --json`.
    case diff
    /// `explain --json`.
    case explanation
    /// `suggest --json`.
    case suggestions
    /// `check --json`.
    case check
    /// `solve --json`: the run's summary on stdout.
    case solveSummary = "solve-summary"
    /// `district.json` in each district's folder of a batch (`alliance merge` reads it).
    case district
    /// `shards/shard-I-of-N.json` at the top of a sharded batch's folder.
    case shard
    /// `people.json` of `alliance people` (stage 3).
    case people

    /// The version of this document's schema.
    public var schemaVersion: Int {
        switch self {
        case .plan, .compare, .claims, .evaluation, .diff, .explanation, .suggestions, .check, .solveSummary,
             .district, .shard, .people: 1
        }
    }
}

/// How the tool writes JSON for programs: pretty-printed with sorted keys (the same input gives
/// the same bytes), slashes unescaped, a final newline, and the version stamp added at the top
/// level.
public enum JSONOutput {
    /// `document` as the tool writes it, with `"tool_version"` and `"schema_version"` added
    /// beside its own top-level fields. `document` must encode as a JSON object.
    public static func encode<Document: Encodable>(_ document: Document, as kind: JSONDocumentKind) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Stamped(document: document, kind: kind))
        data.append(0x0A)
        return data
    }

    /// `encode` as text, for printing to stdout (ends in a newline; print it with `terminator: ""`).
    public static func text<Document: Encodable>(_ document: Document, as kind: JSONDocumentKind) throws -> String {
        String(decoding: try encode(document, as: kind), as: UTF8.self)
    }

    /// A document with the version stamp: its own fields, then the two stamp fields in the same
    /// JSON object (JSONEncoder merges keyed containers requested twice at one level).
    private struct Stamped<Inner: Encodable>: Encodable {
        var document: Inner
        var kind: JSONDocumentKind

        private enum StampKeys: String, CodingKey {
            case toolVersion = "tool_version"
            case schemaVersion = "schema_version"
        }

        func encode(to encoder: Encoder) throws {
            try document.encode(to: encoder)
            var container = encoder.container(keyedBy: StampKeys.self)
            try container.encode(ToolVersion.current, forKey: .toolVersion)
            try container.encode(kind.schemaVersion, forKey: .schemaVersion)
        }
    }
}
