import CCHCCore

// MARK: - national.html

extension NationalReport {
    public func html() -> String {
        String(decoding: htmlBytes(), as: UTF8.self)
    }

    /// The page as UTF-8 bytes, streamed: the indicator table has a cell per indicator and province.
    func htmlBytes() -> [UInt8] {
        let title = "So sánh kết quả cải cách hành chính cấp xã giữa các tỉnh — \(scores.period.vietnameseLabel)"
        return HTMLReport.document(title: title) { w in
            w.node(.el("div", [("class", "doc-title")], [
                .el("h1", text: "Báo cáo so sánh"),
                .el("p", text: "Kết quả cải cách hành chính các xã, phường giữa các tỉnh"),
                .el("p", text: "\(scores.period.vietnameseLabel) — lập ngày \(VietnameseFormat.date(asOf))"),
            ]))
            w.section("I. Tổng quan theo tỉnh") { $0.node(overview()) }
            w.section("II. Từng chỉ tiêu: giá trị toàn tỉnh và tỉ lệ xã, phường đạt") { indicatorTable(into: &$0) }
            w.node(.el("footer", [], [.el("p", text: "Chỉ gồm số liệu tổng hợp cấp tỉnh; kết quả từng xã, phường ở báo cáo riêng của mỗi tỉnh. "
                + "Giá trị toàn tỉnh: tỉ lệ chung (tổng tử số / tổng mẫu số) với chỉ tiêu tỉ lệ, tổng hoặc bình quân với chỉ tiêu khác; "
                + "“KH”: chỉ tiêu kế hoạch của tỉnh. Tỉ lệ xã đạt tính trên các xã, phường có chỉ tiêu (xã chưa nộp tính là không báo cáo).")]))
        }
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

    func indicatorTable(into w: inout HTMLWriter) {
        let codes = indicatorCodes
        w.table("national", rowCount: codes.count, head: { w in
            w.th("Chỉ tiêu")
            w.th("LV")
            for province in provinces { w.th(province.name) }
        }, rows: { w in
            for code in codes {
                w.tr { w in
                    w.td(indicatorName(code))
                    w.td(indicators[code].map { String($0.domain) } ?? "", "c")
                    for province in provinces {
                        guard let r = rollup(province.code, code) else {
                            w.td("—", "c")
                            continue
                        }
                        let value = (r.value == nil ? "—" : valueText(r.value, code)) + (r.target.map { " (KH \(valueText($0, code)))" } ?? "")
                        w.td("num") { w in
                            w.element("div", text: value)
                            w.element("div") { w in
                                ShareBar.write(met: r.met, missed: r.missed, missing: r.missing, into: &w)
                                w.text(" " + VietnameseFormat.percent(r.met, of: r.met + r.missed + r.missing) + " xã đạt")
                            }
                        }
                    }
                }
            }
        })
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
