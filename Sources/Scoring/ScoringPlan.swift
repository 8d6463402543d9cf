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
        /// Per indicator index: the position of the value in force in `ScoringPlan.reported`; -1 when
        /// absent. (Positions, not copies: at national scale the copies were ~20 MB per period.)
        var values: [Int32]
    }

    let period: Period
    let indicators: [Indicator]
    let communes: [Commune]
    /// The values in force, as read (`ScoringInput.values`).
    let reported: [ReportedValue]
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
        reported = input.values
        // Values arrive grouped by commune (the fact table's key order): the commune's row is looked
        // up once per run of its values, not once per value.
        var slotOfUnit: [String: Int] = [:]
        var positions: [[Int32]] = []
        var lastUnit: String?
        var slot = -1
        // Every commune's rows come in the same indicator order: the previous commune's run predicts
        // the index of each code (checked by comparing the code; a row absent on either side is
        // stepped over), so most rows skip the hash lookup.
        var previousRun: [(code: String, index: Int)] = [], currentRun: [(code: String, index: Int)] = []
        var expected = 0
        for (position, value) in input.values.enumerated() {
            if value.unitCode != lastUnit {
                lastUnit = value.unitCode
                swap(&previousRun, &currentRun)
                currentRun.removeAll(keepingCapacity: true)
                expected = 0
                if let known = slotOfUnit[value.unitCode] {
                    slot = known
                } else {
                    slot = positions.count
                    slotOfUnit[value.unitCode] = slot
                    positions.append(Array(repeating: -1, count: indicators.count))
                }
            }
            let index: Int
            if expected < previousRun.count, previousRun[expected].code == value.indicatorCode {
                index = previousRun[expected].index
                expected += 1
            } else if expected + 1 < previousRun.count, previousRun[expected + 1].code == value.indicatorCode {
                index = previousRun[expected + 1].index
                expected += 2
            } else if let found = indicatorIndex[value.indicatorCode] {
                index = found
            } else {
                continue
            }
            currentRun.append((value.indicatorCode, index))
            positions[slot][index] = Int32(position)
        }
        let valuesByUnit = slotOfUnit.mapValues { positions[$0] }
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
                               values: submitted ? valuesByUnit[unit.code] ?? Array(repeating: -1, count: own.count)
                                                 : Array(repeating: -1, count: own.count))
            }
    }

    /// The value in force of `commune` for indicator index `i`, nil when absent.
    func value(_ commune: Commune, _ i: Int) -> ReportedValue? {
        let position = commune.values[i]
        return position < 0 ? nil : reported[Int(position)]
    }

    /// How many indicator scores `scoreCommune(at:into:)` writes for the commune: its targeted
    /// indicators when it is ranked, none otherwise.
    func indicatorScoreCount(at index: Int) -> Int {
        let commune = communes[index]
        guard commune.submitted else { return 0 }
        return commune.targets.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }

    /// Scores one commune: attainment per targeted indicator (initialised into `scores`, which holds
    /// exactly `indicatorScoreCount(at: index)` uninitialised elements), domain scores, total, counts.
    func scoreCommune(at index: Int, into scores: UnsafeMutableBufferPointer<IndicatorScore>) -> UnitScore {
        let commune = communes[index]
        let hasTargets = commune.targets.contains { $0 != nil }
        guard hasTargets else {
            return UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .noTargets)
        }
        guard commune.submitted else {
            return UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .notSubmitted)
        }
        var written = 0
        var domainWeighted = [Double](repeating: 0, count: Indicator.domainCount)
        var domainWeight = [Double](repeating: 0, count: Indicator.domainCount)
        var counts = [IndicatorStatus: Int]()
        for (i, indicator) in indicators.enumerated() {
            guard let target = commune.targets[i] else { continue }
            let v = value(commune, i)?.value
            let a = Attainment.of(v, target: target.value, unit: indicator.unit, direction: indicator.direction)
            let status = Attainment.status(v, target: target.value, direction: indicator.direction)
            counts[status, default: 0] += 1
            domainWeighted[indicator.domain - 1] += indicator.weight * a
            domainWeight[indicator.domain - 1] += indicator.weight
            precondition(written < scores.count, "more targeted indicators than counted")
            scores.initializeElement(at: written, to: IndicatorScore(
                unitCode: commune.code, indicatorCode: indicator.code, target: target.value, targetScope: target.scope, value: v,
                attainment: a, weight: indicator.weight, status: status))
            written += 1
        }
        precondition(written == scores.count, "fewer targeted indicators than counted")
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
        return UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .ranked,
                         score: 100 * totalWeighted / totalWeight, domainScores: domainScores,
                         met: counts[.met] ?? 0, missed: counts[.missed] ?? 0, missing: counts[.missing] ?? 0)
    }
}
