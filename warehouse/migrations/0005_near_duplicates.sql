-- gaoxin warehouse, schema version 5: near-duplicate documents (one article reposted by several sites).
-- minhash: the MinHash signature of clean_text (64 unsigned 32-bit values, transforms/cleaning/near_duplicates.py);
--   NULL for a text too short to tell, and for documents loaded before this version until they are re-extracted
--   (`gaoxin reprocess --all`).
-- duplicate_of: the doc_id of the first-seen document (earliest ingested_at, then source_path, then doc_id) this one
--   nearly duplicates (at least 32 of the 64 values agree), itself never a copy; NULL for an original or a document
--   without a minhash. The load recomputes it over all stored documents (warehouse/store.py).
-- A document and its near-duplicates are one source: coalesce(duplicate_of, doc_id) names it.
ALTER TABLE documents ADD COLUMN minhash UINTEGER[];
ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR;

-- indicators as in version 4, with the document's duplicate_of: `WHERE duplicate_of IS NULL` leaves out reposts.
CREATE OR REPLACE VIEW indicators AS
SELECT f.zone, f.subject, f.indicator, f.value, f.unit, f.period_year, f.period, f.status, f.qualifier,
       f.zone_basis, f.period_basis,
       f.doc_id, d.source_path, d.published_date, a.title AS article_title,
       f.evidence, f.span_start, f.span_end, f.figure_no, d.duplicate_of
FROM figures f
JOIN documents d USING (doc_id)
LEFT JOIN articles a ON a.doc_id = f.doc_id AND a.article_no = f.article_no;

-- latest_indicators as in version 2; n_sources counts the sources whose figures competed for the row (a
-- document and its near-duplicates once).
CREATE OR REPLACE VIEW latest_indicators AS
WITH ranked AS (
    SELECT i.*, d.ingested_at,
           count(DISTINCT coalesce(i.duplicate_of, i.doc_id)) OVER key_group AS n_sources,
           row_number() OVER (key_group ORDER BY i.published_date DESC NULLS LAST, d.ingested_at DESC,
                                                 i.doc_id, i.figure_no) AS source_rank
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WINDOW key_group AS (PARTITION BY i.zone, i.subject, i.indicator, i.period, i.status)
)
SELECT * EXCLUDE (source_rank) FROM ranked WHERE source_rank = 1;

-- zone_year as in version 4; n_sources counts the sources whose figures competed for the row (a document and
-- its near-duplicates once).
CREATE OR REPLACE VIEW zone_year AS
WITH zone_wide AS (
    SELECT i.zone, i.indicator, i.period_year, i.value, i.unit, i.qualifier, i.status, i.period,
           i.source_path, i.published_date, d.ingested_at, i.evidence, i.doc_id, i.figure_no,
           i.zone_basis, i.period_basis, coalesce(i.duplicate_of, i.doc_id) AS source_id,
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
           count(DISTINCT source_id) OVER cell AS n_sources,
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

-- conflicts as in version 2, between sources: figures of a document and its near-duplicates are never compared
-- with each other, and a value that several of them state is compared once (from the oldest of them, in the
-- "newest source" order), so a repost neither adds a conflict nor repeats one.
CREATE OR REPLACE VIEW conflicts AS
WITH sourced AS (
    SELECT i.*, d.ingested_at, coalesce(i.duplicate_of, i.doc_id) AS source_id,
           dense_rank() OVER (ORDER BY i.published_date NULLS FIRST, d.ingested_at, i.doc_id) AS source_order
    FROM indicators i
    JOIN documents d ON d.doc_id = i.doc_id
    WHERE i.zone IS NOT NULL AND i.period IS NOT NULL AND i.value IS NOT NULL
),
stated AS (
    SELECT * FROM sourced
    QUALIFY row_number() OVER (PARTITION BY source_id, zone, subject, indicator, period, status, value
                               ORDER BY source_order, figure_no) = 1
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
FROM stated a
JOIN stated b
  ON a.zone = b.zone AND a.subject IS NOT DISTINCT FROM b.subject AND a.indicator = b.indicator
 AND a.period = b.period AND a.status = b.status AND a.source_order < b.source_order
 AND a.source_id <> b.source_id
WHERE abs(a.value - b.value) > 0.01 * greatest(abs(a.value), abs(b.value));
