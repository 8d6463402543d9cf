import CCHCCore

/// The warehouse file: opened with WAL and foreign keys on, migrated to the current schema.
/// The only place that knows the schema; callers speak in `CCHCCore` values.
public final class WarehouseStore {
    public let database: Database
    /// `reference()` as last read, and the `PRAGMA data_version` it was read at: a batch reads the
    /// reference in three steps (issue 7). Cleared by `replaceReference`, the one writer of these
    /// tables; another connection's commit changes the version.
    var referenceCache: (version: Int64, reference: ReferenceData)?

    /// Opens or creates the warehouse at `path` and applies pending migrations.
    public init(path: String, migrator: Migrator? = nil) throws {
        database = try Database(path: path)
        database.setBusyTimeout(milliseconds: 10_000)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute("PRAGMA foreign_keys = ON")
        // The savepoint around each imported file keeps a sub-journal that outgrows SQLite's 64 KiB
        // spill limit: on disk (`/var/tmp/etilqs_*`) it cost ~1,800 small writes per S batch.
        try database.execute("PRAGMA temp_store = MEMORY")
        try (migrator ?? Migrator.bundled()).migrate(database)
    }

    /// Runs `body` in one write transaction.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try database.transaction(body)
    }

    // MARK: - Periods

    /// The period's key in `dim_period`, inserting the period when new.
    public func periodID(_ period: Period) throws -> Int64 {
        let statement = try database.prepare("""
            INSERT INTO dim_period (period_code, period_type, year, number, start_date, end_date, label_vi)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period_code) DO UPDATE SET label_vi = excluded.label_vi
            RETURNING period_id
            """)
        try statement.bind(.text(period.description), .text(period.kind.rawValue), .integer(Int64(period.year)),
                           .integer(Int64(period.number)), .text(period.startDate), .text(period.endDate),
                           .text(period.vietnameseLabel))
        guard try statement.step() else { throw WarehouseError("cannot record period \(period)") }
        return statement.int64(0)
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: the problems found, empty when clean.
    public func consistencyProblems() throws -> [String] {
        var problems = try database.prepare("PRAGMA integrity_check").rows { $0.text(0) }.filter { $0 != "ok" }
        problems += try database.prepare("PRAGMA foreign_key_check").rows { "foreign key: \($0.text(0)) row \($0.int64(1)) → \($0.text(2))" }
        return problems
    }
}
