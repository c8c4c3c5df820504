import AllianceModel

/// Text that arrives in pieces: what a decoder makes of each chunk of a file, or a whole string.
protocol TextChunks {
    /// The next piece of text; nil at the end (or where decoding stopped).
    mutating func nextText() -> String?
}

/// A string given whole, as one piece.
struct WholeText: TextChunks {
    private var text: String?

    init(_ text: String) { self.text = text }

    mutating func nextText() -> String? {
        defer { text = nil }
        return text
    }
}

/// The characters (grapheme clusters, as Swift counts them) of text that arrives in pieces,
/// exactly as iterating the whole text would give them. A piece may end inside a character (CR
/// before LF, a letter before its combining accent), so the last character of each piece is held
/// back and joined to the next piece before it is counted. Holds one piece's characters at a time.
struct CharacterStream<Source: TextChunks> {
    /// Where the pieces come from; read it after the stream ends to learn why it ended.
    private(set) var source: Source
    private var characters: [Character] = []
    private var index = 0
    /// The last character of the latest piece, which the next piece may still extend.
    private var held = ""
    private var ended = false

    init(_ source: Source) {
        self.source = source
        refill()
    }

    /// The character at the current position; nil at the end.
    var current: Character? { index < characters.count ? characters[index] : nil }

    /// Moves to the next character.
    mutating func advance() {
        guard index < characters.count else { return }
        index += 1
        if index == characters.count { refill() }
    }

    private mutating func refill() {
        characters.removeAll(keepingCapacity: true)
        index = 0
        while !ended {
            guard let piece = source.nextText() else {
                ended = true
                if !held.isEmpty { characters = Array(held) }
                held = ""
                return
            }
            characters = Array(held + piece)
            held = characters.popLast().map(String.init) ?? ""
            if !characters.isEmpty { return }
        }
    }
}
