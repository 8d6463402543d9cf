import CCHCCore

// MARK: - Ranking table and the commune × domain heat map

extension HTMLReport {
    static let statusText: [UnitStatus: String] = [.ranked: "", .notSubmitted: "Chưa nộp báo cáo", .noTargets: "Không có chỉ tiêu"]

    static func rankingSection(_ report: ProvinceReport) -> [HTMLNode] {
        let domains = report.domainsInUse
        let head: [HTMLNode] = [.th("Hạng"), .el("th", [("class", "code")], text: "Mã"), .th("Xã, phường"), .th("Điểm"), .th("Xếp loại")]
            + domains.map { .th("LV\($0)", title: ProvinceReport.domainNames[$0 - 1]) }
            + [.th("Đạt"), .th("Chưa đạt"), .th("Không báo cáo"),
               .th("Thay đổi", title: "So với \(report.context.period.previous.vietnameseLabel)")]
        let rows = report.units.map { u -> HTMLNode in
            let name = report.context.name(u.unitCode)
            guard u.status == .ranked, let score = u.score else {
                return .tr([.td("", "c"), .td(u.unitCode, "code"), .td(name, "name"),
                            .el("td", [("colspan", String(2 + domains.count + 4))], text: statusText[u.status] ?? "")], "unranked")
            }
            let grade = Grade(score: score)
            return .tr([.td(u.rank.map(String.init) ?? "", "c"), .td(u.unitCode, "code"), .td(name, "name"),
                        .td(VietnameseFormat.score(score), "num \(grade.cssClass)"), .td(grade.label, "c \(grade.cssClass)")]
                       + domains.map { .td(VietnameseFormat.score(u.domainScores[$0 - 1]), "num") }
                       + [u.met, u.missed, u.missing].map { .td($0.map(String.init) ?? "", "num") }
                       + [rankChange(u.rankChange)])
        }
        return [
            .el("p", [("class", "note")], text: "Xếp theo điểm tổng (làm tròn 2 chữ số thập phân), bằng điểm thì đồng hạng. "
                + "LV1–LV8: điểm từng lĩnh vực. ▲ tăng, ▼ giảm bậc so với \(report.context.period.previous.vietnameseLabel); "
                + "để trống khi kỳ trước chưa được xếp hạng."),
            domainLegend(domains),
            .table("ranking", head: head, rows: rows),
        ]
    }

    /// `▲ 3` (up three places), `▼ 2`, `=`, or blank when not ranked in the previous period.
    static func rankChange(_ change: Int?) -> HTMLNode {
        guard let change else { return .td("", "c") }
        if change > 0 { return .td([.span("▲ \(change)", "up")], "c") }
        if change < 0 { return .td([.span("▼ \(-change)", "down")], "c") }
        return .td([.span("=", "same")], "c")
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
    static func heatMap(_ report: ProvinceReport) -> [HTMLNode] {
        guard !report.ranked.isEmpty else { return [.el("p", [("class", "note")], text: "Không có xã, phường nào được xếp hạng.")] }
        let domains = report.domainsInUse
        let head: [HTMLNode] = [.th("Hạng"), .th("Xã, phường")]
            + domains.map { .th("LV\($0)", title: ProvinceReport.domainNames[$0 - 1]) } + [.th("Tổng")]
        let rows = report.ranked.map { u -> HTMLNode in
            let cells = domains.map { d -> HTMLNode in
                guard let score = u.domainScores[d - 1] else { return .td("", "num") }
                return .td(VietnameseFormat.score(score), "num \(Grade(score: score).cssClass)")
            }
            let total: HTMLNode = u.score.map { .td(VietnameseFormat.score($0), "num \(Grade(score: $0).cssClass)") } ?? .td("")
            return .tr([.td(u.rank.map(String.init) ?? "", "c"), .td(report.context.name(u.unitCode), "name")] + cells + [total])
        }
        var footer: [HTMLNode] = []
        if !report.ranked.isEmpty {
            footer = [.td(""), .td("Bình quân")] + domains.map { d -> HTMLNode in
                let values = report.ranked.compactMap { $0.domainScores[d - 1] }
                guard !values.isEmpty else { return .td("", "num") }
                let mean = values.reduce(0, +) / Double(values.count)
                return .td(VietnameseFormat.score(mean), "num \(Grade(score: mean).cssClass)")
            } + [report.meanScore.map { .td(VietnameseFormat.score($0), "num \(Grade(score: $0).cssClass)") } ?? .td("")]
        }
        return [
            .el("p", [("class", "note")], text: "Màu theo xếp loại của từng ô; ô trống: lĩnh vực không có chỉ tiêu được giao cho xã, phường đó."),
            gradeLegend(),
            .table("heat", head: head, rows: rows, foot: footer),
        ]
    }
}
