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
        let rule = try database.prepare("""
            INSERT OR REPLACE INTO score_indicator_rule (period_id, indicator_id, unit, direction, weight) VALUES (?, ?, ?, ?, ?)
            """)
        var weights: [String: Double] = [:]
        for indicator in basis.indicators {
            guard let indicatorID = indicatorIDs[indicator.code] else { continue }
            weights[indicator.code] = indicator.weight
            try rule.run(.integer(periodID), .integer(indicatorID), .text(indicator.unit.rawValue), .text(indicator.direction.rawValue),
                         .real(indicator.weight))
        }
        // Later rows win, as in the kernel's own index of the targets.
        let target = try database.prepare("""
            INSERT OR REPLACE INTO score_target (period_id, scope_unit_id, indicator_id, target) VALUES (?, ?, ?, ?)
            """)
        for t in basis.targets where t.year == scores.period.year {
            guard let scopeID = unitIDs[t.scopeCode], let indicatorID = indicatorIDs[t.indicatorCode], weights[t.indicatorCode] != nil
            else { continue }
            try target.run(.integer(periodID), .integer(scopeID), .integer(indicatorID), .real(t.value))
        }
        let submission = try database.prepare("""
            INSERT INTO score_submission (period_id, unit_id, file_id, province_id, weight_total) VALUES (?, ?, ?, ?, ?)
            """)
        let weightTotals = weightTotals(scores.indicators, indicatorIDs: indicatorIDs)
        for unit in scores.units where unit.status == .ranked {
            guard let unitID = unitIDs[unit.unitCode], let provinceID = unitIDs[unit.provinceCode] else { continue }
            guard let fileID = basis.submittedFiles[unit.unitCode], let total = weightTotals[unit.unitCode] else {
                throw WarehouseError("commune \(unit.unitCode) is ranked in \(scores.period) without a submission or a targeted indicator")
            }
            try submission.run(.integer(periodID), .integer(unitID), .integer(fileID), .integer(provinceID), .real(total))
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
