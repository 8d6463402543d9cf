import CCHCCore
import Testing
import TestSupport
@testable import Scoring

@Suite("The kernel equals the naive implementation on random scenarios")
struct PropertyTests {
    /// A random scenario: provinces, communes (some retired or new), indicators of every kind, both
    /// directions, targets at province and commune level (some ≤ 0), missing values and ties.
    static func scenario(seed: UInt64) -> ScoringInput {
        var random = SplitMix(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let provinceCount = 1 + pick(3)
        var units: [AdministrativeUnit] = []
        var indicators: [Indicator] = []
        for i in 0..<(1 + pick(10)) {
            let unit = [Indicator.MeasureUnit.percent, .count, .number, .boolean][pick(4)]
            indicators.append(Indicator(code: "I\(i)", domain: 1 + pick(8), nameVi: "", nameEn: "", unit: unit,
                                        direction: pick(3) == 0 ? .lower : .higher, weight: [0.5, 1, 1.5, 2][pick(4)],
                                        aggregation: [Indicator.Aggregation.ratio, .sum, .mean][pick(3)]))
        }
        var targets: [Target] = []
        var values: [ReportedValue] = []
        var submitted: Set<String> = []
        var previousRanks: [String: Int] = [:]
        // Values on a coarse grid so that ties and exact halves happen often.
        func value(for indicator: Indicator) -> Double {
            indicator.unit == .boolean ? Double(pick(2)) : Double(pick(41)) * 2.5 - (pick(10) == 0 ? 5 : 0)
        }
        for p in 0..<provinceCount {
            let province = "P\(p)"
            units.append(AdministrativeUnit(code: province, name: province, parentCode: nil, level: .province))
            for indicator in indicators where pick(5) != 0 {
                targets.append(Target(scopeCode: province, year: 2025, indicatorCode: indicator.code,
                                      value: indicator.unit == .boolean ? 1 : Double(pick(11) * 10) - (pick(8) == 0 ? 10 : 0), source: ""))
            }
            for c in 0..<(1 + pick(12)) {
                let code = "\(province)C\(String(c, radix: 10))"
                let validTo = pick(15) == 0 ? "2025-06-30" : nil
                units.append(AdministrativeUnit(code: code, name: code, parentCode: province, level: .commune, validTo: validTo))
                for indicator in indicators where pick(6) == 0 {
                    targets.append(Target(scopeCode: code, year: pick(6) == 0 ? 2024 : 2025, indicatorCode: indicator.code,
                                          value: Double(pick(11) * 10), source: ""))
                }
                if pick(8) != 0 {
                    submitted.insert(code)
                    for indicator in indicators where pick(10) != 0 {
                        let blank = pick(8) == 0
                        let den = Double(1 + pick(20))
                        let num = Double(pick(Int(den) + 1))
                        values.append(ReportedValue(unitCode: code, indicatorCode: indicator.code, value: blank ? nil : value(for: indicator),
                                                    numerator: pick(2) == 0 ? num : nil, denominator: pick(2) == 0 ? den : nil))
                    }
                } else if pick(3) == 0 {
                    // Values of a commune whose file is not in force must be ignored.
                    values.append(ReportedValue(unitCode: code, indicatorCode: indicators[0].code, value: 50))
                }
                if pick(2) == 0 { previousRanks[code] = 1 + pick(12) }
            }
        }
        return ScoringInput(period: Period("2025-Q3")!, units: units, indicators: indicators, targets: targets, values: values,
                            submitted: submitted, previousRanks: previousRanks)
    }

    static func assertClose(_ a: Double?, _ b: Double?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch (a, b) {
        case (nil, nil): return
        case let (x?, y?): #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(what): \(x) vs \(y)", sourceLocation: sourceLocation)
        default: Issue.record("\(what): \(String(describing: a)) vs \(String(describing: b))", sourceLocation: sourceLocation)
        }
    }

    @Test("3,000 random scenarios: same statuses, ranks, rank changes, counts; same numbers to 1e-9")
    func kernelEqualsNaive() {
        for seed in UInt64(1)...3_000 {
            let input = Self.scenario(seed: seed)
            let expected = NaiveScorer.score(input)
            let actual = ScoringKernel(workers: Int(seed % 3) + 1).score(input)
            #expect(actual.units.map(\.unitCode) == expected.units.map(\.unitCode), "seed \(seed)")
            guard actual.units.count == expected.units.count, actual.indicators.count == expected.indicators.count,
                  actual.rollups.count == expected.rollups.count else {
                Issue.record("seed \(seed): different shapes")
                continue
            }
            for (a, e) in zip(actual.units, expected.units) {
                #expect(a.status == e.status && a.rank == e.rank && a.rankChange == e.rankChange, "seed \(seed) \(a.unitCode)")
                #expect(a.met == e.met && a.missed == e.missed && a.missing == e.missing, "seed \(seed) \(a.unitCode)")
                Self.assertClose(a.score, e.score, "seed \(seed) \(a.unitCode) score")
                for d in 0..<8 { Self.assertClose(a.domainScores[d], e.domainScores[d], "seed \(seed) \(a.unitCode) d\(d + 1)") }
            }
            for (a, e) in zip(actual.indicators, expected.indicators) {
                #expect(a.unitCode == e.unitCode && a.indicatorCode == e.indicatorCode && a.status == e.status
                        && a.target == e.target && a.targetScope == e.targetScope && a.value == e.value, "seed \(seed)")
                Self.assertClose(a.attainment, e.attainment, "seed \(seed) attainment")
            }
            for (a, e) in zip(actual.rollups, expected.rollups) {
                #expect(a.provinceCode == e.provinceCode && a.indicatorCode == e.indicatorCode && a.target == e.target
                        && a.met == e.met && a.missed == e.missed && a.missing == e.missing
                        && a.min == e.min && a.max == e.max, "seed \(seed) \(a.indicatorCode)")
                Self.assertClose(a.value, e.value, "seed \(seed) rollup value")
                Self.assertClose(a.median, e.median, "seed \(seed) rollup median")
            }
        }
    }

    @Test("bit-identical results for 1, 2 and 8 workers on random scenarios")
    func workerCountDoesNotMatter() {
        for seed in UInt64(5_000)..<5_300 {
            let input = Self.scenario(seed: seed)
            let one = ScoringKernel(workers: 1).score(input)
            for workers in [2, 8] {
                let other = ScoringKernel(workers: workers).score(input)
                #expect(other.units == one.units && other.indicators == one.indicators && other.rollups == one.rollups, "seed \(seed)")
            }
        }
    }
}
