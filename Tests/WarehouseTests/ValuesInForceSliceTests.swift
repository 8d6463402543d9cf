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
