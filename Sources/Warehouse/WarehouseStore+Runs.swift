#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore

/// What a step counted, stored in `etl_step` (each nil when the step does not count it).
public struct StepCounts: Sendable, Equatable {
    public var filesAccepted: Int?
    public var filesRejected: Int?
    public var filesUnchanged: Int?
    public var factsWritten: Int?
    public var communesRanked: Int?
    public var provincesWritten: Int?
    public var provincesFailed: Int?
    public var exitStatus: Int?

    public init(filesAccepted: Int? = nil, filesRejected: Int? = nil, filesUnchanged: Int? = nil, factsWritten: Int? = nil,
                communesRanked: Int? = nil, provincesWritten: Int? = nil, provincesFailed: Int? = nil, exitStatus: Int? = nil) {
        self.filesAccepted = filesAccepted
        self.filesRejected = filesRejected
        self.filesUnchanged = filesUnchanged
        self.factsWritten = factsWritten
        self.communesRanked = communesRanked
        self.provincesWritten = provincesWritten
        self.provincesFailed = provincesFailed
        self.exitStatus = exitStatus
    }
}

/// One row of `etl_run` with its origin, as `cchc status` shows it.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var job: String
    public var period: String?
    public var startedAt: String
    public var finishedAt: String?
    public var status: String
    public var message: String?
    public var trigger: String?
    public var scheduledFor: String?
    public var resumedFrom: Int64?
}

/// One row of `etl_step`.
public struct StepRecord: Sendable, Equatable {
    public var runID: Int64
    public var step: String
    public var kind: String
    public var status: String
    public var attempts: Int
    public var counts: StepCounts
    public var detail: String?
    public var error: String?
}

extension WarehouseStore {
    // MARK: - Runs

    /// Records the start of a run and why it started; returns its `run_id`.
    public func beginRun(job: String, period: Period?, scheduledFor: String? = nil, resumedFrom: Int64? = nil) throws -> Int64 {
        try transaction {
            try database.prepare("INSERT INTO etl_run (job, period_code, started_at, status) VALUES (?, ?, ?, 'running')")
                .run(.text(job), .optional(period?.description), .text(Timestamp.now()))
            let runID = database.lastInsertedRowID
            try database.prepare("INSERT INTO etl_run_origin (run_id, trigger, scheduled_for, resumed_from_run_id) VALUES (?, ?, ?, ?)")
                .run(.integer(runID), .text(scheduledFor == nil ? "manual" : "schedule"), .optional(scheduledFor),
                     resumedFrom.map(SQLValue.integer) ?? .null)
            return runID
        }
    }

    public func finishRun(_ runID: Int64, succeeded: Bool, message: String?, period: Period?) throws {
        try database.prepare("""
            UPDATE etl_run SET finished_at = ?, status = ?, message = ?, period_code = coalesce(?, period_code) WHERE run_id = ?
            """).run(.text(Timestamp.now()), .text(succeeded ? "succeeded" : "failed"), .optional(message),
                     .optional(period?.description), .integer(runID))
    }

    /// Marks every run still `running` — and its running steps — as failed with `interrupted`.
    /// Call only while holding the batch lock: then no live process owns those runs, so each one
    /// died (killed, power cut) before it could record its end. Returns the runs marked.
    @discardableResult
    public func markInterruptedRuns(foundBy finder: String) throws -> [Int64] {
        try transaction {
            let runs = try database.prepare("SELECT run_id FROM etl_run WHERE status = 'running' ORDER BY run_id").rows { $0.int64(0) }
            let now = Timestamp.now()
            for run in runs {
                try database.prepare("""
                    UPDATE etl_step SET status = 'failed', finished_at = ?, error = 'interrupted' WHERE run_id = ? AND status = 'running'
                    """).run(.text(now), .integer(run))
                try database.prepare("""
                    UPDATE etl_run SET status = 'failed', finished_at = ?, message = ? WHERE run_id = ?
                    """).run(.text(now), .text("interrupted: the process ended without finishing (found by \(finder))"), .integer(run))
            }
            return runs
        }
    }

    /// The run a new run of `job` for `period` resumes: the latest run of that job and period when it
    /// failed (nil when it succeeded or there is none), with the steps that succeeded in it (or that
    /// it skipped because an earlier run had done them).
    public func resumableRun(job: String, period: Period) throws -> (runID: Int64, doneSteps: Set<String>)? {
        let latest = try database.prepare("""
            SELECT run_id, status FROM etl_run WHERE job = ? AND period_code = ? ORDER BY run_id DESC LIMIT 1
            """).rows(.text(job), .text(period.description)) { ($0.int64(0), $0.text(1)) }
        guard let (runID, status) = latest.first, status == "failed" else { return nil }
        let done = try database.prepare("SELECT step FROM etl_step WHERE run_id = ? AND status IN ('succeeded', 'skipped')")
            .rows(.integer(runID)) { $0.text(0) }
        return (runID, Set(done))
    }

    /// The most recent runs, newest first.
    public func recentRuns(limit: Int = 10) throws -> [RunRecord] {
        try RunQueries.recentRuns(database, limit: limit)
    }

    // MARK: - Steps

    public func beginStep(_ runID: Int64, _ step: String, kind: String) throws {
        try database.prepare("""
            INSERT INTO etl_step (run_id, step, kind, started_at, status) VALUES (?, ?, ?, ?, 'running')
            ON CONFLICT (run_id, step) DO UPDATE SET started_at = excluded.started_at, status = 'running', finished_at = NULL
            """).run(.integer(runID), .text(step), .text(kind), .text(Timestamp.now()))
    }

