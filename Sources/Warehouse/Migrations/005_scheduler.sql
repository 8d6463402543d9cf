-- 005: the scheduler's record. Steps get their counts, attempts and error text (etl_step is rebuilt:
-- SQLite cannot add a commented column, and the status gains 'skipped' for resumed runs); each run
-- says why it started and which run it resumes; each scheduled job keeps the last scheduled time
-- handled, so a daemon back from downtime runs a missed job once, not once per missed tick.

CREATE TABLE etl_step_v5 (
    run_id           INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run the step belongs to
    step             TEXT NOT NULL,         -- the step's name in the job file, e.g. 'import', 'notify'
    kind             TEXT NOT NULL DEFAULT 'builtin',  -- 'reference', 'import', 'score', 'report', 'command' ('builtin' for rows before 005)
    started_at       TEXT NOT NULL,         -- UTC, ISO 8601
    finished_at      TEXT,                  -- UTC, ISO 8601; NULL while running (or when the process died)
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),  -- 'skipped': done by the run this one resumes
    attempts         INTEGER NOT NULL DEFAULT 1,  -- tries made (transient failures are retried per the job's retry policy)
    files_accepted   INTEGER,               -- import: files accepted in this step
    files_rejected   INTEGER,               -- import: files rejected (kept with their errors)
    files_unchanged  INTEGER,               -- import: files already received before, skipped
    facts_written    INTEGER,               -- import: rows written to fact_indicator_value
    communes_ranked  INTEGER,               -- score: communes ranked in the period
    provinces_written INTEGER,              -- report: province folders written
    provinces_failed INTEGER,               -- report: provinces whose reports could not be written (see error)
    exit_status      INTEGER,               -- command: the shell command's exit status (NULL when killed or not started)
    detail           TEXT,                  -- one-line summary of what the step did
    error            TEXT,                  -- why it failed ('interrupted' when its process died); NULL when it succeeded
    PRIMARY KEY (run_id, step)
) STRICT;

INSERT INTO etl_step_v5 (run_id, step, started_at, finished_at, status, detail, error)
SELECT run_id, step, started_at, finished_at, status, detail, CASE status WHEN 'failed' THEN detail END FROM etl_step;

DROP TABLE etl_step;

ALTER TABLE etl_step_v5 RENAME TO etl_step;

CREATE TABLE etl_run_origin (
    run_id              INTEGER PRIMARY KEY REFERENCES etl_run (run_id),  -- the run
    trigger             TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule')),  -- 'manual' (`cchc run`) or 'schedule' (`cchc daemon`)
    scheduled_for       TEXT,               -- UTC, ISO 8601: the scheduled time the daemon ran it for; NULL for manual runs
    resumed_from_run_id INTEGER REFERENCES etl_run (run_id)  -- the failed or interrupted run whose succeeded steps this one skipped
) STRICT;

CREATE TABLE sched_job (
    job                 TEXT PRIMARY KEY,   -- the job's name (its file's "name")
    last_scheduled_for  TEXT NOT NULL,      -- UTC, ISO 8601: the latest scheduled time handled (run, or the daemon's first sight of the job)
    last_run_id         INTEGER REFERENCES etl_run (run_id),  -- the run started for it; NULL when none was
    updated_at          TEXT NOT NULL       -- UTC, ISO 8601: when the daemon wrote this row
) STRICT;
