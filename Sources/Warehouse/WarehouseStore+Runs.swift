import CCHCCore

extension WarehouseStore {
    /// Records the start of a run; returns its `run_id`.
    public func beginRun(job: String, period: Period?) throws -> Int64 {
        try database.prepare("INSERT INTO etl_run (job, period_code, started_at, status) VALUES (?, ?, ?, 'running')")
            .run(.text(job), .optional(period?.description), .text(Timestamp.now()))
        return database.lastInsertedRowID
    }

    public func finishRun(_ runID: Int64, succeeded: Bool, message: String?, period: Period?) throws {
        try database.prepare("""
            UPDATE etl_run SET finished_at = ?, status = ?, message = ?, period_code = coalesce(?, period_code) WHERE run_id = ?
            """).run(.text(Timestamp.now()), .text(succeeded ? "succeeded" : "failed"), .optional(message),
                     .optional(period?.description), .integer(runID))
    }

    public func beginStep(_ runID: Int64, _ step: String) throws {
        try database.prepare("""
            INSERT INTO etl_step (run_id, step, started_at, status) VALUES (?, ?, ?, 'running')
            ON CONFLICT (run_id, step) DO UPDATE SET started_at = excluded.started_at, status = 'running', finished_at = NULL
            """).run(.integer(runID), .text(step), .text(Timestamp.now()))
    }

    public func finishStep(_ runID: Int64, _ step: String, succeeded: Bool, detail: String) throws {
        try database.prepare("UPDATE etl_step SET finished_at = ?, status = ?, detail = ? WHERE run_id = ? AND step = ?")
            .run(.text(Timestamp.now()), .text(succeeded ? "succeeded" : "failed"), .text(detail), .integer(runID), .text(step))
    }

    /// The most recent runs, newest first: id, job, period, start, status, message.
    public func recentRuns(limit: Int = 10) throws -> [(id: Int64, job: String, period: String?, startedAt: String, status: String, message: String?)] {
        try database.prepare("""
            SELECT run_id, job, period_code, started_at, status, message FROM etl_run ORDER BY run_id DESC LIMIT ?
            """).rows(.integer(Int64(limit))) { ($0.int64(0), $0.text(1), $0.textOrNil(2), $0.text(3), $0.text(4), $0.textOrNil(5)) }
    }
}
