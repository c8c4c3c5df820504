import Foundation
import PropertyBased
import Testing
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// The readers stream: files are read in chunks, decoded and parsed piece by piece. Whatever the
/// chunk size, the records, syntax errors, encoding and decoding errors must be those of reading
/// the file in one chunk; tiny chunks (1, 2, 3, 7 bytes) put a boundary inside every UTF-8 and
/// GB18030 sequence, every CRLF, every quoted cell and every character.
@Suite struct StreamingReaderTests {
    /// What reading one file gave: its records and syntax errors with the encoding, or the refusal.
    struct Outcome: Equatable, CustomStringConvertible {
        var records: [CSVRecord] = []
        var errors: [InputError] = []
        var encoding: TextEncoding?
        var refusal: InputError?

        var description: String {
            if let refusal { return "refused: \(refusal)" }
            return "\(encoding?.displayName ?? "-") \(records.map { $0.fields.map(\.text) }) \(errors)"
        }
    }

    static func read(_ bytes: [UInt8], choice: EncodingChoice, chunkSize: Int) -> Outcome {
        do {
            let read = try CSVParser.parse(ByteSource(bytes: Data(bytes), chunkSize: chunkSize), file: "t.csv", choice: choice)
            return Outcome(records: read.result.records, errors: read.result.errors, encoding: read.encoding)
        } catch {
            return Outcome(refusal: error)
        }
    }

    /// Reads `bytes` in one chunk and in each of `chunkSizes`, and records any difference.
    static func expectSameInChunks(_ bytes: [UInt8], choices: [EncodingChoice] = EncodingChoice.allCases,
                                   chunkSizes: [Int] = [1, 2, 3, 7], _ name: String = "") {
        for choice in choices {
            let whole = read(bytes, choice: choice, chunkSize: max(bytes.count, 1))
            for size in chunkSizes {
                let chunked = read(bytes, choice: choice, chunkSize: size)
                #expect(chunked == whole, "\(name) \(choice), chunks of \(size), bytes \(bytes)")
            }
        }
    }

    // GB18030 bytes (from Python's gb18030 codec): 社区, U+0080 and 😀 (4-byte sequences), the BOM.
    static let gbCommunity: [UInt8] = [0xC9, 0xE7, 0xC7, 0xF8]
    static let gbU0080: [UInt8] = [0x81, 0x30, 0x81, 0x30]
    static let gbGrinning: [UInt8] = [0x94, 0x39, 0xFC, 0x36]
    static let gbBOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func gb18030IsDecodedTheSameInAnyChunks() throws {
        let bytes = Self.gbBOM + Array("id,x\r\n".utf8) + Self.gbCommunity + [0x2C] + Self.gbGrinning + Self.gbU0080
        for size in 1 ... 9 {
            let read = try CSVFileDecoder.decode(ByteSource(bytes: Data(bytes), chunkSize: size), file: "t.csv", choice: .auto)
            #expect(read.text == "id,x\r\n社区,😀\u{80}", "chunks of \(size)")
            #expect(read.encoding == .gb18030)
        }
    }

    @Test func utf8IsDecodedTheSameInAnyChunks() throws {
        let text = "id,名称\r\n社区,😀 e\u{301} 🇨🇳🇯🇵 👨‍👩‍👧\n"
        for size in 1 ... 9 {
            let read = try CSVFileDecoder.decode(ByteSource(bytes: Data(Self.utf8BOM + Array(text.utf8)), chunkSize: size),
                                                 file: "t.csv", choice: .auto)
            #expect(read.text == text, "chunks of \(size)")
            #expect(read.encoding == .utf8)
        }
    }

    /// Pieces split at every scalar: the characters must be those of the whole text, although a
    /// piece may end inside one (CRLF, an accent, a flag, a family emoji, a quote with an accent).
    @Test func charactersAreThoseOfTheWholeTextWhereverPiecesEnd() {
        struct Pieces: TextChunks {
            var pieces: [String]
            mutating func nextText() -> String? { pieces.isEmpty ? nil : pieces.removeFirst() }
        }
        let text = "a\r\nb\"\u{301},e\u{301}\u{302}🇨🇳🇯🇵🇺\r\r\n👨‍👩‍👧x\u{FEFF}"
        let scalars = Array(text.unicodeScalars)
        for size in 1 ... 4 {
            let pieces = stride(from: 0, to: scalars.count, by: size).map { start in
                String(String.UnicodeScalarView(scalars[start ..< min(start + size, scalars.count)]))
            }
            var stream = CharacterStream(Pieces(pieces: pieces))
            var characters: [Character] = []
            while let c = stream.current {
                characters.append(c)
                stream.advance()
            }
            #expect(characters == Array(text), "pieces of \(size) scalars")
        }
    }

