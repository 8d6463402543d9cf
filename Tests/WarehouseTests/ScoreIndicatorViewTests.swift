import CCHCCore
import Foundation
import Synchronization
import Scoring
import Testing
import TestSupport
@testable import Warehouse

/// `score_indicator` is a view since migration 009, computed in SQL from what a period was scored
/// from. These tests score scenarios as the score step does (values in force → kernel → saveScores) and require the view's rows to be the
/// kernel's `IndicatorScore`s bit for bit, before and after the inputs change.
@Suite("score_indicator shows exactly what the kernel scored")
struct ScoreIndicatorViewTests {
    static let q3 = Period("2025-Q3")!

    static let indicators = [
        Indicator(code: "A_PCT", domain: 1, nameVi: "A", nameEn: "A", unit: .percent, direction: .higher, weight: 1.5, aggregation: .ratio),
        Indicator(code: "B_CNT_LOW", domain: 2, nameVi: "B", nameEn: "B", unit: .count, direction: .lower, weight: 1, aggregation: .sum),
        Indicator(code: "C_BOOL", domain: 3, nameVi: "C", nameEn: "C", unit: .boolean, direction: .higher, weight: 2, aggregation: .mean),
        Indicator(code: "D_BOOL_LOW", domain: 3, nameVi: "D", nameEn: "D", unit: .boolean, direction: .lower, weight: 0.5, aggregation: .mean),
        Indicator(code: "E_NUM", domain: 4, nameVi: "E", nameEn: "E", unit: .number, direction: .higher, weight: 0.1, aggregation: .mean),
        Indicator(code: "F_NUM_LOW", domain: 5, nameVi: "F", nameEn: "F", unit: .number, direction: .lower, weight: 0.3, aggregation: .mean),
    ]

    @Test("hand-made cases: overrides, lower direction, booleans, missing values, blank percent with numerator/denominator, targets ≤ 0")
    func handMade() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        func t(_ scope: String, _ indicator: String, _ value: Double, year: Int = 2025) -> Target {
            Target(scopeCode: scope, year: year, indicatorCode: indicator, value: value, source: "test")
        }
        let units = [
            AdministrativeUnit(code: "P1", name: "P1", parentCode: nil, level: .province),
            AdministrativeUnit(code: "P2", name: "P2", parentCode: nil, level: .province),
            AdministrativeUnit(code: "P3", name: "P3", parentCode: nil, level: .province),
        ] + ["C1", "C2", "C3", "C4"].map { AdministrativeUnit(code: $0, name: $0, parentCode: "P1", level: .commune) }
            + ["D1", "D2"].map { AdministrativeUnit(code: $0, name: $0, parentCode: "P2", level: .commune) }
            + [AdministrativeUnit(code: "E1", name: "E1", parentCode: "P3", level: .commune)]
        let targets = [
            t("P1", "A_PCT", 90), t("P1", "B_CNT_LOW", 3), t("P1", "C_BOOL", 1), t("P1", "D_BOOL_LOW", 0), t("P1", "E_NUM", 7),
            t("P1", "F_NUM_LOW", -2), t("P2", "A_PCT", 85.5), t("P2", "E_NUM", 0),
            t("C1", "A_PCT", 95), t("C1", "E_NUM", -1), t("C2", "F_NUM_LOW", 4), t("D1", "B_CNT_LOW", 0),
            t("D2", "C_BOOL", 1), t("D2", "A_PCT", 70, year: 2024),
        ]
        try store.replaceReference(ReferenceData(units: units, indicators: Self.indicators, targets: targets))
        let submissions = try Submissions(store: store, period: Self.q3)
        try submissions.send("C1", "P1", mtime: "2025-10-01", [
            ("A_PCT", nil, 5, 6), ("B_CNT_LOW", 3, nil, nil), ("C_BOOL", 1, nil, nil), ("D_BOOL_LOW", 1, nil, nil),
            ("E_NUM", -3, nil, nil), ("F_NUM_LOW", 0, nil, nil),
        ])
        try submissions.send("C2", "P1", mtime: "2025-10-01", [
            ("A_PCT", 100 * 2 / 3.0, 2, 3), ("B_CNT_LOW", 7, nil, nil), ("C_BOOL", 0, nil, nil), ("D_BOOL_LOW", 0, nil, nil),
            ("E_NUM", 2.5, nil, nil), ("F_NUM_LOW", 4.000000001, nil, nil),
        ])
        try submissions.send("C3", "P1", mtime: "2025-10-01", [("A_PCT", 88.105, nil, nil), ("E_NUM", 1e-300, nil, nil), ("F_NUM_LOW", -5, nil, nil)])
        try submissions.send("D1", "P2", mtime: "2025-10-01", [("A_PCT", 85.5, 171, 200), ("B_CNT_LOW", 0, nil, nil), ("E_NUM", nil, nil, nil)])
        try submissions.send("D2", "P2", mtime: "2025-10-01", [("C_BOOL", 1, nil, nil)])
        try submissions.send("E1", "P3", mtime: "2025-10-01", [("A_PCT", 50, nil, nil)])  // no targets: not ranked
        // C4 does not submit: not ranked.

