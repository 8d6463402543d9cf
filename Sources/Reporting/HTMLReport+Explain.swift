import CCHCCore

// MARK: - "Why this rank": each commune's score, indicator by indicator

extension HTMLReport {
    /// One collapsible `<details>` per commune in ranking order: each targeted indicator's value,
    /// target, attainment, weight, the points it contributes to the total and the points lost.
    /// The summary line alone (printed when the page is printed) names where most points were lost.
    static func explanationSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        w.element("p", class: "note", text: "Bấm vào tên xã, phường để xem chi tiết. Điểm đóng góp của một chỉ tiêu "
            + "= 100 × trọng số × mức đạt / tổng trọng số các chỉ tiêu được giao; điểm tổng là tổng các điểm đóng góp.")
        for unit in report.units { explanation(of: unit, report: report, into: &w) }
    }

    static func explanation(of unit: UnitScore, report: ProvinceReport, into w: inout HTMLWriter) {
        let name = report.context.name(unit.unitCode)
        guard unit.status == .ranked, let score = unit.score else {
            let why = unit.status == .notSubmitted ? "chưa nộp báo cáo kỳ này nên không được xếp hạng"
                : "không có chỉ tiêu nào được giao trong năm nên không được xếp hạng"
            return w.element("details") { $0.element("summary", text: "\(name) (\(unit.unitCode)): \(why).") }
        }
        // Largest loss of points first, then indicator code.
        let breakdown = report.breakdown(unit.unitCode)
        let lines = breakdown.sorted { ($1.lost, $0.score.indicatorCode) < ($0.lost, $1.score.indicatorCode) }
        var summary = "Hạng \(unit.rank.map(String.init) ?? "") — \(name) (\(unit.unitCode)): \(VietnameseFormat.score(score)) điểm"
        if let worst = lines.first, worst.lost > 0 {
            summary += "; mất nhiều điểm nhất ở “\(report.context.indicatorName(worst.score.indicatorCode))” "
                + "(−\(VietnameseFormat.score(worst.lost)) điểm)"
        } else {
            summary += "; đạt trọn điểm mọi chỉ tiêu"
        }
        w.element("details", [("id", "xa-" + unit.unitCode)]) { w in
            w.element("summary", text: summary + ".")
            w.table("explain", rowCount: lines.count, head: { w in
                for heading in ["Chỉ tiêu", "LV", "Kết quả", "Kế hoạch", "Mức đạt", "Trọng số", "Điểm đóng góp", "Điểm bị mất", "Tình trạng"] {
                    w.th(heading)
                }
            }, rows: { w in
                for line in lines {
                    let s = line.score
                    let scope = s.targetScope == .commune ? " (riêng xã)" : ""
                    let indicator = report.context.indicators[s.indicatorCode]
                    w.tr { w in
                        w.td(ReportContext.indicatorName(s.indicatorCode, indicator))
                        w.td(indicator.map { String($0.domain) } ?? "", "c")
                        w.td(report.valueText(s.value, unit: indicator?.unit), "num")
                        w.td(report.valueText(s.target, unit: indicator?.unit) + scope, "num")
                        w.td(VietnameseFormat.number(100 * s.attainment) + " %", "num")
                        w.td(VietnameseFormat.number(s.weight), "num")
                        w.td(VietnameseFormat.score(line.points), "num")
                        w.td(line.lost > 0 ? "−" + VietnameseFormat.score(line.lost) : "", "num")
                        w.td("c") { $0.span(statusWord(s.status), s.status.rawValue) }
                    }
                }
            }, foot: { w in
                w.td("Điểm tổng")
                for _ in 0..<4 { w.td("") }
                w.td(VietnameseFormat.number(breakdown.map(\.score.weight).reduce(0, +)), "num")
                w.td(VietnameseFormat.score(score), "num")
                w.td("")
                w.td("")
            })
        }
    }

    static func statusWord(_ status: IndicatorStatus) -> String {
        switch status {
        case .met: "Đạt"
        case .missed: "Chưa đạt"
        case .missing: "Không báo cáo"
        }
    }
}