    /// Hand-picked edge cases: BOMs, line ends, quotes across boundaries, NUL, bad and truncated bytes.
    @Test func edgeCasesReadTheSameInAnyChunks() {
        let cases: [(String, [UInt8])] = [
            ("BOM, CRLF, quoted line ends", Self.utf8BOM + Array("id,name\r\nC1,\"a\r\nb\"\"c\"\rC2,x\r\n".utf8)),
            ("two BOMs", Self.utf8BOM + Self.utf8BOM + Array("id\nC1\n".utf8)),
            ("BOM in the middle", Array("id,name\nC1,a".utf8) + Self.utf8BOM + Array("b\n".utf8)),
            ("BOM in a quoted cell", Array("id,name\nC1,\"a".utf8) + Self.utf8BOM + Array("\"\n".utf8)),
            ("NUL", Array("id,name\nC1,a\u{0}b\nC2,\"\u{0}\"\n".utf8)),
            ("unterminated quote", Array("id,name\nC1,\"never closed\nC2,x\n".utf8)),
            ("text after quote", Array("id,name\nC1,\"a\" b,c\n".utf8)),
            ("trailing separator", Array("id,name\nC1,".utf8)),
            ("accent after quote", Array("id,name\nC1,\"\u{301}a\"\n".utf8)),
            ("UTF-16 LE", [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00]),
            ("UTF-16 BE", [0xFE, 0xFF, 0x00, 0x69]),
            ("truncated UTF-8 at the end", Array("id\n社".utf8) + [0xE5, 0x8C]),
            ("bad UTF-8 late in a UTF-8 file", Array("id,name\n社区,甲\n社区,乙\n".utf8) + [0xFF] + Array("\n".utf8)),
            ("GB18030 with a BOM", Self.gbBOM + Array("id,name\r\nC1,".utf8) + Self.gbCommunity + Array("\r\n".utf8)),
            ("GB18030 with two BOMs, then a bad byte", Self.gbBOM + Self.gbBOM + Array("id,".utf8) + Self.gbCommunity + [0x80, 0x0A]),
            ("truncated GB18030 at the end", Array("id\n".utf8) + Self.gbCommunity + [0x81, 0x30, 0x81]),
            ("GB18030 4-byte sequences", Array("id,x\n".utf8) + Self.gbGrinning + [0x2C] + Self.gbU0080 + [0x0A]),
            ("neither encoding", Array("id\n社区\n".utf8) + [0xFF, 0xFE, 0x0A]),
            ("empty", []),
            ("only a BOM", Self.utf8BOM),
        ]
        for (name, bytes) in cases {
            Self.expectSameInChunks(bytes, chunkSizes: [1, 2, 3, 4, 5, 7], name)
        }
    }

    /// Every CSV file of the bad-input corpus (70 cases with exact expected locations).
    @Test func corpusFilesReadTheSameInAnyChunks() throws {
        let corpus = Fixtures.root.appendingPathComponent("Tests/AllianceCLITests/Corpus")
        let cases = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        #expect(cases.count >= 40, "the corpus went missing")
        for name in cases {
            let folder = corpus.appendingPathComponent(name)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".csv") {
                let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(file)))
                Self.expectSameInChunks(bytes, "\(name)/\(file)")
            }
        }
    }

    /// Whole folders read with tiny chunks give the same lists (examples) or the same errors (corpus).
    @Test func foldersReadTheSameWithTinyChunks() throws {
        let corpus = Fixtures.root.appendingPathComponent("Tests/AllianceCLITests/Corpus")
        let folders = ["tiny", "tiny-groups", "caofeidian"].map(Fixtures.example)
            + ["bom-in-middle-of-file", "mixed-encodings", "mixed-encodings-auto", "nul-byte-in-cell", "cr-only-line-ends",
               "quote-unterminated", "truncated-utf8-at-end", "utf16-file"].map { corpus.appendingPathComponent($0) }
        for folder in folders where FileManager.default.fileExists(atPath: folder.path) {
            let whole = Self.readFolder(folder, chunkSize: ByteSource.defaultChunkSize)
            for size in [1, 3, 7] {
                #expect(Self.readFolder(folder, chunkSize: size) == whole, "\(folder.lastPathComponent), chunks of \(size)")
            }
        }
    }

    /// A folder's lists (or errors) in a comparable form.
    static func readFolder(_ folder: URL, chunkSize: Int) -> String {
        do {
            let read = try InstanceReader.readFolder(folder, encoding: .auto, chunkSize: chunkSize)
            let i = read.instance
            return "\(i.communities)\n\(i.organizations)\n\(i.needs)\n\(i.resources)\n\(i.projects)\n\(i.pairs)\n"
                + "\(i.warnings)\n\(read.encodings.sorted { $0.key < $1.key })"
        } catch {
            return error.description
        }
    }

    /// Fragments random files are made of: CSV syntax, line ends, multi-byte UTF-8 and GB18030,
    /// combining marks, flags, BOMs, NUL and bytes that are invalid or start a cut sequence.
    static let fragments: [[UInt8]] = [
        [0x2C], [0x2C], [0x22], [0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], Array("C1".utf8), Array("x".utf8),
        Array("社区".utf8), Array("\u{301}".utf8), Array("🇨🇳".utf8), Array("👨‍👩‍👧".utf8), utf8BOM,
        gbCommunity, gbU0080, gbGrinning, gbBOM, [0x00], [0xFF], [0x81], [0x80], [0xE5, 0x8C],
    ]

    @Test func randomFilesReadTheSameInAnyChunks() async {
        let fragment = Gen.int(in: 0 ... Self.fragments.count - 1)
        await propertyCheck(count: 200, input: fragment.array(of: 0 ... 40), Gen.int(in: 1 ... 9),
                            Gen.bool) { picks, size, utf8Only in
            // Half the files keep to valid UTF-8 fragments, so they get past detection and are parsed.
            let allowed = utf8Only ? Array(0 ... 14) : Array(Self.fragments.indices)
            let bytes = picks.flatMap { Self.fragments[allowed[$0 % allowed.count]] }
            Self.expectSameInChunks(bytes, chunkSizes: [size])
        }
    }
}
