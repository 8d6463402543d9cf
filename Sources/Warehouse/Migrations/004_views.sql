-- 004: views with plain names for the questions analysts ask most.

-- Every value in force, with codes and names instead of surrogate keys.
CREATE VIEW v_fact AS
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       f.value, f.numerator, f.denominator, f.note, ef.path AS source_file, f.source_line
FROM fact_indicator_value f
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id)
JOIN etl_file ef USING (file_id);

-- The ranking of every scored period, as in ranking.csv (ranked first, then the others).
CREATE VIEW v_ranking AS
SELECT p.period_code, u.province_code, s.rank, u.unit_code, u.unit_name,
       s.score_rounded AS score, s.d1, s.d2, s.d3, s.d4, s.d5, s.d6, s.d7, s.d8,
       s.met, s.missed, s.missing, s.rank_change, s.status
FROM score_unit s
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
ORDER BY p.period_code, u.province_code, s.rank IS NULL, s.rank, u.unit_code;

-- Who missed which target (status missed or missing), with the target and the value.
CREATE VIEW v_missed_target AS
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.name_vi AS indicator_name,
       si.target, si.value, si.status
FROM score_indicator si
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id)
WHERE si.status IN ('missed', 'missing')
ORDER BY p.period_code, u.province_code, u.name_sort_key, i.indicator_code;

-- "Why this rank": each targeted indicator's contribution to a commune's total score.
CREATE VIEW v_score_breakdown AS
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       si.value, si.target, si.target_scope, si.attainment, si.weight,
       100.0 * si.weight * si.attainment / sum(si.weight) OVER (PARTITION BY si.period_id, si.unit_id) AS contribution,
       si.status
FROM score_indicator si
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id);

-- Submissions received, newest first, with their status and the rejection count.
CREATE VIEW v_file AS
SELECT ef.file_id, ef.period_code, ef.province_code, ef.unit_code, ef.path, ef.status, ef.row_count, ef.size, ef.sha256,
       ef.mtime, ef.encoding, (SELECT count(*) FROM etl_rejection r WHERE r.file_id = ef.file_id) AS errors,
       EXISTS (SELECT 1 FROM fact_submission s WHERE s.file_id = ef.file_id) AS in_force
FROM etl_file ef;

-- A commune's history across periods: score, rank and status in every scored period.
CREATE VIEW v_unit_history AS
SELECT u.province_code, u.unit_code, u.unit_name, p.period_code, p.label_vi AS period_label, s.status,
       s.score_rounded AS score, s.rank, s.rank_change, s.met, s.missed, s.missing
FROM score_unit s
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
ORDER BY u.province_code, u.name_sort_key, p.start_date, p.end_date;
