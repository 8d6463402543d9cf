import CSQLite

/// A value bound to or read from a statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    public static func optional(_ number: Double?) -> SQLValue { number.map(SQLValue.real) ?? .null }
    public static func optional(_ number: Int?) -> SQLValue { number.map { .integer(Int64($0)) } ?? .null }
}

/// One compiled statement. Owns the `sqlite3_stmt*`: prepared in `init`, finalized in `deinit`.
/// Reuse it with `reset()` and new bindings; not `Sendable`.
public final class Statement {
    let handle: OpaquePointer
    let database: Database
    public let sql: String

    /// Compiles `sql` with `sqlite3_prepare_v3`.
    init(database: Database, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw database.error(rc, sql: sql) }
        handle = statement
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1...n (`sqlite3_bind_*`); text and blobs are copied.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    public func bind(_ values: SQLValue...) throws(SQLiteError) {
        try bind(values)
    }

    /// Binds one value at the 1-based `index`.
    public func bind(_ value: SQLValue, at index: Int32) throws(SQLiteError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let n): rc = sqlite3_bind_int64(handle, index, n)
        case .real(let x): rc = sqlite3_bind_double(handle, index, x)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, cchc_sqlite_transient())
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes {
                sqlite3_bind_blob64(handle, index, $0.baseAddress, sqlite3_uint64($0.count), cchc_sqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    // MARK: - Typed binding for hot loops (no `SQLValue` array per row)

    /// Binds an integer at the 1-based `index` (`sqlite3_bind_int64`).
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a number, or NULL when nil (`sqlite3_bind_double`, `sqlite3_bind_null`).
    public func bind(_ value: Double?, at index: Int32) throws(SQLiteError) {
        try check(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
    }

    /// Binds a count, or NULL when nil.
    public func bind(_ value: Int?, at index: Int32) throws(SQLiteError) {
        try check(value.map { sqlite3_bind_int64(handle, index, Int64($0)) } ?? sqlite3_bind_null(handle, index))
    }

    /// Binds text (copied by SQLite), or NULL when nil (`sqlite3_bind_text`).
    public func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_text(handle, index, value, -1, cchc_sqlite_transient()))
    }

    /// Binds bytes (copied by SQLite) as a BLOB; no bytes bind an empty BLOB, not NULL.
    public func bind(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
        try check(sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), cchc_sqlite_transient()))
    }

    /// Steps a statement without results to its end and resets it for the next bindings.
    public func execute() throws(SQLiteError) {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw database.error(rc, sql: sql) }
    }

    private func check(_ rc: Int32) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    /// Advances (`sqlite3_step`): true when a row is ready, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql)
        }
    }

    /// Binds, runs to completion and resets, for statements without results.
    public func run(_ values: SQLValue...) throws(SQLiteError) {
        try run(values)
    }

    public func run(_ values: [SQLValue]) throws(SQLiteError) {
        try reset()
        try bind(values)
        while try step() {}
    }

    /// Clears the previous run so the statement can be stepped again (`sqlite3_reset`); bindings are kept.
    public func reset() throws(SQLiteError) {
        let rc = sqlite3_reset(handle)
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    /// Every row of the statement, mapped with `transform`.
    public func rows<T>(_ values: SQLValue..., transform: (Statement) throws -> T) throws -> [T] {
        try reset()
        try bind(values)
        var result: [T] = []
        while try step() { result.append(try transform(self)) }
        return result
    }

    // MARK: - Columns of the current row (0-based)

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func int64OrNil(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func doubleOrNil(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    public func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func textOrNil(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
