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
    }

    /// What scoring needs of an indicator. The loops read these rather than copy `Indicator`s, whose
    /// names are heap strings: every copy retained and released them, ~270,000 times per period,
    /// from every worker on the same reference counts (the kernel at M went 0.080 → 0.058 s).
    struct Rule: Sendable {
        var code: String
        var unit: Indicator.MeasureUnit
        var direction: Indicator.Direction
        var aggregation: Indicator.Aggregation
        var weight: Double
        var domain: Int
    }

    /// A value in force as the rules read it (nil = blank).
    struct Reading {
        var value: Double?
        var numerator: Double?
        var denominator: Double?
    }

    let period: Period
    let indicators: [Indicator]
    /// `indicators`' rules, in the same order.
    let rules: [Rule]
    let communes: [Commune]
    /// The values in force, as read (`ScoringInput.valueTable`).
    let table: ValueTable
    /// Per commune index × indicator count + indicator index: the row of the value in force in
    /// `table.rows`; -1 when absent. (Positions, not copies: at national scale the copies were
    /// ~20 MB per period.)
    let positions: [Int32]
    /// Province codes in order, with their province-level targets per indicator index.
    let provinces: [(code: String, targets: [Double?])]

    /// Builds the plan in a few array passes: codes are hashed once per unit and per indicator,
    /// never per value, so the serial part of the kernel stays small next to the scoring the
    /// workers share.
    init(_ input: ScoringInput) {
        period = input.period
        indicators = input.indicators.sorted { $0.code < $1.code }
        rules = indicators.map {
            Rule(code: $0.code, unit: $0.unit, direction: $0.direction, aggregation: $0.aggregation, weight: $0.weight, domain: $0.domain)
        }
        let indicatorCount = indicators.count
        let indicatorIndex = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        var targetsByScope: [String: [Double?]] = [:]
        for target in input.targets where target.year == input.period.year {
            guard let index = indicatorIndex[target.indicatorCode] else { continue }
            targetsByScope[target.scopeCode, default: Array(repeating: nil, count: indicatorCount)][index] = target.value
        }
        let none = [Double?](repeating: nil, count: indicatorCount)
        // Units by index: filtering and sorting copies of `AdministrativeUnit` (seven strings each)
        // cost more than the rest of the plan.
        let units = input.units
        let takingPart = units.indices.filter { units[$0].takesPart(in: input.period) }
        provinces = takingPart.filter { units[$0].level == .province }.map { units[$0].code }.sorted().map { ($0, targetsByScope[$0] ?? none) }
        let provinceCodes = Set(provinces.map(\.code))
        let communes = takingPart
            .filter { units[$0].level == .commune && units[$0].parentCode.map(provinceCodes.contains) == true }
            .sorted { units[$0].code < units[$1].code }
            .map { u in
                let code = units[u].code, provinceCode = units[u].parentCode!
                let own = targetsByScope[code] ?? none
                let inherited = targetsByScope[provinceCode] ?? none
                let targets = (0..<indicatorCount).map { i -> (value: Double, scope: IndicatorScore.TargetScope)? in
                    if let t = own[i] { return (t, .commune) }
                    if let t = inherited[i] { return (t, .province) }
                    return nil
                }
                return Commune(code: code, provinceCode: provinceCode, submitted: input.submitted.contains(code), targets: targets)
            }
        self.communes = communes
        let table = input.valueTable
        self.table = table
        // Slot → index maps (one hash per slot), then one array pass over the values. A later row for
        // the same commune and indicator wins, as it did when values were keyed by code.
        let communeIndex = Dictionary(communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let communeOfSlot = table.unitCodes.map { code -> Int in
            guard let index = communeIndex[code], communes[index].submitted else { return -1 }
            return index
        }
        let indicatorOfSlot = table.indicatorCodes.map { indicatorIndex[$0] ?? -1 }
        var positions = [Int32](repeating: -1, count: communes.count * indicatorCount)
        for (position, row) in table.rows.enumerated() {
            let commune = communeOfSlot[Int(row.unitSlot)], indicator = indicatorOfSlot[Int(row.indicatorSlot)]
            guard commune >= 0, indicator >= 0 else { continue }
            positions[commune * indicatorCount + indicator] = Int32(position)
        }
        self.positions = positions
    }

    /// The value in force of the commune at `communeIndex` for indicator index `i`, nil when absent.
    func reading(at communeIndex: Int, _ i: Int) -> Reading? {
        let position = positions[communeIndex * indicators.count + i]
        guard position >= 0 else { return nil }
        let row = table.rows[Int(position)]
        return Reading(value: row.value.isNaN ? nil : row.value, numerator: row.numerator.isNaN ? nil : row.numerator,
                       denominator: row.denominator.isNaN ? nil : row.denominator)
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
        var met = 0, missed = 0, missing = 0
        for i in rules.indices {
            guard let target = commune.targets[i] else { continue }
            let indicator = rules[i]
            let v = reading(at: index, i)?.value
            let a = Attainment.of(v, target: target.value, unit: indicator.unit, direction: indicator.direction)
            let status = Attainment.status(v, target: target.value, direction: indicator.direction)
            switch status {
            case .met: met += 1
            case .missed: missed += 1
            case .missing: missing += 1
            }
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
                         met: met, missed: missed, missing: missing)
    }
}
