-- 001: the star schema (BRIEF §5.1). Dimensions keyed by integer surrogates, natural codes UNIQUE.
-- Codes are TEXT everywhere: unit codes keep their leading zeros ('03721').
-- Every column's comment reads `English | Tiếng Việt`; `-- @table:` documents the table itself.
-- `SELECT * FROM meta_doc` lists them all.

CREATE TABLE dim_unit (
    -- @table: provinces and communes (xã, phường), one row each; the tenant is province_code | tỉnh và xã, phường, mỗi đơn vị một dòng; province_code là tỉnh quản lý
    unit_id        INTEGER PRIMARY KEY,   -- surrogate key used by facts and scores | khóa nội bộ, dùng trong các bảng số liệu và điểm
    unit_code      TEXT NOT NULL UNIQUE,  -- official code (Decision 19/2025/QĐ-TTg), e.g. '14' (province), '03721' (commune) | mã đơn vị hành chính chính thức (QĐ 19/2025/QĐ-TTg), vd. '14' (tỉnh), '03721' (xã)
    unit_name      TEXT NOT NULL,         -- Vietnamese name as published, e.g. 'Xã Thuận Châu' | tên đơn vị như đã công bố, vd. 'Xã Thuận Châu'
    name_sort_key  TEXT NOT NULL DEFAULT '',  -- ORDER BY this for Vietnamese alphabetical order (a ă â b c d đ e ê …), computed by cchc | khóa sắp xếp tên theo thứ tự chữ cái tiếng Việt (a ă â b c d đ e ê …), do cchc tính
    level          TEXT NOT NULL CHECK (level IN ('province', 'commune')),  -- 'province' or 'commune' (xã and phường) | cấp: 'province' (tỉnh) hoặc 'commune' (xã, phường)
    parent_code    TEXT REFERENCES dim_unit (unit_code) DEFERRABLE INITIALLY DEFERRED,  -- a commune's province; NULL for a province | mã tỉnh của xã; NULL với tỉnh
    province_code  TEXT NOT NULL,         -- the province the unit belongs to (its own code for a province); the tenant | mã tỉnh mà đơn vị thuộc về (tỉnh thì là mã của chính nó)
    valid_from     TEXT,                  -- first day the unit exists (ISO yyyy-mm-dd); NULL = always | ngày bắt đầu tồn tại (yyyy-mm-dd); NULL = từ trước đến nay
    valid_to       TEXT,                  -- last day the unit exists (ISO yyyy-mm-dd); NULL = still exists | ngày cuối cùng tồn tại (yyyy-mm-dd); NULL = vẫn còn
    successor_code TEXT                   -- the unit that absorbed this one when it was retired (2025 mergers); NULL if none | đơn vị tiếp nhận khi đơn vị này bị sáp nhập (sắp xếp năm 2025); NULL nếu không có
) STRICT;

CREATE INDEX dim_unit_by_province ON dim_unit (province_code, level);

CREATE TABLE dim_period (
    -- @table: reporting periods: years, halves, quarters, months | kỳ báo cáo: năm, 6 tháng, quý, tháng
    period_id      INTEGER PRIMARY KEY,   -- surrogate key | khóa nội bộ
    period_code    TEXT NOT NULL UNIQUE,  -- '2025' (year), '2025-H2' (half), '2025-Q3' (quarter), '2025-07' (month) | mã kỳ: '2025' (năm), '2025-H2' (6 tháng), '2025-Q3' (quý), '2025-07' (tháng)
    period_type    TEXT NOT NULL CHECK (period_type IN ('year', 'half', 'quarter', 'month')),  -- kind of period | loại kỳ: year, half, quarter, month
    year           INTEGER NOT NULL,      -- calendar year; selects the targets in force | năm; quyết định chỉ tiêu áp dụng
    number         INTEGER NOT NULL,      -- index within the year: quarter 1..4, half 1..2, month 1..12, 1 for a year | số thứ tự trong năm: quý 1..4, 6 tháng 1..2, tháng 1..12, năm là 1
    start_date     TEXT NOT NULL,         -- first day (ISO) | ngày đầu kỳ (yyyy-mm-dd)
    end_date       TEXT NOT NULL,         -- last day (ISO) | ngày cuối kỳ (yyyy-mm-dd)
    label_vi       TEXT NOT NULL          -- as leadership reads it: 'Quý III/2025' | tên kỳ như lãnh đạo đọc: 'Quý III/2025'
) STRICT;

