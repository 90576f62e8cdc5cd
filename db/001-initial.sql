-- perfbot result store, version 1. Vocabulary: ../../shared/design.md §1 and db/schema.md.

CREATE TABLE repositories (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,           -- local path or clone URL, never with credentials
  created_at  TEXT NOT NULL
);

CREATE TABLE revisions (
  id             INTEGER PRIMARY KEY,
  repository_id  INTEGER NOT NULL REFERENCES repositories(id),
  sha            TEXT NOT NULL,
  parents        TEXT NOT NULL DEFAULT '',    -- space-separated shas
  author         TEXT,
  author_date    TEXT,                        -- ISO 8601
  subject        TEXT,
  UNIQUE (repository_id, sha)
);

CREATE TABLE fingerprints (
  id       INTEGER PRIMARY KEY,
  key      TEXT NOT NULL UNIQUE,
  runner   TEXT NOT NULL,
  cpu      TEXT NOT NULL,
  cores    INTEGER NOT NULL,
  node     TEXT NOT NULL,
  harness  TEXT NOT NULL,
  pinning  TEXT NOT NULL
);

CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  repository_id   INTEGER NOT NULL REFERENCES repositories(id),
  kind            TEXT NOT NULL CHECK (kind IN ('bench', 'compare', 'bisect', 'record')),
  base_sha        TEXT,
  head_sha        TEXT,
  merge_base_sha  TEXT,
  trigger         TEXT NOT NULL DEFAULT 'cli',
  status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  pid             INTEGER,
  args            TEXT,                       -- JSON
  error           TEXT,
  started_at      TEXT NOT NULL,
  finished_at     TEXT
);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE trials (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES runs(id),
  revision_id     INTEGER NOT NULL REFERENCES revisions(id),
  benchmark       TEXT NOT NULL,              -- the module's path in the suite: stable across renames of `name`
  name            TEXT NOT NULL,              -- the name the benchmark reported (or its file name)
  suite_hash      TEXT NOT NULL,              -- the suite's code: trials of different suites never mix
  fingerprint_id  INTEGER NOT NULL REFERENCES fingerprints(id),
  options_hash    TEXT NOT NULL,              -- trial options before the module's own
  pair_index      INTEGER,                    -- position in a compare's ABBA sequence
  side            TEXT CHECK (side IN ('base', 'head')),
  outcome         TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'timeout', 'invalid-output', 'out-of-memory')),
  reason          TEXT NOT NULL DEFAULT '',
  wall_ms         REAL NOT NULL,
  result          TEXT,                       -- TrialResult JSON without the histogram
  created_at      TEXT NOT NULL
);
CREATE INDEX trials_key ON trials (revision_id, benchmark, fingerprint_id, suite_hash, options_hash);
CREATE INDEX trials_run ON trials (run_id);

CREATE TABLE samples (
  trial_id  INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  metric    TEXT NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (trial_id, metric)
) WITHOUT ROWID;

CREATE TABLE histograms (
  trial_id  INTEGER PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
  encoding  TEXT NOT NULL DEFAULT 'hdr-compressed-base64',
  data      TEXT NOT NULL                     -- latency in nanoseconds
);

CREATE TABLE comparisons (
  id                INTEGER PRIMARY KEY,
  run_id            INTEGER NOT NULL REFERENCES runs(id),
  benchmark         TEXT NOT NULL,
  metric            TEXT NOT NULL,
  base_median       REAL,
  head_median       REAL,
  pairs             INTEGER NOT NULL,
  change            REAL,
  ci_low            REAL,
  ci_high           REAL,
  p                 REAL,
  threshold         REAL NOT NULL,
  threshold_source  TEXT NOT NULL CHECK (threshold_source IN ('history', 'config')),
  verdict           TEXT NOT NULL CHECK (verdict IN ('regression', 'improvement', 'unchanged', 'inconclusive')),
  UNIQUE (run_id, benchmark, metric)
);
