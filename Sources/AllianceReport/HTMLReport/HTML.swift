import AllianceModel

/// Markup helpers for the HTML report. Everything the report writes goes through these, so
/// text from the spreadsheets (names with `<`, `&`, quotes) can never become markup, and the
/// page stays XHTML-compatible (every element closed, void elements self-closed) so tests can
/// parse it with an XML parser.
enum HTML {
    /// `text` with `& < > " '` replaced by character references, safe in content and in
    /// double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// ` name="value"…` with every value escaped, in the order given (so the bytes are stable).
    static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    /// `<name attributes>content</name>`; `content` is markup (escape text before passing it).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                        _ content: String = "") -> String {
        "<\(name)\(self.attributes(attributes))>\(content)</\(name)>"
    }

    /// An element holding plain text, escaped.
    static func text(_ name: String, _ attributes: KeyValuePairs<String, String>, _ text: String) -> String {
        element(name, attributes, escape(text))
    }

    /// An element without attributes holding plain text, escaped.
    static func text(_ name: String, _ text: String) -> String {
        element(name, [:], escape(text))
    }

    /// A void element written XML-style: `<name attributes/>`.
    static func void(_ name: String, _ attributes: KeyValuePairs<String, String>) -> String {
        "<\(name)\(self.attributes(attributes))/>"
    }

    /// `text` cut to at most `limit` characters, with an ellipsis when cut (for SVG labels,
    /// which cannot wrap). The caller escapes the result.
    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}
