-- 003: results of scoring (BRIEF §4), one set per period scored; re-scoring a period replaces its rows.

CREATE TABLE score_period (
    -- @table: the periods scored, and from which submissions | các kỳ đã chấm điểm, và từ những tệp nào
    period_id      INTEGER PRIMARY KEY REFERENCES dim_period (period_id),  -- a period that was scored | kỳ đã chấm điểm
    scored_at      TEXT NOT NULL,         -- UTC time of the scoring | thời điểm chấm điểm (UTC)
    inputs         TEXT NOT NULL          -- fingerprint of the submissions in force when scored; a period is re-scored only when it changes | dấu vết của các tệp có hiệu lực khi chấm; chỉ chấm lại khi thay đổi
) STRICT;

CREATE TABLE score_indicator (
    -- @table: "why this rank": per commune, period and targeted indicator, the value against the target in force | "vì sao xếp hạng này": mỗi xã, kỳ, chỉ tiêu được giao: giá trị so với chỉ tiêu áp dụng
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- a commune | xã
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    target         REAL NOT NULL,         -- the target in force when scored (commune's own, else its province's) | chỉ tiêu áp dụng khi chấm (của xã, nếu không có thì của tỉnh)
    target_scope   TEXT NOT NULL CHECK (target_scope IN ('commune', 'province')),  -- whose target it was | chỉ tiêu của ai: 'commune' (xã) hoặc 'province' (tỉnh)
    value          REAL,                  -- the value scored; NULL = missing | giá trị được chấm; NULL = không báo cáo
    attainment     REAL NOT NULL,         -- a in [0,1] | mức đạt a trong [0,1]
    weight         REAL NOT NULL,         -- the indicator's weight | trọng số của chỉ tiêu
    status         TEXT NOT NULL CHECK (status IN ('met', 'missed', 'missing')),  -- 'met', 'missed' (reported, not met), 'missing' (not reported: a = 0) | 'met' (đạt), 'missed' (không đạt), 'missing' (không báo cáo: a = 0)
    PRIMARY KEY (period_id, unit_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_unit (
    -- @table: per commune and period: domain scores, total score, rank and rank change within its province | mỗi xã, mỗi kỳ: điểm lĩnh vực, điểm tổng, thứ hạng và thay đổi thứ hạng trong tỉnh
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- a commune taking part in the period | xã tham gia kỳ này
    status         TEXT NOT NULL CHECK (status IN ('ranked', 'not_submitted', 'no_targets')),  -- 'ranked', 'not_submitted' (no accepted file), 'no_targets' (nothing targeted this year) | 'ranked' (được xếp hạng), 'not_submitted' (không có tệp hợp lệ), 'no_targets' (không được giao chỉ tiêu năm nay)
    score          REAL,                  -- total score 0..100 (unrounded); NULL unless ranked | điểm tổng 0..100 (chưa làm tròn); NULL nếu không xếp hạng
    score_rounded  REAL,                  -- the total score rounded to 2 decimals, half away from zero: what the rank is based on | điểm tổng làm tròn 2 chữ số thập phân (nửa làm tròn lên): căn cứ xếp hạng
    d1 REAL, d2 REAL, d3 REAL, d4 REAL, d5 REAL, d6 REAL, d7 REAL, d8 REAL,  -- domain scores 0..100; NULL when the domain has no targeted indicator | điểm lĩnh vực 1..8 (0..100); NULL khi lĩnh vực không có chỉ tiêu được giao
    met            INTEGER,               -- targeted indicators met; NULL unless ranked | số chỉ tiêu đạt; NULL nếu không xếp hạng
    missed         INTEGER,               -- targeted indicators reported but not met | số chỉ tiêu có báo cáo nhưng không đạt
    missing        INTEGER,               -- targeted indicators not reported | số chỉ tiêu không báo cáo
    rank           INTEGER,               -- 1 = best within the province; equal 2-decimal scores share a rank (1, 2, 2, 4) | thứ hạng trong tỉnh, 1 là cao nhất; bằng điểm thì đồng hạng (1, 2, 2, 4)
    rank_change    INTEGER,               -- previous period's rank − this rank; NULL when not ranked then | thứ hạng kỳ trước − thứ hạng kỳ này; NULL nếu kỳ trước không xếp hạng
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_province_indicator (
    -- @table: the province roll-up of every indicator per period | tổng hợp cấp tỉnh của từng chỉ tiêu theo kỳ
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    province_id    INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the province | tỉnh
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    target         REAL,                  -- the province-level target; NULL when only communes set one | chỉ tiêu cấp tỉnh; NULL khi chỉ các xã có chỉ tiêu
    value          REAL,                  -- roll-up: ratio = 100·Σnum/Σden, or the sum or mean of reported values | giá trị tổng hợp: ratio = 100·Σtử số/Σmẫu số, hoặc tổng, hoặc trung bình
    min_value      REAL,  -- lowest value reported by a commune | giá trị thấp nhất các xã báo cáo
    median_value   REAL,  -- median of the values reported (mean of the two middle ones for an even count) | trung vị các giá trị báo cáo
    max_value      REAL,  -- highest value reported | giá trị cao nhất các xã báo cáo
    met            INTEGER NOT NULL,      -- communes with a target that met it | số xã đạt chỉ tiêu
    missed         INTEGER NOT NULL,  -- communes with a target that reported but did not meet it | số xã có báo cáo nhưng không đạt
    missing        INTEGER NOT NULL,      -- includes communes that did not submit | số xã không báo cáo (kể cả xã không nộp tệp)
    PRIMARY KEY (period_id, province_id, indicator_id)
) STRICT, WITHOUT ROWID;
