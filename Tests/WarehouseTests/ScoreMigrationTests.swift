import CCHCCore
import Foundation
import Testing
@testable import Warehouse

@Suite("Migration 009 keeps the score_indicator rows of periods scored before it")
struct ScoreMigrationTests {
    @Test("rows stored by version 8 read the same from the view, bit for bit; Σw and the snapshots come from them")
    func sameRows() throws {
        let path = try temporaryWarehousePath()
        // (unit, indicator, target, scope, value, attainment, weight, status), as the kernel of version 8 stored them.
        let rows: [(Int64, Int64, Double, String, Double?, Double, Double, String)] = [
            (2, 1, 95, "commune", 80.5, 80.5 / 95, 1.5, "missed"),
            (2, 2, 3, "province", 7, 3.0 / 7, 0.1, "missed"),
            (2, 3, 1, "province", nil, 0, 0.7, "missing"),
            (3, 1, 90, "province", 100 * 2 / 3.0, (100 * 2 / 3.0) / 90, 1.5, "missed"),
            (3, 2, 3, "province", 0, 1, 0.1, "met"),
            (3, 3, 1, "province", 1, 1, 0.7, "met"),
        ]
        do {
            let db = try Database(path: path)
            try Migrator(migrations: try Migrator.bundled().migrations.filter { $0.version <= 8 }).migrate(db)
            try db.execute("""
                PRAGMA foreign_keys = OFF;
                INSERT INTO dim_unit (unit_id, unit_code, unit_name, level, parent_code, province_code) VALUES
                    (1, 'P1', 'P1', 'province', NULL, 'P1'), (2, 'C1', 'C1', 'commune', 'P1', 'P1'), (3, 'C2', 'C2', 'commune', 'P1', 'P1');
                INSERT INTO dim_indicator (indicator_id, indicator_code, domain, name_vi, name_en, unit, direction, weight, aggregation) VALUES
                    (1, 'A', 1, 'A', 'A', 'percent', 'higher', 1.5, 'ratio'), (2, 'B', 2, 'B', 'B', 'count', 'lower', 0.1, 'sum'),
                    (3, 'C', 3, 'C', 'C', 'boolean', 'higher', 0.7, 'mean');
                INSERT INTO dim_period (period_id, period_code, period_type, year, number, start_date, end_date, label_vi)
                    VALUES (1, '2025-Q3', 'quarter', 2025, 3, '2025-07-01', '2025-09-30', 'Quý III/2025');
                INSERT INTO etl_run (run_id, job, started_at, status) VALUES (1, 'test', '2025-10-01T00:00:00Z', 'succeeded');
                INSERT INTO etl_file (file_id, sha256, size, mtime, path, province_code, period_code, encoding, status, row_count, run_id, content)
                    VALUES (10, 'a', 1, '2025-10-01', 'P1/C1.csv', 'P1', '2025-Q3', 'utf-8', 'accepted', 3, 1, x''),
                           (11, 'b', 1, '2025-10-01', 'P1/C2.csv', 'P1', '2025-Q3', 'utf-8', 'accepted', 3, 1, x'');
                INSERT INTO fact_submission VALUES (1, 2, 10), (1, 3, 11);
                INSERT INTO score_period VALUES (1, '2025-10-01T00:00:00Z', 'x');
                INSERT INTO score_unit (period_id, unit_id, status) VALUES (1, 2, 'ranked'), (1, 3, 'ranked');
                """)
            let fact = try db.prepare("INSERT INTO fact_indicator_value (period_id, unit_id, indicator_id, value, file_id, source_line) VALUES (1, ?, ?, ?, ?, 2)")
            let score = try db.prepare("INSERT INTO score_indicator VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)")
            for r in rows {
                try fact.run(.integer(r.0), .integer(r.1), .optional(r.4), .integer(r.0 == 2 ? 10 : 11))
                try score.run(.integer(r.0), .integer(r.1), .real(r.2), .text(r.3), .optional(r.4), .real(r.5), .real(r.6), .text(r.7))
            }
        }
        let store = try WarehouseStore(path: path)
        let view = try store.database.prepare("SELECT * FROM score_indicator ORDER BY unit_id, indicator_id").rows { s in
            "\(s.int64(1)) \(s.int64(2)) \(s.double(3).bitPattern) \(s.text(4)) \(s.doubleOrNil(5)?.bitPattern ?? 0) \(s.double(6).bitPattern) \(s.double(7).bitPattern) \(s.text(8))"
        }
        #expect(view == rows.map { "\($0.0) \($0.1) \($0.2.bitPattern) \($0.3) \($0.4?.bitPattern ?? 0) \($0.5.bitPattern) \($0.6.bitPattern) \($0.7)" })
        #expect(try store.database.prepare("SELECT weight_total FROM score_submission ORDER BY unit_id").rows { $0.double(0) }
            == [1.5 + 0.1 + 0.7, 1.5 + 0.1 + 0.7])
        #expect(try store.consistencyProblems() == [])
    }
}
