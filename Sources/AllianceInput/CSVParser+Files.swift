import AllianceModel
import Foundation

extension CSVParser {
    /// Reads a list file as a stream: decodes `source` as `choice` says, chunk by chunk, and parses
    /// the text as it is decoded, so reading holds one chunk of the file plus the records, never the
    /// whole file. Records, syntax errors and decoding errors are those of the whole file.
    static func parse(_ source: ByteSource, file: String, choice: EncodingChoice,
                      separator: Character = ",") throws(InputError) -> (result: CSVParseResult, encoding: TextEncoding) {
        try CSVFileDecoder.read(source, file: file, choice: choice) { decoder in
            parse(&decoder, file: file, separator: separator)
        }
    }

    /// Reads the CSV file at `url` as a stream, exactly as the list readers do (messages name it
    /// `file`, by default its last path component). Public for tools that time the reader, such as
    /// the micro-benchmarks.
    public static func parse(contentsOf url: URL, file: String? = nil, choice: EncodingChoice = .auto,
                             separator: Character = ",") throws(InputError) -> (result: CSVParseResult, encoding: TextEncoding) {
        try parse(ByteSource(file: url), file: file ?? url.lastPathComponent, choice: choice, separator: separator)
    }
}
