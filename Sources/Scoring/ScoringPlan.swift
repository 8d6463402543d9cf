import CCHCCore

/// The inputs of one period indexed for scoring: communes taking part, indicators in code order,
/// the target in force for each (commune, indicator), and the values by commune. Immutable, so
/// workers share it freely.
struct ScoringPlan: Sendable {
    struct Commune: Sendable {
        var code: String
        var provinceCode: String
        /// The commune's province among the distinct province codes (`members`).
        var group: Int
        var submitted: Bool
        /// How many indicators are targeted for the commune.
        var targeted: Int
    }

    /// The target in force for a commune and whose it is.
    struct Target: Sendable {
        var value: Double
        var scope: IndicatorScore.TargetScope
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
    /// Per commune index × indicator count + indicator index: the target in force; nil when untargeted.
    let targets: [Target?]
    /// The values in force, as read (`ScoringInput.valueTable`).
    let table: ValueTable
    /// Per commune index × indicator count + indicator index: the row of the value in force in
    /// `table.rows`; -1 when absent. (Positions, not copies: at national scale the copies were
    /// ~20 MB per period.)
    let positions: [Int32]
    /// Province codes in order, with their province-level targets per indicator index.
    let provinces: [(code: String, targets: [Double?])]
    /// Per province index: its group, the index of its code among the distinct province codes (a
    /// code listed twice is one group).
    let groupOfProvince: [Int]
    /// The indices of each group's communes, in code order.
    let members: Grouping

    /// Builds the plan in two passes shared by the workers, with little in between: codes are
    /// hashed once per unit, target and value slot, never per value, so the serial part of the
    /// kernel stays small next to the scoring.
    init(_ input: ScoringInput, workers: Int = 1) {
        period = input.period
        indicators = input.indicators.sorted { $0.code < $1.code }
        rules = indicators.map {
            Rule(code: $0.code, unit: $0.unit, direction: $0.direction, aggregation: $0.aggregation, weight: $0.weight, domain: $0.domain)
        }
        let indicatorCount = indicators.count
        let indicatorIndex = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        // Units by index: filtering and sorting copies of `AdministrativeUnit` (seven strings each)
        // cost more than the rest of the plan (and reading them through a buffer copies none).
        let units = input.units
        let takingPart = units.withUnsafeBufferPointer { units in units.indices.filter { units[$0].takesPart(in: input.period) } }
        let provinceCodes = takingPart.filter { units[$0].level == .province }.map { units[$0].code }.sorted()
        // Every code a target or a value slot may name: its group when a province, its index when a
        // commune.
        var scopeIndex = [String: Scope](minimumCapacity: takingPart.count)
        var groupCount = 0
        groupOfProvince = provinceCodes.map { code in
            if let group = scopeIndex[code]?.group { return Int(group) }
            scopeIndex[code] = Scope(group: Int32(groupCount))
            groupCount += 1
            return groupCount - 1
        }
        // Communes come grouped by province: their parent is looked up once per run.
        var parent: (code: String, group: Int32)?
        let communeUnits = takingPart
            .compactMap { u -> (unit: Int, group: Int)? in
                guard units[u].level == .commune, let code = units[u].parentCode else { return nil }
                if parent?.code != code { parent = (code, scopeIndex[code]?.group ?? -1) }
                return parent!.group < 0 ? nil : (u, Int(parent!.group))
            }
            .sorted { units[$0.unit].code < units[$1.unit].code }
        // A code names its first commune; communes listed with the same code share its own targets.
        let firstOfCode = communeUnits.indices.map { index in
            Int(scopeIndex[units[communeUnits[index].unit].code, default: Scope()].name(commune: index))
        }
        let scopes = scopeIndex
        members = Grouping(keys: communeUnits.map(\.group), keyCount: groupCount)
        let table = input.valueTable
        self.table = table

        let indexed = IndexedInput(input, scopes: scopes, indicatorIndex: indicatorIndex, workers: workers)
        // Targets in input order: a later one for the same scope and indicator wins.
        var provinceTargets = [Double?](repeating: nil, count: groupCount * indicatorCount)
        for (t, target) in indexed.targets.enumerated() where target.scope.group >= 0 {
            provinceTargets[Int(target.scope.group) * indicatorCount + target.indicator] = input.targets[t].value
        }
        let groupTargets = provinceTargets
        provinces = zip(provinceCodes, groupOfProvince).map { ($0, Array(groupTargets[($1 * indicatorCount)..<(($1 + 1) * indicatorCount)])) }
        let ownTargets = Grouping(keys: indexed.targets.lazy.map { Int($0.scope.commune) }, keyCount: communeUnits.count)
        let slotsOfCommune = Grouping(keys: indexed.communeOfSlot.lazy.map { Int($0) }, keyCount: communeUnits.count)
        let indicatorOfSlot = table.indicatorCodes.map { indicatorIndex[$0] ?? -1 }

        // Per commune: what it is, its targets in force (its province's, then its own on top: a
        // commune's own target beats its province's) and the rows of its values in force.
        let rowCount = communeUnits.count * indicatorCount
        var communeList: [Commune] = [], targetList: [Target?] = []
        positions = [Int32](unsafeUninitializedCapacity: rowCount) { positionBuffer, initializedPositions in
            targetList = [Target?](unsafeUninitializedCapacity: rowCount) { targetBuffer, initializedTargets in
                let sharedPositions = DisjointSlots(buffer: positionBuffer), sharedTargets = DisjointSlots(buffer: targetBuffer)
                communeList = Parallel.array(count: communeUnits.count, chunk: 64, workers: workers) { range, slots in
                    for c in range {
                        let row = c * indicatorCount
                        var targeted = 0
                        // Shared arrays are read by index, not sliced: a slice would retain their
                        // storage, one reference count that every worker would write.
                        let inherited = communeUnits[c].group * indicatorCount
                        for i in 0..<indicatorCount {
                            let value = groupTargets[inherited + i]
                            sharedTargets.initialize(row + i, to: value.map { Target(value: $0, scope: .province) })
                            if value != nil { targeted += 1 }
                        }
                        ownTargets.forEach(in: firstOfCode[c]) { t in
                            let i = indexed.targets[t].indicator
                            if sharedTargets.buffer[row + i] == nil { targeted += 1 }
                            sharedTargets.buffer[row + i] = Target(value: input.targets[t].value, scope: .commune)
                        }
                        let positions = UnsafeMutableBufferPointer(rebasing: sharedPositions.buffer[row..<(row + indicatorCount)])
                        positions.initialize(repeating: -1)
                        slotsOfCommune.forEach(in: c) { slot in
                            indexed.collectLastRows(slot: slot, indicatorOfSlot: indicatorOfSlot, into: positions)
                        }
                        let u = communeUnits[c].unit
                        slots.initialize(c, to: Commune(code: units[u].code, provinceCode: units[u].parentCode!, group: communeUnits[c].group,
                                                        submitted: input.submitted.contains(units[u].code), targeted: targeted))
                    }
                }
                initializedTargets = rowCount
            }
            initializedPositions = rowCount
        }
        communes = communeList
        targets = targetList
    }

