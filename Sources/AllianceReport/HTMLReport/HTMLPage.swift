import AllianceModel

/// The skeleton every report page shares: XHTML-compatible markup, the Content-Security-Policy
/// that forbids any network load, the inline style sheet, and the fact tiles of a summary.
enum HTMLPage {
    /// A whole page around `body` (markup), titled `title` (plain text).
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8"/>
        \(HTML.void("meta", ["http-equiv": "Content-Security-Policy", "content": PlanHTMLReport.contentSecurityPolicy]))
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        \(HTML.text("title", title))
        <style>
        \(PlanHTMLReport.styleSheet)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A summary tile: a small label above a large value (both plain text).
    static func fact(_ label: String, _ value: String, cssClass: String = "fact") -> String {
        HTML.element("div", ["class": cssClass],
                     HTML.text("span", ["class": "label"], label) + HTML.text("span", ["class": "value"], value))
    }
}
