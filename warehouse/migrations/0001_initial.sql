-- gaoxin warehouse, schema version 1.
-- Content-addressed: a document is identified by the sha256 of its raw bytes; source_files maps
-- each file path to the document it currently holds, and documents no file points to are removed.

CREATE TABLE documents (
    doc_id            VARCHAR PRIMARY KEY,   -- sha256 of the raw bytes
    source_path       VARCHAR NOT NULL,      -- absolute path of (one) file holding these bytes
    encoding          VARCHAR,               -- codec the bytes were decoded with
    title             VARCHAR,
    published_date    DATE,                  -- from the text; NULL when it does not say
    source            VARCHAR,               -- 来源 line, when present
    raw_text          VARCHAR,               -- decoded text, untouched
    clean_text        VARCHAR,               -- simplified, de-boilerplated; figure spans point into it
    repairs           JSON,                  -- what cleaning did, step by step
    ingested_at       TIMESTAMP,
    extractor_version VARCHAR,
    run_id            VARCHAR                -- the Prefect flow run that loaded it
);

CREATE TABLE articles (
    doc_id     VARCHAR NOT NULL,
    article_no INTEGER NOT NULL,             -- 0-based; a plain news page has one article
    title      VARCHAR,
    span_start INTEGER NOT NULL,             -- offsets into documents.clean_text
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, article_no)
);

CREATE TABLE figures (
    doc_id      VARCHAR NOT NULL,
    figure_no   INTEGER NOT NULL,
    article_no  INTEGER NOT NULL,
    zone        VARCHAR,
    subject     VARCHAR,
    indicator   VARCHAR NOT NULL,
    value       DOUBLE,
    unit        VARCHAR NOT NULL,
    period_year INTEGER,
    period      VARCHAR,
    status      VARCHAR NOT NULL,
    qualifier   VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, figure_no)
);

CREATE TABLE source_files (
    source_path       VARCHAR PRIMARY KEY,
    doc_id            VARCHAR,               -- NULL when the bytes could not be read
    size_bytes        BIGINT,
    mtime_ns          BIGINT,
    status            VARCHAR NOT NULL,      -- loaded | quarantined
    extractor_version VARCHAR,
    run_id            VARCHAR                -- run that last changed this row
);

CREATE TABLE quarantine (
    source_path    VARCHAR NOT NULL,
    doc_id         VARCHAR,
    level          VARCHAR NOT NULL,         -- file (nothing loaded) | figure (one row held back)
    reason         VARCHAR NOT NULL,         -- e.g. "empty file", or the failed expectation names
    detail         JSON,                     -- the held-back figure row, for level = figure
    run_id         VARCHAR,
    quarantined_at TIMESTAMP
);

CREATE TABLE dq_results (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    kind             VARCHAR,                -- row | table
    success          BOOLEAN NOT NULL,
    element_count    BIGINT,
    unexpected_count BIGINT,
    details          JSON,
    checked_at       TIMESTAMP
);

CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY, -- Prefect flow-run id
    flow_run_name       VARCHAR,
    source              VARCHAR,
    started_at          TIMESTAMP,
    finished_at         TIMESTAMP,
    files_seen          BIGINT,
    files_unchanged     BIGINT,
    documents_loaded    BIGINT,
    files_quarantined   BIGINT,
    figures_loaded      BIGINT,
    figures_quarantined BIGINT,
    dq_success          BOOLEAN,
    status              VARCHAR,
    extractor_version   VARCHAR,
    data_docs           VARCHAR
);

CREATE VIEW indicators AS
SELECT f.zone, f.subject, f.indicator, f.value, f.unit, f.period_year, f.period, f.status, f.qualifier,
       f.doc_id, d.source_path, d.published_date, a.title AS article_title,
       f.evidence, f.span_start, f.span_end, f.figure_no
FROM figures f
JOIN documents d USING (doc_id)
LEFT JOIN articles a ON a.doc_id = f.doc_id AND a.article_no = f.article_no;
