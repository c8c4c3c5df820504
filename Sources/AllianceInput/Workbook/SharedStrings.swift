import AllianceModel
import Foundation

/// The shared-strings table (`sharedStrings.xml`): the text of every `<si>` item in order, its
/// runs joined, phonetic guides (`<rPh>`, furigana) left out.
final class SharedStrings: WorkbookXMLHandler {
    private(set) var strings: [String] = []
    private let part: String
    private let place: WorkbookPlace
    private let limits: WorkbookLimits
    private var current: String?
    private var inText = false
    private var phoneticDepth = 0
    private var length = 0

    init(_ data: Data, part: String, place: WorkbookPlace, limits: WorkbookLimits) throws(InputError) {
        self.part = part
        self.place = place
        self.limits = limits
        try WorkbookXML.parse(data, part: part, place: place, handler: self)
    }

    func start(_ name: String, _ attributes: [String: String]) throws(InputError) {
        switch name {
        case "si":
            guard strings.count < limits.maxSharedStrings else {
                throw place.error(Message.tooManySharedStrings(part: part, limit: limits.maxSharedStrings).text)
            }
            current = ""
            length = 0
        case "rPh": phoneticDepth += 1
        case "t": inText = current != nil && phoneticDepth == 0
        default: break
        }
    }

    func end(_ name: String) throws(InputError) {
        switch name {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    func text(_ text: String) throws(InputError) {
        guard inText else { return }
        length += text.count
        guard length <= limits.maxStringLength else {
            throw place.error(Message.sharedStringTooLong(index: strings.count, part: part, limit: limits.maxStringLength).text)
        }
        current? += text
    }
}
