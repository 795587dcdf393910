-- gaoxin warehouse, schema version 2: views for BI tools over the `indicators` view.
--
-- Shared vocabulary:
--   newest source   the document with the latest published_date (a document without a date counts as
--                   the oldest), then the latest ingested_at, then the smaller doc_id and figure_no (only
--                   to make the choice deterministic).
--   zone-wide       zone IS NOT NULL and (subject = zone or subject IS NULL): not a park, incubator or industry.
--   full year       period = 'YYYY' (the period string equals period_year).

-- One row per (zone, subject, indicator, period, status): the figure from the newest source.
-- NULLs in the key group together (a NULL period is one "unknown period" group per zone and indicator).
-- n_sources counts the figures that competed for the row (normally one per document).
CREATE VIEW latest_indicators AS
WITH ranked AS (
    SELECT i.*, d.ingested_at,
           count(*) OVER key_group AS n_sources,
           row_number() OVER (key_group ORDER BY i.published_date DESC NULLS LAST, d.ingested_at DESC,
                                                 i.doc_id, i.figure_no) AS source_rank
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WINDOW key_group AS (PARTITION BY i.zone, i.subject, i.indicator, i.period, i.status)
)
SELECT * EXCLUDE (source_rank) FROM ranked WHERE source_rank = 1;

-- One row per zone-wide (zone, indicator, period_year) with a known year: the preferred figure, chosen by
--   1. status: actual over estimate over target (a reported fact is never displaced by a forecast or a plan);
--   2. period: the most months of the year covered (YYYY 12, H1/H2 6, M01-Mnn n, Qn 3), then the later
--      end month (H2 over H1, Q4 over Q1): a part-year figure stands in only when no full-year one exists;
--   3. the newest source.
-- `period` says which period the value covers: check it before comparing zones (an H1 value is half a year).
-- n_sources counts the figures that competed for the row.
CREATE VIEW zone_year AS
WITH zone_wide AS (
    SELECT i.zone, i.indicator, i.period_year, i.value, i.unit, i.qualifier, i.status, i.period,
           i.source_path, i.published_date, d.ingested_at, i.evidence, i.doc_id, i.figure_no,
           CASE WHEN i.period = CAST(i.period_year AS VARCHAR) THEN 12
                WHEN regexp_matches(i.period, 'H[12]$') THEN 6
                WHEN regexp_matches(i.period, 'M01-M\d{2}$') THEN CAST(right(i.period, 2) AS INTEGER)
                WHEN regexp_matches(i.period, 'Q[1-4]$') THEN 3
                ELSE 0 END AS months_covered,
           CASE WHEN i.period = CAST(i.period_year AS VARCHAR) THEN 12
                WHEN regexp_matches(i.period, 'H[12]$') THEN 6 * CAST(right(i.period, 1) AS INTEGER)
                WHEN regexp_matches(i.period, 'M01-M\d{2}$') THEN CAST(right(i.period, 2) AS INTEGER)
                WHEN regexp_matches(i.period, 'Q[1-4]$') THEN 3 * CAST(right(i.period, 1) AS INTEGER)
                ELSE 0 END AS end_month
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WHERE i.zone IS NOT NULL AND i.period_year IS NOT NULL AND (i.subject = i.zone OR i.subject IS NULL)
),
ranked AS (
    SELECT *,
           count(*) OVER cell AS n_sources,
           row_number() OVER (cell ORDER BY CASE status WHEN 'actual' THEN 0 WHEN 'estimate' THEN 1 ELSE 2 END,
                                            months_covered DESC, end_month DESC,
                                            published_date DESC NULLS LAST, ingested_at DESC,
                                            doc_id, figure_no) AS preference
    FROM zone_wide
    WINDOW cell AS (PARTITION BY zone, indicator, period_year)
)
SELECT zone, indicator, period_year, value, unit, qualifier, status, period,
       source_path, published_date, ingested_at, evidence, doc_id, figure_no, n_sources
FROM ranked WHERE preference = 1;

