import CSQLite

/// One connection to a SQLite database. Owns the `sqlite3*` handle: opened in `init`, closed in `deinit`.
///
/// Not `Sendable`: a connection stays on the thread that uses it.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    var cache = StatementCache()

    /// Opens (or creates) the database at `path` with `sqlite3_open_v2`, extended result codes on.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        cache.finalizeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Compiles one statement (`sqlite3_prepare_v3`).
    public func prepare(_ sql: String, persistent: Bool = false) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql, persistent: persistent)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    public func transaction<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        try executeCached("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try executeCached("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside `SAVEPOINT … RELEASE`, rolling back to the savepoint when it throws: a
    /// transaction nested in the one around it (or a transaction of its own when there is none).
    public func savepoint<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        try executeCached("SAVEPOINT nested")
        do {
            let result = try body()
            try executeCached("RELEASE nested")
            return result
        } catch {
            try? execute("ROLLBACK TO nested")
            try? execute("RELEASE nested")
            throw error
        }
    }

    /// The rowid of the last successful INSERT (`sqlite3_last_insert_rowid`).
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement (`sqlite3_changes64`).
    public var changes: Int64 { sqlite3_changes64(handle) }

    /// The first column of the first row of `sql`, as an integer.
    public func scalarInt(_ sql: String, _ arguments: SQLValue...) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        guard try statement.step() else { return nil }
        return statement.int64OrNil(0)
    }

    /// False inside an open transaction (`sqlite3_get_autocommit`).
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Waits up to `milliseconds` for a lock held by another connection (`sqlite3_busy_timeout`).
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    func error(_ rc: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle) != 0 ? sqlite3_extended_errcode(handle) : rc,
                    message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
