-- Page progress of a job: how many pages it will process, and how many are done, failed or were
-- OCRed so far. Filled while the job runs (page ranges report as they finish) and when it ends.
ALTER TABLE jobs ADD COLUMN pages_total INTEGER;
ALTER TABLE jobs ADD COLUMN pages_done INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN pages_failed INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN pages_ocr INTEGER DEFAULT 0 NOT NULL;