    /// Records a step's end: its status (`succeeded`, `failed` or `skipped`), tries, counts, summary and error.
    public func finishStep(_ runID: Int64, _ step: String, status: String, attempts: Int, counts: StepCounts = StepCounts(),
                           detail: String?, error: String?) throws {
        precondition(["succeeded", "failed", "skipped"].contains(status), "unknown step status \(status)")
        try database.prepare("""
            UPDATE etl_step SET finished_at = ?, status = ?, attempts = ?, files_accepted = ?, files_rejected = ?, files_unchanged = ?,
                facts_written = ?, communes_ranked = ?, provinces_written = ?, provinces_failed = ?, exit_status = ?, detail = ?, error = ?
            WHERE run_id = ? AND step = ?
            """).run(.text(Timestamp.now()), .text(status), .integer(Int64(attempts)), .optional(counts.filesAccepted),
                     .optional(counts.filesRejected), .optional(counts.filesUnchanged), .optional(counts.factsWritten),
                     .optional(counts.communesRanked), .optional(counts.provincesWritten), .optional(counts.provincesFailed),
                     .optional(counts.exitStatus), .optional(detail), .optional(error), .integer(runID), .text(step))
    }

    /// The steps of `runID` in the order they started.
    public func steps(ofRun runID: Int64) throws -> [StepRecord] {
        try RunQueries.steps(database, runID: runID)
    }

    // MARK: - Scheduler state

    /// The latest scheduled time (UTC ISO 8601) the daemon handled for `job`; nil when it never saw the job.
    public func lastScheduled(job: String) throws -> String? {
        try RunQueries.lastScheduled(database, job: job)
    }

    /// Records that the scheduled time `scheduledFor` of `job` was handled (by `runID`, if a run started).
    public func setLastScheduled(job: String, scheduledFor: String, runID: Int64?) throws {
        try database.prepare("""
            INSERT INTO sched_job (job, last_scheduled_for, last_run_id, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (job) DO UPDATE SET last_scheduled_for = excluded.last_scheduled_for,
                last_run_id = coalesce(excluded.last_run_id, last_run_id), updated_at = excluded.updated_at
            """).run(.text(job), .text(scheduledFor), runID.map(SQLValue.integer) ?? .null, .text(Timestamp.now()))
    }
}

/// The reading queries of the run history, shared by `WarehouseStore` and `RunHistory`.
enum RunQueries {
    /// The most recent runs, newest first.
    static func recentRuns(_ database: Database, limit: Int) throws -> [RunRecord] {
        try database.prepare("""
            SELECT r.run_id, r.job, r.period_code, r.started_at, r.finished_at, r.status, r.message, o.trigger, o.scheduled_for,
                   o.resumed_from_run_id
            FROM etl_run r LEFT JOIN etl_run_origin o USING (run_id) ORDER BY r.run_id DESC LIMIT ?
            """).rows(.integer(Int64(limit))) { s in
            RunRecord(id: s.int64(0), job: s.text(1), period: s.textOrNil(2), startedAt: s.text(3), finishedAt: s.textOrNil(4),
                      status: s.text(5), message: s.textOrNil(6), trigger: s.textOrNil(7), scheduledFor: s.textOrNil(8),
                      resumedFrom: s.int64OrNil(9))
        }
    }

    /// The steps of `runID` in the order they started.
    static func steps(_ database: Database, runID: Int64) throws -> [StepRecord] {
        try database.prepare("""
            SELECT run_id, step, kind, status, attempts, files_accepted, files_rejected, files_unchanged, facts_written, communes_ranked,
                   provinces_written, provinces_failed, exit_status, detail, error
            FROM etl_step WHERE run_id = ? ORDER BY started_at, rowid
            """).rows(.integer(runID)) { s in
            func count(_ column: Int32) -> Int? { s.int64OrNil(column).map(Int.init) }
            return StepRecord(runID: s.int64(0), step: s.text(1), kind: s.text(2), status: s.text(3), attempts: s.int(4),
                              counts: StepCounts(filesAccepted: count(5), filesRejected: count(6), filesUnchanged: count(7),
                                                 factsWritten: count(8), communesRanked: count(9), provincesWritten: count(10),
                                                 provincesFailed: count(11), exitStatus: count(12)),
                              detail: s.textOrNil(13), error: s.textOrNil(14))
        }
    }

    /// The latest scheduled time (UTC ISO 8601) the daemon handled for `job`; nil when it never saw the job.
    static func lastScheduled(_ database: Database, job: String) throws -> String? {
        try database.prepare("SELECT last_scheduled_for FROM sched_job WHERE job = ?").rows(.text(job)) { $0.text(0) }.first
    }
}

/// Read-only access to an existing warehouse's run history and scheduler state, for `cchc status`
/// and `cchc schedule`: it never creates, migrates or locks anything, so it is safe beside a running
/// batch and on a path where no warehouse exists yet.
public final class RunHistory {
    let database: Database
    public let path: String

    /// Opens the warehouse at `path` read-only; nil when there is no file there. Throws when the
    /// file's schema predates the scheduler (version 5): the next `cchc run` migrates it.
    public init?(path: String) throws {
        guard access(path, F_OK) == 0 else { return nil }
        database = try Database(path: path, readOnly: true)
        self.path = path
        let version = try database.scalarInt("PRAGMA user_version") ?? 0
        guard version >= 5 else {
            throw WarehouseError("the warehouse \(path) has schema version \(version), older than the run history needs (5); "
                                 + "the next cchc run or daemon brings it up to date")
        }
    }

    public func recentRuns(limit: Int = 10) throws -> [RunRecord] { try RunQueries.recentRuns(database, limit: limit) }

    public func steps(ofRun runID: Int64) throws -> [StepRecord] { try RunQueries.steps(database, runID: runID) }

    public func lastScheduled(job: String) throws -> String? { try RunQueries.lastScheduled(database, job: job) }
}
