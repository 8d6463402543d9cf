import CCHCCore

/// The ranked communes' total scores as a horizontal bar chart in inline SVG, in rank order, each
/// bar coloured by its grade band with the score written beside it (readable in black and white).
enum BarChart {
    static let labelWidth = 230.0
    static let barWidth = 400.0
    static let valueWidth = 56.0
    static let rowHeight = 12.0
    static let top = 40.0
    static let font = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

    static func figure(_ report: ProvinceReport) -> HTMLNode {
        guard !report.ranked.isEmpty else { return .el("p", [("class", "note")], text: "Không có xã, phường nào được xếp hạng.") }
        let width = labelWidth + barWidth + valueWidth
        let height = top + rowHeight * Double(report.ranked.count) + 6
        var children: [HTMLNode] = [.el("title", text: "Điểm tổng của các xã, phường, \(report.context.period.vietnameseLabel)")]
        // The legend, in the bars' own colours.
        for (index, grade) in Grade.allCases.enumerated() {
            let x = Double(index) * width / 5
            children.append(.el("rect", [("x", num(x)), ("y", "2"), ("width", "10"), ("height", "9"), ("fill", grade.fill)]))
            children.append(.el("text", [("x", num(x + 14)), ("y", "10")], text: "\(grade.label) \(grade.shortRange)"))
        }
        for tick in stride(from: 0.0, through: 100.0, by: 25.0) {
            let x = labelWidth + barWidth * tick / 100
            children.append(.el("line", [("x1", num(x)), ("x2", num(x)), ("y1", num(top - 4)), ("y2", num(height - 4)),
                                         ("stroke", tick == 0 ? "#555" : "#d0d0d0"), ("stroke-width", "1")]))
            children.append(.el("text", [("x", num(x)), ("y", num(top - 7)), ("text-anchor", "middle"), ("fill", "#555")],
                                 text: String(Int(tick))))
        }
        for (index, unit) in report.ranked.enumerated() {
            guard let score = unit.score else { continue }
            let y = top + rowHeight * Double(index)
            let grade = Grade(score: score)
            let label = "\(unit.rank.map(String.init) ?? "")  \(truncated(report.context.name(unit.unitCode), to: 36))"
            let length = max(0, min(100, score)) * barWidth / 100
            children.append(.el("g", [], [
                .el("title", text: "\(report.context.name(unit.unitCode)): \(VietnameseFormat.score(score)) điểm — \(grade.label)"),
                .el("text", [("x", num(labelWidth - 6)), ("y", num(y + rowHeight - 3)), ("text-anchor", "end")], text: label),
                .el("rect", [("x", num(labelWidth)), ("y", num(y + 1.5)), ("width", num(length)), ("height", num(rowHeight - 3)),
                             ("fill", grade.fill)]),
                .el("text", [("x", num(labelWidth + length + 4)), ("y", num(y + rowHeight - 3))], text: VietnameseFormat.score(score)),
            ]))
        }
        let svg = HTMLNode.el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(num(width)) \(num(height))"),
                                      ("width", num(width)), ("height", num(height)), ("role", "img"), ("font-family", font),
                                      ("font-size", "9.5")], children)
        return .el("figure", [], [
            svg,
            .el("figcaption", text: "Điểm tổng (thang 100) của \(report.ranked.count) xã, phường được xếp hạng, theo thứ hạng."),
        ])
    }

    /// A coordinate with at most 2 decimals and `.` (SVG syntax, not Vietnamese format).
    /// `Rounding.compact`'s text, made on bytes as the CSV cells are (a bar per indicator per page).
    static func num(_ x: Double) -> String { CSVDialect.standard.compact(x) }

    static func truncated(_ text: String, to limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}

/// A small stacked bar: communes that met (green), missed (red) or did not report (amber) a target.
enum ShareBar {
    /// The bar written straight into the page: one per indicator on each province's page and per
    /// indicator and province on the national one.
    static func write(met: Int, missed: Int, missing: Int, width: Double = 80, height: Double = 9, into w: inout HTMLWriter) {
        let total = Double(met + missed + missing)
        guard total > 0 else { return }
        let widthText = BarChart.num(width), heightText = BarChart.num(height)
        w.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", widthText), ("height", heightText),
                       ("viewBox", "0 0 \(widthText) \(heightText)"), ("role", "img"),
                       ("aria-label", "\(met) đạt, \(missed) chưa đạt, \(missing) không báo cáo")])
        var x = 0.0
        for (count, colour) in [(met, "#2f8a4a"), (missed, "#c0392b"), (missing, "#e0a526")] where count > 0 {
            let length = width * Double(count) / total
            w.open("rect", [("x", BarChart.num(x)), ("y", "0"), ("width", BarChart.num(length)), ("height", heightText), ("fill", colour)])
            w.close("rect")
            x += length
        }
        w.close("svg")
    }
}
