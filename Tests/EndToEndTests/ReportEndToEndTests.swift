import Foundation
import Testing

/// The reports end to end, on reference data whose names try to break every output: markup,
/// spreadsheet formulas, quotes and line breaks in unit and indicator names.
@Suite("reports, end to end")
struct ReportEndToEndTests {
    static let units = #"""
        unit_code,unit_name,parent_code,level
        14,"Tỉnh <b>Sơn La</b> & ""Co""",,province
        12,Tỉnh Lai Châu,,province
        03721,<script>alert(1)</script>,14,commune
        03724,"=cmd|' /C calc'!A0",14,commune
        03727,"Xã ""Mường"" É
        dòng hai",14,commune
        03549,Xã Phong Thổ,12,commune

        """#

    static let indicators = #"""
        indicator_code,domain,name_vi,name_en,unit,direction,weight,aggregation
        TTHC_DUNG_HAN,3,"@SUM(A1) <img src=x onerror=alert(1)> ""đúng hạn""
        dòng hai",On time,percent,higher,1,ratio
        DN_MOI,8,+Số doanh nghiệp mới,New enterprises,count,higher,1,sum

        """#

    static let targets = #"""
        scope_code,year,indicator_code,target,source
        14,2025,TTHC_DUNG_HAN,100,plan
        14,2025,DN_MOI,1,plan
        12,2025,TTHC_DUNG_HAN,100,plan

