import CCHCCore
import Testing
@testable import Warehouse

/// A reference the warehouse already holds is not written again (issue 7); anything that differs,
/// down to a stored sort key, is.
@Suite("Reloading the reference")
struct ReferenceReloadTests {
    static let reference = ReferenceData(
        units: [AdministrativeUnit(code: "14", name: "Sơn La", parentCode: nil, level: .province),
                AdministrativeUnit(code: "03721", name: "Xã Thuận Châu", parentCode: "14", level: .commune),
                AdministrativeUnit(code: "03722", name: "Xã Ẳng Nưa", parentCode: "14", level: .commune)],
        indicators: [Indicator(code: "TTHC_DUNG_HAN", domain: 1, nameVi: "Đúng hạn", nameEn: "On time", unit: .percent, direction: .higher,
                               weight: 1, aggregation: .ratio)],
        targets: [Target(scopeCode: "14", year: 2025, indicatorCode: "TTHC_DUNG_HAN", value: 95, source: "KH 2025"),
                  Target(scopeCode: "03721", year: 2025, indicatorCode: "TTHC_DUNG_HAN", value: 98, source: "KH xã")])

    func rows(_ store: WarehouseStore, _ sql: String) throws -> [String] {
        try store.database.prepare(sql).rows { $0.text(0) }
    }

    @Test("the same reference twice: the warehouse holds it, unchanged, and no target history")
    func sameTwice() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        try store.replaceReference(Self.reference)
        let units = try rows(store, "SELECT unit_code || '|' || unit_name || '|' || name_sort_key FROM dim_unit ORDER BY 1")
        #expect(try store.holds(Self.reference, sortKeys: Self.reference.units.map { VietnameseCollation.sortKey($0.name) }))
        try store.replaceReference(Self.reference)
        #expect(try rows(store, "SELECT unit_code || '|' || unit_name || '|' || name_sort_key FROM dim_unit ORDER BY 1") == units)
        #expect(try rows(store, "SELECT count(*) FROM fact_target_history") == ["0"])
    }

    @Test("a changed target, a new unit or a stale sort key is written")
    func differencesAreWritten() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        try store.replaceReference(Self.reference)

        var changed = Self.reference
        changed.targets[1].value = 99
        try store.replaceReference(changed)
        #expect(try rows(store, "SELECT target FROM fact_target t JOIN dim_unit u ON u.unit_id = t.scope_unit_id WHERE unit_code = '03721'")
            == ["99.0"])
        #expect(try rows(store, "SELECT target || ' ' || change FROM fact_target_history") == ["98.0 changed"])

        changed.units.append(AdministrativeUnit(code: "03723", name: "Xã Mới", parentCode: "14", level: .commune))
        try store.replaceReference(changed)
        #expect(try rows(store, "SELECT unit_name FROM dim_unit WHERE unit_code = '03723'") == ["Xã Mới"])

        try store.database.execute("UPDATE dim_unit SET name_sort_key = 'stale' WHERE unit_code = '03722'")
        try store.replaceReference(changed)
        #expect(try rows(store, "SELECT name_sort_key FROM dim_unit WHERE unit_code = '03722'") == [VietnameseCollation.sortKey("Xã Ẳng Nưa")])
    }

    @Test("the reference read back is kept until it changes: by a reload here, or by a commit on another connection")
    func readBackCache() throws {
        let path = try temporaryWarehousePath()
        let store = try WarehouseStore(path: path)
        try store.replaceReference(Self.reference)
        let first = try store.reference()
        #expect(Set(first.units) == Set(Self.reference.units) && Set(first.targets) == Set(Self.reference.targets))
        let again = try store.reference()
        #expect(again.units == first.units && again.indicators == first.indicators && again.targets == first.targets)

        var changed = Self.reference
        changed.targets[0].value = 90
        try store.replaceReference(changed)
        #expect(try store.reference().targets.first { $0.scopeCode == "14" }?.value == 90)

        let other = try Database(path: path)
        try other.execute("UPDATE dim_unit SET unit_name = 'Xã Thuận Châu mới' WHERE unit_code = '03721'")
        #expect(try store.reference().units.first { $0.code == "03721" }?.name == "Xã Thuận Châu mới")
        try other.execute("DELETE FROM fact_target WHERE year = 2025 AND scope_unit_id = (SELECT unit_id FROM dim_unit WHERE unit_code = '03721')")
        #expect(try store.reference().targets.count == 1)
    }
}
