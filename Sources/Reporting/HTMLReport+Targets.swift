import CCHCCore

// MARK: - Missed targets, the province roll-up, rejected files

extension HTMLReport {
    /// Who missed which target and by how much: one row per commune with a missed or missing target,
    /// in ranking order, its misses listed from the largest loss of points down. Every pair is also
    /// in `missed-targets.csv`.
    static func missedSection(_ report: ProvinceReport) -> [HTMLNode] {
        let head: [HTMLNode] = [.th("Hạng"), .th("Xã, phường"), .th("Số chỉ tiêu"),
                                .th("Chỉ tiêu chưa đạt: kết quả / kế hoạch (mức chưa đạt)")]
        var pairs = 0
        let rows = report.units.compactMap { u -> HTMLNode? in
            let misses = report.breakdown(u.unitCode).filter { $0.score.status != .met }
                .sorted { ($1.lost, $0.score.indicatorCode) < ($0.lost, $1.score.indicatorCode) }
            guard !misses.isEmpty else { return nil }
            pairs += misses.count
            let items = misses.map { line -> HTMLNode in
                let s = line.score
                let figures = s.value == nil ? "" : " \(report.valueText(s.value, indicator: s.indicatorCode))"
                    + " / \(report.valueText(s.target, indicator: s.indicatorCode))"
                return .el("li", [], [.text(report.context.indicatorName(s.indicatorCode) + ":" + figures + " "),
                                      .span("(\(shortfall(s, report: report)))", s.status == .missing ? "missing" : "missed")])
            }
            return .tr([.td(u.rank.map(String.init) ?? "", "c"), .td(report.context.name(u.unitCode), "name"), .td(String(misses.count), "num"),
                        .td([.el("ul", [("class", "misses")], items)])])
        }
        let communes = rows.count
        guard communes > 0 else { return [.table(head: head, rows: [])] }
        return [
            .el("p", text: "\(pairs) lượt chỉ tiêu chưa đạt hoặc không báo cáo, ở \(communes) xã, phường "
                + "(chi tiết từng cặp xã – chỉ tiêu trong tệp missed-targets.csv)."),
            .table("misses-table", head: head, rows: rows),
        ]
    }

    /// How far a missed target is from its plan, in words: `thiếu 4,5 điểm %`, `vượt mức tối đa 2`,
    /// `không báo cáo`.
    static func shortfall(_ s: IndicatorScore, report: ProvinceReport) -> String {
        guard let value = s.value else { return "không báo cáo" }
        let indicator = report.context.indicators[s.indicatorCode]
        if indicator?.unit == .boolean { return "chưa thực hiện" }
        let suffix = indicator?.unit == .percent ? " điểm %" : ""
        if indicator?.direction == .lower {
            return "vượt mức tối đa \(VietnameseFormat.number(value - s.target))\(suffix)"
        }
        return "thiếu \(VietnameseFormat.number(s.target - value))\(suffix)"
    }

    /// The province roll-up per indicator against the province's target, with the share of communes
    /// meeting their own target drawn as a bar.
    static func rollupSection(_ report: ProvinceReport) -> [HTMLNode] {
        let head: [HTMLNode] = [.th("Chỉ tiêu"), .th("LV"), .th("Kế hoạch", title: "Chỉ tiêu kế hoạch của tỉnh"),
                                .th("Toàn tỉnh"), .th("Đánh giá"), .th("Thấp nhất"), .th("Trung vị"), .th("Cao nhất"),
                                .th("Số xã đạt / có chỉ tiêu"), .th("Tỉ lệ xã đạt")]
        let rows = report.rollups.map { r -> HTMLNode in
            let indicator = report.context.indicators[r.indicatorCode]
            let withTarget = r.met + r.missed + r.missing
            return .tr([
                .td(report.context.indicatorName(r.indicatorCode)), .td(indicator.map { String($0.domain) } ?? "", "c"),
                .td(report.valueText(r.target, indicator: r.indicatorCode), "num"),
                .td(report.aggregateText(r.value, indicator: r.indicatorCode), "num"),
                verdict(value: r.value, target: r.target, direction: indicator?.direction ?? .higher),
                .td(report.valueText(r.min, indicator: r.indicatorCode), "num"),
                .td(report.aggregateText(r.median, indicator: r.indicatorCode), "num"),
                .td(report.valueText(r.max, indicator: r.indicatorCode), "num"),
                .td("\(r.met)/\(withTarget)", "num"),
                .td([ShareBar.node(met: r.met, missed: r.missed, missing: r.missing),
                     .text(" " + VietnameseFormat.percent(r.met, of: withTarget))], "num"),
            ])
        }
        return [
            .el("p", [("class", "note")], text: "Toàn tỉnh: tỉ lệ chung (tổng tử số / tổng mẫu số) với chỉ tiêu tỉ lệ, tổng hoặc bình quân "
                + "với chỉ tiêu khác. Kế hoạch để trống khi chỉ xã, phường đặt chỉ tiêu. Thanh màu: đạt (xanh), chưa đạt (đỏ), "
                + "không báo cáo (vàng)."),
            .table("rollup", head: head, rows: rows),
        ]
    }

