import CCHCCore

/// `report.html`: one self-contained page in Vietnamese for leadership, laid out like an official
/// report of the Department of Home Affairs. Inline CSS and SVG only — no script, no network, no
/// font download — and printable on A4 (table headers repeat on every page). Every piece of input
/// text (names of units and indicators, file names, error messages) goes into the page through
/// `HTMLWriter.text` or as an `HTMLNode.text`, both escaped: no input can become markup.
public enum HTMLReport {
    public static func render(units: [UnitScore], indicatorScores: [IndicatorScore], rollups: [ProvinceRollup],
                              context: ReportContext) -> String {
        String(decoding: page(units: units, indicatorScores: indicatorScores, rollups: rollups, context: context), as: UTF8.self)
    }

    /// The page as UTF-8 bytes, the form it is written to disk in.
    public static func page(units: [UnitScore], indicatorScores: [IndicatorScore], rollups: [ProvinceRollup],
                            context: ReportContext) -> [UInt8] {
        let report = ProvinceReport(units: units, indicatorScores: indicatorScores, rollups: rollups, context: context)
        let title = "Kết quả chấm điểm, xếp hạng cải cách hành chính cấp xã — \(context.province.name) — \(context.period.vietnameseLabel)"
        // ~400 bytes per indicator score (its explanation row, maybe a miss): one allocation for most pages.
        return document(title: title, capacity: 64 * 1024 + 512 * indicatorScores.count) { w in
            for node in titleBlock(context) { w.node(node) }
            w.section("I. Tóm tắt") { for node in summary(report) { $0.node(node) } }
            w.section("II. Bảng xếp hạng") { rankingSection(report, into: &$0) }
            w.section("III. Biểu đồ điểm tổng") { $0.node(BarChart.figure(report)) }
            w.section("IV. Điểm theo lĩnh vực") { heatMap(report, into: &$0) }
            w.section("V. Các chỉ tiêu chưa đạt") { missedSection(report, into: &$0) }
            w.section("VI. Tổng hợp toàn tỉnh theo chỉ tiêu") { rollupSection(report, into: &$0) }
            w.section("VII. Báo cáo bị từ chối") { rejectionSection(report, into: &$0) }
            w.section("VIII. Báo cáo gửi lại thay thế") { resubmissionSection(report, into: &$0) }
            w.section("Phụ lục. Vì sao mỗi xã, phường có thứ hạng này") { explanationSection(report, into: &$0) }
            w.node(footer(report))
        }
    }

    /// A whole self-contained page: `<!DOCTYPE html>`, the head with the inline stylesheet, `body`.
    static func document(title: String, capacity: Int = 0, body: (inout HTMLWriter) -> Void) -> [UInt8] {
        var w = HTMLWriter(capacity: capacity)
        w.trusted("<!DOCTYPE html>\n")
        w.element("html", [("lang", "vi")]) { w in
            w.element("head") { w in
                w.open("meta", [("charset", "utf-8")])
                w.open("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                w.element("title", text: title)
                w.element("style") { $0.trusted(ReportStyle.css) }
            }
            w.element("body", body)
        }
        w.trusted("\n")
        return w.bytes
    }

    /// The heading of a Vietnamese administrative document: the issuing body and the national
    /// motto side by side, place and date, then the title.
    static func titleBlock(_ context: ReportContext) -> [HTMLNode] {
        let date = VietnameseFormat.date(context.asOf).split(separator: "/")
        let spelledDate = date.count == 3 ? "ngày \(date[0]) tháng \(date[1]) năm \(date[2])" : context.asOf
        return [
            .el("header", [("class", "letterhead")], [
                .el("div", [], [
                    .el("div", [("class", "org")], text: "UBND \(context.province.name)"),
                    .el("div", [("class", "org")], text: "Sở Nội vụ"),
                    .el("hr"),
                ]),
                .el("div", [], [
                    .el("div", [("class", "org")], text: "Cộng hòa xã hội chủ nghĩa Việt Nam"),
                    .el("div", [("class", "motto")], text: "Độc lập - Tự do - Hạnh phúc"),
                    .el("hr"),
                ]),
            ]),
            .el("p", [("class", "place-date")], text: "\(context.placeName), \(spelledDate)"),
            .el("div", [("class", "doc-title")], [
                .el("h1", text: "Báo cáo"),
                .el("p", text: "Kết quả chấm điểm, xếp hạng công tác cải cách hành chính các xã, phường"),
                .el("p", text: "\(context.period.vietnameseLabel) — \(context.province.name)"),
            ]),
        ]
    }

    static func summary(_ report: ProvinceReport) -> [HTMLNode] {
        let context = report.context
        let total = report.units.count
        let deadline = VietnameseFormat.date(context.deadline)
        func card(_ big: String, _ what: String) -> HTMLNode {
            .el("div", [("class", "card")], [.el("div", [("class", "big")], text: big), .el("div", [("class", "what")], text: what)])
        }
        var cards = [
            card("\(report.submitted)/\(total)", "xã, phường đã nộp báo cáo"),
            card("\(report.onTime)/\(total)", "nộp đúng hạn (trước ngày \(deadline))"),
            card("\(report.metAll)/\(total)", "đạt tất cả chỉ tiêu được giao"),
        ]
        if let mean = report.meanScore { cards.append(card(VietnameseFormat.score(mean), "điểm bình quân của \(report.ranked.count) xã, phường được xếp hạng")) }
        var sentences = "\(context.province.name) có \(total) xã, phường tham gia kỳ báo cáo \(context.period.vietnameseLabel); "
            + "\(report.ranked.count) được chấm điểm và xếp hạng."
        if let top = report.ranked.first, let score = top.score {
            sentences += " Đứng đầu: \(context.name(top.unitCode)) (\(VietnameseFormat.score(score)) điểm)."
        }
        if report.notSubmitted > 0 { sentences += " \(report.notSubmitted) xã, phường chưa nộp báo cáo." }
        if !context.rejections.isEmpty { sentences += " \(report.rejectedFiles) tệp báo cáo bị từ chối (mục VII)." }
        return [.el("div", [("class", "cards")], cards), .el("p", text: sentences)]
    }

    static func footer(_ report: ProvinceReport) -> HTMLNode {
        .el("footer", [], [
            .el("p", text: "Cách tính (theo quy định chấm điểm): mức đạt của mỗi chỉ tiêu từ 0 đến 1 (kết quả so với kế hoạch); "
                + "điểm lĩnh vực và điểm tổng = 100 × tổng (trọng số × mức đạt) / tổng trọng số; chỉ tiêu không báo cáo tính mức đạt 0. "
                + "Xếp hạng theo điểm tổng làm tròn 2 chữ số thập phân; bằng điểm thì đồng hạng. "
                + "Thay đổi thứ hạng so với \(report.context.period.previous.vietnameseLabel)."),
            .el("p", text: "Xếp loại (Xuất sắc, Tốt, Khá, Trung bình, Yếu) chỉ để đọc nhanh, không ảnh hưởng thứ hạng. "
                + "Đúng hạn: tệp báo cáo đang có hiệu lực được gửi (thời điểm sửa tệp) trước ngày \(VietnameseFormat.date(report.context.deadline)), "
                + "tức trước ngày 10 của tháng cuối kỳ báo cáo như kế hoạch CCHC năm 2025 quy định. "
                + "Số liệu do các xã, phường tự báo cáo; lập ngày \(VietnameseFormat.date(report.context.asOf)) bằng cchc."),
        ])
    }
}
