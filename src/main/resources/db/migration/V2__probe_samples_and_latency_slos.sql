-- What probes measured, recorded for a service (probe --record) or attached to an incident
-- (--incident), one row per URL per run; and SLOs keyed by service and kind, so a service can
-- hold an availability and a latency objective at once.
CREATE TABLE probe_sample (
  service      VARCHAR(200) NOT NULL,
  incident_id  VARCHAR(32),
  at           BIGINT       NOT NULL,
  seconds      BIGINT       NOT NULL,
  url          TEXT         NOT NULL,
  requests     BIGINT       NOT NULL,
  bad          BIGINT       NOT NULL,
  slow         BIGINT       NOT NULL,
  slow_micros  BIGINT       NOT NULL,
  p50_micros   BIGINT       NOT NULL,
  p95_micros   BIGINT       NOT NULL,
  p99_micros   BIGINT       NOT NULL,
  max_micros   BIGINT       NOT NULL
);
CREATE INDEX probe_sample_by_service ON probe_sample (service, at);
CREATE INDEX probe_sample_by_incident ON probe_sample (incident_id, at);

CREATE TABLE slo_objective (
  service        VARCHAR(200) NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  window_seconds BIGINT       NOT NULL,
  budget_seconds BIGINT       NOT NULL,
  objective      VARCHAR(200) NOT NULL,
  target         DOUBLE PRECISION NOT NULL,
  latency_micros BIGINT       NOT NULL,
  PRIMARY KEY (service, kind)
);
INSERT INTO slo_objective (service, kind, window_seconds, budget_seconds, objective, target, latency_micros)
  SELECT service, 'AVAILABILITY', window_seconds, budget_seconds, objective,
         1.0 - CAST(budget_seconds AS DOUBLE PRECISION) / window_seconds, 0
  FROM slo;
DROP TABLE slo;
