import CCHCCore
@testable import Scoring

/// Small builders for scoring scenarios: one or two provinces, communes, indicators, targets.
enum Fixture {
    static func indicator(_ code: String, domain: Int = 3, unit: Indicator.MeasureUnit = .percent,
                          direction: Indicator.Direction = .higher, weight: Double = 1,
                          aggregation: Indicator.Aggregation = .ratio) -> Indicator {
        Indicator(code: code, domain: domain, nameVi: "Chỉ tiêu \(code)", nameEn: code, unit: unit, direction: direction,
                  weight: weight, aggregation: aggregation)
    }

    static func province(_ code: String) -> AdministrativeUnit {
        AdministrativeUnit(code: code, name: "Tỉnh \(code)", parentCode: nil, level: .province)
    }

    static func commune(_ code: String, of province: String, validFrom: String? = nil, validTo: String? = nil) -> AdministrativeUnit {
        AdministrativeUnit(code: code, name: "Xã \(code)", parentCode: province, level: .commune, validFrom: validFrom, validTo: validTo)
    }

    static func target(_ scope: String, _ indicator: String, _ value: Double, year: Int = 2025) -> Target {
        Target(scopeCode: scope, year: year, indicatorCode: indicator, value: value, source: "test")
    }

    static func value(_ unit: String, _ indicator: String, _ value: Double?, _ numerator: Double? = nil,
                      _ denominator: Double? = nil) -> ReportedValue {
        ReportedValue(unitCode: unit, indicatorCode: indicator, value: value, numerator: numerator, denominator: denominator)
    }

    static let q3 = Period("2025-Q3")!

    static func score(units: [AdministrativeUnit], indicators: [Indicator], targets: [Target], values: [ReportedValue],
                      submitted: Set<String>? = nil, previousRanks: [String: Int] = [:], workers: Int = 2,
                      period: Period = q3) -> PeriodScores {
        let input = ScoringInput(period: period, units: units, indicators: indicators, targets: targets, values: values,
                                 submitted: submitted ?? Set(values.map(\.unitCode)), previousRanks: previousRanks)
        return ScoringKernel(workers: workers).score(input)
    }
}

extension PeriodScores {
    func unit(_ code: String) -> UnitScore? { units.first { $0.unitCode == code } }
    func indicator(_ unit: String, _ indicator: String) -> IndicatorScore? {
        indicators.first { $0.unitCode == unit && $0.indicatorCode == indicator }
    }
}
