import CCHCCore
import Foundation
import Testing
@testable import Reporting

@Suite("report.html")
struct HTMLReportTests {
    let html = ReportFixture.html()

    /// The text between the first `open` after `start` and the next `close`.
    func slice(_ text: String, from start: String, _ open: String, _ close: String, sourceLocation: SourceLocation = #_sourceLocation)
        -> String {
        guard let s = text.range(of: start), let o = text.range(of: open, range: s.upperBound..<text.endIndex),
              let c = text.range(of: close, range: o.upperBound..<text.endIndex) else {
            Issue.record("no \(start) … \(open) … \(close)", sourceLocation: sourceLocation)
            return ""
        }
        return String(text[o.lowerBound..<c.upperBound])
    }

    /// The cells' text of each `<tr>` in `table`, tags stripped.
    func rows(_ table: String) -> [[String]] {
        table.components(separatedBy: "<tr").dropFirst().map { row in
            row.components(separatedBy: "<td").dropFirst().map { cell in
                var text = ""
                var inTag = true  // the rest of the opening tag
                for c in cell {
                    if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c) }
                }
                return text
            }
        }
    }

    @Test("a self-contained Vietnamese page: no script, no external resource, print rules for A4")
    func selfContained() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains(" src=\""))
        #expect(!html.contains("<link"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1
                == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(!html.contains("https://"))
        #expect(html.contains("@page{size:A4 portrait"))
        #expect(html.contains("thead{display:table-header-group}"))
    }

    @Test("the title block: province, period as Quý III/2025, the batch date")
    func titleBlock() {
        #expect(html.contains("<div class=\"org\">UBND Tỉnh Sơn La</div>"))
        #expect(html.contains("Sơn La, ngày 10 tháng 10 năm 2025"))
        #expect(html.contains("Quý III/2025 — Tỉnh Sơn La"))
    }

    @Test("the headline counts: submitted, on time before 10/09/2025, met all targets")
    func headline() {
        #expect(html.contains("<div class=\"big\">3/4</div><div class=\"what\">xã, phường đã nộp báo cáo</div>"))
        #expect(html.contains("<div class=\"big\">2/4</div><div class=\"what\">nộp đúng hạn (trước ngày 10/09/2025)</div>"))
        #expect(html.contains("<div class=\"big\">0/4</div><div class=\"what\">đạt tất cả chỉ tiêu được giao</div>"))
    }

    @Test("the ranking table: rank order, decimal commas, arrows, grade colours, the unranked last")
    func rankingTable() {
        let table = slice(html, from: "II. Bảng xếp hạng", "<tbody>", "</tbody>")
        let cells = rows(table)
        #expect(cells.map { $0.prefix(4) } == [
            ["1", "03721", "Xã Thuận Châu", "97,50"],
            ["1", "03727", ReportFixture.formulaName.replacingOccurrences(of: "'", with: "&#39;"), "97,50"],
            ["3", "03724", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Xã&#39;", "50,00"],
            ["", "03730", "Xã Long Hẹ, cũ", "Chưa nộp báo cáo"],
        ])
        #expect(cells[0].last == "▲ 1")
        #expect(cells[1].last == "")
        #expect(cells[2].last == "▼ 2")
        #expect(table.contains("<td class=\"num g-excellent\">97,50</td>"))
        #expect(table.contains("<td class=\"num g-weak\">50,00</td>"))
        #expect(!table.contains("97.50"))
    }

    @Test("input text never becomes markup: names, indicator names, file names and messages are escaped")
    func escaping() {
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>quý</b>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Xã&#39;"))
        #expect(html.contains("Tỷ lệ &quot;hồ sơ&quot;\nđúng hạn, &lt;b&gt;quý&lt;/b&gt;"))
        #expect(html.contains("2025-Q3/14/&lt;img src=x&gt;.csv"))
    }

    @Test("a bar chart and a heat map, drawn inline")
    func pictures() {
        let chart = slice(html, from: "III. Biểu đồ điểm tổng", "<svg", "</svg>")
        #expect(chart.components(separatedBy: "<g>").count - 1 == 3)  // one bar per ranked commune
        #expect(chart.components(separatedBy: "<rect").count - 1 == 3 + Grade.allCases.count)  // and the legend
        #expect(chart.contains(">97,50</text>"))
        let heat = slice(html, from: "IV. Điểm theo lĩnh vực", "<tbody>", "</tbody>")
        #expect(rows(heat).map(\.first) == ["1", "1", "3"])
        #expect(heat.contains("<td class=\"num g-weak\">0,00</td>"))
    }

    @Test("who missed which target and by how much; why each rank")
    func missesAndExplanations() {
        let misses = slice(html, from: "V. Các chỉ tiêu chưa đạt", "<tbody>", "</tbody>")
        #expect(misses.contains("95 % / 100 % <span class=\"missed\">(thiếu 5 điểm %)</span>"))
        #expect(misses.contains("<span class=\"missing\">(không báo cáo)</span>"))
        let details = html.components(separatedBy: "<details").count - 1
        #expect(details == 4)
        #expect(html.contains("<summary>Hạng 1 — Xã Thuận Châu (03721): 97,50 điểm; mất nhiều điểm nhất ở “Tỷ lệ &quot;hồ sơ&quot;"))
        let explain = slice(html, from: "id=\"xa-03721\"", "<tbody>", "</tbody>")
        // 100·1·0.95/2 = 47.5 points, 2.5 lost; DN_MOI 50 points.
        #expect(rows(explain).first?.suffix(3) == ["47,50", "−2,50", "Chưa đạt"])
        #expect(html.contains("Xã Long Hẹ, cũ (03730): chưa nộp báo cáo kỳ này nên không được xếp hạng."))
    }

    @Test("the province roll-up against its target and the rejected files")
    func rollupAndRejections() {
        let rollup = rows(slice(html, from: "VI. Tổng hợp toàn tỉnh", "<tbody>", "</tbody>"))
        #expect(rollup.map { Array($0.prefix(5)) } == [
            ["Số doanh nghiệp mới", "8", "1", "3", "Đạt"],
            ["Tỷ lệ &quot;hồ sơ&quot;\nđúng hạn, &lt;b&gt;quý&lt;/b&gt;", "3", "100 %", "96,67 %", "Chưa đạt"],
        ])
        let rejected = rows(slice(html, from: "VII. Báo cáo bị từ chối", "<tbody>", "</tbody>"))
        #expect(rejected == [["2025-Q3/14/&lt;img src=x&gt;.csv", "3", "4",
                              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Xã&#39;",
                              "giá trị &quot;=1+1&quot; không phải là số"]])
    }

    @Test("a province with no ranked commune still reads: no chart, no heat map, the unranked listed")
    func nothingRanked() {
        let units = [UnitScore(unitCode: "03730", provinceCode: "14", status: .notSubmitted)]
        let page = HTMLReport.render(units: units, indicatorScores: [], rollups: [], context: ReportFixture.context)
        #expect(page.contains("<div class=\"big\">0/1</div><div class=\"what\">xã, phường đã nộp báo cáo</div>"))
        #expect(!page.contains("<svg"))
        #expect(page.components(separatedBy: "Không có xã, phường nào được xếp hạng.").count - 1 == 2)
        #expect(page.contains("<td colspan=\"6\">Chưa nộp báo cáo</td>"))  // score to rank change, no domain in use
    }

    @Test("a boolean rolled up over communes reads as the share that have it; the heat map's mean row comes last")
    func booleanRollupAndMeans() {
        var context = ReportFixture.context
        context.indicators["SW"] = Indicator(code: "SW", domain: 7, nameVi: "Dùng phần mềm", nameEn: "Software", unit: .boolean,
                                             direction: .higher, weight: 1, aggregation: .mean)
        let rollup = ProvinceRollup(provinceCode: "14", indicatorCode: "SW", target: 1, value: 0.75, min: 0, median: 1, max: 1, met: 3,
                                    missed: 1, missing: 0)
        let page = HTMLReport.render(units: ReportFixture.units, indicatorScores: ReportFixture.indicatorScores, rollups: [rollup],
                                     context: context)
        let row = rows(slice(page, from: "VI. Tổng hợp toàn tỉnh", "<tbody>", "</tbody>")).first ?? []
        #expect(Array(row.prefix(8)) == ["Dùng phần mềm", "7", "Có", "75 % có", "Chưa đạt", "Không", "Có", "Có"])
        let heat = slice(page, from: "IV. Điểm theo lĩnh vực", "<table", "</table>")
        #expect(heat.hasSuffix("</tbody><tfoot><tr><td></td><td>Bình quân</td><td class=\"num g-good\">96,67</td>"
            + "<td class=\"num\"></td><td class=\"num g-weak\">66,67</td><td class=\"num g-average\">81,67</td></tr></tfoot></table>"))
    }

    @Test("the national page shows provinces only, never a commune")
    func nationalHTML() {
        let report = NationalReport(scores: ReportFixture.scores, provinces: [ReportFixture.province, ReportFixture.otherProvince],
                                    indicators: ReportFixture.indicators, asOf: "2025-10-10")
        let page = report.html()
        #expect(page.contains("<th>Tỉnh Lai Châu</th><th>Tỉnh Sơn La</th>"))
        for name in ReportFixture.unitNames.values {
            #expect(!page.contains(HTMLNode.escape(name)))
        }
        #expect(!page.contains("<b>quý</b>"))
        #expect(page.contains("96,67 % (KH 100 %)"))
        #expect(page.contains(" 25,0 % xã đạt"))
    }
}
