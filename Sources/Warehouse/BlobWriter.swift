import CSQLite

/// Writes into a BLOB cell in place, chunk by chunk, so a large file is never held in memory.
/// Owns a `sqlite3_blob*` opened with `sqlite3_blob_open` and closed in `deinit`.
public final class BlobWriter {
    let handle: OpaquePointer
    let database: Database
    private var offset: Int32 = 0

    /// Opens column `column` of row `rowID` in `table` for writing; the cell must already hold a
    /// `zeroblob` of the final size.
    public init(database: Database, table: String, column: String, rowID: Int64) throws(SQLiteError) {
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(database.handle, "main", table, column, rowID, 1, &blob)
        guard rc == SQLITE_OK, let blob else { throw database.error(rc) }
        handle = blob
        self.database = database
    }

    deinit {
        sqlite3_blob_close(handle)
    }

    /// Appends `bytes` after what was written so far (`sqlite3_blob_write`).
    public func append(_ bytes: UnsafeRawBufferPointer) throws(SQLiteError) {
        guard bytes.count > 0 else { return }
        let rc = sqlite3_blob_write(handle, bytes.baseAddress, Int32(bytes.count), offset)
        guard rc == SQLITE_OK else { throw database.error(rc) }
        offset += Int32(bytes.count)
    }
}