    /// What a code names: a province (its group) and / or a commune (its index); -1 when not.
    struct Scope: Sendable {
        var group: Int32 = -1
        var commune: Int32 = -1

        /// Makes the scope name the commune at `index`, unless an earlier commune has its code, and
        /// returns the commune it names.
        mutating func name(commune index: Int) -> Int32 {
            if commune < 0 { commune = Int32(index) }
            return commune
        }
    }

    /// The target in force for the commune at `communeIndex` and indicator index `i`, nil when untargeted.
    func target(at communeIndex: Int, _ i: Int) -> Target? {
        targets[communeIndex * indicators.count + i]
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
        communes[index].submitted ? communes[index].targeted : 0
    }

    /// Scores one commune: attainment per targeted indicator (initialised into `scores`, which holds
    /// exactly `indicatorScoreCount(at: index)` uninitialised elements), domain scores, total, counts.
    func scoreCommune(at index: Int, into scores: UnsafeMutableBufferPointer<IndicatorScore>) -> UnitScore {
        let commune = communes[index]
        guard commune.targeted > 0 else {
            return UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .noTargets)
        }
        guard commune.submitted else {
            return UnitScore(unitCode: commune.code, provinceCode: commune.provinceCode, status: .notSubmitted)
        }
        // The domain sums live on the stack: two heap arrays per commune cost more than the sums.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Indicator.domainCount) { sums in
            sums.initialize(repeating: 0)
            let domainWeighted = UnsafeMutableBufferPointer(rebasing: sums[..<Indicator.domainCount])
            let domainWeight = UnsafeMutableBufferPointer(rebasing: sums[Indicator.domainCount...])
            var written = 0
            var met = 0, missed = 0, missing = 0
            for i in rules.indices {
                guard let target = target(at: index, i) else { continue }
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
}
