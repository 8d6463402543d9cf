-- 008: analysts' queries at national scale (issue 7). v_score_breakdown computed each commune's Σw
-- with a window function, which stops SQLite from pushing `WHERE period_code = … AND unit_code = …`
-- into the view: one commune's breakdown scanned every score of every period (0.8 s for a country
-- quarter, seconds for three years). The same Σw as a correlated sum over the primary key lets the
-- filter reach score_indicator's key: milliseconds. Same columns, same values, same documentation.
-- No index is added: every query of the README and every read of the batch already uses a primary
-- key or a UNIQUE code (checked with EXPLAIN QUERY PLAN), and each extra index on the fact or score
-- tables would slow the import and the score step that write them.

DROP VIEW v_score_breakdown;

CREATE VIEW v_score_breakdown AS
-- @view: "why this rank": each targeted indicator's contribution to a commune's total score | "vì sao xếp hạng này": đóng góp của từng chỉ tiêu vào điểm tổng của xã
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
-- @column contribution: points this indicator adds to the total score (100·w·a/Σw); the contributions sum to the score | số điểm chỉ tiêu này đóng góp vào điểm tổng (100·w·a/Σw); tổng các đóng góp bằng điểm tổng
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       si.value, si.target, si.target_scope, si.attainment, si.weight,
       100.0 * si.weight * si.attainment
           / (SELECT sum(w.weight) FROM score_indicator w WHERE w.period_id = si.period_id AND w.unit_id = si.unit_id) AS contribution,
       si.status
FROM score_indicator si
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id);
