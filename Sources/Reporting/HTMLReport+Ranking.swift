import CCHCCore

// MARK: - Ranking table and the commune × domain heat map

extension HTMLReport {
    static let statusText: [UnitStatus: String] = [.ranked: "", .notSubmitted: "Chưa nộp báo cáo", .noTargets: "Không có chỉ tiêu"]

    static func rankingSection(_ report: ProvinceReport, into w: inout HTMLWriter) {
        let domains = report.domainsInUse
        w.element("p", class: "note", text: "Xếp theo điểm tổng (làm tròn 2 chữ số thập phân), bằng điểm thì đồng hạng. "
            + "LV1–LV8: điểm từng lĩnh vực. ▲ tăng, ▼ giảm bậc so với \(report.context.period.previous.vietnameseLabel); "
            + "để trống khi kỳ trước chưa được xếp hạng.")
        w.node(domainLegend(domains))
        let unrankedSpan = String(2 + domains.count + 4)
        w.table("ranking", rowCount: report.units.count, head: { w in
            w.th("Hạng")
            w.element("th", class: "code", text: "Mã")
            w.th("Xã, phường")
            w.th("Điểm")
            w.th("Xếp loại")
            for d in domains { w.th("LV\(d)", title: ProvinceReport.domainNames[d - 1]) }
            w.th("Đạt")
            w.th("Chưa đạt")
            w.th("Không báo cáo")
            w.th("Thay đổi", title: "So với \(report.context.period.previous.vietnameseLabel)")
        }, rows: { w in
            for u in report.units {
                let name = report.context.name(u.unitCode)
                guard u.status == .ranked, let score = u.score else {
                    w.tr("unranked") { w in
                        w.td("", "c")
                        w.td(u.unitCode, "code")
                        w.td(name, "name")
                        w.element("td", [("colspan", unrankedSpan)], text: statusText[u.status] ?? "")
                    }
                    continue
                }
                let grade = Grade(score: score)
                w.tr { w in
                    w.td(u.rank.map(String.init) ?? "", "c")
                    w.td(u.unitCode, "code")
                    w.td(name, "name")
                    w.td(VietnameseFormat.score(score), grade.numberClass)
                    w.td(grade.label, grade.centredClass)
                    for d in domains { w.td(VietnameseFormat.score(u.domainScores[d - 1]), "num") }
                    for count in [u.met, u.missed, u.missing] { w.td(count.map(String.init) ?? "", "num") }
                    rankChange(u.rankChange, into: &w)
                }
            }
        })
    }

    /// `▲ 3` (up three places), `▼ 2`, `=`, or blank when not ranked in the previous period.
    static func rankChange(_ change: Int?, into w: inout HTMLWriter) {
        guard let change else { return w.td("", "c") }
        w.td("c") { w in
            if change > 0 { w.span("▲ \(change)", "up") } else if change < 0 { w.span("▼ \(-change)", "down") } else { w.span("=", "same") }
        }
    }

    static func domainLegend(_ domains: [Int]) -> HTMLNode {
        .el("p", [("class", "note")], text: domains.map { "LV\($0): \(ProvinceReport.domainNames[$0 - 1])" }.joined(separator: "; ") + ".")
    }

    static func gradeLegend() -> HTMLNode {
        .el("div", [("class", "legend")], Grade.allCases.map { grade in
            .el("span", [], [.el("span", [("class", "sw \(grade.cssClass)")]), .text("\(grade.label) (\(grade.range))")])
        })
    }

    /// Ranked communes × domains, each cell coloured by its grade band: where each commune is strong
    /// and where it loses points, at a glance.
    static func heatMap(_ report: ProvinceReport, into w: inout HTMLWriter) {
        guard !report.ranked.isEmpty else { return w.element("p", class: "note", text: "Không có xã, phường nào được xếp hạng.") }
        let domains = report.domainsInUse
        /// A score cell coloured by its grade, or a blank one.
        func scoreCell(_ score: Double?, blankClass: String? = "num", into w: inout HTMLWriter) {
            guard let score else { return w.td("", blankClass) }
            w.td(VietnameseFormat.score(score), Grade(score: score).numberClass)
        }
        w.element("p", class: "note", text: "Màu theo xếp loại của từng ô; ô trống: lĩnh vực không có chỉ tiêu được giao cho xã, phường đó.")
        w.node(gradeLegend())
        w.table("heat", rowCount: report.ranked.count, head: { w in
            w.th("Hạng")
            w.th("Xã, phường")
            for d in domains { w.th("LV\(d)", title: ProvinceReport.domainNames[d - 1]) }
            w.th("Tổng")
        }, rows: { w in
            for u in report.ranked {
                w.tr { w in
                    w.td(u.rank.map(String.init) ?? "", "c")
                    w.td(report.context.name(u.unitCode), "name")
                    for d in domains { scoreCell(u.domainScores[d - 1], into: &w) }
                    scoreCell(u.score, blankClass: nil, into: &w)
                }
            }
        }, foot: { w in
            w.td("")
            w.td("Bình quân")
            for d in domains {
                let values = report.ranked.compactMap { $0.domainScores[d - 1] }
                scoreCell(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count), into: &w)
            }
            scoreCell(report.meanScore, blankClass: nil, into: &w)
        })
    }
}