-- One row per zone and period_year with any of the indicator codes of the contract (growth rates, *_yoy,
-- stay in zone_year); each column is zone_year's preferred value. `caveats` lists, per column, what makes
-- its value less than a full-year actual exact figure: "gdp 2020H1 estimate >" (NULL when nothing does).
CREATE VIEW zone_panel AS
SELECT zone, period_year,
       max(value) FILTER (WHERE indicator = 'industrial_output')                  AS industrial_output,
       max(value) FILTER (WHERE indicator = 'above_scale_industrial_output')      AS above_scale_industrial_output,
       max(value) FILTER (WHERE indicator = 'industrial_value_added')             AS industrial_value_added,
       max(value) FILTER (WHERE indicator = 'gdp')                                AS gdp,
       max(value) FILTER (WHERE indicator = 'revenue')                            AS revenue,
       max(value) FILTER (WHERE indicator = 'rd_expenditure')                     AS rd_expenditure,
       max(value) FILTER (WHERE indicator = 'rd_intensity')                       AS rd_intensity,
       max(value) FILTER (WHERE indicator = 'high_tech_enterprises')              AS high_tech_enterprises,
       max(value) FILTER (WHERE indicator = 'above_scale_industrial_enterprises') AS above_scale_industrial_enterprises,
       max(value) FILTER (WHERE indicator = 'tech_smes')                          AS tech_smes,
       max(value) FILTER (WHERE indicator = 'settled_enterprises')                AS settled_enterprises,
       max(value) FILTER (WHERE indicator = 'incubated_enterprises')              AS incubated_enterprises,
       max(value) FILTER (WHERE indicator = 'rd_platforms')                       AS rd_platforms,
       string_agg(
           indicator || ' ' || concat_ws(' ',
               CASE WHEN period IS DISTINCT FROM CAST(period_year AS VARCHAR) THEN coalesce(period, 'period unknown') END,
               CASE WHEN status <> 'actual' THEN status END,
               CASE WHEN qualifier IN ('>', '>=', '<') THEN qualifier END),
           '; ' ORDER BY indicator)
         FILTER (WHERE period IS DISTINCT FROM CAST(period_year AS VARCHAR) OR status <> 'actual'
                       OR qualifier IN ('>', '>=', '<'))                          AS caveats
FROM zone_year
WHERE indicator IN ('industrial_output', 'above_scale_industrial_output', 'industrial_value_added', 'gdp',
                    'revenue', 'rd_expenditure', 'rd_intensity', 'high_tech_enterprises',
                    'above_scale_industrial_enterprises', 'tech_smes', 'settled_enterprises',
                    'incubated_enterprises', 'rd_platforms')
GROUP BY zone, period_year;

-- One row per pair of figures from different documents with the same zone, subject, indicator, period and
-- status whose values are more than 1% apart: |a - b| > 1% of the larger magnitude.
-- Each pair appears once, the older source as _a and the newer as _b ("newest source" order above).
-- Figures without a zone, period or value are never compared. Status is part of the key: a target that
-- differs from the actual outcome is a plan missed or beaten, not a contradiction. Qualifiers are shown,
-- not compared: "超2300亿" (>) next to 2400亿 (=) is listed and the qualifiers tell why.
CREATE VIEW conflicts AS
WITH sourced AS (
    SELECT i.*, d.ingested_at,
           dense_rank() OVER (ORDER BY i.published_date NULLS FIRST, d.ingested_at, i.doc_id) AS source_order
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WHERE i.zone IS NOT NULL AND i.period IS NOT NULL AND i.value IS NOT NULL
)
SELECT a.zone, a.subject, a.indicator, a.period, a.period_year, a.status, a.unit,
       a.value AS value_a, b.value AS value_b,
       round(100 * abs(a.value - b.value) / greatest(abs(a.value), abs(b.value)), 2) AS relative_difference_pct,
       a.qualifier AS qualifier_a, b.qualifier AS qualifier_b,
       a.published_date AS published_date_a, b.published_date AS published_date_b,
       a.source_path AS source_path_a, b.source_path AS source_path_b,
       a.evidence AS evidence_a, b.evidence AS evidence_b,
       a.doc_id AS doc_id_a, b.doc_id AS doc_id_b,
       a.figure_no AS figure_no_a, b.figure_no AS figure_no_b
FROM sourced a
JOIN sourced b
  ON a.zone = b.zone AND a.subject IS NOT DISTINCT FROM b.subject AND a.indicator = b.indicator
 AND a.period = b.period AND a.status = b.status AND a.source_order < b.source_order
WHERE abs(a.value - b.value) > 0.01 * greatest(abs(a.value), abs(b.value));