CREATE TABLE dim_indicator (
    -- @table: the indicators (chỉ tiêu) of the plans, grouped into the 8 reform domains | các chỉ tiêu của kế hoạch, theo 8 lĩnh vực cải cách hành chính
    indicator_id   INTEGER PRIMARY KEY,   -- surrogate key | khóa nội bộ
    indicator_code TEXT NOT NULL UNIQUE,  -- stable code used in submissions, e.g. 'TTHC_DUNG_HAN' | mã chỉ tiêu dùng trong tệp báo cáo, vd. 'TTHC_DUNG_HAN'
    domain         INTEGER NOT NULL CHECK (domain BETWEEN 1 AND 8),  -- reform domain 1..8, BRIEF §1 | lĩnh vực cải cách 1..8
    name_vi        TEXT NOT NULL,         -- Vietnamese name, as in the plans | tên chỉ tiêu tiếng Việt, như trong kế hoạch
    name_en        TEXT NOT NULL,         -- English name | tên chỉ tiêu tiếng Anh
    unit           TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number', 'boolean')),  -- what a value measures | đơn vị đo: percent (%), count (số lượng), number (số), boolean (có/không)
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),  -- 'higher': higher is better; 'lower': lower is better | chiều đánh giá: 'higher' càng cao càng tốt, 'lower' càng thấp càng tốt
    weight         REAL NOT NULL CHECK (weight > 0),  -- weight in domain and total scores | trọng số trong điểm lĩnh vực và điểm tổng
    aggregation    TEXT NOT NULL CHECK (aggregation IN ('ratio', 'sum', 'mean'))  -- roll-up to the province: ratio = 100·Σnumerator/Σdenominator | cách tổng hợp lên tỉnh: ratio = 100·Σtử số/Σmẫu số, sum = tổng, mean = trung bình
) STRICT;

CREATE TABLE fact_target (
    -- @table: the targets (chỉ tiêu kế hoạch) in force: a province's default or a commune's own, per year | chỉ tiêu đang áp dụng theo năm: của tỉnh (mặc định cho các xã) hoặc của riêng xã
    scope_unit_id  INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- a province (default for its communes) or a commune (its own override) | tỉnh (mặc định cho các xã) hoặc xã (chỉ tiêu riêng)
    year           INTEGER NOT NULL,      -- targets are annual | năm kế hoạch (chỉ tiêu tính theo năm)
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    target         REAL NOT NULL,         -- the target value, in the indicator's unit (percent as 0..100) | giá trị chỉ tiêu, theo đơn vị của chỉ tiêu (phần trăm 0..100)
    source         TEXT NOT NULL DEFAULT '',  -- the plan that sets it, or 'assumed from …' when no plan does | văn bản giao chỉ tiêu, hoặc 'assumed from …' khi giả định
    PRIMARY KEY (scope_unit_id, year, indicator_id)
) STRICT, WITHOUT ROWID;

-- Every target that was changed or removed by a later reference load: earlier periods keep the
-- target they were scored against (score_indicator.target), and this table keeps the plan history.
CREATE TABLE fact_target_history (
    -- @table: targets as they were before a later reference load changed or removed them | chỉ tiêu cũ trước khi bị thay đổi hoặc xóa ở lần nạp sau
    scope_unit_id  INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- as in fact_target | như trong fact_target
    year           INTEGER NOT NULL,      -- as in fact_target | như trong fact_target
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- as in fact_target | như trong fact_target
    target         REAL NOT NULL,         -- the target as it was | giá trị chỉ tiêu trước đây
    source         TEXT NOT NULL,         -- its source as it was | nguồn (văn bản) trước đây
    replaced_at    TEXT NOT NULL,         -- UTC time it was changed or removed | thời điểm (UTC) bị thay đổi hoặc xóa
    change         TEXT NOT NULL CHECK (change IN ('changed', 'removed'))  -- what happened to it | điều đã xảy ra: 'changed' (thay đổi), 'removed' (xóa)
) STRICT;

CREATE TRIGGER fact_target_keeps_history_on_update AFTER UPDATE ON fact_target
WHEN old.target IS NOT new.target OR old.source IS NOT new.source
BEGIN
    INSERT INTO fact_target_history VALUES (old.scope_unit_id, old.year, old.indicator_id, old.target, old.source,
                                            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'changed');
END;

CREATE TRIGGER fact_target_keeps_history_on_delete AFTER DELETE ON fact_target
BEGIN
    INSERT INTO fact_target_history VALUES (old.scope_unit_id, old.year, old.indicator_id, old.target, old.source,
                                            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'removed');
END;

CREATE TABLE fact_indicator_value (
    -- @table: the values in force: one per commune, period and indicator, from the newest accepted file | số liệu đang có hiệu lực: mỗi xã, kỳ, chỉ tiêu một giá trị, lấy từ tệp hợp lệ mới nhất
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period reported | kỳ báo cáo
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- the commune that reported | xã báo cáo
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    value          REAL,                  -- the value scored; NULL = missing (not reported). Percent as 0..100 | giá trị dùng để chấm điểm; NULL = không báo cáo. Phần trăm 0..100
    numerator      REAL,                  -- additive component (e.g. dossiers on time); NULL when not given | tử số (vd. số hồ sơ giải quyết đúng hạn); NULL nếu không có
    denominator    REAL,                  -- additive component (e.g. dossiers received); NULL when not given | mẫu số (vd. số hồ sơ tiếp nhận); NULL nếu không có
    note           TEXT,                  -- the commune's note (ghi_chu), as sent | ghi chú của xã, giữ nguyên như đã gửi
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the submission file the value came from | tệp báo cáo chứa giá trị này
    source_line    INTEGER NOT NULL,      -- 1-based line of that file where the row starts | số dòng (từ 1) trong tệp nơi bắt đầu dòng số liệu
    PRIMARY KEY (period_id, unit_id, indicator_id)
) STRICT, WITHOUT ROWID;
