import Foundation
import Testing
@testable import Warehouse

@Suite("The schema documents itself")
struct SchemaDocumentationTests {
    @Test("meta_doc describes every table, view and column in English and Vietnamese")
    func everythingDocumented() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let objects = try store.database.prepare("""
            SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            """).rows { $0.text(0) }
        #expect(objects.count >= 20)
        let documented = try store.database.prepare("""
            SELECT object_name, column_name, description_en, description_vi FROM meta_doc
            """).rows { (object: $0.text(0), column: $0.text(1), english: $0.text(2), vietnamese: $0.text(3)) }
        let index = Dictionary(documented.map { ("\($0.object).\($0.column)", $0) }, uniquingKeysWith: { a, _ in a })
        var expected = 0
        for object in objects {
            let columns = try store.database.prepare("SELECT name FROM pragma_table_info(?)").rows(.text(object)) { $0.text(0) }
            expected += 1 + columns.count
            for column in [""] + columns {
                let what = column.isEmpty ? object : "\(object).\(column)"
                guard let row = index["\(object).\(column)"] else {
                    Issue.record("\(what) is missing from meta_doc")
                    continue
                }
                let hint = column.isEmpty
                    ? "add a line `-- @table: English | Tiếng Việt` (or `-- @view:`) inside its CREATE statement"
                    : "end its line with `-- English | Tiếng Việt` (in a view: `-- @column \(column): English | Tiếng Việt`)"
                #expect(!row.english.isEmpty && !row.vietnamese.isEmpty, "\(what) lacks a description: \(hint)")
            }
        }
        #expect(documented.count == expected, "meta_doc lists nothing else")
    }

    @Test("an analyst finds what a column means from sqlite3, in both languages")
    func analystQuery() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let rows = try store.database.prepare("""
            SELECT column_name, description_en, description_vi FROM meta_doc
            WHERE object_name = 'score_unit' AND column_name IN ('rank', 'd3') ORDER BY position
            """).rows { [$0.text(0), $0.text(1), $0.text(2)] }
        #expect(rows == [
            ["d3", "domain scores 0..100; NULL when the domain has no targeted indicator",
             "điểm lĩnh vực 1..8 (0..100); NULL khi lĩnh vực không có chỉ tiêu được giao"],
            ["rank", "1 = best within the province; equal 2-decimal scores share a rank (1, 2, 2, 4)",
             "thứ hạng trong tỉnh, 1 là cao nhất; bằng điểm thì đồng hạng (1, 2, 2, 4)"],
        ])
    }

    @Test("a view column takes its own @column text, else the text of the column it comes from")
    func viewColumns() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let describe = { (object: String, column: String) throws -> String in
            try store.database.prepare("SELECT description_en FROM meta_doc WHERE object_name = ? AND column_name = ?")
                .rows(.text(object), .text(column)) { $0.text(0) }.first ?? ""
        }
        #expect(try describe("v_ranking", "score") == "total score rounded to 2 decimals, the basis of the rank")
        #expect(try describe("v_ranking", "status") == (try describe("score_unit", "status")))
        #expect(try describe("v_missed_target", "status") == (try describe("score_indicator", "status")))
        #expect(try describe("v_file", "status") == (try describe("etl_file", "status")))
        #expect(try describe("v_fact", "unit_name") == (try describe("dim_unit", "unit_name")))
    }

    @Test("the parser reads several columns on one line and skips constraints")
    func parser() {
        let parsed = SchemaDocumentation.parseTable("""
            CREATE TABLE t (
                -- @table: a table | một bảng
                a INTEGER NOT NULL CHECK (a IN (1, 2)),  -- the a | cột a
                d1 REAL, d2 REAL,  -- domain scores | điểm lĩnh vực
                "quoted" TEXT,  -- quoted name | tên có ngoặc kép
                note TEXT,  -- English only
                PRIMARY KEY (a, d1)
            ) STRICT
            """)
        #expect(parsed.own?.english == "a table" && parsed.own?.vietnamese == "một bảng")
        #expect(Set(parsed.columns.keys) == ["a", "d1", "d2", "quoted", "note"])
        #expect(parsed.columns["d2"]?.vietnamese == "điểm lĩnh vực")
        #expect(parsed.columns["note"]?.english == "English only" && parsed.columns["note"]?.vietnamese == "")
    }
}
