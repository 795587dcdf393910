-- gaoxin warehouse, schema version 3: where each run's time went.
-- stage_seconds: JSON object of seconds per stage, summed over batches (batches overlap, so the sum
-- can exceed the run's wall time): read (files read and hashed), decode, clean, extract, rows (the
-- staged rows built by the workers), stage (Parquet written), validate (Great Expectations).
ALTER TABLE runs ADD COLUMN stage_seconds JSON;
