-- 004: views with plain names for the questions analysts ask most. A view's columns take the
-- documentation of the table column they come from; `-- @column` documents the computed ones.

CREATE VIEW v_fact AS
-- @view: every value in force, with codes and names instead of surrogate keys | mọi số liệu đang có hiệu lực, kèm mã và tên thay cho khóa nội bộ
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
-- @column source_file: path of the submission file inside the inbox | đường dẫn tệp báo cáo trong thư mục nhận
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       f.value, f.numerator, f.denominator, f.note, ef.path AS source_file, f.source_line
FROM fact_indicator_value f
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id)
JOIN etl_file ef USING (file_id);

CREATE VIEW v_ranking AS
-- @view: the ranking of every scored period, as in ranking.csv (ranked first, then the others) | bảng xếp hạng của mọi kỳ đã chấm, như ranking.csv (xã được xếp hạng trước, rồi các xã khác)
-- @column score: total score rounded to 2 decimals, the basis of the rank | điểm tổng làm tròn 2 chữ số thập phân, căn cứ xếp hạng
SELECT p.period_code, u.province_code, s.rank, u.unit_code, u.unit_name,
       s.score_rounded AS score, s.d1, s.d2, s.d3, s.d4, s.d5, s.d6, s.d7, s.d8,
       s.met, s.missed, s.missing, s.rank_change, s.status
FROM score_unit s
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
ORDER BY p.period_code, u.province_code, s.rank IS NULL, s.rank, u.unit_code;

CREATE VIEW v_missed_target AS
-- @view: who missed which target (status missed or missing), with the target and the value; names in Vietnamese order | xã nào không đạt chỉ tiêu nào (không đạt hoặc không báo cáo), kèm chỉ tiêu và giá trị; tên theo thứ tự chữ cái tiếng Việt
-- @column indicator_name: Vietnamese name of the indicator | tên chỉ tiêu tiếng Việt
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
-- @column contribution: points this indicator adds to the total score (100·w·a/Σw); the contributions sum to the score | số điểm chỉ tiêu này đóng góp vào điểm tổng (100·w·a/Σw); tổng các đóng góp bằng điểm tổng
SELECT p.period_code, u.province_code, u.unit_code, u.unit_name, i.indicator_code, i.domain, i.name_vi AS indicator_name,
       si.value, si.target, si.target_scope, si.attainment, si.weight,
       100.0 * si.weight * si.attainment / sum(si.weight) OVER (PARTITION BY si.period_id, si.unit_id) AS contribution,
       si.status
FROM score_indicator si
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
JOIN dim_indicator i USING (indicator_id);

CREATE VIEW v_file AS
-- @view: submissions received, with their status and the rejection count | các tệp đã nhận, kèm trạng thái và số lỗi
-- @column errors: number of errors recorded for the file (0 when accepted) | số lỗi ghi nhận của tệp (0 nếu hợp lệ)
-- @column in_force: 1 when this file holds the values in force for its commune and period | 1 nếu tệp này đang có hiệu lực cho xã và kỳ đó
SELECT ef.file_id, ef.period_code, ef.province_code, ef.unit_code, ef.path, ef.status, ef.row_count, ef.size, ef.sha256,
       ef.mtime, ef.encoding, (SELECT count(*) FROM etl_rejection r WHERE r.file_id = ef.file_id) AS errors,
       EXISTS (SELECT 1 FROM fact_submission s WHERE s.file_id = ef.file_id) AS in_force
FROM etl_file ef;

CREATE VIEW v_unit_history AS
-- @view: a commune's history across periods: score, rank and status in every scored period | lịch sử của xã qua các kỳ: điểm, thứ hạng, trạng thái
-- @column period_label: the period as leadership reads it, e.g. 'Quý III/2025' | tên kỳ như lãnh đạo đọc, vd. 'Quý III/2025'
-- @column score: total score rounded to 2 decimals, the basis of the rank | điểm tổng làm tròn 2 chữ số thập phân, căn cứ xếp hạng
SELECT u.province_code, u.unit_code, u.unit_name, p.period_code, p.label_vi AS period_label, s.status,
       s.score_rounded AS score, s.rank, s.rank_change, s.met, s.missed, s.missing
FROM score_unit s
JOIN dim_period p USING (period_id)
JOIN dim_unit u USING (unit_id)
ORDER BY u.province_code, u.name_sort_key, p.start_date, p.end_date;
