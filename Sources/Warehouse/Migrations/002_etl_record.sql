-- 002: the ETL's own record: runs, steps, every file received (original bytes kept), rejections,
-- and which accepted file is in force for each commune and period.

CREATE TABLE etl_run (
    -- @table: every batch run (`cchc run` or the daemon), how it started and ended | mỗi lần chạy xử lý (`cchc run` hoặc daemon): bắt đầu, kết thúc, kết quả
    run_id         INTEGER PRIMARY KEY,   -- one batch (`cchc run`) or step run | mã lần chạy
    job            TEXT NOT NULL,         -- the job file or command that started it | tệp công việc hoặc lệnh đã khởi chạy
    period_code    TEXT,                  -- the period the run worked on | kỳ báo cáo được xử lý
    started_at     TEXT NOT NULL,         -- UTC, ISO 8601 | thời điểm bắt đầu (UTC)
    finished_at    TEXT,                  -- UTC, ISO 8601; NULL while running (or when the process died) | thời điểm kết thúc (UTC); NULL khi đang chạy hoặc tiến trình bị dừng đột ngột
    status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),  -- 'running' (or died), 'succeeded', 'failed' | trạng thái: running (đang chạy hoặc bị dừng), succeeded (thành công), failed (thất bại)
    message        TEXT                   -- why it failed, or a one-line summary | lý do thất bại, hoặc tóm tắt một dòng
) STRICT;

CREATE TABLE etl_step (
    -- @table: the steps of each run | các bước của mỗi lần chạy
    run_id         INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run the step belongs to | lần chạy chứa bước này
    step           TEXT NOT NULL,         -- 'reference', 'import', 'score', 'report' | tên bước
    started_at     TEXT NOT NULL,  -- UTC, ISO 8601 | thời điểm bắt đầu (UTC)
    finished_at    TEXT,  -- UTC, ISO 8601; NULL while running (or when the process died) | thời điểm kết thúc (UTC); NULL khi đang chạy hoặc bị dừng đột ngột
    status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),  -- 'running' (or died), 'succeeded', 'failed' | trạng thái của bước
    detail         TEXT,                  -- counts (files accepted/rejected, facts written, communes ranked) or the error | số lượng (tệp nhận/từ chối, số liệu ghi, xã xếp hạng) hoặc lỗi
    PRIMARY KEY (run_id, step)
) STRICT;

CREATE TABLE etl_file (
    -- @table: every file received, accepted or rejected, with its original bytes | mọi tệp đã nhận, hợp lệ hay bị từ chối, kèm nguyên nội dung gốc
    file_id        INTEGER PRIMARY KEY,  -- one row per distinct file received (per province, period and content) | mã tệp (mỗi nội dung khác nhau theo tỉnh, kỳ một dòng)
    sha256         TEXT NOT NULL,         -- SHA-256 of the original bytes, lowercase hex | mã băm SHA-256 của nội dung gốc
    size           INTEGER NOT NULL,      -- bytes | kích thước (byte)
    mtime          TEXT NOT NULL,         -- the file's modification time (UTC, ISO 8601 with nanoseconds); decides which submission is newer | thời điểm sửa đổi của tệp (UTC); quyết định tệp nào mới hơn
    path           TEXT NOT NULL,         -- path inside the inbox, e.g. '2025-Q3/14/03721.csv' | đường dẫn trong thư mục nhận, vd. '2025-Q3/14/03721.csv'
    province_code  TEXT NOT NULL,         -- the province folder the file arrived in (its tenant) | thư mục tỉnh nơi tệp được gửi đến
    period_code    TEXT NOT NULL,         -- the period folder the file arrived in | thư mục kỳ báo cáo nơi tệp được gửi đến
    unit_code      TEXT,                  -- the commune the rows name (NULL when unreadable) | mã xã ghi trong tệp (NULL khi không đọc được)
    encoding       TEXT NOT NULL,         -- detected encoding, e.g. 'utf-8' | bảng mã phát hiện được, vd. 'utf-8'
    status         TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),  -- 'accepted' (valid; in force if newest) or 'rejected' (see etl_rejection) | 'accepted' (hợp lệ; có hiệu lực nếu mới nhất) hoặc 'rejected' (bị từ chối, xem etl_rejection)
    row_count      INTEGER NOT NULL,      -- data rows read | số dòng số liệu đã đọc
    run_id         INTEGER NOT NULL REFERENCES etl_run (run_id),  -- the run that first saw it | lần chạy đầu tiên nhận tệp
    content        BLOB NOT NULL,         -- the original bytes, unaltered | nội dung gốc, không thay đổi
    UNIQUE (province_code, period_code, sha256)
) STRICT;

CREATE TABLE etl_rejection (
    -- @table: the errors of every rejected file, located by line and column | các lỗi của tệp bị từ chối, theo dòng và cột
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the rejected file | tệp bị từ chối
    seq            INTEGER NOT NULL,      -- order of the error within the file | thứ tự lỗi trong tệp
    line           INTEGER,               -- 1-based line where the offending record starts; NULL for whole-file errors | dòng (từ 1) nơi bắt đầu bản ghi lỗi; NULL với lỗi của cả tệp
    column_number  INTEGER,               -- 1-based column; NULL when the error is not about one cell | cột (từ 1); NULL khi lỗi không thuộc một ô
    unit_code      TEXT,                  -- the commune the file is for, when known | mã xã của tệp, nếu biết
    code           TEXT NOT NULL,         -- stable error code, e.g. 'non_numeric_value' | mã lỗi cố định, vd. 'non_numeric_value'
    message        TEXT NOT NULL,         -- what was found, what was expected (Vietnamese, for the commune clerk) | nội dung lỗi: thấy gì, cần gì (cho cán bộ xã)
    PRIMARY KEY (file_id, seq)
) STRICT;

CREATE TABLE fact_submission (
    -- @table: the accepted file in force for each commune and period | tệp hợp lệ đang có hiệu lực của mỗi xã trong mỗi kỳ
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period | kỳ báo cáo
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the commune | xã
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the accepted file in force (newest mtime, then name) | tệp hợp lệ đang có hiệu lực (mới nhất theo thời điểm sửa, rồi theo tên)
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;
