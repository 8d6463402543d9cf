import CCHCCore
@testable import Scoring

/// BRIEF §4 written the plainest way possible, single-threaded, from the text of the brief and
/// sharing nothing with the kernel but the value types and the rounding rule.
enum NaiveScorer {
    static func score(_ input: ScoringInput) -> PeriodScores {
        let year = input.period.year
        func target(_ unit: AdministrativeUnit, _ indicator: String) -> (Double, IndicatorScore.TargetScope)? {
            if let own = input.targets.first(where: { $0.scopeCode == unit.code && $0.year == year && $0.indicatorCode == indicator }) {
                return (own.value, .commune)
            }
            if let province = input.targets.first(where: { $0.scopeCode == unit.parentCode && $0.year == year && $0.indicatorCode == indicator }) {
                return (province.value, .province)
            }
            return nil
        }
        let provinces = input.units.filter { $0.level == .province && $0.takesPart(in: input.period) }.map(\.code).sorted()
        var units: [UnitScore] = []
        var indicatorScores: [IndicatorScore] = []
        var rollups: [ProvinceRollup] = []
        let indicators = input.indicators.sorted { $0.code < $1.code }
        for province in provinces {
            let communes = input.units
                .filter { $0.level == .commune && $0.parentCode == province && $0.takesPart(in: input.period) }
                .sorted { $0.code < $1.code }
            var ranked: [UnitScore] = []
            var unranked: [UnitScore] = []
            for commune in communes {
                let targeted = indicators.filter { target(commune, $0.code) != nil }
                if targeted.isEmpty {
                    unranked.append(UnitScore(unitCode: commune.code, provinceCode: province, status: .noTargets))
                    continue
                }
                if !input.submitted.contains(commune.code) {
                    unranked.append(UnitScore(unitCode: commune.code, provinceCode: province, status: .notSubmitted))
                    continue
                }
                var sumWA = 0.0, sumW = 0.0, met = 0, missed = 0, missing = 0
                var domainWA = [Double](repeating: 0, count: 8), domainW = [Double](repeating: 0, count: 8)
                for indicator in targeted {
                    let (t, scope) = target(commune, indicator.code)!
                    let v = input.values.first { $0.unitCode == commune.code && $0.indicatorCode == indicator.code }?.value
                    var a = 0.0
                    var status = IndicatorStatus.missing
                    if let v {
                        let meets = indicator.direction == .higher ? v >= t : v <= t
                        status = meets ? .met : .missed
                        if indicator.unit == .boolean { a = meets ? 1 : 0 }
                        else if indicator.direction == .higher { a = t <= 0 ? 1 : Swift.min(1, Swift.max(0, v / t)) }
                        else { a = v <= t ? 1 : (v > 0 ? t / v : 0) }
                    }
                    switch status { case .met: met += 1; case .missed: missed += 1; case .missing: missing += 1 }
                    sumWA += indicator.weight * a
                    sumW += indicator.weight
                    domainWA[indicator.domain - 1] += indicator.weight * a
                    domainW[indicator.domain - 1] += indicator.weight
                    indicatorScores.append(IndicatorScore(unitCode: commune.code, indicatorCode: indicator.code, target: t,
                                                          targetScope: scope, value: v, attainment: a, weight: indicator.weight,
                                                          status: status))
                }
                ranked.append(UnitScore(unitCode: commune.code, provinceCode: province, status: .ranked, score: 100 * sumWA / sumW,
                                        domainScores: (0..<8).map { domainW[$0] > 0 ? 100 * domainWA[$0] / domainW[$0] : nil },
                                        met: met, missed: missed, missing: missing))
            }
            // Rank: count the communes with a strictly higher rounded score.
            let keys = ranked.map { Rounding.scaled($0.score!) }
            for i in ranked.indices {
                let rank = 1 + keys.filter { $0 > keys[i] }.count
                ranked[i].rank = rank
                ranked[i].rankChange = input.previousRanks[ranked[i].unitCode].map { $0 - rank }
            }
            ranked.sort { ($0.rank!, $0.unitCode) < ($1.rank!, $1.unitCode) }
            units += ranked
            units += unranked.filter { $0.status == .notSubmitted } + unranked.filter { $0.status == .noTargets }

            for indicator in indicators {
                let withTarget = communes.filter { target($0, indicator.code) != nil }
                if withTarget.isEmpty { continue }
                let reported = communes.filter { input.submitted.contains($0.code) }.compactMap { c in
                    input.values.first { $0.unitCode == c.code && $0.indicatorCode == indicator.code }
                }
                let values = reported.compactMap(\.value)
                var value: Double?
                switch indicator.aggregation {
                case .ratio:
                    let pairs = reported.filter { $0.numerator != nil && $0.denominator != nil }
                    let den = pairs.reduce(0) { $0 + $1.denominator! }
                    value = den > 0 ? 100 * pairs.reduce(0) { $0 + $1.numerator! } / den : nil
                case .sum: value = values.isEmpty ? nil : values.reduce(0, +)
                case .mean: value = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
                }
                let sorted = values.sorted()
                let median: Double? = sorted.isEmpty ? nil : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                    : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                var met = 0, missed = 0, missing = 0
                for c in withTarget {
                    let t = target(c, indicator.code)!.0
                    let v = input.submitted.contains(c.code)
                        ? input.values.first { $0.unitCode == c.code && $0.indicatorCode == indicator.code }?.value : nil
                    guard let v else { missing += 1; continue }
                    if indicator.direction == .higher ? v >= t : v <= t { met += 1 } else { missed += 1 }
                }
                let provinceTarget = input.targets.first { $0.scopeCode == province && $0.year == year && $0.indicatorCode == indicator.code }
                rollups.append(ProvinceRollup(provinceCode: province, indicatorCode: indicator.code, target: provinceTarget?.value,
                                              value: value, min: sorted.first, median: median, max: sorted.last,
                                              met: met, missed: missed, missing: missing))
            }
        }
        indicatorScores.sort { ($0.unitCode, $0.indicatorCode) < ($1.unitCode, $1.indicatorCode) }
        return PeriodScores(period: input.period, units: units, indicators: indicatorScores, rollups: rollups)
    }
}
