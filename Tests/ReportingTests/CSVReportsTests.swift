import CCHCCore
import Testing
@testable import Reporting

@Suite("CSV reports")
struct CSVReportsTests {
    let context = ReportFixture.context

    @Test("ranking.csv: the contract's columns, rank order, ties, the unranked last, neutralised names")
    func ranking() {
        let table = CSVReports.ranking(ReportFixture.units, context: context)
        #expect(Array(table.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(ReportFixture.parse(table.bytes) == [
            ["rank", "unit_code", "unit_name", "score", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "met", "missed", "missing",
             "rank_change", "status"],
            ["1", "03721", "Xã Thuận Châu", "97.50", "", "", "95.00", "", "", "", "", "100.00", "1", "1", "0", "1", "ranked"],
            ["1", "03727", "'=cmd|' /C calc'!A0", "97.50", "", "", "95.00", "", "", "", "", "100.00", "1", "1", "0", "", "ranked"],
            ["3", "03724", ReportFixture.hostileName, "50.00", "", "", "100.00", "", "", "", "", "0.00", "1", "0", "1", "-2", "ranked"],
            ["", "03730", "Xã Long Hẹ, cũ", "", "", "", "", "", "", "", "", "", "", "", "", "", "not_submitted"],
        ])
    }

    @Test("missed-targets.csv: every missed and missing pair; a name with quotes and a newline stays one cell")
    func missedTargets() {
        let rows = ReportFixture.parse(CSVReports.missedTargets(ReportFixture.indicatorScores, context: context).bytes)
        #expect(rows == [
            ["unit_code", "unit_name", "indicator_code", "indicator_name", "target", "value", "status"],
            ["03721", "Xã Thuận Châu", "TTHC", ReportFixture.newlineIndicator, "100", "95", "missed"],
            ["03724", ReportFixture.hostileName, "DN_MOI", "Số doanh nghiệp mới", "1", "", "missing"],
            ["03727", "'=cmd|' /C calc'!A0", "TTHC", ReportFixture.newlineIndicator, "100", "95", "missed"],
        ])
    }

    @Test("indicators.csv and rejections.csv, exactly")
    func rollupAndRejections() {
        let rollups = ReportFixture.rollups.filter { $0.provinceCode == "14" }
        #expect(ReportFixture.parse(CSVReports.indicators(rollups, context: context).bytes) == [
            ["indicator_code", "indicator_name", "domain", "target", "value", "min", "median", "max", "met", "missed", "missing"],
            ["DN_MOI", "Số doanh nghiệp mới", "8", "1", "3", "1", "1.5", "2", "2", "0", "2"],
            ["TTHC", ReportFixture.newlineIndicator, "3", "100", "96.67", "95", "95", "100", "1", "2", "1"],
        ])
        #expect(ReportFixture.parse(CSVReports.rejections(ReportFixture.rejections).bytes) == [
            ["file", "line", "column", "unit_code", "error"],
            ["2025-Q3/14/<img src=x>.csv", "3", "4", "03724", "giá trị \"=1+1\" không phải là số"],
        ])
    }

    @Test("the Excel-vi variant: ';' between cells, decimal comma, same columns and neutralisation")
    func excelVietnamese() {
        let dialect = CSVDialect.excelVietnamese
        let ranking = CSVReports.ranking(ReportFixture.units, context: context, dialect: dialect)
        let text = String(decoding: ranking.bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("rank;unit_code;unit_name;score;d1;d2;d3;d4;d5;d6;d7;d8;met;missed;missing;rank_change;status\r\n"
            + "1;03721;Xã Thuận Châu;97,50;;;95,00;;;;;100,00;1;1;0;1;ranked\r\n"
            + "1;03727;'=cmd|' /C calc'!A0;97,50;"))
        #expect(text.contains("\r\n;03730;Xã Long Hẹ, cũ;;;;;;;;;;;;;;not_submitted\r\n"))
        let rollups = ReportFixture.rollups.filter { $0.provinceCode == "14" }
        let indicators = ReportFixture.parse(CSVReports.indicators(rollups, context: context, dialect: dialect).bytes, separator: ";")
        #expect(indicators.last == ["TTHC", ReportFixture.newlineIndicator, "3", "100", "96,67", "95", "95", "100", "1", "2", "1"])
        #expect(indicators[1][6] == "1,5")
    }

    @Test("the national comparison: one row per indicator and province, share of communes meeting the target")
    func nationalCSV() {
        let report = NationalReport(scores: ReportFixture.scores, provinces: [ReportFixture.province, ReportFixture.otherProvince],
                                    indicators: ReportFixture.indicators, asOf: "2025-10-10")
        #expect(ReportFixture.parse(report.csv().bytes) == [
            NationalReport.header,
            ["DN_MOI", "Số doanh nghiệp mới", "8", "14", "Tỉnh Sơn La", "1", "3", "2", "0", "2", "50.00"],
            ["TTHC", ReportFixture.newlineIndicator, "3", "12", "Tỉnh Lai Châu", "100", "98", "0", "1", "0", "0.00"],
            ["TTHC", ReportFixture.newlineIndicator, "3", "14", "Tỉnh Sơn La", "100", "96.67", "1", "2", "1", "25.00"],
        ])
    }
}

@Suite("national comparison order")
struct NationalOrderTests {
    @Test("provinces in Vietnamese alphabetical order of their names without Tỉnh/Thành phố; Đ is a letter after D")
    func vietnameseOrder() {
        let names = [("48", "Thành phố Đà Nẵng"), ("99", "Tỉnh Dương"), ("11", "Tỉnh Điện Biên"), ("66", "Tỉnh Đắk Lắk"), ("17", "Tỉnh Hòa Bình"),
                     ("02", "Tỉnh Hà Giang"), ("01", "Thành phố Hà Nội")]
        let provinces = names.map { AdministrativeUnit(code: $0.0, name: $0.1, parentCode: nil, level: .province) }
        let report = NationalReport(scores: PeriodScores(period: ReportFixture.period, units: [], indicators: [], rollups: []),
                                    provinces: provinces, indicators: [], asOf: "2025-10-10")
        #expect(report.provinces.map(\.name) == ["Tỉnh Dương", "Thành phố Đà Nẵng", "Tỉnh Đắk Lắk", "Tỉnh Điện Biên", "Tỉnh Hà Giang",
                                                 "Thành phố Hà Nội", "Tỉnh Hòa Bình"])
    }
}
