import CCHCCore

/// One province's results for one period, with the counts the report's headline states.
struct ProvinceReport {
    let units: [UnitScore]
    let indicatorScores: [IndicatorScore]
    let rollups: [ProvinceRollup]
    let context: ReportContext
    /// Ranked communes in rank order.
    let ranked: [UnitScore]
    /// Per commune, its targeted indicators (indicator code order) with the points each contributes.
    let breakdowns: [String: [Line]]
    /// The indicators of this province's scores in code order, each looked up once; a `Line`'s
    /// `indicator` is a position here (nil: not in the reference data).
    let indicators: [Indicator?]
    /// The domains that have at least one targeted indicator in this province (1-based).
    let domainsInUse: [Int]

    init(units: [UnitScore], indicatorScores: [IndicatorScore], rollups: [ProvinceRollup], context: ReportContext) {
        self.units = units
        self.indicatorScores = indicatorScores
        self.rollups = rollups
        self.context = context
        ranked = units.filter { $0.status == .ranked }
        let (codes, positions) = Self.indicatorPositions(indicatorScores)
        indicators = codes.map { context.indicators[$0] }
        // Grouped run by run: the scores come commune by commune, so one lookup per commune.
        var byUnit: [String: [Int]] = [:]
        var start = 0
        while start < indicatorScores.count {
            let unit = indicatorScores[start].unitCode
            var end = start + 1
            while end < indicatorScores.count, indicatorScores[end].unitCode == unit { end += 1 }
            byUnit[unit, default: []].append(contentsOf: start..<end)
            start = end
        }
        breakdowns = byUnit.mapValues { Self.breakdown($0.map { indicatorScores[$0] }, positions: $0.map { positions[$0] }) }
        domainsInUse = Self.domainsInUse(indicators, rollups, context: context)
    }

    /// The distinct indicator codes of `scores` in code order, and each score's position among them.
    /// A commune's scores come in code order, commune after commune, so the position after the
    /// previous score's is tried before a hash lookup.
    static func indicatorPositions(_ scores: [IndicatorScore]) -> (codes: [String], positions: [Int]) {
        var seen: [String] = [], index: [String: Int] = [:], positions: [Int] = []
        positions.reserveCapacity(scores.count)
        var previous = -1
        for score in scores {
            let code = score.indicatorCode
            let position: Int
            if previous + 1 < seen.count, seen[previous + 1] == code {
                position = previous + 1
            } else if let known = index[code] {
                position = known
            } else {
                position = seen.count
                seen.append(code)
                index[code] = position
            }
            positions.append(position)
            previous = position
        }
        let order = seen.indices.sorted { seen[$0] < seen[$1] }
        var rank = [Int](repeating: 0, count: seen.count)
        for (sorted, position) in order.enumerated() { rank[position] = sorted }
        return (order.map { seen[$0] }, positions.map { rank[$0] })
    }

    /// Communes with a submission in force.
    var submitted: Int {
        units.filter { $0.status == .ranked || context.receivedAt[$0.unitCode] != nil }.count
    }

    /// Communes whose submission in force arrived before the plans' deadline.
    var onTime: Int { units.filter { context.onTime($0.unitCode) }.count }

    /// Ranked communes with no missed and no missing target.
    var metAll: Int { ranked.filter { $0.missed == 0 && $0.missing == 0 }.count }

    var notSubmitted: Int { units.filter { $0.status == .notSubmitted }.count }

    /// Distinct rejected files.
    var rejectedFiles: Int { Set(context.rejections.map(\.file)).count }

    /// The mean of the ranked communes' total scores.
    var meanScore: Double? {
        let scores = ranked.compactMap(\.score)
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    /// One indicator of a commune's score: the points it contributes and the points lost on it. A
    /// struct, not a tuple: sorting tuples of non-trivial values copies them through the runtime.
    struct Line {
        let score: IndicatorScore
        let points: Double
        let lost: Double
        /// The indicator's position in `indicators` (and in code order).
        let indicator: Int
    }

    /// `lines`, largest loss of points first, then indicator code. The sort moves keys of plain
    /// values: moving whole `Line`s (two `String`s each) through it cost more than the comparisons.
    static func sortedByLoss(_ lines: [Line]) -> [Line] {
        struct Key {
            let lost: Double
            let indicator: Int
            let index: Int
        }
        return lines.indices.map { Key(lost: lines[$0].lost, indicator: lines[$0].indicator, index: $0) }
            .sorted { $0.lost != $1.lost ? $0.lost > $1.lost : $0.indicator < $1.indicator }
            .map { lines[$0.index] }
    }

    /// A commune's indicators with their contribution to its total score (points out of 100) and
    /// the points it lost on each: 100·w·a/Σw and 100·w·(1 − a)/Σw.
    func breakdown(_ unitCode: String) -> [Line] {
        breakdowns[unitCode] ?? []
    }

    /// `positions[i]`: the position of `scores[i]`'s indicator in `indicators`.
    static func breakdown(_ scores: [IndicatorScore], positions: [Int]) -> [Line] {
        let totalWeight = scores.map(\.weight).reduce(0, +)
        guard totalWeight > 0 else { return [] }
        return zip(scores, positions).map { s, position in
            Line(score: s, points: 100 * s.weight * s.attainment / totalWeight, lost: 100 * s.weight * (1 - s.attainment) / totalWeight,
                 indicator: position)
        }
    }

    /// The Vietnamese short names of the eight domains (lĩnh vực) of the reform plan.
    static let domainNames = ["Chỉ đạo, điều hành", "Cải cách thể chế", "Cải cách TTHC", "Tổ chức bộ máy", "Chế độ công vụ",
                              "Tài chính công", "Chính quyền số", "Tác động"]

    /// The domains that have at least one targeted indicator in this province (1-based).
    static func domainsInUse(_ indicators: [Indicator?], _ rollups: [ProvinceRollup], context: ReportContext) -> [Int] {
        // `indicators`: each indicator of the scores once, already looked up.
        let used = Set(indicators.compactMap { $0?.domain } + rollups.compactMap { context.indicators[$0.indicatorCode]?.domain })
        return (1...Indicator.domainCount).filter { used.contains($0) }
    }

    /// A province-wide value: as `valueText`, except that a boolean rolled up to a share of the
    /// communes (a mean of 0s and 1s) reads `81,25 % có`.
    func aggregateText(_ value: Double?, indicator code: String) -> String {
        guard let value, context.indicators[code]?.unit == .boolean, value != value.rounded() else {
            return valueText(value, indicator: code)
        }
        return VietnameseFormat.number(100 * value) + " % có"
    }

    /// `valueText`, straight into the page.
    static func writeValue(_ value: Double?, unit: Indicator.MeasureUnit?, into w: inout HTMLWriter) {
        guard let value else { return }
        switch unit {
        case .percent:
            w.number(value)
            w.literal(" %")
        case .boolean:
            if value >= 1 { w.literal("Có") } else { w.literal("Không") }
        default: w.number(value)
        }
    }

    /// A value as written in the report: percentages with `%`, booleans as Có/Không.
    func valueText(_ value: Double?, indicator code: String) -> String {
        valueText(value, unit: context.indicators[code]?.unit)
    }

    /// `valueText` for an indicator already looked up (the long lists look each row's up once).
    func valueText(_ value: Double?, unit: Indicator.MeasureUnit?) -> String {
        guard let value else { return "" }
        switch unit {
        case .percent: return VietnameseFormat.number(value) + " %"
        case .boolean: return value >= 1 ? "Có" : "Không"
        default: return VietnameseFormat.number(value)
        }
    }
}