        let scored = try score(store, workers: 2)
        #expect(Set(scored.indicators.map(\.unitCode)) == ["C1", "C2", "C3", "D1", "D2"])
        #expect(scored.indicators.contains { $0.status == .missing } && scored.indicators.contains { $0.targetScope == .commune })
        try expectViewEquals(scored, store)

        // A newer submission replaces C1's and C2's after scoring, the targets and a weight change, and
        // C3 is given its own target: until the period is scored again, the view shows what was scored.
        try submissions.send("C1", "P1", mtime: "2025-10-05", [("A_PCT", 99, nil, nil), ("C_BOOL", 0, nil, nil)])
        try submissions.send("C2", "P1", mtime: "2025-10-05", [("A_PCT", nil, nil, nil), ("G_NEW", 1, nil, nil)])
        var changed = Self.indicators
        changed[0].weight = 3
        changed[1].direction = .higher
        try store.replaceReference(ReferenceData(units: units, indicators: changed,
                                                 targets: targets.filter { $0.scopeCode != "C1" } + [t("C3", "A_PCT", 50), t("P1", "E_NUM", 8)]))
        try expectViewEquals(scored, store)

        let rescored = try score(store, workers: 1)
        #expect(rescored.indicators != scored.indicators)
        try expectViewEquals(rescored, store)
        #expect(try store.consistencyProblems() == [])
    }

    @Test("random scenarios, then random replacements after scoring", arguments: 0..<12)
    func random(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        var units: [AdministrativeUnit] = []
        var targets: [Target] = []
        for p in 0..<(1 + pick(3)) {
            let province = "P\(p)"
            units.append(AdministrativeUnit(code: province, name: province, parentCode: nil, level: .province))
            for indicator in Self.indicators where pick(4) != 0 {
                targets.append(Target(scopeCode: province, year: 2025, indicatorCode: indicator.code,
                                      value: indicator.unit == .boolean ? Double(pick(2)) : Double(pick(13) * 10) - 20, source: ""))
            }
            for c in 0..<(2 + pick(8)) {
                let code = "\(province)C\(c)"
                units.append(AdministrativeUnit(code: code, name: code, parentCode: province, level: .commune))
                for indicator in Self.indicators where pick(5) == 0 {
                    targets.append(Target(scopeCode: code, year: 2025, indicatorCode: indicator.code, value: Double(pick(9)) * 12.5 - 10, source: ""))
                }
            }
        }
        try store.replaceReference(ReferenceData(units: units, indicators: Self.indicators, targets: targets))
        let submissions = try Submissions(store: store, period: Self.q3)
        func values() -> [(String, Double?, Double?, Double?)] {
            Self.indicators.filter { _ in pick(6) != 0 }.map { indicator in
                if indicator.unit == .boolean { return (indicator.code, pick(5) == 0 ? nil : Double(pick(2)), nil, nil) }
                let den = Double(1 + pick(30)), num = Double(pick(31))
                switch pick(5) {
                case 0: return (indicator.code, nil, nil, nil)
                case 1: return (indicator.code, indicator.unit == .percent ? 100 * min(num, den) / den : num / 7, min(num, den), den)
                case 2: return (indicator.code, nil, num, den)
                default: return (indicator.code, Double(pick(200)) * 0.7 - 20, nil, nil)
                }
            }
        }
        let communes = units.filter { $0.level == .commune }
        for commune in communes where pick(5) != 0 {
            try submissions.send(commune.code, commune.parentCode!, mtime: "2025-10-01", values())
        }
        let scored = try score(store, workers: 1 + pick(2))
        try expectViewEquals(scored, store)
        for commune in communes where pick(2) == 0 {
            try submissions.send(commune.code, commune.parentCode!, mtime: "2025-10-0\(2 + pick(7))", values())
        }
        try expectViewEquals(scored, store)
        try expectViewEquals(try score(store, workers: 2), store)
    }

    /// Scores 2025-Q3 and stores the scores, as `ScoreStep` does.
    func score(_ store: WarehouseStore, workers: Int) throws -> PeriodScores {
        let reference = try store.reference()
        let facts = try store.valuesInForce(Self.q3) {
            ValueTable.Row(unitSlot: $0, indicatorSlot: $1, value: $2, numerator: $3, denominator: $4)
        }
        let input = ScoringInput(period: Self.q3, units: reference.units, indicators: reference.indicators,
                                 targets: reference.targets.filter { $0.year == 2025 },
                                 valueTable: ValueTable(unitCodes: facts.unitCodes, indicatorCodes: facts.indicatorCodes, rows: facts.rows),
                                 submitted: Set(facts.submittedFiles.keys))
        let scores = ScoringKernel(workers: workers).score(input)
        try store.saveScores(scores, basis: ScoreBasis(submittedFiles: facts.submittedFiles, targets: input.targets, indicators: input.indicators),
                             fingerprint: try store.submissionFingerprint(Self.q3))
        return scores
    }

    /// The view's rows for the scored period, in the kernel's order, equal its indicator scores bit for bit.
    func expectViewEquals(_ scores: PeriodScores, _ store: WarehouseStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rows = try store.database.prepare("""
            SELECT u.unit_code, i.indicator_code, s.target, s.target_scope, s.value, s.attainment, s.weight, s.status,
                   typeof(s.target), typeof(s.attainment), typeof(s.weight)
            FROM score_indicator s JOIN dim_period p USING (period_id) JOIN dim_unit u USING (unit_id) JOIN dim_indicator i USING (indicator_id)
            WHERE p.period_code = ? ORDER BY u.unit_code, i.indicator_code
            """).rows(.text(scores.period.description)) { s in
            "\(s.text(0)) \(s.text(1)) t=\(s.double(2).bitPattern) \(s.text(3)) v=\(s.doubleOrNil(4).map { "\($0.bitPattern)" } ?? "nil") "
                + "a=\(s.double(5).bitPattern) w=\(s.double(6).bitPattern) \(s.text(7)) \(s.text(8)) \(s.text(9)) \(s.text(10))"
        }
        let expected = scores.indicators.map { s in
            "\(s.unitCode) \(s.indicatorCode) t=\(s.target.bitPattern) \(s.targetScope.rawValue) v=\(s.value.map { "\($0.bitPattern)" } ?? "nil") "
                + "a=\(s.attainment.bitPattern) w=\(s.weight.bitPattern) \(s.status.rawValue) real real real"
        }
        #expect(rows.count == expected.count, sourceLocation: sourceLocation)
        for (row, want) in zip(rows, expected) where row != want {
            Issue.record("view: \(row)\nkernel: \(want)", sourceLocation: sourceLocation)
        }
    }
}

