import CCHCCore

/// The inputs of one period indexed for scoring: communes taking part, indicators in code order,
/// the target in force for each (commune, indicator), and the values by commune. Immutable, so
/// workers share it freely.
struct ScoringPlan: Sendable {
    struct Commune: Sendable {
        var code: String
        var provinceCode: String
        var submitted: Bool
        /// Per indicator index: the target in force and whose it is; nil when untargeted.
        var targets: [(value: Double, scope: IndicatorScore.TargetScope)?]
        /// Per indicator index: the value in force; nil when absent.
        var values: [ReportedValue?]
    }

    let period: Period
    let indicators: [Indicator]
    let communes: [Commune]
    /// Province codes in order, with their province-level targets per indicator index.
    let provinces: [(code: String, targets: [Double?])]

    init(_ input: ScoringInput) {
        period = input.period
        indicators = input.indicators.sorted { $0.code < $1.code }
        let indicatorIndex = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        var targetsByScope: [String: [Double?]] = [:]
        for target in input.targets where target.year == input.period.year {
            guard let index = indicatorIndex[target.indicatorCode] else { continue }
            targetsByScope[target.scopeCode, default: Array(repeating: nil, count: indicators.count)][index] = target.value
        }
        var valuesByUnit: [String: [ReportedValue?]] = [:]
        for value in input.values {
            guard let index = indicatorIndex[value.indicatorCode] else { continue }
            valuesByUnit[value.unitCode, default: Array(repeating: nil, count: indicators.count)][index] = value
        }
        let none = [Double?](repeating: nil, count: indicators.count)
        let units = input.units.filter { $0.takesPart(in: input.period) }
        provinces = units.filter { $0.level == .province }.map(\.code).sorted().map { ($0, targetsByScope[$0] ?? none) }
        let provinceCodes = Set(provinces.map(\.code))
        communes = units
            .filter { $0.level == .commune && $0.parentCode.map(provinceCodes.contains) == true }
            .sorted { $0.code < $1.code }
            .map { unit in
                let own = targetsByScope[unit.code] ?? none
                let inherited = targetsByScope[unit.parentCode!] ?? none
                let targets = (0..<own.count).map { i -> (value: Double, scope: IndicatorScore.TargetScope)? in
                    if let t = own[i] { return (t, .commune) }
                    if let t = inherited[i] { return (t, .province) }
                    return nil
                }
                let submitted = input.submitted.contains(unit.code)
                return Commune(code: unit.code, provinceCode: unit.parentCode!, submitted: submitted, targets: targets,
                               values: submitted ? valuesByUnit[unit.code] ?? Array(repeating: nil, count: own.count)
                                                 : Array(repeating: nil, count: own.count))
            }
    }

    /// Scores one commune: attainment per targeted indicator, domain scores, total, counts.
    func scoreCommune(at index: Int) -> CommuneOutcome {
        let commune = communes[index]
        let hasTargets = commune.targets.contains { $0 != nil }
        guard hasTargets else {
            return CommuneOutcome(unit: UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .noTargets),
                                  indicators: [])
        }
        guard commune.submitted else {
            return CommuneOutcome(unit: UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .notSubmitted),
                                  indicators: [])
        }
        var scores: [IndicatorScore] = []
        var domainWeighted = [Double](repeating: 0, count: Indicator.domainCount)
        var domainWeight = [Double](repeating: 0, count: Indicator.domainCount)
        var counts = [IndicatorStatus: Int]()
        for (i, indicator) in indicators.enumerated() {
            guard let target = commune.targets[i] else { continue }
            let v = commune.values[i]?.value
            let a = Attainment.of(v, target: target.value, unit: indicator.unit, direction: indicator.direction)
            let status = Attainment.status(v, target: target.value, direction: indicator.direction)
            counts[status, default: 0] += 1
            domainWeighted[indicator.domain - 1] += indicator.weight * a
            domainWeight[indicator.domain - 1] += indicator.weight
            scores.append(IndicatorScore(unitCode: commune.code, indicatorCode: indicator.code, target: target.value,
                                         targetScope: target.scope, value: v, attainment: a, weight: indicator.weight, status: status))
        }
        // Totals add the domain sums in domain order (not indicator order) so d and s agree exactly.
        var totalWeighted = 0.0
        var totalWeight = 0.0
        for d in 0..<Indicator.domainCount {
            totalWeighted += domainWeighted[d]
            totalWeight += domainWeight[d]
        }
        let domainScores = (0..<Indicator.domainCount).map { d in
            domainWeight[d] > 0 ? 100 * domainWeighted[d] / domainWeight[d] : nil
        }
        let unit = UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .ranked,
                             score: 100 * totalWeighted / totalWeight, domainScores: domainScores,
                             met: counts[.met] ?? 0, missed: counts[.missed] ?? 0, missing: counts[.missing] ?? 0)
        return CommuneOutcome(unit: unit, indicators: scores)
    }
}
