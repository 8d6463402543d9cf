import CCHCCore
import Foundation
import Reporting

/// A small province for the report tests: three ranked communes (a tie), one that did not submit,
/// names that try to break every output, and a second province for the national comparison.
enum ReportFixture {
    static let hostileName = "<script>alert(\"x\")</script> & 'Xã'"
    static let formulaName = "=cmd|' /C calc'!A0"
    static let newlineIndicator = "Tỷ lệ \"hồ sơ\"\nđúng hạn, <b>quý</b>"

    static let period = Period("2025-Q3")!
    static let province = AdministrativeUnit(code: "14", name: "Tỉnh Sơn La", parentCode: nil, level: .province)
    static let otherProvince = AdministrativeUnit(code: "12", name: "Tỉnh Lai Châu", parentCode: nil, level: .province)

    static let indicators = [
        Indicator(code: "TTHC", domain: 3, nameVi: newlineIndicator, nameEn: "On time", unit: .percent, direction: .higher, weight: 1,
                  aggregation: .ratio),
        Indicator(code: "DN_MOI", domain: 8, nameVi: "Số doanh nghiệp mới", nameEn: "New firms", unit: .count, direction: .higher,
                  weight: 1, aggregation: .sum),
    ]

    static let unitNames = ["03721": "Xã Thuận Châu", "03724": hostileName, "03727": formulaName, "03730": "Xã Long Hẹ, cũ",
                            "03549": "Xã Phong Thổ"]

    static let units = [
        UnitScore(unitCode: "03721", provinceCode: "14", status: .ranked, score: 97.5, domainScores: domains(d3: 95, d8: 100),
                  met: 1, missed: 1, missing: 0, rank: 1, rankChange: 1),
        UnitScore(unitCode: "03727", provinceCode: "14", status: .ranked, score: 97.5, domainScores: domains(d3: 95, d8: 100),
                  met: 1, missed: 1, missing: 0, rank: 1, rankChange: nil),
        UnitScore(unitCode: "03724", provinceCode: "14", status: .ranked, score: 50, domainScores: domains(d3: 100, d8: 0),
                  met: 1, missed: 0, missing: 1, rank: 3, rankChange: -2),
        UnitScore(unitCode: "03730", provinceCode: "14", status: .notSubmitted),
    ]

    static let indicatorScores = [
        IndicatorScore(unitCode: "03721", indicatorCode: "DN_MOI", target: 1, targetScope: .province, value: 2, attainment: 1, weight: 1,
                       status: .met),
        IndicatorScore(unitCode: "03721", indicatorCode: "TTHC", target: 100, targetScope: .province, value: 95, attainment: 0.95,
                       weight: 1, status: .missed),
        IndicatorScore(unitCode: "03724", indicatorCode: "DN_MOI", target: 1, targetScope: .province, value: nil, attainment: 0,
                       weight: 1, status: .missing),
        IndicatorScore(unitCode: "03724", indicatorCode: "TTHC", target: 100, targetScope: .commune, value: 100, attainment: 1,
                       weight: 1, status: .met),
        IndicatorScore(unitCode: "03727", indicatorCode: "DN_MOI", target: 1, targetScope: .province, value: 1, attainment: 1, weight: 1,
                       status: .met),
        IndicatorScore(unitCode: "03727", indicatorCode: "TTHC", target: 100, targetScope: .province, value: 95, attainment: 0.95,
                       weight: 1, status: .missed),
    ]

    static let rollups = [
        ProvinceRollup(provinceCode: "14", indicatorCode: "DN_MOI", target: 1, value: 3, min: 1, median: 1.5, max: 2, met: 2, missed: 0,
                       missing: 2),
        ProvinceRollup(provinceCode: "14", indicatorCode: "TTHC", target: 100, value: 96.666, min: 95, median: 95, max: 100, met: 1,
                       missed: 2, missing: 1),
        ProvinceRollup(provinceCode: "12", indicatorCode: "TTHC", target: 100, value: 98, min: 98, median: 98, max: 98, met: 0, missed: 1,
                       missing: 0),
    ]

    static let rejections = [
        Rejection(file: "2025-Q3/14/<img src=x>.csv", line: 3, column: 4, unitCode: "03724", code: "non_numeric_value",
                  message: "giá trị \"=1+1\" không phải là số"),
    ]

    static func domains(d3: Double?, d8: Double?) -> [Double?] {
        var scores = [Double?](repeating: nil, count: Indicator.domainCount)
        scores[2] = d3
        scores[7] = d8
        return scores
    }

    static var scores: PeriodScores {
        PeriodScores(period: period, units: units + [UnitScore(unitCode: "03549", provinceCode: "12", status: .ranked, score: 98,
                                                               domainScores: domains(d3: 98, d8: nil), met: 0, missed: 1, missing: 0,
                                                               rank: 1)],
                     indicators: indicatorScores + [IndicatorScore(unitCode: "03549", indicatorCode: "TTHC", target: 100,
                                                                   targetScope: .province, value: 98, attainment: 0.98, weight: 1,
                                                                   status: .missed)],
                     rollups: rollups)
    }

    static var context: ReportContext {
        ReportContext(period: period, province: province, unitNames: unitNames, indicators: indicators, rejections: rejections,
                      asOf: "2025-10-10", receivedAt: ["03721": "2025-09-01T03:00:00.000000000Z", "03724": "2025-09-09T17:00:00.000000000Z",
                                                       "03727": "2025-09-09T16:59:59.000000000Z"],
                      changes: [
                          SubmissionChange(unitCode: "03721", indicatorCode: "TTHC", previousValue: 88.5, value: 100, kind: .changed,
                                           file: "2025-Q3/14/<b>sửa</b>.csv", replacedFile: "2025-Q3/14/03721.csv"),
                          SubmissionChange(unitCode: "03721", indicatorCode: "DN_MOI", previousValue: 2, value: nil, kind: .removed,
                                           file: "2025-Q3/14/<b>sửa</b>.csv", replacedFile: "2025-Q3/14/03721.csv"),
                      ])
    }

    static func html() -> String {
        let scores = scores
        return HTMLReport.render(units: units, indicatorScores: indicatorScores, rollups: scores.rollups.filter { $0.provinceCode == "14" },
                                 context: context)
    }

    /// RFC 4180 parsing of a CSV document written by the reports (BOM and CRLF expected).
    static func parse(_ bytes: [UInt8], separator: Character = ",") -> [[String]] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, afterQuote = false
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { cell.unicodeScalars.append(scalar) }
            } else if c == "\"" {
                if afterQuote { cell.append("\"") }
                quoted = true
                afterQuote = false
            } else if c == separator {
                row.append(cell); cell = ""; afterQuote = false
            } else if scalar == "\r" {
                afterQuote = false
            } else if scalar == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""; afterQuote = false
            } else {
                cell.unicodeScalars.append(scalar); afterQuote = false
            }
        }
        return rows
    }
}
