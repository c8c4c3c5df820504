import AllianceModel

/// Where a workbook XML part breaks the rules of XML, and how: a byte offset into the part (turned
/// into a line and column for the message) and the reason in words.
struct XMLSyntaxError: Error, Equatable {
    /// Byte offset of the offending byte or markup in the part.
    var offset: Int
    /// What is wrong; for a refusal, what the part does (`nests elements deeper than 256 levels`).
    var reason: String
    /// True when the XML is well-formed but refused all the same (a document type, nesting beyond
    /// the depth limit), so that the message does not call it malformed.
    var isRefusal = false
}
