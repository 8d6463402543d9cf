-- 009: score_indicator stops being one stored row per commune × period × targeted indicator (issue 7:
-- writing ~270,000 rows per period was most of the score step). It becomes a view with the same
-- columns and values, computed from what the period was scored from, which is a few thousand rows:
-- the submission each ranked commune was scored from (score_submission; its values stay in
-- fact_indicator_value, or in etl_replaced_value once a newer file replaced it), the targets of the
-- year as scored (score_target) and each indicator's rule as scored (score_indicator_rule), so later
-- changes to targets, indicators or submissions do not rewrite a scored period. The view repeats the
-- kernel's arithmetic (Scoring/Attainment.swift) operation for operation, so its doubles are the
-- kernel's bit for bit; Tests/WarehouseTests/ScoreIndicatorViewTests.swift checks it.

CREATE TABLE score_submission (
    -- @table: per ranked commune and period: the submission it was scored from and the province whose targets applied | mỗi xã được xếp hạng, mỗi kỳ: tệp báo cáo đã dùng để chấm và tỉnh có chỉ tiêu áp dụng
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- a ranked commune | xã được xếp hạng
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the submission scored: its values are in fact_indicator_value while it is in force, then in etl_replaced_value | tệp báo cáo đã chấm: số liệu nằm trong fact_indicator_value khi tệp còn hiệu lực, sau đó trong etl_replaced_value
    province_id    INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the commune's province when scored, whose targets are its defaults | tỉnh của xã khi chấm, có chỉ tiêu mặc định áp dụng cho xã
    weight_total   REAL NOT NULL,         -- Σw over the commune's targeted indicators, in indicator_id order: the denominator of v_score_breakdown's contributions | tổng trọng số các chỉ tiêu được giao của xã (theo thứ tự indicator_id): mẫu số của phần đóng góp trong v_score_breakdown
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_target (
    -- @table: the targets a period was scored against: its year's province defaults and commune overrides, as they were then | các chỉ tiêu đã dùng để chấm một kỳ: chỉ tiêu mặc định của tỉnh và chỉ tiêu riêng của xã trong năm, như lúc chấm
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    scope_unit_id  INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- a province (default for its communes) or a commune (its own override) | tỉnh (mặc định cho các xã) hoặc xã (chỉ tiêu riêng)
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    target         REAL NOT NULL,         -- the target in force when scored (commune's own, else its province's) | chỉ tiêu áp dụng khi chấm (của xã, nếu không có thì của tỉnh)
    PRIMARY KEY (period_id, scope_unit_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_indicator_rule (
    -- @table: each indicator's scoring rule as a period was scored by it | quy tắc chấm của từng chỉ tiêu như lúc chấm kỳ đó
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored | kỳ chấm điểm
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator | chỉ tiêu
    unit           TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number', 'boolean')),  -- what a value measures; 'boolean' scores 1 when met, else 0 | đơn vị đo; 'boolean' đạt thì 1, không đạt thì 0
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),  -- 'higher': higher is better; 'lower': lower is better | chiều đánh giá: 'higher' càng cao càng tốt, 'lower' càng thấp càng tốt
    weight         REAL NOT NULL,         -- the indicator's weight | trọng số của chỉ tiêu
    PRIMARY KEY (period_id, indicator_id)
) STRICT, WITHOUT ROWID;

-- Periods scored before this migration: their snapshots come from their stored rows (targets and
-- weights exactly as scored) and their submission from fact_submission (a period whose submissions
-- changed since it was scored shows the values now in force until it is scored again).
INSERT INTO score_indicator_rule (period_id, indicator_id, unit, direction, weight)
SELECT sp.period_id, i.indicator_id, i.unit, i.direction,
       coalesce((SELECT si.weight FROM score_indicator si WHERE si.period_id = sp.period_id AND si.indicator_id = i.indicator_id LIMIT 1),
                i.weight)
FROM score_period sp, dim_indicator i;

INSERT OR IGNORE INTO score_target (period_id, scope_unit_id, indicator_id, target)
SELECT si.period_id, CASE si.target_scope WHEN 'commune' THEN si.unit_id ELSE p.unit_id END, si.indicator_id, si.target
FROM score_indicator si JOIN dim_unit u ON u.unit_id = si.unit_id JOIN dim_unit p ON p.unit_code = u.parent_code;

INSERT INTO score_submission (period_id, unit_id, file_id, province_id, weight_total)
SELECT su.period_id, su.unit_id, fs.file_id, p.unit_id,
       (SELECT sum(w.weight) FROM score_indicator w WHERE w.period_id = su.period_id AND w.unit_id = su.unit_id)
FROM score_unit su
JOIN dim_unit u ON u.unit_id = su.unit_id
JOIN dim_unit p ON p.unit_code = u.parent_code
JOIN fact_submission fs ON fs.period_id = su.period_id AND fs.unit_id = su.unit_id
WHERE su.status = 'ranked';

DROP VIEW v_missed_target;
DROP VIEW v_score_breakdown;
DROP TABLE score_indicator;

CREATE VIEW score_indicator AS
-- @view: "why this rank": per ranked commune, period and targeted indicator, the value against the target in force, computed from what the period was scored from | "vì sao xếp hạng này": mỗi xã được xếp hạng, kỳ, chỉ tiêu được giao: giá trị so với chỉ tiêu áp dụng, tính từ dữ liệu đã dùng khi chấm
-- @column target: the target in force when scored (commune's own, else its province's) | chỉ tiêu áp dụng khi chấm (của xã, nếu không có thì của tỉnh)
-- @column target_scope: whose target it was | chỉ tiêu của ai: 'commune' (xã) hoặc 'province' (tỉnh)
-- @column value: the value scored; NULL = missing | giá trị được chấm; NULL = không báo cáo
-- @column attainment: a in [0,1] | mức đạt a trong [0,1]
-- @column weight: the indicator's weight | trọng số của chỉ tiêu
-- @column status: 'met', 'missed' (reported, not met), 'missing' (not reported: a = 0) | 'met' (đạt), 'missed' (không đạt), 'missing' (không báo cáo: a = 0)
SELECT period_id, unit_id, indicator_id, target, target_scope, value,
       CASE
           WHEN value IS NULL THEN 0.0
           WHEN unit = 'boolean' THEN
               CASE WHEN (direction = 'higher' AND value >= target) OR (direction = 'lower' AND value <= target) THEN 1.0 ELSE 0.0 END
           WHEN direction = 'higher' THEN
               -- min(1, max(0, v/t)) as Swift evaluates it: max(0, q) = q >= 0 ? q : 0; min(1, m) = m < 1 ? m : 1
               CASE WHEN target <= 0 THEN 1.0
                    WHEN value / target >= 0 THEN CASE WHEN value / target < 1.0 THEN value / target ELSE 1.0 END
                    ELSE 0.0 END
           ELSE CASE WHEN value <= target THEN 1.0 WHEN value > 0 THEN target / value ELSE 0.0 END
       END AS attainment,
       weight,
       CASE
           WHEN value IS NULL THEN 'missing'
           WHEN (direction = 'higher' AND value >= target) OR (direction = 'lower' AND value <= target) THEN 'met'
           ELSE 'missed'
       END AS status
FROM (
    SELECT b.period_id, b.unit_id, r.indicator_id, coalesce(own.target, province.target) AS target,
           CASE WHEN own.target IS NULL THEN 'province' ELSE 'commune' END AS target_scope,
           CASE WHEN f.file_id IS NULL THEN replaced.value ELSE f.value END AS value,
           r.unit, r.direction, r.weight
    FROM score_submission b
    JOIN score_indicator_rule r ON r.period_id = b.period_id
    LEFT JOIN score_target own
        ON own.period_id = b.period_id AND own.scope_unit_id = b.unit_id AND own.indicator_id = r.indicator_id
    LEFT JOIN score_target province
        ON province.period_id = b.period_id AND province.scope_unit_id = b.province_id AND province.indicator_id = r.indicator_id
    LEFT JOIN fact_indicator_value f
        ON f.period_id = b.period_id AND f.unit_id = b.unit_id AND f.indicator_id = r.indicator_id AND f.file_id = b.file_id
    LEFT JOIN etl_replaced_value replaced
        ON f.file_id IS NULL AND replaced.file_id = b.file_id AND replaced.indicator_id = r.indicator_id
    WHERE own.target IS NOT NULL OR province.target IS NOT NULL
);

CREATE VIEW v_missed_target AS
-- @view: who missed which target (status missed or missing), with the target and the value; names in Vietnamese order | xã nào không đạt chỉ tiêu nào (không đạt hoặc không báo cáo), kèm chỉ tiêu và giá trị; tên theo thứ tự chữ cái tiếng Việt
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
-- @column target: the target in force when scored (commune's own, else its province's) | chỉ tiêu áp dụng khi chấm (của xã, nếu không có thì của tỉnh)
-- @column value: the value scored; NULL = missing | giá trị được chấm; NULL = không báo cáo
-- @column status: 'met', 'missed' (reported, not met), 'missing' (not reported: a = 0) | 'met' (đạt), 'missed' (không đạt), 'missing' (không báo cáo: a = 0)
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.name_vi AS indicator_name,
       si.target, si.value, si.status
FROM score_indicator si
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id)
WHERE si.status IN ('missed', 'missing')
ORDER BY p.period_code, u.province_code, u.name_sort_key, i.indicator_code;

CREATE VIEW v_score_breakdown AS
-- @view: "why this rank": each targeted indicator's contribution to a commune's total score | "vì sao xếp hạng này": đóng góp của từng chỉ tiêu vào điểm tổng của xã
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
-- @column value: the value scored; NULL = missing | giá trị được chấm; NULL = không báo cáo
-- @column target: the target in force when scored (commune's own, else its province's) | chỉ tiêu áp dụng khi chấm (của xã, nếu không có thì của tỉnh)
-- @column target_scope: whose target it was | chỉ tiêu của ai: 'commune' (xã) hoặc 'province' (tỉnh)
-- @column attainment: a in [0,1] | mức đạt a trong [0,1]
-- @column weight: the indicator's weight | trọng số của chỉ tiêu
-- @column contribution: points this indicator adds to the total score (100·w·a/Σw); the contributions sum to the score | số điểm chỉ tiêu này đóng góp vào điểm tổng (100·w·a/Σw); tổng các đóng góp bằng điểm tổng
-- @column status: 'met', 'missed' (reported, not met), 'missing' (not reported: a = 0) | 'met' (đạt), 'missed' (không đạt), 'missing' (không báo cáo: a = 0)
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       si.value, si.target, si.target_scope, si.attainment, si.weight,
       100.0 * si.weight * si.attainment / b.weight_total AS contribution,
       si.status
FROM score_indicator si
JOIN score_submission b ON b.period_id = si.period_id AND b.unit_id = si.unit_id
JOIN dim_period p ON p.period_id = si.period_id
JOIN dim_unit u ON u.unit_id = si.unit_id
JOIN dim_indicator i ON i.indicator_id = si.indicator_id;
