import CCHCCore

/// `report.html`: one self-contained page in Vietnamese for leadership (no scripts, no network).
/// The full leadership layout (charts, heat map, "why this rank") is issue 5; this page already
/// carries the ranking, missed targets, roll-up and rejections, all text escaped by construction.
public enum HTMLReport {
    public static func render(units: [UnitScore], indicatorScores: [IndicatorScore], rollups: [ProvinceRollup],
                              context: ReportContext) -> String {
        let title = "Kết quả chấm điểm cải cách hành chính cấp xã — \(context.province.name) — \(context.period.vietnameseLabel)"
        let ranked = units.filter { $0.status == .ranked }
        let page = HTMLNode.el("html", [("lang", "vi")], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("title", text: title),
                .el("style", [], [.trusted(stylesheet)]),
            ]),
            .el("body", [], [
                .el("header", [], [
                    .el("p", [("class", "agency")], text: "\(context.province.name.uppercased()) — SỞ NỘI VỤ"),
                    .el("h1", text: title),
                    .el("p", text: "Ngày lập: \(vietnameseDate(context.asOf)). Số xã, phường được xếp hạng: \(ranked.count)/\(units.count)."),
                ]),
                section("Bảng xếp hạng", rankingTable(units, context: context)),
                section("Chỉ tiêu chưa đạt", missedTable(indicatorScores, context: context)),
                section("Tổng hợp toàn tỉnh theo chỉ tiêu", rollupTable(rollups, context: context)),
                section("Báo cáo bị từ chối", rejectionTable(context.rejections)),
            ]),
        ])
        var output = "<!DOCTYPE html>\n"
        page.render(into: &output)
        return output + "\n"
    }

    static func section(_ heading: String, _ body: HTMLNode) -> HTMLNode {
        .el("section", [], [.el("h2", text: heading), body])
    }

    static func table(_ header: [String], _ rows: [[String]], numericFrom: Int = Int.max) -> HTMLNode {
        guard !rows.isEmpty else { return .el("p", [("class", "empty")], text: "Không có.") }
        return .el("table", [], [
            .el("thead", [], [.el("tr", [], header.map { .el("th", text: $0) })]),
            .el("tbody", [], rows.map { row in
                .el("tr", [], row.enumerated().map { index, cell in
                    .el("td", index >= numericFrom ? [("class", "num")] : [], text: cell)
                })
            }),
        ])
    }

    static func number(_ x: Double?) -> String { x.map { Rounding.fixed($0, separator: ",") } ?? "" }

    static func compact(_ x: Double?) -> String {
        x.map { Rounding.compact($0).replacingOccurrences(of: ".", with: ",") } ?? ""
    }

    static func rankingTable(_ units: [UnitScore], context: ReportContext) -> HTMLNode {
        let statusText: [UnitStatus: String] = [.ranked: "", .notSubmitted: "Chưa nộp báo cáo", .noTargets: "Không có chỉ tiêu"]
        let rows = units.map { u -> [String] in
            let change = u.rankChange.map { $0 > 0 ? "▲ \($0)" : $0 < 0 ? "▼ \(-$0)" : "=" } ?? ""
            return [u.rank.map(String.init) ?? "", u.unitCode, context.unitNames[u.unitCode] ?? "", number(u.score)]
                + u.domainScores.map(number)
                + [u.met, u.missed, u.missing].map { $0.map(String.init) ?? "" } + [change, statusText[u.status] ?? ""]
        }
        return table(["Hạng", "Mã", "Đơn vị", "Điểm", "LV1", "LV2", "LV3", "LV4", "LV5", "LV6", "LV7", "LV8",
                      "Đạt", "Chưa đạt", "Thiếu", "Thay đổi", "Ghi chú"], rows, numericFrom: 3)
    }

    static func missedTable(_ scores: [IndicatorScore], context: ReportContext) -> HTMLNode {
        let rows = scores.filter { $0.status != .met }.map { s in
            [context.unitNames[s.unitCode] ?? s.unitCode, context.indicators[s.indicatorCode]?.nameVi ?? s.indicatorCode,
             compact(s.target), compact(s.value), s.status == .missed ? "Chưa đạt" : "Không báo cáo"]
        }
        return table(["Đơn vị", "Chỉ tiêu", "Chỉ tiêu kế hoạch", "Kết quả", "Tình trạng"], rows, numericFrom: 2)
    }

    static func rollupTable(_ rollups: [ProvinceRollup], context: ReportContext) -> HTMLNode {
        let rows = rollups.map { r in
            [context.indicators[r.indicatorCode]?.nameVi ?? r.indicatorCode, compact(r.target), compact(r.value),
             compact(r.min), compact(r.median), compact(r.max), String(r.met), String(r.missed), String(r.missing)]
        }
        return table(["Chỉ tiêu", "Kế hoạch", "Toàn tỉnh", "Thấp nhất", "Trung vị", "Cao nhất", "Đạt", "Chưa đạt", "Thiếu"],
                     rows, numericFrom: 1)
    }

    static func rejectionTable(_ rejections: [Rejection]) -> HTMLNode {
        let rows = rejections.map { r in
            [r.file, r.line.map(String.init) ?? "", r.column.map(String.init) ?? "", r.unitCode ?? "", r.message]
        }
        return table(["Tệp", "Dòng", "Cột", "Đơn vị", "Lỗi"], rows)
    }

    /// `2025-10-10` → `10/10/2025`.
    static func vietnameseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    static let stylesheet = """
    body{font-family:"Times New Roman",serif;margin:2em;color:#111}
    header{text-align:center;margin-bottom:1.5em}.agency{font-weight:bold}
    h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #888}
    table{border-collapse:collapse;width:100%;font-size:.9em;margin-bottom:1em}
    th,td{border:1px solid #999;padding:.2em .4em}th{background:#eee}td.num{text-align:right}
    thead{display:table-header-group}tr{page-break-inside:avoid}
    @page{size:A4 landscape;margin:12mm}
    """
}
