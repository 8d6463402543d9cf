/// Table building blocks for the reports. Cell text is `.text`, escaped when rendered.
extension HTMLNode {
    /// A header cell; `title` is the tooltip spelling out an abbreviation.
    static func th(_ text: String, title: String? = nil) -> HTMLNode {
        .el("th", title.map { [("title", $0)] } ?? [], text: text)
    }

    /// A data cell of text with an optional CSS class (`num`, `c`, `code`, a grade class …).
    static func td(_ text: String, _ cssClass: String? = nil) -> HTMLNode {
        .el("td", cssClass.map { [("class", $0)] } ?? [], text: text)
    }

    /// A data cell holding other nodes.
    static func td(_ children: [HTMLNode], _ cssClass: String? = nil) -> HTMLNode {
        .el("td", cssClass.map { [("class", $0)] } ?? [], children)
    }

    /// A row with an optional CSS class.
    static func tr(_ cells: [HTMLNode], _ cssClass: String? = nil) -> HTMLNode {
        .el("tr", cssClass.map { [("class", $0)] } ?? [], cells)
    }

    /// A table whose header repeats on every printed page (`thead`), or a "Không có." line when
    /// there is no row.
    static func table(_ cssClass: String? = nil, head: [HTMLNode], rows: [HTMLNode], foot: [HTMLNode] = []) -> HTMLNode {
        guard !rows.isEmpty else { return .el("p", [("class", "note")], text: "Không có.") }
        var parts: [HTMLNode] = [.el("thead", [], [.el("tr", [], head)]), .el("tbody", [], rows)]
        // After the body (allowed since HTML5), so that it prints once, at the end.
        if !foot.isEmpty { parts.append(.el("tfoot", [], [.el("tr", [], foot)])) }
        return .el("table", cssClass.map { [("class", $0)] } ?? [], parts)
    }

    /// A text span with a CSS class.
    static func span(_ text: String, _ cssClass: String) -> HTMLNode {
        .el("span", [("class", cssClass)], text: text)
    }
}
