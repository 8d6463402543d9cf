import CCHCCore

// MARK: - Missed targets, the province roll-up, rejected files

extension HTMLReport {
    /// Who missed which target and by how much: one row per commune with a missed or missing target,
    /// in ranking order, its misses listed from the largest loss of points down. Every pair is also
    /// in `missed-targets.csv`.
    static func missedSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        let communes = report.units.compactMap { u -> (unit: UnitScore, misses: [ProvinceReport.Line])? in
            let misses = ProvinceReport.sortedByLoss(report.breakdown(u.unitCode).filter { $0.score.status != .met })
            return misses.isEmpty ? nil : (u, misses)
        }
        guard !communes.isEmpty else { return w.table(rowCount: 0, head: { _ in }, rows: { _ in }) }
        // Each indicator's name escaped once per page, not once per miss; nil: no name, the code is printed.
        let names = report.indicators.map { indicator -> [UInt8]? in
            guard let indicator, !indicator.nameVi.isEmpty else { return nil }
            var w = HTMLWriter()
            w.text(indicator.nameVi)
            return w.bytes
        }
        let pairs = communes.map(\.misses.count).reduce(0, +)
        w.element("p", text: "\(pairs) lượt chỉ tiêu chưa đạt hoặc không báo cáo, ở \(communes.count) xã, phường "
            + "(chi tiết từng cặp xã – chỉ tiêu trong tệp missed-targets.csv).")
        w.table("misses-table", rowCount: communes.count, head: { w in
            w.th("Hạng")
            w.th("Xã, phường")
            w.th("Số chỉ tiêu")
            w.th("Chỉ tiêu chưa đạt: kết quả / kế hoạch (mức chưa đạt)")
        }, rows: { w in
            for (u, misses) in communes {
                w.tr { w in
                    w.td(u.rank.map(String.init) ?? "", "c")
                    w.td(report.context.name(u.unitCode), "name")
                    w.td(String(misses.count), "num")
                    w.td { w in
                        w.element("ul", class: "misses") { w in
                            for line in misses {
                                missedItem(line.score, indicator: report.indicators[line.indicator], name: names[line.indicator], into: &w)
                            }
                        }
                    }
                }
            }
        })
    }

    /// `<li>Name: 95 % / 100 % <span class="missed">(thiếu 5 điểm %)</span></li>`; `name` is the
    /// indicator's name already escaped, nil to print the code.
    static func missedItem(_ s: IndicatorScore, indicator: Indicator?, name: [UInt8]?, into w: inout HTMLWriter) {
        w.element("li") { w in
            if let name { w.written(name) } else { w.text(ReportContext.indicatorName(s.indicatorCode, indicator)) }
            w.literal(":")
            if s.value != nil {
                w.literal(" ")
                ProvinceReport.writeValue(s.value, unit: indicator?.unit, into: &w)
                w.literal(" / ")
                ProvinceReport.writeValue(s.target, unit: indicator?.unit, into: &w)
            }
            w.literal(" ")
            let cssClass: StaticString = s.status == .missing ? "missing" : "missed"
            w.element("span", fixedClass: cssClass) { w in
                w.literal("(")
                shortfall(s, indicator: indicator, into: &w)
                w.literal(")")
            }
        }
    }

    /// How far a missed target is from its plan, in words: `thiếu 4,5 điểm %`, `vượt mức tối đa 2`,
    /// `không báo cáo`.
    static func shortfall(_ s: IndicatorScore, indicator: Indicator?, into w: inout HTMLWriter) {
        guard let value = s.value else { return w.literal("không báo cáo") }
        if indicator?.unit == .boolean { return w.literal("chưa thực hiện") }
        if indicator?.direction == .lower {
            w.literal("vượt mức tối đa ")
            w.number(value - s.target)
        } else {
            w.literal("thiếu ")
            w.number(s.target - value)
        }
        if indicator?.unit == .percent { w.literal(" điểm %") }
    }

    /// The province roll-up per indicator against the province's target, with the share of communes
    /// meeting their own target drawn as a bar.
    static func rollupSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        w.element("p", class: "note", text: "Toàn tỉnh: tỉ lệ chung (tổng tử số / tổng mẫu số) với chỉ tiêu tỉ lệ, tổng hoặc bình quân "
            + "với chỉ tiêu khác. Kế hoạch để trống khi chỉ xã, phường đặt chỉ tiêu. Thanh màu: đạt (xanh), chưa đạt (đỏ), "
            + "không báo cáo (vàng).")
        w.table("rollup", rowCount: report.rollups.count, head: { w in
            w.th("Chỉ tiêu")
            w.th("LV")
            w.th("Kế hoạch", title: "Chỉ tiêu kế hoạch của tỉnh")
            for heading in ["Toàn tỉnh", "Đánh giá", "Thấp nhất", "Trung vị", "Cao nhất", "Số xã đạt / có chỉ tiêu", "Tỉ lệ xã đạt"] {
                w.th(heading)
            }
        }, rows: { w in
            for r in report.rollups {
                let indicator = report.context.indicators[r.indicatorCode]
                let withTarget = r.met + r.missed + r.missing
                w.tr { w in
                    w.td(report.context.indicatorName(r.indicatorCode))
                    w.td(indicator.map { String($0.domain) } ?? "", "c")
                    w.td(report.valueText(r.target, indicator: r.indicatorCode), "num")
                    w.td(report.aggregateText(r.value, indicator: r.indicatorCode), "num")
                    verdict(value: r.value, target: r.target, direction: indicator?.direction ?? .higher, into: &w)
                    w.td(report.valueText(r.min, indicator: r.indicatorCode), "num")
                    w.td(report.aggregateText(r.median, indicator: r.indicatorCode), "num")
                    w.td(report.valueText(r.max, indicator: r.indicatorCode), "num")
                    w.td("\(r.met)/\(withTarget)", "num")
                    w.td("num") { w in
                        ShareBar.write(met: r.met, missed: r.missed, missing: r.missing, into: &w)
                        w.text(" " + VietnameseFormat.percent(r.met, of: withTarget))
                    }
                }
            }
        })
    }

    static func verdict(value: Double?, target: Double?, direction: Indicator.Direction, into w: inout HTMLWriter) {
        guard let value, let target else { return w.td("", "c") }
        let met = direction == .higher ? value >= target : value <= target
        w.td("c") { $0.span(met ? "Đạt" : "Chưa đạt", met ? "met" : "missed") }
    }

    static func rejectionSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        let rejections = report.context.rejections
        if !rejections.isEmpty {
            w.element("p", text: "\(report.rejectedFiles) tệp bị từ chối cả tệp (báo cáo trước đó của xã, phường, nếu có, vẫn giữ "
                + "hiệu lực). Xã, phường sửa lỗi theo dòng, cột dưới đây rồi gửi lại.")
        }
        w.table("rejections", rowCount: rejections.count, head: { w in
            for heading in ["Tệp", "Dòng", "Cột", "Xã, phường", "Lỗi"] { w.th(heading) }
        }, rows: { w in
            for r in rejections {
                w.tr { w in
                    w.td(r.file, "code")
                    w.td(r.line.map(String.init) ?? "", "num")
                    w.td(r.column.map(String.init) ?? "", "num")
                    w.td(r.unitCode.map { report.context.name($0) } ?? "")
                    w.td(r.message)
                }
            }
        })
    }
}

extension HTMLReport {
    /// The numbers a resubmission changed: a commune that sent a newer file replaced its whole
    /// submission, and leadership should see which values moved (and from what).
    static func resubmissionSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        let changes = report.context.changes
        guard !changes.isEmpty else {
            return w.element("p", text: "Không có xã, phường nào gửi báo cáo thay thế báo cáo đã có hiệu lực trong kỳ.")
        }
        let communes = Set(changes.map(\.unitCode)).count
        w.element("p", text: "\(communes) xã, phường đã gửi báo cáo mới thay thế cả báo cáo trước; các số liệu khác nhau giữa hai lần gửi:")
        w.table("changes", rowCount: changes.count, head: { w in
            for heading in ["Xã, phường", "Chỉ tiêu", "Trước", "Nay", "Thay đổi", "Tệp thay thế"] { w.th(heading) }
        }, rows: { w in
            for c in changes {
                w.tr { w in
                    w.td(report.context.name(c.unitCode))
                    w.td(report.context.indicatorName(c.indicatorCode))
                    w.td(VietnameseFormat.number(c.previousValue), "num")
                    w.td(VietnameseFormat.number(c.value), "num")
                    w.td(Self.changeLabel(c))
                    w.td(c.file, "code")
                }
            }
        })
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
