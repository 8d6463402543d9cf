import CCHCCore
import Foundation
import Testing
@testable import Warehouse

/// A fresh warehouse file in its own temporary folder.
func temporaryWarehousePath() throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-wh-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("warehouse.sqlite").path
}

@Suite("SQLite layer")
struct DatabaseTests {
    @Test("bound parameters round-trip every type, text with quotes is data not SQL")
    func bindings() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)")
        let hostile = "'); DROP TABLE t; --"
        try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)").run(.integer(42), .real(95.5), .text(hostile), .blob([0, 1, 255]), .null)
        let row = try db.prepare("SELECT i, r, s, b, n FROM t").rows { s in
            (s.int64(0), s.double(1), s.text(2), s.blob(3), s.isNull(4))
        }
        #expect(row.count == 1)
        #expect(row[0] == (42, 95.5, hostile, [0, 1, 255], true))
    }

    @Test("errors carry SQLite's code, message and the SQL")
    func errors() throws {
        let db = try Database(path: ":memory:")
        #expect {
            try db.prepare("SELECT * FROM no_such_table")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.primaryCode == 1 && error.message.contains("no such table: no_such_table")
                && error.sql == "SELECT * FROM no_such_table"
        }
        try db.execute("CREATE TABLE k (id INTEGER PRIMARY KEY)")
        try db.prepare("INSERT INTO k VALUES (1)").run()
        #expect {
            try db.prepare("INSERT INTO k VALUES (1)").run()
        } throws: { error in
            (error as? SQLiteError)?.primaryCode == 19  // SQLITE_CONSTRAINT
        }
    }

    @Test("a failed transaction rolls back everything it did")
    func rollback() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction { () throws in
                try db.prepare("INSERT INTO t VALUES (1)").run()
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
    }

    @Test("a failed savepoint takes back only its own writes; the transaction around it keeps the others")
    func savepoint() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        struct Boom: Error {}
        var failed = false
        try db.execute("BEGIN IMMEDIATE")
        try db.savepoint { () throws in try db.prepare("INSERT INTO t VALUES (1)").run() }
        do {
            try db.savepoint { () throws in
                try db.prepare("INSERT INTO t VALUES (2)").run()
                throw Boom()
            }
        } catch is Boom {
            failed = true
        }
        try db.savepoint { () throws in try db.prepare("INSERT INTO t VALUES (3)").run() }
        try db.execute("COMMIT")
        #expect(failed)
        #expect(try db.prepare("SELECT x FROM t ORDER BY x").rows { $0.int(0) } == [1, 3])
    }

    @Test("a blob is written in chunks in place")
    func blobWriter() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE f (id INTEGER PRIMARY KEY, content BLOB)")
        try db.prepare("INSERT INTO f (content) VALUES (zeroblob(6))").run()
        let writer = try BlobWriter(database: db, table: "f", column: "content", rowID: db.lastInsertedRowID)
        try [UInt8]([1, 2, 3]).withUnsafeBytes { try writer.append($0) }
        try [UInt8]([4, 5, 6]).withUnsafeBytes { try writer.append($0) }
        let content = try db.prepare("SELECT content FROM f").rows { $0.blob(0) }
        #expect(content == [[1, 2, 3, 4, 5, 6]])
    }
}

@Suite("Warehouse schema")
struct SchemaTests {
    @Test("migrations reach the latest version once; reopening applies nothing")
    func migrationsAreIdempotent() throws {
        let path = try temporaryWarehousePath()
        let migrator = try Migrator.bundled()
        #expect(migrator.latestVersion >= 4)
        let first = try WarehouseStore(path: path)
        #expect(try first.database.scalarInt("PRAGMA user_version") == Int64(migrator.latestVersion))
        #expect(try migrator.migrate(first.database) == [])
        let again = try WarehouseStore(path: path)
        #expect(try again.database.scalarInt("PRAGMA user_version") == Int64(migrator.latestVersion))
        #expect(try again.consistencyProblems() == [])
    }

    @Test("the star schema's core names exist, with WAL and foreign keys on")
    func coreNames() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let tables = try store.database.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
            .rows { $0.text(0) }
        for name in ["dim_unit", "dim_period", "dim_indicator", "fact_indicator_value", "fact_target", "fact_submission",
                     "etl_run", "etl_step", "etl_file", "etl_rejection", "score_unit", "score_indicator", "score_province_indicator",
                     "v_ranking", "v_missed_target", "v_fact", "v_score_breakdown"] {
            #expect(tables.contains(name), "missing \(name)")
        }
        #expect(try store.database.prepare("PRAGMA journal_mode").rows { $0.text(0) } == ["wal"])
        #expect(try store.database.scalarInt("PRAGMA foreign_keys") == 1)
    }

    @Test("a newer schema than this build knows is refused clearly")
    func newerSchemaRefused() throws {
        let path = try temporaryWarehousePath()
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA user_version = 999")
        }
        #expect {
            try WarehouseStore(path: path)
        } throws: { error in
            "\(error)".contains("schema version 999, newer than this cchc knows")
        }
    }
}
