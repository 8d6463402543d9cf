import CCHCCore
import Foundation
import Testing
@testable import Warehouse

/// The import's checkpoints run on a connection and thread of their own; the writer's automatic
/// checkpoint is off meanwhile and back on afterwards, and nothing written is lost.
@Suite("BackgroundCheckpointer")
struct BackgroundCheckpointerTests {
    func autocheckpoint(_ database: Database) throws -> Int64 {
        try database.prepare("PRAGMA wal_autocheckpoint").rows { $0.int64(0) }[0]
    }

    @Test("many commits while it runs: every row reaches the file, the WAL is copied, the automatic checkpoint comes back")
    func commitsWhileRunning() throws {
        let path = try temporaryWarehousePath()
        let payload = [UInt8](repeating: 7, count: 3_000)
        do {
            let store = try WarehouseStore(path: path)
            try store.database.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB)")
            let checkpointer = try BackgroundCheckpointer(writer: store.database)
            #expect(try autocheckpoint(store.database) == 0)
            let insert = try store.database.prepare("INSERT INTO t VALUES (?, ?)")
            for batch in 0..<50 {
                try store.transaction {
                    for n in 0..<100 { try insert.run(.integer(Int64(batch * 100 + n)), .blob(payload)) }
                }
                checkpointer.committed()
            }
            // Checkpointed in the background: the database file grows to hold most of the 15 MB
            // written (waited for, not timed: the thread may be slow to get a core).
            var size = 0
            for _ in 0..<1_000 where size < 5_000_000 {
                size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
                usleep(10_000)
            }
            #expect(size >= 5_000_000, "database file \(size) bytes: the WAL was never copied")
            checkpointer.stop()
            checkpointer.stop()  // a second stop does nothing
            #expect(try autocheckpoint(store.database) == 1000)
            #expect(try store.consistencyProblems().isEmpty)
        }
        let reopened = try Database(path: path, readOnly: true)
        #expect(try reopened.prepare("SELECT count(*), sum(length(b)) FROM t").rows { [$0.int64(0), $0.int64(1)] }[0] == [5_000, 15_000_000])
    }

    @Test("stopped without any commit, or dropped without stop: the writer's automatic checkpoint is back")
    func stopWithoutCommits() throws {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        do {
            let checkpointer = try BackgroundCheckpointer(writer: store.database)
            checkpointer.stop()
        }
        #expect(try autocheckpoint(store.database) == 1000)
        do {
            _ = try BackgroundCheckpointer(writer: store.database)
        }
        #expect(try autocheckpoint(store.database) == 1000)
    }

    @Test("past its limit the WAL starts over instead of growing for the whole write")
    func walStaysBounded() throws {
        let path = try temporaryWarehousePath()
        let store = try WarehouseStore(path: path)
        try store.database.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB)")
        let checkpointer = try BackgroundCheckpointer(writer: store.database, walLimit: 2_000_000)
        let insert = try store.database.prepare("INSERT INTO t VALUES (?, ?)")
        var largest = 0
        for batch in 0..<60 {  // 60 commits of ~300 KB: 18 MB in all
            try store.transaction {
                for n in 0..<100 { try insert.run(.integer(Int64(batch * 100 + n)), .blob([UInt8](repeating: 1, count: 3_000))) }
            }
            checkpointer.committed()
            largest = max(largest, try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0)
        }
        checkpointer.stop()
        #expect(largest < 4_000_000, "the WAL grew to \(largest) bytes")
        #expect(try store.database.prepare("SELECT count(*) FROM t").rows { $0.int64(0) } == [6_000])
        #expect(try store.consistencyProblems().isEmpty)
    }
}