    static func verdict(value: Double?, target: Double?, direction: Indicator.Direction) -> HTMLNode {
        guard let value, let target else { return .td("", "c") }
        let met = direction == .higher ? value >= target : value <= target
        return .td([.span(met ? "Đạt" : "Chưa đạt", met ? "met" : "missed")], "c")
    }

    static func rejectionSection(_ report: ProvinceReport) -> [HTMLNode] {
        let head: [HTMLNode] = [.th("Tệp"), .th("Dòng"), .th("Cột"), .th("Xã, phường"), .th("Lỗi")]
        let rows = report.context.rejections.map { r -> HTMLNode in
            .tr([.td(r.file, "code"), .td(r.line.map(String.init) ?? "", "num"), .td(r.column.map(String.init) ?? "", "num"),
                 .td(r.unitCode.map { report.context.name($0) } ?? ""), .td(r.message)])
        }
        var intro: [HTMLNode] = []
        if !rows.isEmpty {
            intro = [.el("p", text: "\(report.rejectedFiles) tệp bị từ chối cả tệp (báo cáo trước đó của xã, phường, nếu có, vẫn giữ "
                + "hiệu lực). Xã, phường sửa lỗi theo dòng, cột dưới đây rồi gửi lại.")]
        }
        return intro + [.table("rejections", head: head, rows: rows)]
    }
}

extension HTMLReport {
    /// The numbers a resubmission changed: a commune that sent a newer file replaced its whole
    /// submission, and leadership should see which values moved (and from what).
    static func resubmissionSection(_ report: ProvinceReport) -> [HTMLNode] {
        let changes = report.context.changes
        guard !changes.isEmpty else {
            return [.el("p", text: "Không có xã, phường nào gửi báo cáo thay thế báo cáo đã có hiệu lực trong kỳ.")]
        }
        let communes = Set(changes.map(\.unitCode)).count
        let head: [HTMLNode] = [.th("Xã, phường"), .th("Chỉ tiêu"), .th("Trước"), .th("Nay"), .th("Thay đổi"), .th("Tệp thay thế")]
        let rows = changes.map { c -> HTMLNode in
            .tr([.td(report.context.name(c.unitCode)), .td(report.context.indicatorName(c.indicatorCode)),
                 .td(VietnameseFormat.number(c.previousValue), "num"), .td(VietnameseFormat.number(c.value), "num"),
                 .td(Self.changeLabel(c)), .td(c.file, "code")])
        }
        return [
            .el("p", text: "\(communes) xã, phường đã gửi báo cáo mới thay thế cả báo cáo trước; các số liệu khác nhau giữa hai lần gửi:"),
            .table("changes", head: head, rows: rows),
        ]
    }

    static func changeLabel(_ change: SubmissionChange) -> String {
        switch change.kind {
        case .added: "thêm mới"
        case .removed: "bỏ (nay không báo cáo)"
        case .changed:
            if let before = change.previousValue, let now = change.value { "sửa (\(VietnameseFormat.signed(now - before)))" } else { "sửa" }
        }
    }
}
