import Foundation
import Testing
@testable import AllianceInput
@testable import AllianceModel

/// The byte parser (`CSVByteParser`, the fast path) must give exactly what the character scanner
/// (`CSVParser.parseCharacters`, the reference) gives: the same records, texts, lines, columns
/// (in characters) and errors, wherever the chunks end.
@Suite struct CSVByteParserTests {
    /// Text handed out in the given pieces.
    struct Pieces: TextChunks {
        var pieces: [String]
        mutating func nextText() -> String? { pieces.isEmpty ? nil : pieces.removeFirst() }
    }

    struct Outcome: Equatable, CustomStringConvertible {
        var records: [CSVRecord]
        var errors: [InputError]
        init(_ result: CSVParseResult) {
            records = result.records
            errors = result.errors
        }

        var description: String {
            "\(records.map { $0.fields.map { "\($0.text)@\($0.line):\($0.column)" } + ["end \($0.endLine):\($0.endColumn)"] }) \(errors)"
        }
    }

    static func reference(_ text: String) -> Outcome {
        var source = WholeText(text)
        return Outcome(CSVParser.parseCharacters(&source, file: "t.csv"))
    }

    /// The byte parser on `text` cut into pieces of `size` scalars.
    static func bytewise(_ text: String, piecesOf size: Int) -> Outcome {
        let scalars = Array(text.unicodeScalars)
        var source = Pieces(pieces: stride(from: 0, to: scalars.count, by: size).map { start in
            String(String.UnicodeScalarView(scalars[start ..< min(start + size, scalars.count)]))
        })
        return Outcome(CSVParser.parse(&source, file: "t.csv"))
    }

    /// Separators, quotes, line ends, whitespace (ASCII and not), letters, CJK, a combining accent,
    /// a prepended concatenation mark (U+0600), ZWJ, flags, an emoji, BOM, NUL, full-width forms.
    static let alphabet: [String] = [
        ",", ",", "\"", "\"", "\r", "\n", "\r\n", " ", "\t", "a", "b1", "社", "区", "\u{301}", "\u{600}",
        "\u{200D}", "🇨🇳", "😀", "\u{FEFF}", "\0", "\u{3000}", "\u{A0}", "é", "Ａ", "\u{85}", "\u{302A}",
    ]

    @Test func randomTextsParseAsTheCharacterScannerParsesThem() {
        var generator = SeededGenerator(seed: 15)
        for round in 0 ..< 3000 {
            let length = Int.random(in: 0 ... 24, using: &generator)
            var text = (0 ..< length).map { _ in Self.alphabet.randomElement(using: &generator)! }.joined()
            if round % 5 == 0 { text = "\u{FEFF}" + text }
            let expected = Self.reference(text)
            for size in [1, 2, 3, 1000] {
                let got = Self.bytewise(text, piecesOf: size)
                #expect(got == expected, "\(text.debugDescription) in pieces of \(size) scalars")
                if got != expected { return }
            }
        }
    }

    @Test func charactersJoiningASeparatorOrQuoteAreLeftToTheCharacterScanner() {
        for text in ["id,x\nC1,\u{301}a,b\nC2,c", "id,x\nC1\u{600},b", "id\n\"\u{301}x\"", "id\n\"x\u{600}\"\"y\"",
                     "id\n\"x\"\u{301}", "a,b\n\"q\"\u{302A} ,z\n"] {
            for size in [1, 2, 1000] {
                #expect(Self.bytewise(text, piecesOf: size) == Self.reference(text), "\(text.debugDescription)")
            }
        }
        // A combining accent after the separator makes one character that is not a separator.
        let fields = CSVParser.parse("a,\u{301}b,c", file: "t.csv").records[0].fields
        #expect(fields.map(\.text) == ["a,\u{301}b", "c"])
        #expect(fields.map(\.column) == [1, 5])
    }

    static func readFile(_ bytes: [UInt8], chunkSize: Int) throws -> CSVParseResult {
        try CSVParser.parse(ByteSource(bytes: Data(bytes), chunkSize: chunkSize), file: "t.csv", choice: .auto).result
    }

    @Test func cellsLineEndsAndCharactersSpanningChunksAreWhole() throws {
        // A quoted cell over many chunks, 社 (3 bytes) and CRLF cut by every chunk size.
        let long = String(repeating: "x,y\r\n", count: 20_000)
        let text = "id,name\r\nC1,\"\(long)\"\r\nC2,社区一\r\nC3,\t ｘ社 \r\n"
        for size in [1, 2, 3, 5, 64, 4096, 65536] {
            let result = try Self.readFile(Array(text.utf8), chunkSize: size)
            #expect(result.errors.isEmpty)
            #expect(result.records.map { $0.fields.map(\.text) } ==
                [["id", "name"], ["C1", long.replacingOccurrences(of: "\r\n", with: "\n")], ["C2", "社区一"], ["C3", "ｘ社"]],
                "chunks of \(size)")
            #expect(result.records.map(\.line) == [1, 2, 20_003, 20_004], "chunks of \(size)")
            #expect(result.records[3].fields[1].column == 6, "chunks of \(size)")
            #expect(result.records[2].endColumn == 7, "chunks of \(size)")
        }
    }

    @Test func invalidUTF8IsLocatedInCharacters() throws {
        // 社区 is 2 characters (6 bytes): the bad byte is line 2, column 6 (after "C1,社区").
        let bytes = Array("id,name\nC1,社区".utf8) + [0xFF] + Array("\n".utf8)
        for size in [1, 2, 7, 4096] {
            #expect(throws: InputError.self) {
                try CSVParser.parse(ByteSource(bytes: Data(bytes), chunkSize: size), file: "t.csv", choice: .utf8)
            }
            do {
                _ = try CSVParser.parse(ByteSource(bytes: Data(bytes), chunkSize: size), file: "t.csv", choice: .utf8)
            } catch {
                #expect(error.location.line == 2 && error.location.column == 6, "chunks of \(size): \(error)")
            }
        }
    }

    @Test func aSeparatorOtherThanOneASCIIByteUsesTheCharacterScanner() {
        #expect(CSVByteParser<WholeText>.byte(of: ",") == 0x2C)
        #expect(CSVByteParser<WholeText>.byte(of: "\t") == 0x09)
        #expect(CSVByteParser<WholeText>.byte(of: "，") == nil)
        #expect(CSVByteParser<WholeText>.byte(of: "\"") == nil)
        #expect(CSVByteParser<WholeText>.byte(of: "\r\n") == nil)
        let fields = CSVParser.parse("a，b\n", file: "t.csv", separator: "，").records[0].fields
        #expect(fields.map(\.text) == ["a", "b"])
        #expect(fields.map(\.column) == [1, 3])
    }
}
