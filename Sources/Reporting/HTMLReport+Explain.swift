import CCHCCore

// MARK: - "Why this rank": each commune's score, indicator by indicator

extension HTMLReport {
    /// One collapsible `<details>` per commune in ranking order: each targeted indicator's value,
    /// target, attainment, weight, the points it contributes to the total and the points lost.
    /// The summary line alone (printed when the page is printed) names where most points were lost.
    static func explanationSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        w.element("p", class: "note", text: "Bấm vào tên xã, phường để xem chi tiết. Điểm đóng góp của một chỉ tiêu "
            + "= 100 × trọng số × mức đạt / tổng trọng số các chỉ tiêu được giao; điểm tổng là tổng các điểm đóng góp.")
        let cells = ExplainCells(report)
        for unit in report.units { explanation(of: unit, report: report, cells: cells, into: &w) }
    }

    /// The cells of the explanation rows that depend only on the indicator or the status, written
    /// once per page rather than once per row (a page has thousands of rows, a few dozen indicators).
    struct ExplainCells {
        /// By indicator position: `<td>name</td><td class="c">domain</td>`; nil when the indicator
        /// has no name, whose rows print their own code.
        let indicators: [[UInt8]?]
        /// By `IndicatorStatus.allCases` position.
        let statuses: [[UInt8]]

        init(_ report: ProvinceReport) {
            indicators = report.indicators.map { indicator in
                guard let indicator, !indicator.nameVi.isEmpty else { return nil }
                var w = HTMLWriter()
                w.td(indicator.nameVi)
                w.td(String(indicator.domain), "c")
                return w.bytes
            }
            statuses = IndicatorStatus.allCases.map { status in
                var w = HTMLWriter()
                w.td("c") { $0.span(statusWord(status), status.rawValue) }
                return w.bytes
            }
        }

        func status(_ status: IndicatorStatus) -> [UInt8] {
            switch status {
            case .met: statuses[0]
            case .missed: statuses[1]
            case .missing: statuses[2]
            }
        }
    }

    static func explanation(of unit: UnitScore, report: ProvinceReport, cells: ExplainCells, into w: inout HTMLWriter) {
        let name = report.context.name(unit.unitCode)
        guard unit.status == .ranked, let score = unit.score else {
            let why = unit.status == .notSubmitted ? "chưa nộp báo cáo kỳ này nên không được xếp hạng"
                : "không có chỉ tiêu nào được giao trong năm nên không được xếp hạng"
            return w.element("details") { $0.element("summary", text: "\(name) (\(unit.unitCode)): \(why).") }
        }
        let breakdown = report.breakdown(unit.unitCode)
        let lines = ProvinceReport.sortedByLoss(breakdown)
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
                    let unit = report.indicators[line.indicator]?.unit
                    w.tr { w in
                        if let head = cells.indicators[line.indicator] {
                            w.written(head)
                        } else {
                            w.td(s.indicatorCode)
                            w.td(report.indicators[line.indicator].map { String($0.domain) } ?? "", "c")
                        }
                        w.element("td", fixedClass: "num") { ProvinceReport.writeValue(s.value, unit: unit, into: &$0) }
                        w.element("td", fixedClass: "num") { w in
                            ProvinceReport.writeValue(s.target, unit: unit, into: &w)
                            if s.targetScope == .commune { w.literal(" (riêng xã)") }
                        }
                        w.element("td", fixedClass: "num") { w in
                            w.number(100 * s.attainment)
                            w.literal(" %")
                        }
                        w.element("td", fixedClass: "num") { $0.number(s.weight) }
                        w.element("td", fixedClass: "num") { $0.score(line.points) }
                        w.element("td", fixedClass: "num") { w in
                            if line.lost > 0 {
                                w.literal("−")
                                w.score(line.lost)
                            }
                        }
                        w.written(cells.status(s.status))
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
