import CCHCCore
import Scoring
import Testing
import TestSupport
@testable import Warehouse

/// `valuesInForce` reads a large period in two `unit_id` slices on two connections: the rows must be
/// those of one scan, in the same order, and a period read inside an open transaction must include
/// its uncommitted values (which only this connection sees).
@Suite("values in force read in slices")
struct ValuesInForceSliceTests {
    static let q3 = Period("2025-Q3")!

    @Test("two slices give the rows of one scan, in order", arguments: 0..<6)
    func slicesEqualOneScan(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        var units = [AdministrativeUnit(code: "P1", name: "P1", parentCode: nil, level: .province)]
        for c in 0..<(3 + pick(20)) { units.append(AdministrativeUnit(code: "C\(c)", name: "C\(c)", parentCode: "P1", level: .commune)) }
        try store.replaceReference(ReferenceData(units: units, indicators: ScoreIndicatorViewTests.indicators, targets: []))
        let submissions = try Submissions(store: store, period: Self.q3)
        for commune in units.dropFirst() where pick(4) != 0 {
            let values = ScoreIndicatorViewTests.indicators.filter { _ in pick(3) != 0 }.map { indicator -> (String, Double?, Double?, Double?) in
                (indicator.code, pick(4) == 0 ? nil : Double(pick(1000)) / 8, pick(2) == 0 ? nil : Double(pick(50)), nil)
            }
            try submissions.send(commune.code, "P1", mtime: "2025-10-0\(1 + pick(8))", values)
        }
        #expect(store.database.isAutocommit)
        let whole = try Self.rows(store, sliceFrom: .max)
        let sliced = try Self.rows(store, sliceFrom: 2)
        #expect(!whole.rows.isEmpty)
        #expect(Self.bits(sliced.rows) == Self.bits(whole.rows))
        #expect(sliced.unitCodes == whole.unitCodes && sliced.indicatorCodes == whole.indicatorCodes)
        #expect(sliced.submittedFiles == whole.submittedFiles)

        // Values written in an open transaction are read too (on this connection only).
        #expect(throws: Rollback.self) {
            try store.database.savepoint {
                try submissions.send("C0", "P1", mtime: "2025-10-09", [("A_PCT", 12.5, nil, nil)])
                let inside = try Self.rows(store, sliceFrom: 2)
                #expect(inside.rows.contains { inside.unitCodes[Int($0.unitSlot)] == "C0" && $0.value == 12.5 })
                #expect(inside.rows.count == whole.rows.count - whole.rows.filter { whole.unitCodes[Int($0.unitSlot)] == "C0" }.count + 1)
                throw Rollback()
            }
        }
        #expect(Self.bits(try Self.rows(store, sliceFrom: 2).rows) == Self.bits(whole.rows))
    }

    struct Rollback: Error {}

    /// More rows than one chunk of the scan (4,096), with blanks, zeros, negatives and fractions: the
    /// rows are those of a plain `SELECT` in key order, blanks as NaN.
    @Test("a period of several scan chunks reads as a plain SELECT", arguments: [Int.max, 2])
    func manyRows(sliceFrom: Int) throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let indicators = (0..<90).map { i in
            Indicator(code: "I\(i + 10)", domain: 1 + i % 8, nameVi: "I", nameEn: "I", unit: .number, direction: .higher,
                      weight: 1, aggregation: .mean)
        }
        var units = [AdministrativeUnit(code: "P1", name: "P1", parentCode: nil, level: .province)]
        for c in 0..<120 { units.append(AdministrativeUnit(code: "C\(c + 100)", name: "C", parentCode: "P1", level: .commune)) }
        try store.replaceReference(ReferenceData(units: units, indicators: indicators, targets: []))
        let periodID = try store.periodID(Self.q3)
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        var random = SplitMix(seed: 7)
        func number() -> Double? {
            switch random.next() % 6 {
            case 0: nil
            case 1: 0
            case 2: -Double(random.next() % 1000) / 16
            default: Double(random.next() % 100_000) / 7
            }
        }
        for (u, commune) in units.dropFirst().enumerated() where u % 11 != 3 {
            let file = SubmissionWriter.FileMetadata(path: "P1/\(commune.code).csv", provinceCode: "P1", period: Self.q3,
                                                     sha256: commune.code, size: 1, mtime: "2025-10-01", encoding: "utf-8")
            let fileID = try writer.beginFile(file)
            #expect(try writer.claim(unitCode: commune.code, periodID: periodID, fileID: fileID, file: file))
            for (line, indicator) in indicators.enumerated() where random.next() % 9 != 0 {
                try writer.insertFact(periodID: periodID, unitCode: commune.code, indicatorCode: indicator.code, value: number(),
                                      numerator: number(), denominator: number(), note: nil, fileID: fileID, line: line + 2)
            }
            try writer.finishFile(fileID, unitCode: commune.code, rows: indicators.count, rejections: [])
        }
        let expected = try store.database.prepare("""
            SELECT u.unit_code, i.indicator_code, f.value, f.numerator, f.denominator
            FROM fact_indicator_value f JOIN dim_unit u USING (unit_id) JOIN dim_indicator i USING (indicator_id)
            WHERE f.period_id = ? ORDER BY f.unit_id, f.indicator_id
            """).rows(.integer(periodID)) { s in
            [s.text(0), s.text(1)] + [2, 3, 4].map { s.doubleOrNil($0).map { String($0.bitPattern) } ?? "blank" }
        }
        #expect(expected.count > 8_192)
        let facts = try Self.rows(store, sliceFrom: sliceFrom)
        let read = facts.rows.map { row in
            [facts.unitCodes[Int(row.unitSlot)], facts.indicatorCodes[Int(row.indicatorSlot)]]
                + [row.value, row.numerator, row.denominator].map { $0.isNaN ? "blank" : String($0.bitPattern) }
        }
        #expect(read == expected)
    }

    /// The rows' fields as bits (a blank is NaN, which `==` never equals).
    static func bits(_ rows: [ValueTable.Row]) -> [[UInt64]] {
        rows.map { [UInt64($0.unitSlot), UInt64($0.indicatorSlot), $0.value.bitPattern, $0.numerator.bitPattern, $0.denominator.bitPattern] }
    }

    static func rows(_ store: WarehouseStore, sliceFrom: Int) throws -> FactsInForce<ValueTable.Row> {
        try store.valuesInForce(q3, sliceFrom: sliceFrom) {
            ValueTable.Row(unitSlot: $0, indicatorSlot: $1, value: $2, numerator: $3, denominator: $4)
        }
    }
}
