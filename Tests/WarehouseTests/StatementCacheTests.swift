import Foundation
import Testing
@testable import Warehouse

/// `executeCached` keeps the statements around transactions compiled: each runs again from a
/// clean reset, a failure leaves it usable, and the connection still closes cleanly.
@Suite("Cached statements")
struct StatementCacheTests {
    @Test("transactions and savepoints reuse one statement each, run after run")
    func reused() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER)")
        for n in 1...5 {
            try db.transaction {
                try db.prepare("INSERT INTO t VALUES (?)").run(.integer(Int64(n)))
                try db.savepoint { try db.prepare("INSERT INTO t VALUES (?)").run(.integer(Int64(-n))) }
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 10)
        #expect(db.cachedStatementCount == 4)  // BEGIN IMMEDIATE, SAVEPOINT, RELEASE, COMMIT
    }

    @Test("a rolled-back savepoint and transaction leave the cached statements usable")
    func rollback() throws {
        struct Planned: Error {}
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER)")
        try db.transaction {
            try db.prepare("INSERT INTO t VALUES (1)").run()
            _ = try? db.savepoint { () throws in
                try db.prepare("INSERT INTO t VALUES (2)").run()
                throw Planned()
            }
        }
        #expect(throws: Planned.self) {
            try db.transaction { () throws in
                try db.prepare("INSERT INTO t VALUES (3)").run()
                throw Planned()
            }
        }
        try db.transaction { try db.prepare("INSERT INTO t VALUES (4)").run() }
        #expect(try db.prepare("SELECT n FROM t ORDER BY n").rows { $0.int64(0) } == [1, 4])
    }

    @Test("a failing cached statement throws SQLite's error with its SQL, and runs again afterwards")
    func failure() throws {
        let db = try Database(path: ":memory:")
        #expect {
            try db.executeCached("COMMIT")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.primaryCode == 1 && error.message.contains("no transaction is active") && error.sql == "COMMIT"
        }
        try db.executeCached("BEGIN IMMEDIATE")
        try db.executeCached("COMMIT")
        #expect(db.cachedStatementCount == 2)
    }

    @Test("the connection closes cleanly: the WAL is checkpointed and removed")
    func closes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.db").path
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("CREATE TABLE t (n INTEGER)")
            try db.transaction { try db.prepare("INSERT INTO t VALUES (1)").run() }
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
