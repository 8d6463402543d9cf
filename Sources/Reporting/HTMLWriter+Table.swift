/// Table building blocks for the streamed parts of the reports, the same markup as
/// `HTMLNode+Table`. Cell text is escaped.
extension HTMLWriter {
    /// A header cell; `title` is the tooltip spelling out an abbreviation.
    mutating func th(_ text: String, title: String? = nil) {
        if let title { element("th", [("title", title)], text: text) } else { element("th", text: text) }
    }

    /// A data cell of text with an optional CSS class (`num`, `c`, `code`, a grade class …).
    mutating func td(_ text: String, _ cssClass: String? = nil) {
        element("td", class: cssClass, text: text)
    }

    /// A data cell holding what `body` writes.
    mutating func td(_ cssClass: String? = nil, _ body: (inout HTMLWriter) -> Void) {
        element("td", class: cssClass, body)
    }

    /// A row with an optional CSS class.
    mutating func tr(_ cssClass: String? = nil, _ cells: (inout HTMLWriter) -> Void) {
        element("tr", class: cssClass, cells)
    }

    /// A table whose header repeats on every printed page (`thead`), or a "Không có." line when
    /// `rowCount` is 0. `foot`, when given, follows the body (allowed since HTML5), so that it prints
    /// once, at the end.
    mutating func table(_ cssClass: String? = nil, rowCount: Int, head: (inout HTMLWriter) -> Void,
                        rows: (inout HTMLWriter) -> Void, foot: ((inout HTMLWriter) -> Void)? = nil) {
        guard rowCount > 0 else { return element("p", class: "note", text: "Không có.") }
        open("table", class: cssClass)
        element("thead") { $0.element("tr", head) }
        element("tbody", rows)
        if let foot { element("tfoot") { $0.element("tr", foot) } }
        close("table")
    }

    /// A text span with a CSS class.
    mutating func span(_ text: String, _ cssClass: String) {
        element("span", class: cssClass, text: text)
    }

    /// `<section><h2>heading</h2>…</section>`.
    mutating func section(_ heading: String, _ body: (inout HTMLWriter) -> Void) {
        element("section") { w in
            w.element("h2", text: heading)
            body(&w)
        }
    }

    /// A node built as a tree (the small, shared parts: charts, the national page).
    mutating func node(_ node: HTMLNode) {
        node.render(into: &self)
    }
}
