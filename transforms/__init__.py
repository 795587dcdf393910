"""Pure functions over text and rows: decoding, cleaning, extraction. No Prefect, no DuckDB."""

# Bump when cleaning or extraction rules change: stored documents with an older version are stale.
EXTRACTOR_VERSION = "0.9.0"
