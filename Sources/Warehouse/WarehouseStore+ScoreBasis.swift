import CCHCCore

/// What a period was scored from, kept with its scores so that the `score_indicator` view
/// (migration 009) shows exactly what was scored, whatever changes later.
public struct ScoreBasis: Sendable {
    /// The file in force of each commune with an accepted submission, when its values were read
    /// (`FactsInForce.submittedFiles`).
    public var submittedFiles: [String: Int64]
    /// The targets of the period's year the kernel was given.
    public var targets: [Target]
    /// The indicators the kernel was given.
    public var indicators: [Indicator]

    public init(submittedFiles: [String: Int64], targets: [Target], indicators: [Indicator]) {
        self.submittedFiles = submittedFiles
        self.targets = targets
        self.indicators = indicators
    }
}

extension WarehouseStore {
    /// Writes `score_indicator_rule`, `score_target` and `score_submission` for the period (inside
    /// `saveScores`' transaction, after its rows were deleted).
    func insertBasis(_ basis: ScoreBasis, scores: PeriodScores, periodID: Int64, unitIDs: [String: Int64],
                     indicatorIDs: [String: Int64]) throws {
        // Rows go in key order, and a key given twice keeps its last row (as the kernel's own index of
        // the targets does).
        var rules: [Int64: Indicator] = [:]
        for indicator in basis.indicators {
            if let indicatorID = indicatorIDs[indicator.code] { rules[indicatorID] = indicator }
        }
        let ruleRows = rules.sorted { $0.key < $1.key }
        var rule = BatchedInsert(database, "INSERT INTO score_indicator_rule (period_id, indicator_id, unit, direction, weight)", columns: 5)
        try rule.insert(count: ruleRows.count) { s, row, p in
            let (indicatorID, indicator) = ruleRows[row]
            try s.bind(periodID, at: p)
            try s.bind(indicatorID, at: p + 1)
            try s.bind(indicator.unit.rawValue, at: p + 2)
            try s.bind(indicator.direction.rawValue, at: p + 3)
            try s.bind(indicator.weight, at: p + 4)
        }
        let scoredIndicators = Set(rules.values.map(\.code))
        var targets: [TargetKey: Double] = [:]
        for t in basis.targets where t.year == scores.period.year {
            guard let scopeID = unitIDs[t.scopeCode], let indicatorID = indicatorIDs[t.indicatorCode], scoredIndicators.contains(t.indicatorCode)
            else { continue }
            targets[TargetKey(scope: scopeID, indicator: indicatorID)] = t.value
        }
        let targetRows = targets.sorted { $0.key < $1.key }
        var target = BatchedInsert(database, "INSERT INTO score_target (period_id, scope_unit_id, indicator_id, target)", columns: 4)
        try target.insert(count: targetRows.count) { s, row, p in
            try s.bind(periodID, at: p)
            try s.bind(targetRows[row].key.scope, at: p + 1)
            try s.bind(targetRows[row].key.indicator, at: p + 2)
            try s.bind(targetRows[row].value, at: p + 3)
        }
        let weightTotals = weightTotals(scores.indicators, indicatorIDs: indicatorIDs)
        var submissionRows: [(unit: Int64, file: Int64, province: Int64, total: Double)] = []
        for unit in scores.units where unit.status == .ranked {
            guard let unitID = unitIDs[unit.unitCode], let provinceID = unitIDs[unit.provinceCode] else { continue }
            guard let fileID = basis.submittedFiles[unit.unitCode], let total = weightTotals[unit.unitCode] else {
                throw WarehouseError("commune \(unit.unitCode) is ranked in \(scores.period) without a submission or a targeted indicator")
            }
            submissionRows.append((unitID, fileID, provinceID, total))
        }
        submissionRows.sort { $0.unit < $1.unit }
        var submission = BatchedInsert(database, "INSERT INTO score_submission (period_id, unit_id, file_id, province_id, weight_total)",
                                       columns: 5)
        try submission.insert(count: submissionRows.count) { s, row, p in
            try s.bind(periodID, at: p)
            try s.bind(submissionRows[row].unit, at: p + 1)
            try s.bind(submissionRows[row].file, at: p + 2)
            try s.bind(submissionRows[row].province, at: p + 3)
            try s.bind(submissionRows[row].total, at: p + 4)
        }
    }

    /// Σw of each commune's indicator scores, added in `indicator_id` order: the order in which SQL's
    /// `sum()` added them when they were rows keyed by (period, unit, indicator), so the contributions
    /// of `v_score_breakdown` keep their exact values.
    ///
    /// A commune's scores come in indicator code order, so each score's indicator is found by walking
    /// the indicators sorted by code (a string equality per step, no hashing), and its weight put in
    /// the slot of the indicator's rank by id; the slots are then added in order.
    private func weightTotals(_ scores: [IndicatorScore], indicatorIDs: [String: Int64]) -> [String: Double] {
        let byCode = indicatorIDs.sorted { $0.key < $1.key }
        let idRank = Dictionary(uniqueKeysWithValues: byCode.map(\.value).sorted().enumerated().map { ($1, $0) })
        let rankByCodePosition = byCode.map { idRank[$0.value]! }
        var slots = [Double](repeating: .nan, count: byCode.count)
        var totals: [String: Double] = [:]
        var start = scores.startIndex
        while start < scores.endIndex {
            let code = scores[start].unitCode
            var end = start
            var position = 0
            while end < scores.endIndex, scores[end].unitCode == code {
                let indicator = scores[end].indicatorCode
                var probe = position
                while probe < byCode.count, byCode[probe].key != indicator { probe += 1 }
                if probe == byCode.count {  // out of code order: search from the start
                    probe = byCode.firstIndex { $0.key == indicator } ?? byCode.count
                }
                if probe < byCode.count {
                    slots[rankByCodePosition[probe]] = scores[end].weight
                    position = probe + 1
                }
                end += 1
            }
            var total = 0.0
            for i in slots.indices where !slots[i].isNaN {
                total += slots[i]
                slots[i] = .nan
            }
            totals[code] = total
            start = end
        }
        return totals
    }
}

/// `score_target`'s key within a period, ordered as the table's key.
private struct TargetKey: Hashable, Comparable {
    var scope: Int64
    var indicator: Int64

    static func < (a: TargetKey, b: TargetKey) -> Bool { (a.scope, a.indicator) < (b.scope, b.indicator) }
}
