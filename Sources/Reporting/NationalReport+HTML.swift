import CCHCCore

// MARK: - national.html

extension NationalReport {
    public func html() -> String {
        let title = "So sánh kết quả cải cách hành chính cấp xã giữa các tỉnh — \(scores.period.vietnameseLabel)"
        return HTMLReport.document(title: title, body: [
            .el("div", [("class", "doc-title")], [
                .el("h1", text: "Báo cáo so sánh"),
                .el("p", text: "Kết quả cải cách hành chính các xã, phường giữa các tỉnh"),
                .el("p", text: "\(scores.period.vietnameseLabel) — lập ngày \(VietnameseFormat.date(asOf))"),
            ]),
            HTMLReport.section("I. Tổng quan theo tỉnh", [overview()]),
            HTMLReport.section("II. Từng chỉ tiêu: giá trị toàn tỉnh và tỉ lệ xã, phường đạt", indicatorTable()),
            .el("footer", [], [.el("p", text: "Chỉ gồm số liệu tổng hợp cấp tỉnh; kết quả từng xã, phường ở báo cáo riêng của mỗi tỉnh. "
                + "Giá trị toàn tỉnh: tỉ lệ chung (tổng tử số / tổng mẫu số) với chỉ tiêu tỉ lệ, tổng hoặc bình quân với chỉ tiêu khác; "
                + "“KH”: chỉ tiêu kế hoạch của tỉnh. Tỉ lệ xã đạt tính trên các xã, phường có chỉ tiêu (xã chưa nộp tính là không báo cáo).")]),
        ])
    }

    func overview() -> HTMLNode {
        let head: [HTMLNode] = [.th("Mã"), .th("Tỉnh"), .th("Số xã, phường"), .th("Được xếp hạng"), .th("Điểm bình quân"),
                                .th("Đạt tất cả chỉ tiêu")]
        let rows = summaries.map { s -> HTMLNode in
            .tr([.td(s.province.code, "code"), .td(s.province.name), .td(String(s.communes), "num"), .td(String(s.ranked), "num"),
                 s.meanScore.map { .td(VietnameseFormat.score($0), "num \(Grade(score: $0).cssClass)") } ?? .td("", "num"),
                 .td(s.ranked > 0 ? "\(s.metAll) (\(VietnameseFormat.percent(s.metAll, of: s.ranked)))" : "", "num")])
        }
        return .table("national-overview", head: head, rows: rows)
    }

    func indicatorTable() -> [HTMLNode] {
        let head: [HTMLNode] = [.th("Chỉ tiêu"), .th("LV")] + provinces.map { .th($0.name) }
        let rows = indicatorCodes.map { code -> HTMLNode in
            let cells = provinces.map { province -> HTMLNode in
                guard let r = rollup(province.code, code) else { return .td("—", "c") }
                let value = (r.value == nil ? "—" : valueText(r.value, code)) + (r.target.map { " (KH \(valueText($0, code)))" } ?? "")
                return .td([.el("div", [], text: value),
                            .el("div", [], [ShareBar.node(met: r.met, missed: r.missed, missing: r.missing),
                                            .text(" " + VietnameseFormat.percent(r.met, of: r.met + r.missed + r.missing) + " xã đạt")])],
                           "num")
            }
            return .tr([.td(indicatorName(code)), .td(indicators[code].map { String($0.domain) } ?? "", "c")] + cells)
        }
        return [.table("national", head: head, rows: rows)]
    }

    func valueText(_ value: Double?, _ code: String) -> String {
        guard let value else { return "" }
        switch indicators[code]?.unit {
        case .percent: return VietnameseFormat.number(value) + " %"
        case .boolean: return value >= 1 ? "Có" : "Không"
        default: return VietnameseFormat.number(value)
        }
    }
}
