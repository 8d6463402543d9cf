import Foundation
import Testing

@Suite("report.html shows what a resubmission changed")
struct ResubmissionReportTests {
    @Test("a corrected file's changed, added and removed values are listed for leadership, in the right province only")
    func changesListed() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        #expect(try CCHCProcess.run(Scenario.runArguments, in: scratch.url).status == 0)
        #expect(try scratch.read("out/2025-Q3/14/report.html").contains("Không có xã, phường nào gửi báo cáo thay thế"))
        // Thuận Châu corrects its file: on time 95 → 100, satisfaction unchanged, online 56 → 71, and
        // leaves out new enterprises (2 before).
        try scratch.write("inbox/2025-Q3/14/03721-sua.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "90", "", ""), ("HS_TRUC_TUYEN", "71", "", ""),
        ]), modified: Date().addingTimeInterval(60))
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")

        let html = try scratch.read("out/2025-Q3/14/report.html")
        let section = try #require(html.range(of: "<h2>VIII. Báo cáo gửi lại thay thế</h2>"))
        let body = String(html[section.upperBound...].prefix { $0 != "§" }.split(separator: "</section>")[0])
        #expect(body.contains("<p>1 xã, phường đã gửi báo cáo mới thay thế cả báo cáo trước;"))
        let rows = body.components(separatedBy: "<tr>").dropFirst(2).map { row in
            row.replacingOccurrences(of: "<[^>]+>", with: "|", options: .regularExpression)
                .split(separator: "|").joined(separator: " / ")
        }
        #expect(rows == [
            "Xã Thuận Châu / Số doanh nghiệp thành lập mới / 2 / bỏ (nay không báo cáo) / 2025-Q3/14/03721-sua.csv",
            "Xã Thuận Châu / Tỷ lệ hồ sơ trực tuyến / 56 / 71 / sửa (+15) / 2025-Q3/14/03721-sua.csv",
            "Xã Thuận Châu / Tỷ lệ hồ sơ giải quyết đúng hạn / 95 / 100 / sửa (+5) / 2025-Q3/14/03721-sua.csv",
        ])
        #expect(try scratch.read("out/2025-Q3/12/report.html").contains("Không có xã, phường nào gửi báo cáo thay thế"))
    }
}