/// Imports submissions the way the import step does (a file record, the claim that archives the
/// values of the file it replaces, the facts).
struct Submissions {
    let store: WarehouseStore
    let period: Period
    let periodID: Int64
    let writer: SubmissionWriter
    private static let counter = Counter()

    init(store: WarehouseStore, period: Period) throws {
        self.store = store
        self.period = period
        periodID = try store.periodID(period)
        writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: period))
    }

    func send(_ unit: String, _ province: String, mtime: String, _ values: [(String, Double?, Double?, Double?)]) throws {
        let file = SubmissionWriter.FileMetadata(path: "\(province)/\(unit)-\(mtime).csv", provinceCode: province, period: period,
                                                 sha256: "\(unit)-\(mtime)-\(Self.counter.next())", size: 1, mtime: mtime, encoding: "utf-8")
        let fileID = try writer.beginFile(file)
        if try writer.claim(unitCode: unit, periodID: periodID, fileID: fileID, file: file) {
            for (line, value) in values.enumerated() where Submissions.known(value.0) {
                try writer.insertFact(periodID: periodID, unitCode: unit, indicatorCode: value.0, value: value.1, numerator: value.2,
                                      denominator: value.3, note: nil, fileID: fileID, line: line + 2)
            }
        }
        try writer.finishFile(fileID, unitCode: unit, rows: values.count, rejections: [])
    }

    static func known(_ code: String) -> Bool { ScoreIndicatorViewTests.indicators.contains { $0.code == code } }
}

/// Unique digests across the tests of the process.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