        """#

    static func writeScenario(into scratch: Scratch) throws {
        try scratch.write("reference/units.csv", units)
        try scratch.write("reference/indicators.csv", indicators)
        try scratch.write("reference/targets.csv", targets)
        let header = "unit_code,period,indicator_code,value,numerator,denominator,note\n"
        try scratch.write("inbox/2025-Q3/14/03721.csv", header + "03721,2025-Q3,TTHC_DUNG_HAN,95,,,\n03721,2025-Q3,DN_MOI,2,,,\n")
        try scratch.write("inbox/2025-Q3/14/03724.csv", header + "03724,2025-Q3,TTHC_DUNG_HAN,100,,,\n03724,2025-Q3,DN_MOI,,,,\n")
        try scratch.write("inbox/2025-Q3/14/03727.csv", header + "03727,2025-Q3,TTHC_DUNG_HAN,90,,,\n03727,2025-Q3,DN_MOI,1,,,\n")
        // A rejected file whose bad value is markup and a formula.
        try scratch.write("inbox/2025-Q3/14/bad.csv", header + "03727,2025-Q3,DN_MOI,\"=1+1<script>\",,,\n")
        try scratch.write("inbox/2025-Q3/12/03549.csv", header + "03549,2025-Q3,TTHC_DUNG_HAN,98,,,\n")
    }

    static let arguments = ["run", "--reference", "reference", "--inbox", "inbox", "--warehouse", "wh/warehouse.sqlite",
                            "--reports", "out", "--as-of", "2025-10-10", "--workers", "2"]

    /// RFC 4180 rows of a CSV report, after checking its BOM.
    static func rows(_ scratch: Scratch, _ relative: String, separator: Character = ",",
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
        var text = try scratch.read(relative)
        #expect(text.hasPrefix("\u{FEFF}"), "\(relative) starts with a BOM", sourceLocation: sourceLocation)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, previousQuote = false
        for scalar in text.unicodeScalars {
            if quoted {
                if scalar == "\"" { quoted = false; previousQuote = true } else { cell.unicodeScalars.append(scalar) }
                continue
            }
            switch scalar {
            case "\"": if previousQuote { cell.append("\"") }; quoted = true
            case "\r": break
            case "\n": row.append(cell); rows.append(row); row = []; cell = ""
            default:
                if Character(scalar) == separator { row.append(cell); cell = "" } else { cell.unicodeScalars.append(scalar) }
            }
            previousQuote = false
        }
        return rows
    }

    /// Every text cell that starts like a formula carries the neutralising quote.
    static func expectInert(_ rows: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        for cell in rows.joined() where cell.first.map({ "=+@\t\r".contains($0) }) == true {
            Issue.record("formula cell \(cell) is not neutralised", sourceLocation: sourceLocation)
        }
        for cell in rows.joined() where cell.hasPrefix("-") && Double(cell) == nil {
            Issue.record("formula cell \(cell) is not neutralised", sourceLocation: sourceLocation)
        }
    }

    /// No markup from the inputs survives in a page.
    static func expectInert(html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in ["<script", "<img", "<b>", "onerror=alert(1)>"] {
            #expect(!html.contains(raw), "\(raw) in the page", sourceLocation: sourceLocation)
        }
    }

    @Test("hostile names come out inert in every CSV, the province pages and the national comparison")
    func hostileNames() throws {
        let scratch = try Scratch()
        try Self.writeScenario(into: scratch)
        let result = try CCHCProcess.run(Self.arguments + ["--excel-vi"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("out/2025-Q3/national.html"))

        let ranking = try Self.rows(scratch, "out/2025-Q3/14/ranking.csv")
        #expect(ranking.map { Array($0.prefix(4)) } == [
            ["rank", "unit_code", "unit_name", "score"],
            ["1", "03721", "<script>alert(1)</script>", "97.50"],
            ["2", "03727", "Xã \"Mường\" É\ndòng hai", "95.00"],
            ["3", "03724", "'=cmd|' /C calc'!A0", "50.00"],
        ])
        let indicatorName = "@SUM(A1) <img src=x onerror=alert(1)> \"đúng hạn\"\ndòng hai"
        let missed = try Self.rows(scratch, "out/2025-Q3/14/missed-targets.csv")
        #expect(missed == [
            ["unit_code", "unit_name", "indicator_code", "indicator_name", "target", "value", "status"],
            ["03721", "<script>alert(1)</script>", "TTHC_DUNG_HAN", "'" + indicatorName, "100", "95", "missed"],
            ["03724", "'=cmd|' /C calc'!A0", "DN_MOI", "'+Số doanh nghiệp mới", "1", "", "missing"],
            ["03727", "Xã \"Mường\" É\ndòng hai", "TTHC_DUNG_HAN", "'" + indicatorName, "100", "90", "missed"],
        ])
        let files = ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv"]
        for file in files {
            Self.expectInert(try Self.rows(scratch, "out/2025-Q3/14/\(file)"))
            Self.expectInert(try Self.rows(scratch, "out/2025-Q3/14/excel-vi/\(file)", separator: ";"))
        }
        let rejections = try Self.rows(scratch, "out/2025-Q3/14/rejections.csv")
        #expect(rejections.count == 2)
        #expect(rejections.last?.first == "2025-Q3/14/bad.csv")
        let national = try Self.rows(scratch, "out/2025-Q3/national.csv")
        Self.expectInert(national)
        // No commune gave numerator and denominator, so the ratio roll-up is blank.
        #expect(national.contains(["TTHC_DUNG_HAN", "'" + indicatorName, "3", "14", "Tỉnh <b>Sơn La</b> & \"Co\"", "100", "", "1", "2",
                                   "0", "33.33"]))

        for page in ["out/2025-Q3/14/report.html", "out/2025-Q3/12/report.html", "out/2025-Q3/national.html"] {
            Self.expectInert(html: try scratch.read(page))
        }
        let report = try scratch.read("out/2025-Q3/14/report.html")
        #expect(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(report.contains("Xã &quot;Mường&quot; É\ndòng hai"))
        #expect(report.contains("UBND Tỉnh &lt;b&gt;Sơn La&lt;/b&gt; &amp; &quot;Co&quot;"))
        #expect(report.contains("@SUM(A1) &lt;img src=x onerror=alert(1)&gt; &quot;đúng hạn&quot;"))
        #expect(report.contains("=1+1&lt;script&gt;"))
        // Tenant isolation: Lai Châu's page and the national page name no Sơn La commune.
        for page in ["out/2025-Q3/12/report.html", "out/2025-Q3/national.html"] {
            let text = try scratch.read(page)
            #expect(!text.contains("alert(1)&lt;/script&gt;"))
            #expect(!text.contains("cmd|"))
            #expect(!text.contains("Mường"))
        }
    }

    @Test("the Excel-vi variant writes ';' and decimal commas beside the contract's files")
    func excelVietnamese() throws {
        let scratch = try Scratch()
        try Self.writeScenario(into: scratch)
        let plain = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out/2025-Q3/14/excel-vi")))
        let result = try CCHCProcess.run(Self.arguments + ["--excel-vi"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let ranking = try Self.rows(scratch, "out/2025-Q3/14/excel-vi/ranking.csv", separator: ";")
        #expect(ranking[0].count == 17)
        #expect(ranking[1] == ["1", "03721", "<script>alert(1)</script>", "97,50", "", "", "95,00", "", "", "", "", "100,00", "1", "1",
                               "0", "", "ranked"])
        #expect(try Self.rows(scratch, "out/2025-Q3/14/ranking.csv")[1][3] == "97.50")
        let national = try Self.rows(scratch, "out/2025-Q3/excel-vi/national.csv", separator: ";")
        #expect(national.first { $0[0] == "TTHC_DUNG_HAN" && $0[3] == "14" }?.last == "33,33")
    }

    @Test("the sample's report page: title, period, headline and a ranking in order with decimal commas")
    func samplePage() throws {
        let scratch = try Scratch()
        let root = CCHCProcess.repositoryRoot.path
        let result = try CCHCProcess.run(["run", "--reference", root + "/Warehouse/reference", "--inbox", root + "/Jobs/sample/inbox",
                                          "--warehouse", "w.sqlite", "--reports", "out", "--as-of", "2025-10-10", "--period", "2025-Q3"],
                                         in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try scratch.read("out/2025-Q3/14/report.html")
        #expect(page.contains("Sơn La, ngày 10 tháng 10 năm 2025"))
        #expect(page.contains("Quý III/2025 — Tỉnh Sơn La"))
        let ranking = try Self.rows(scratch, "out/2025-Q3/14/ranking.csv").dropFirst().filter { $0.last == "ranked" }
        // The page lists the same communes in the same order, the score with a decimal comma.
        var cursor = page.range(of: "<table class=\"ranking\">")?.upperBound ?? page.endIndex
        for row in ranking {
            let cell = "<td class=\"code\">\(row[1])</td><td class=\"name\">"
            guard let found = page.range(of: cell, range: cursor..<page.endIndex) else {
                Issue.record("\(row[1]) missing or out of order in the ranking table")
                return
            }
            cursor = found.upperBound
            #expect(page[cursor...].contains(">\(row[3].replacingOccurrences(of: ".", with: ","))</td>"))
        }
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/2025-Q3/national.html")))
    }
}
