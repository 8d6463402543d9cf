-- 007: what the import keeps beside the facts: warnings about received files, the history of
-- submissions replaced by newer ones, and the values those replaced submissions held.

CREATE TABLE etl_file_warning (
    -- @table: what was noticed in a received file without stopping it from loading, e.g. an unknown column ignored | những điều ghi nhận trong tệp đã nhận nhưng không làm tệp bị từ chối, ví dụ cột lạ bị bỏ qua
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the file the warning is about | tệp được cảnh báo
    seq            INTEGER NOT NULL,      -- order of the warning within the file | thứ tự cảnh báo trong tệp
    line           INTEGER,               -- 1-based line where it was noticed | dòng (tính từ 1) nơi ghi nhận
    column_number  INTEGER,               -- 1-based column; NULL when not about one cell | cột (tính từ 1); NULL nếu không về một ô
    code           TEXT NOT NULL,         -- stable warning code, e.g. 'unknown_column' | mã cảnh báo cố định, ví dụ 'unknown_column'
    message        TEXT NOT NULL,         -- what was noticed and what was done (Vietnamese, for the commune clerk) | nội dung cảnh báo và cách xử lý (tiếng Việt, cho cán bộ xã)
    PRIMARY KEY (file_id, seq)
) STRICT;

CREATE TABLE etl_supersession (
    -- @table: each time a newer accepted file replaced the submission in force for a commune and period | mỗi lần một tệp hợp lệ mới hơn thay thế báo cáo đang có hiệu lực của một xã trong một kỳ
    file_id          INTEGER PRIMARY KEY REFERENCES etl_file (file_id),  -- the newer file that took over | tệp mới hơn được thay vào
    replaced_file_id INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the file that was in force until then | tệp có hiệu lực trước đó
    period_id        INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period | kỳ báo cáo
    unit_id          INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the commune | xã, phường
    run_id           INTEGER NOT NULL REFERENCES etl_run (run_id)  -- the run that made the replacement | lần chạy thực hiện việc thay thế
) STRICT;

CREATE INDEX etl_supersession_by_replaced ON etl_supersession (replaced_file_id);

CREATE TABLE etl_replaced_value (
    -- @table: the values a replaced submission held while it was in force, kept when a newer file took over | các số liệu của báo cáo đã bị thay thế, lưu lại khi tệp mới hơn có hiệu lực
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the replaced file the value came from | tệp đã bị thay thế chứa số liệu này
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    value          REAL,                  -- the value that was in force; NULL = missing | giá trị từng có hiệu lực; NULL = không báo cáo
    numerator      REAL,                  -- its numerator, when given | tử số, nếu có
    denominator    REAL,                  -- its denominator, when given | mẫu số, nếu có
    note           TEXT,                  -- the commune's note | ghi chú của xã
    source_line    INTEGER NOT NULL,      -- the line of the file it came from | dòng trong tệp chứa số liệu
    PRIMARY KEY (file_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW v_submission_change AS
-- @view: indicator by indicator, how the submission in force differs from the one it replaced (changed, added or removed values only) | theo từng chỉ tiêu, báo cáo đang có hiệu lực khác báo cáo bị thay thế ở đâu (chỉ các giá trị thay đổi, thêm hoặc bỏ)
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
-- @column previous_value: the value in the replaced submission; NULL when it had none | giá trị trong báo cáo bị thay thế; NULL nếu không có
-- @column value: the value in force now; NULL when the new submission has none | giá trị đang có hiệu lực; NULL nếu báo cáo mới không có
-- @column change: 'changed', 'added' or 'removed' | 'changed' (thay đổi), 'added' (thêm mới) hoặc 'removed' (bị bỏ)
-- @column file: path of the submission in force | đường dẫn tệp đang có hiệu lực
-- @column replaced_file: path of the submission it replaced | đường dẫn tệp bị thay thế
WITH pairs AS (
    SELECT s.period_id, s.unit_id, s.file_id, s.replaced_file_id
    FROM etl_supersession s JOIN fact_submission fs ON fs.file_id = s.file_id
), changes AS (
    SELECT pr.period_id, pr.unit_id, pr.file_id, pr.replaced_file_id, r.indicator_id, r.value AS previous_value, f.value,
           CASE WHEN f.indicator_id IS NULL THEN 'removed' ELSE 'changed' END AS change
    FROM pairs pr
    JOIN etl_replaced_value r ON r.file_id = pr.replaced_file_id
    LEFT JOIN fact_indicator_value f ON f.period_id = pr.period_id AND f.unit_id = pr.unit_id AND f.indicator_id = r.indicator_id
    WHERE f.indicator_id IS NULL OR f.value IS NOT r.value
    UNION ALL
    SELECT pr.period_id, pr.unit_id, pr.file_id, pr.replaced_file_id, f.indicator_id, NULL, f.value, 'added'
    FROM pairs pr
    JOIN fact_indicator_value f ON f.period_id = pr.period_id AND f.unit_id = pr.unit_id
    WHERE NOT EXISTS (SELECT 1 FROM etl_replaced_value r WHERE r.file_id = pr.replaced_file_id AND r.indicator_id = f.indicator_id)
)
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.name_vi AS indicator_name,
       c.previous_value, c.value, c.change, nf.path AS file, rf.path AS replaced_file
FROM changes c
JOIN dim_period p ON p.period_id = c.period_id
JOIN dim_unit u ON u.unit_id = c.unit_id
JOIN dim_indicator i ON i.indicator_id = c.indicator_id
JOIN etl_file nf ON nf.file_id = c.file_id
JOIN etl_file rf ON rf.file_id = c.replaced_file_id
ORDER BY p.period_code, u.province_code, u.unit_code, i.indicator_code;
