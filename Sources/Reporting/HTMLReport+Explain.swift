import CCHCCore

// MARK: - "Why this rank": each commune's score, indicator by indicator

extension HTMLReport {
    /// One collapsible `<details>` per commune in ranking order: each targeted indicator's value,
    /// target, attainment, weight, the points it contributes to the total and the points lost.
    /// The summary line alone (printed when the page is printed) names where most points were lost.
    static func explanationSection(_ report: ProvinceReport) -> [HTMLNode] {
        let intro = HTMLNode.el("p", [("class", "note")], text: "Bấm vào tên xã, phường để xem chi tiết. Điểm đóng góp của một chỉ tiêu "
            + "= 100 × trọng số × mức đạt / tổng trọng số các chỉ tiêu được giao; điểm tổng là tổng các điểm đóng góp.")
        return [intro] + report.units.map { explanation(of: $0, report: report) }
    }

    static func explanation(of unit: UnitScore, report: ProvinceReport) -> HTMLNode {
        let name = report.context.name(unit.unitCode)
        guard unit.status == .ranked, let score = unit.score else {
            let why = unit.status == .notSubmitted ? "chưa nộp báo cáo kỳ này nên không được xếp hạng"
                : "không có chỉ tiêu nào được giao trong năm nên không được xếp hạng"
            return .el("details", [], [.el("summary", text: "\(name) (\(unit.unitCode)): \(why).")])
        }
        let lines = report.breakdown(unit.unitCode)
        var summary = "Hạng \(unit.rank.map(String.init) ?? "") — \(name) (\(unit.unitCode)): \(VietnameseFormat.score(score)) điểm"
        let worst = lines.filter { $0.lost > 0 }.sorted { ($1.lost, $0.score.indicatorCode) < ($0.lost, $1.score.indicatorCode) }
        if let first = worst.first {
            summary += "; mất nhiều điểm nhất ở “\(report.context.indicatorName(first.score.indicatorCode))” "
                + "(−\(VietnameseFormat.score(first.lost)) điểm)"
        } else {
            summary += "; đạt trọn điểm mọi chỉ tiêu"
        }
        let head: [HTMLNode] = [.th("Chỉ tiêu"), .th("LV"), .th("Kết quả"), .th("Kế hoạch"), .th("Mức đạt"), .th("Trọng số"),
                                .th("Điểm đóng góp"), .th("Điểm bị mất"), .th("Tình trạng")]
        let rows = lines.sorted { ($1.lost, $0.score.indicatorCode) < ($0.lost, $1.score.indicatorCode) }.map { line -> HTMLNode in
            let s = line.score
            let scope = s.targetScope == .commune ? " (riêng xã)" : ""
            return .tr([
                .td(report.context.indicatorName(s.indicatorCode)),
                .td(report.context.indicators[s.indicatorCode].map { String($0.domain) } ?? "", "c"),
                .td(report.valueText(s.value, indicator: s.indicatorCode), "num"),
                .td(report.valueText(s.target, indicator: s.indicatorCode) + scope, "num"),
                .td(VietnameseFormat.number(100 * s.attainment) + " %", "num"),
                .td(VietnameseFormat.number(s.weight), "num"),
                .td(VietnameseFormat.score(line.points), "num"),
                .td(line.lost > 0 ? "−" + VietnameseFormat.score(line.lost) : "", "num"),
                .td([.span(statusWord(s.status), s.status.rawValue)], "c"),
            ])
        }
        let foot: [HTMLNode] = [.td("Điểm tổng"), .td(""), .td(""), .td(""), .td(""),
                                .td(VietnameseFormat.number(lines.map(\.score.weight).reduce(0, +)), "num"),
                                .td(VietnameseFormat.score(score), "num"), .td(""), .td("")]
        return .el("details", [("id", "xa-\(unit.unitCode)")], [
            .el("summary", text: summary + "."),
            .table("explain", head: head, rows: rows, foot: foot),
        ])
    }

    static func statusWord(_ status: IndicatorStatus) -> String {
        switch status {
        case .met: "Đạt"
        case .missed: "Chưa đạt"
        case .missing: "Không báo cáo"
        }
    }
}
