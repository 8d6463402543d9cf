-- 002: the ETL's own record: runs, steps, every file received (original bytes kept), rejections,
-- and which accepted file is in force for each commune and period.

CREATE TABLE etl_run (
    run_id         INTEGER PRIMARY KEY,   -- one batch (`cchc run`) or step run
    job            TEXT NOT NULL,         -- the job file or command that started it
    period_code    TEXT,                  -- the period the run worked on
    started_at     TEXT NOT NULL,         -- UTC, ISO 8601
    finished_at    TEXT,                  -- UTC, ISO 8601; NULL while running (or when the process died)
    status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),  -- 'running' (or died), 'succeeded', 'failed'
    message        TEXT                   -- why it failed, or a one-line summary
) STRICT;

CREATE TABLE etl_step (
    run_id         INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run the step belongs to
    step           TEXT NOT NULL,         -- 'reference', 'import', 'score', 'report'
    started_at     TEXT NOT NULL,  -- UTC, ISO 8601
    finished_at    TEXT,  -- UTC, ISO 8601; NULL while running (or when the process died)
    status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),  -- 'running' (or died), 'succeeded', 'failed'
    detail         TEXT,                  -- counts (files accepted/rejected, facts written, communes ranked) or the error
    PRIMARY KEY (run_id, step)
) STRICT;

CREATE TABLE etl_file (
    file_id        INTEGER PRIMARY KEY,  -- one row per distinct file received (per province, period and content)
    sha256         TEXT NOT NULL,         -- SHA-256 of the original bytes, lowercase hex
    size           INTEGER NOT NULL,      -- bytes
    mtime          TEXT NOT NULL,         -- the file's modification time (UTC, ISO 8601 with nanoseconds); decides which submission is newer
    path           TEXT NOT NULL,         -- path inside the inbox, e.g. '2025-Q3/14/03721.csv'
    province_code  TEXT NOT NULL,         -- the province folder the file arrived in (its tenant)
    period_code    TEXT NOT NULL,         -- the period folder the file arrived in
    unit_code      TEXT,                  -- the commune the rows name (NULL when unreadable)
    encoding       TEXT NOT NULL,         -- detected encoding, e.g. 'utf-8'
    status         TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),  -- 'accepted' (valid; in force if newest) or 'rejected' (see etl_rejection)
    row_count      INTEGER NOT NULL,      -- data rows read
    run_id         INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run that first saw it
    content        BLOB NOT NULL,         -- the original bytes, unaltered
    UNIQUE (province_code, period_code, sha256)
) STRICT;

CREATE TABLE etl_rejection (
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the rejected file
    seq            INTEGER NOT NULL,      -- order of the error within the file
    line           INTEGER,               -- 1-based line where the offending record starts; NULL for whole-file errors
    column_number  INTEGER,               -- 1-based column; NULL when the error is not about one cell
    unit_code      TEXT,                  -- the commune the file is for, when known
    code           TEXT NOT NULL,         -- stable error code, e.g. 'non_numeric_value'
    message        TEXT NOT NULL,         -- what was found, what was expected (Vietnamese, for the commune clerk)
    PRIMARY KEY (file_id, seq)
) STRICT;

CREATE TABLE fact_submission (
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the commune
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the accepted file in force (newest mtime, then name)
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;
