import AllianceModel
import Foundation

/// Small pieces shared by the report's SVG charts: axis steps, colours, the `<svg>` wrapper.
enum SVGChart {
    /// A round step (1, 2, 2.5 or 5 × 10^k) giving about `count` intervals up to `maximum`.
    static func niceStep(_ maximum: Double, count: Int = 5) -> Double {
        guard maximum > 0, maximum.isFinite else { return 1 }
        let raw = maximum / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 2.5, 5.0] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }

    /// `<svg>` (inline in HTML, so no namespace declaration — the page names no URL at all) with a viewBox of `width`×`height` and an accessible label.
    static func svg(width: Double, height: Double, cssClass: String, label: String, fixedSize: Bool = false,
                    _ content: [String]) -> String {
        let box = "0 0 \(HumanFormat.svg(width)) \(HumanFormat.svg(height))"
        let open: String
        if fixedSize {
            open = "<svg" + HTML.attributes([
                "class": cssClass, "viewBox": box, "width": HumanFormat.svg(width),
                "height": HumanFormat.svg(height), "role": "img", "aria-label": label]) + ">"
        } else {
            open = "<svg"
                + HTML.attributes(["class": cssClass, "viewBox": box, "role": "img", "aria-label": label]) + ">"
        }
        return open + "\n" + content.joined(separator: "\n") + "\n</svg>"
    }

    /// `<text>` at (x, y) with the given anchor and size; `text` is escaped.
    static func label(_ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                      cssClass: String = "", fill: String? = nil) -> String {
        var attributes = " x=\"\(HumanFormat.svg(x))\" y=\"\(HumanFormat.svg(y))\" font-size=\"\(HumanFormat.svg(size))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if !cssClass.isEmpty { attributes += " class=\"\(cssClass)\"" }
        if let fill { attributes += " style=\"fill: \(fill)\"" }
        return "<text\(attributes)>\(HTML.escape(text))</text>"
    }

    /// A colour between `from` and `to` (RGB hex) at `t` ∈ [0, 1], as `#rrggbb`.
    static func mix(_ from: UInt32, _ to: UInt32, _ t: Double) -> String {
        let t = min(1, max(0, t))
        func channel(_ shift: UInt32) -> Int {
            let a = Double((from >> shift) & 0xff), b = Double((to >> shift) & 0xff)
            return Int((a + (b - a) * t).rounded())
        }
        return String(format: "#%02x%02x%02x", channel(16), channel(8), channel(0))
    }

    /// A legend entry: a coloured square and its words (HTML, below a chart).
    static func swatch(_ color: String, _ words: String) -> String {
        HTML.element("span", [:], HTML.element("span", ["class": "swatch", "style": "background: \(color)"])
            + HTML.escape(words))
    }
}
