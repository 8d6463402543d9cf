-- 003: results of scoring (BRIEF §4), one set per period scored; re-scoring a period replaces its rows.

CREATE TABLE score_period (
    period_id      INTEGER PRIMARY KEY REFERENCES dim_period (period_id),  -- a period that was scored
    scored_at      TEXT NOT NULL,         -- UTC time of the scoring
    inputs         TEXT NOT NULL          -- fingerprint of the submissions in force when scored; a period is re-scored only when it changes
) STRICT;

CREATE TABLE score_indicator (
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- a commune
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator
    target         REAL NOT NULL,         -- the target in force when scored (commune's own, else its province's)
    target_scope   TEXT NOT NULL CHECK (target_scope IN ('commune', 'province')),  -- whose target it was
    value          REAL,                  -- the value scored; NULL = missing
    attainment     REAL NOT NULL,         -- a in [0,1]
    weight         REAL NOT NULL,         -- the indicator's weight
    status         TEXT NOT NULL CHECK (status IN ('met', 'missed', 'missing')),  -- 'met', 'missed' (reported, not met), 'missing' (not reported: a = 0)
    PRIMARY KEY (period_id, unit_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_unit (
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored
    unit_id        INTEGER NOT NULL REFERENCES dim_unit (unit_id),   -- a commune taking part in the period
    status         TEXT NOT NULL CHECK (status IN ('ranked', 'not_submitted', 'no_targets')),  -- 'ranked', 'not_submitted' (no accepted file), 'no_targets' (nothing targeted this year)
    score          REAL,                  -- total score 0..100 (unrounded); NULL unless ranked
    score_rounded  REAL,                  -- the total score rounded to 2 decimals, half away from zero: what the rank is based on
    d1 REAL, d2 REAL, d3 REAL, d4 REAL, d5 REAL, d6 REAL, d7 REAL, d8 REAL,  -- domain scores 0..100; NULL when the domain has no targeted indicator
    met            INTEGER,               -- targeted indicators met; NULL unless ranked
    missed         INTEGER,               -- targeted indicators reported but not met
    missing        INTEGER,               -- targeted indicators not reported
    rank           INTEGER,               -- 1 = best within the province; equal 2-decimal scores share a rank (1, 2, 2, 4)
    rank_change    INTEGER,               -- previous period's rank − this rank; NULL when not ranked then
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE score_province_indicator (
    period_id      INTEGER NOT NULL REFERENCES dim_period (period_id),  -- the period scored
    province_id    INTEGER NOT NULL REFERENCES dim_unit (unit_id),  -- the province
    indicator_id   INTEGER NOT NULL REFERENCES dim_indicator (indicator_id),  -- the indicator
    target         REAL,                  -- the province-level target; NULL when only communes set one
    value          REAL,                  -- roll-up: ratio = 100·Σnum/Σden, or the sum or mean of reported values
    min_value      REAL,  -- lowest value reported by a commune
    median_value   REAL,  -- median of the values reported (mean of the two middle ones for an even count)
    max_value      REAL,  -- highest value reported
    met            INTEGER NOT NULL,      -- communes with a target that met it
    missed         INTEGER NOT NULL,  -- communes with a target that reported but did not meet it
    missing        INTEGER NOT NULL,      -- includes communes that did not submit
    PRIMARY KEY (period_id, province_id, indicator_id)
) STRICT, WITHOUT ROWID;
