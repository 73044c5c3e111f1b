-- Incidents, their timelines, attached findings and the SLOs their downtime is charged to.
-- Portable SQL (SQLite and PostgreSQL): times are epoch seconds, orderings are explicit columns.
CREATE TABLE incident (
  id           VARCHAR(32)  PRIMARY KEY,
  year         INTEGER      NOT NULL,
  seq          INTEGER      NOT NULL,
  title        VARCHAR(500) NOT NULL,
  severity     VARCHAR(8)   NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  opened_at    BIGINT       NOT NULL,
  impact_start BIGINT       NOT NULL DEFAULT 0,
  impact_end   BIGINT       NOT NULL DEFAULT 0,
  UNIQUE (year, seq)
);

CREATE TABLE incident_service (
  incident_id VARCHAR(32)  NOT NULL REFERENCES incident (id),
  ord         INTEGER      NOT NULL,
  service     VARCHAR(200) NOT NULL,
  PRIMARY KEY (incident_id, ord)
);

CREATE TABLE timeline_entry (
  incident_id VARCHAR(32) NOT NULL REFERENCES incident (id),
  ord         INTEGER     NOT NULL,
  at          BIGINT      NOT NULL,
  kind        VARCHAR(16) NOT NULL,
  status      VARCHAR(16),
  text        TEXT        NOT NULL,
  PRIMARY KEY (incident_id, ord)
);

CREATE TABLE root_cause (
  incident_id VARCHAR(32)  NOT NULL REFERENCES incident (id),
  ord         INTEGER      NOT NULL,
  rule_id     VARCHAR(200) NOT NULL,
  severity    VARCHAR(16)  NOT NULL,
  layer       VARCHAR(32)  NOT NULL,
  path        TEXT         NOT NULL,
  line        INTEGER      NOT NULL,
  message     TEXT         NOT NULL,
  fix         TEXT         NOT NULL,
  PRIMARY KEY (incident_id, ord)
);

CREATE TABLE slo (
  service        VARCHAR(200) PRIMARY KEY,
  window_seconds BIGINT       NOT NULL,
  budget_seconds BIGINT       NOT NULL,
  objective      VARCHAR(200) NOT NULL
);
