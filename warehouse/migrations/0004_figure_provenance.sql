-- gaoxin warehouse, schema version 4: where each figure's zone and period came from.
-- zone_basis / period_basis (shared/spec/indicators.md): clause | sentence | paragraph | article | document |
-- published_date | none - the nearest scope that said it: the figure's own clause, its sentence, an earlier
-- sentence or the paragraph before, the article's head or opening, the page as a whole (a statistical
-- bulletin's title, the source line), or the publication date (今年, 全年 with nothing nearer); none when
-- the column it explains is NULL. Figures loaded before this version keep NULL until `gaoxin reprocess`.
ALTER TABLE figures ADD COLUMN zone_basis VARCHAR;
ALTER TABLE figures ADD COLUMN period_basis VARCHAR;

CREATE OR REPLACE VIEW indicators AS
SELECT f.zone, f.subject, f.indicator, f.value, f.unit, f.period_year, f.period, f.status, f.qualifier,
       f.zone_basis, f.period_basis,
       f.doc_id, d.source_path, d.published_date, a.title AS article_title,
       f.evidence, f.span_start, f.span_end, f.figure_no
FROM figures f
JOIN documents d USING (doc_id)
LEFT JOIN articles a ON a.doc_id = f.doc_id AND a.article_no = f.article_no;

-- zone_year as in version 2, with the bases of the figure it prefers.
CREATE OR REPLACE VIEW zone_year AS
WITH zone_wide AS (
    SELECT i.zone, i.indicator, i.period_year, i.value, i.unit, i.qualifier, i.status, i.period,
           i.source_path, i.published_date, d.ingested_at, i.evidence, i.doc_id, i.figure_no,
           i.zone_basis, i.period_basis,
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
       source_path, published_date, ingested_at, evidence, doc_id, figure_no, n_sources, zone_basis, period_basis
FROM ranked WHERE preference = 1;

-- zone_panel as in version 2; `caveats` also names a value whose zone or year came from further than its
-- sentence: "gdp 2020H1 (zone from article, year from published_date)".
CREATE OR REPLACE VIEW zone_panel AS
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
               CASE WHEN qualifier IN ('>', '>=', '<') THEN qualifier END,
               '(' || nullif(concat_ws(', ',
                   CASE WHEN zone_basis NOT IN ('clause', 'sentence') THEN 'zone from ' || zone_basis END,
                   CASE WHEN period_basis NOT IN ('clause', 'sentence') THEN 'year from ' || period_basis END), '')
                   || ')'),
           '; ' ORDER BY indicator)
         FILTER (WHERE period IS DISTINCT FROM CAST(period_year AS VARCHAR) OR status <> 'actual'
                       OR qualifier IN ('>', '>=', '<')
                       OR zone_basis NOT IN ('clause', 'sentence') OR period_basis NOT IN ('clause', 'sentence'))
                                                                                  AS caveats
FROM zone_year
WHERE indicator IN ('industrial_output', 'above_scale_industrial_output', 'industrial_value_added', 'gdp',
                    'revenue', 'rd_expenditure', 'rd_intensity', 'high_tech_enterprises',
                    'above_scale_industrial_enterprises', 'tech_smes', 'settled_enterprises',
                    'incubated_enterprises', 'rd_platforms')
GROUP BY zone, period_year;

