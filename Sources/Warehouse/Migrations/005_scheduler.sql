-- 005: the scheduler's record. Steps get their counts, attempts and error text (etl_step is rebuilt:
-- SQLite cannot add a commented column, and the status gains 'skipped' for resumed runs); each run
-- says why it started and which run it resumes; each scheduled job keeps the last scheduled time
-- handled, so a daemon back from downtime runs a missed job once, not once per missed tick.

CREATE TABLE etl_step_v5 (
    -- @table: the steps of each run, with their counts, attempts and errors | các bước của mỗi lần chạy, kèm số lượng, số lần thử và lỗi
    run_id           INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run the step belongs to | lần chạy chứa bước này
    step             TEXT NOT NULL,         -- the step's name in the job file, e.g. 'import', 'notify' | tên bước trong tệp công việc, vd. 'import', 'notify'
    kind             TEXT NOT NULL DEFAULT 'builtin',  -- 'reference', 'import', 'score', 'report', 'command' ('builtin' for rows before 005) | loại bước: 'reference', 'import', 'score', 'report', 'command' ('builtin' với dữ liệu cũ)
    started_at       TEXT NOT NULL,         -- UTC, ISO 8601 | thời điểm bắt đầu (UTC)
    finished_at      TEXT,                  -- UTC, ISO 8601; NULL while running (or when the process died) | thời điểm kết thúc (UTC); NULL khi đang chạy hoặc bị dừng đột ngột
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),  -- 'skipped': done by the run this one resumes | trạng thái; 'skipped': đã làm xong ở lần chạy được tiếp tục
    attempts         INTEGER NOT NULL DEFAULT 1,  -- tries made (transient failures are retried per the job's retry policy) | số lần thử (lỗi tạm thời được thử lại theo cấu hình)
    files_accepted   INTEGER,               -- import: files accepted in this step | nhập: số tệp hợp lệ
    files_rejected   INTEGER,               -- import: files rejected (kept with their errors) | nhập: số tệp bị từ chối (lưu kèm lỗi)
    files_unchanged  INTEGER,               -- import: files already received before, skipped | nhập: số tệp đã nhận trước đó, bỏ qua
    facts_written    INTEGER,               -- import: rows written to fact_indicator_value | nhập: số dòng ghi vào fact_indicator_value
    communes_ranked  INTEGER,               -- score: communes ranked in the period | chấm điểm: số xã được xếp hạng
    provinces_written INTEGER,              -- report: province folders written | báo cáo: số thư mục tỉnh đã ghi
    provinces_failed INTEGER,               -- report: provinces whose reports could not be written (see error) | báo cáo: số tỉnh không ghi được báo cáo (xem error)
    exit_status      INTEGER,               -- command: the shell command's exit status (NULL when killed or not started) | lệnh: mã thoát của lệnh (NULL nếu bị dừng hoặc chưa chạy)
    detail           TEXT,                  -- one-line summary of what the step did | tóm tắt một dòng việc bước đã làm
    error            TEXT,                  -- why it failed ('interrupted' when its process died); NULL when it succeeded | lý do thất bại ('interrupted' khi tiến trình bị dừng); NULL khi thành công
    PRIMARY KEY (run_id, step)
) STRICT;

INSERT INTO etl_step_v5 (run_id, step, started_at, finished_at, status, detail, error)
SELECT run_id, step, started_at, finished_at, status, detail, CASE status WHEN 'failed' THEN detail END FROM etl_step;

DROP TABLE etl_step;

ALTER TABLE etl_step_v5 RENAME TO etl_step;

CREATE TABLE etl_run_origin (
    -- @table: why each run started and which run it resumes | lý do khởi chạy và lần chạy được tiếp tục
    run_id              INTEGER PRIMARY KEY REFERENCES etl_run (run_id),  -- the run | lần chạy
    trigger             TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule')),  -- 'manual' (`cchc run`) or 'schedule' (`cchc daemon`) | cách khởi chạy: 'manual' (chạy tay) hoặc 'schedule' (theo lịch)
    scheduled_for       TEXT,               -- UTC, ISO 8601: the scheduled time the daemon ran it for; NULL for manual runs | thời điểm theo lịch mà daemon chạy (UTC); NULL khi chạy tay
    resumed_from_run_id INTEGER REFERENCES etl_run (run_id)  -- the failed or interrupted run whose succeeded steps this one skipped | lần chạy thất bại hoặc bị dừng mà lần này tiếp tục
) STRICT;

CREATE TABLE sched_job (
    -- @table: the scheduler's state per job: the last scheduled time handled | trạng thái lịch của mỗi công việc: lần theo lịch gần nhất đã xử lý
    job                 TEXT PRIMARY KEY,   -- the job's name (its file's "name") | tên công việc ("name" trong tệp)
    last_scheduled_for  TEXT NOT NULL,      -- UTC, ISO 8601: the latest scheduled time handled (run, or the daemon's first sight of the job) | thời điểm theo lịch gần nhất đã xử lý (UTC)
    last_run_id         INTEGER REFERENCES etl_run (run_id),  -- the run started for it; NULL when none was | lần chạy đã khởi động cho nó; NULL nếu chưa có
    updated_at          TEXT NOT NULL       -- UTC, ISO 8601: when the daemon wrote this row | thời điểm daemon ghi dòng này (UTC)
) STRICT;
