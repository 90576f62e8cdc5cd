-- perfbot trends, version 4: one point per recorded revision, benchmark, metric and machine,
-- written when a record run finishes a revision. The weekly report reads only this table, so
-- a year of hourly history stays fast to report on whatever happens to the raw trials.

CREATE TABLE series_points (
  repository_id   INTEGER NOT NULL REFERENCES repositories(id),
  revision_id     INTEGER NOT NULL REFERENCES revisions(id),
  fingerprint_id  INTEGER NOT NULL REFERENCES fingerprints(id),
  benchmark       TEXT NOT NULL,               -- the benchmark's key (suite path)
  metric          TEXT NOT NULL,
  median          REAL NOT NULL,               -- in the metric's unit
  n               INTEGER NOT NULL,            -- ok trials behind the median
  cv              REAL,                        -- of those trials; NULL with fewer than 2
  -- Revision before benchmark: the report reads the last weeks, revision by revision.
  PRIMARY KEY (repository_id, fingerprint_id, revision_id, benchmark, metric)
) WITHOUT ROWID;
CREATE INDEX revisions_date ON revisions (repository_id, author_date);

-- A revision whose trials all failed, for the report's "failed benchmarks".
CREATE TABLE series_failures (
  repository_id   INTEGER NOT NULL REFERENCES repositories(id),
  revision_id     INTEGER NOT NULL REFERENCES revisions(id),
  fingerprint_id  INTEGER NOT NULL REFERENCES fingerprints(id),
  benchmark       TEXT NOT NULL,
  reason          TEXT NOT NULL,
  PRIMARY KEY (repository_id, fingerprint_id, revision_id, benchmark)
) WITHOUT ROWID;
