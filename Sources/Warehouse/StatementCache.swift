import CSQLite

/// Compiled statements kept for SQL a connection runs again and again with no values bound — the
/// `BEGIN`, `COMMIT`, `SAVEPOINT` and `RELEASE` around every transaction: through `sqlite3_exec`
/// each of them was compiled anew (the import's savepoint per file alone, issue 7).
///
/// Holds bare `sqlite3_stmt*` handles rather than `Statement`s, which own their `Database`: the
/// database owns this cache, and finalizes it (`finalizeAll`) before it closes.
struct StatementCache {
    private var handles: [String: OpaquePointer] = [:]

    /// The compiled `sql` (`sqlite3_prepare_v3`, persistent), reset and ready to step.
    mutating func statement(_ sql: String, connection: OpaquePointer) -> (handle: OpaquePointer?, rc: Int32) {
        if let handle = handles[sql] { return (handle, SQLITE_OK) }
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard rc == SQLITE_OK, let handle else { return (nil, rc) }
        handles[sql] = handle
        return (handle, rc)
    }

    var count: Int { handles.count }

    /// `sqlite3_finalize` on every statement; the cache is empty afterwards.
    mutating func finalizeAll() {
        for handle in handles.values { sqlite3_finalize(handle) }
        handles = [:]
    }
}

extension Database {
    /// Runs one statement without results or bound values, compiled once per connection and
    /// reset after each run (`sqlite3_step`, `sqlite3_reset`).
    public func executeCached(_ sql: String) throws(SQLiteError) {
        let (handle, prepareCode) = cache.statement(sql, connection: self.handle)
        guard let handle else { throw error(prepareCode, sql: sql) }
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw error(rc, sql: sql) }
    }

    /// How many statements `executeCached` holds compiled.
    var cachedStatementCount: Int { cache.count }
}
