import AllianceModel
import Foundation

/// Numbers as people read them in the report (Chinese text, Western digits): thousands
/// separators, no needless decimals, shares as percentages. SVG coordinates use `svg`.
enum HumanFormat {
    /// At most `decimals` decimals, trailing zeros dropped, thousands separated by commas.
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "—" }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        if integer.count > 4 {
            var grouped = ""
            for (i, digit) in integer.enumerated() {
                if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            integer = grouped
        }
        let result = parts.count > 1 ? integer + "." + parts[1] : integer
        return negative ? "-" + result : result
    }

    /// A share as a percentage with one decimal ("96.3%", "100%"); "<0.1%" for tiny non-zero shares.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "—" }
        if share > 0 && share < 0.0005 { return "<0.1%" }
        return number(share * 100, decimals: 1) + "%"
    }

    /// An objective value: four decimals, as the command line prints it.
    static func objective(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// A coordinate or length in an SVG: one decimal, no trailing ".0".
    static func svg(_ value: Double) -> String {
        var text = String(format: "%.1f", value)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }

    /// Seconds for people: "0.4 秒", "12 秒", "2 分 5 秒".
    static func seconds(_ value: Double) -> String {
        if value < 10 { return number(value, decimals: 1) + " 秒" }
        let whole = Int(value.rounded())
        if whole < 60 { return "\(whole) 秒" }
        return "\(whole / 60) 分 \(whole % 60) 秒"
    }
}
