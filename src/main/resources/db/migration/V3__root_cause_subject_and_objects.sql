-- What a root cause is about and which cluster objects its evidence names, so a postmortem can
-- put a symptom (a Service with no endpoints) under the fault on the same pods that caused it;
-- and when it was attached, so each fix can be paired with the verify run that followed it.
ALTER TABLE root_cause ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE root_cause ADD COLUMN symptom TEXT NOT NULL DEFAULT '';
ALTER TABLE root_cause ADD COLUMN objects TEXT NOT NULL DEFAULT '';
ALTER TABLE root_cause ADD COLUMN found_at BIGINT NOT NULL DEFAULT 0;
