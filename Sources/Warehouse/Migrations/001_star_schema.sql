-- 001: the star schema (BRIEF §5.1). Dimensions keyed by integer surrogates, natural codes UNIQUE.
-- Codes are TEXT everywhere: unit codes keep their leading zeros ('03721').

CREATE TABLE dim_unit (
    unit_id        INTEGER PRIMARY KEY,   -- surrogate key used by facts and scores
    unit_code      TEXT NOT NULL UNIQUE,  -- official code (Decision 19/2025/QĐ-TTg), e.g. '14' (province), '03721' (commune)
    unit_name      TEXT NOT NULL,         -- Vietnamese name as published, e.g. 'Xã Thuận Châu'
    name_sort_key  TEXT NOT NULL DEFAULT '',  -- ORDER BY this for Vietnamese alphabetical order (a ă â b c d đ e ê …), computed by cchc
    level          TEXT NOT NULL CHECK (level IN ('province', 'commune')),  -- 'province' or 'commune' (xã and phường)
    parent_code    TEXT REFERENCES dim_unit (unit_code) DEFERRABLE INITIALLY DEFERRED,  -- a commune's province; NULL for a province
    province_code  TEXT NOT NULL,         -- the province the unit belongs to (its own code for a province); the tenant
    valid_from     TEXT,                  -- first day the unit exists (ISO yyyy-mm-dd); NULL = always
    valid_to       TEXT,                  -- last day the unit exists (ISO yyyy-mm-dd); NULL = still exists
    successor_code TEXT                   -- the unit that absorbed this one when it was retired (2025 mergers); NULL if none
) STRICT;

CREATE INDEX dim_unit_by_province ON dim_unit (province_code, level);

CREATE TABLE dim_period (
    period_id      INTEGER PRIMARY KEY,   -- surrogate key
    period_code    TEXT NOT NULL UNIQUE,  -- '2025' (year), '2025-H2' (half), '2025-Q3' (quarter), '2025-07' (month)
    period_type    TEXT NOT NULL CHECK (period_type IN ('year', 'half', 'quarter', 'month')),  -- kind of period
    year           INTEGER NOT NULL,      -- calendar year; selects the targets in force
    number         INTEGER NOT NULL,      -- index within the year: quarter 1..4, half 1..2, month 1..12, 1 for a year
    start_date     TEXT NOT NULL,         -- first day (ISO)
    end_date       TEXT NOT NULL,         -- last day (ISO)
    label_vi       TEXT NOT NULL          -- as leadership reads it: 'Quý III/2025'
) STRICT;

CREATE TABLE dim_indicator (
    indicator_id   INTEGER PRIMARY KEY,   -- surrogate key
    indicator_code TEXT NOT NULL UNIQUE,  -- stable code used in submissions, e.g. 'TTHC_DUNG_HAN'
    domain         INTEGER NOT NULL CHECK (domain BETWEEN 1 AND 8),  -- reform domain (lĩnh vực) 1..8, BRIEF §1
    name_vi        TEXT NOT NULL,         -- Vietnamese name, as in the plans
    name_en        TEXT NOT NULL,         -- English name
    unit           TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number', 'boolean')),  -- what a value measures
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),  -- 'higher': higher is better; 'lower': lower is better
    weight         REAL NOT NULL CHECK (weight > 0),  -- weight in domain and total scores
    aggregation    TEXT NOT NULL CHECK (aggregation IN ('ratio', 'sum', 'mean'))  -- roll-up to the province: ratio = 100·Σnumerator/Σdenominator
) STRICT;

CREATE TABLE fact_target (
    scope_unit_id  INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- a province (default for its communes) or a commune (its own override)
    year           INTEGER NOT NULL,      -- targets are annual
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator
    target         REAL NOT NULL,         -- the target value, in the indicator's unit (percent as 0..100)
    source         TEXT NOT NULL DEFAULT '',  -- the plan that sets it, or 'assumed from …' when no plan does
    PRIMARY KEY (scope_unit_id, year, indicator_id)
) STRICT, WITHOUT ROWID;

-- Every target that was changed or removed by a later reference load: earlier periods keep the
-- target they were scored against (score_indicator.target), and this table keeps the plan history.
CREATE TABLE fact_target_history (
    scope_unit_id  INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- as in fact_target
    year           INTEGER NOT NULL,      -- as in fact_target
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- as in fact_target
    target         REAL NOT NULL,         -- the target as it was
    source         TEXT NOT NULL,         -- its source as it was
    replaced_at    TEXT NOT NULL,         -- UTC time it was changed or removed
    change         TEXT NOT NULL CHECK (change IN ('changed', 'removed'))  -- what happened to it
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
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period reported
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- the commune that reported
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator
    value          REAL,                  -- the value scored; NULL = missing (not reported). Percent as 0..100
    numerator      REAL,                  -- additive component (e.g. dossiers on time); NULL when not given
    denominator    REAL,                  -- additive component (e.g. dossiers received); NULL when not given
    note           TEXT,                  -- the commune's note (ghi_chu), as sent
    file_id        INTEGER NOT NULL REFERENCES etl_file (file_id),  -- the submission file the value came from
    source_line    INTEGER NOT NULL,      -- 1-based line of that file where the row starts
    PRIMARY KEY (period_id, unit_id, indicator_id)
) STRICT, WITHOUT ROWID;
