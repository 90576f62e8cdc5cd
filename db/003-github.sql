-- perfbot GitHub state, version 3: what the app must remember to stay idempotent across
-- restarts (one sticky comment per PR, one check run per head sha), acknowledgements and
-- the repositories it is installed on. Times are milliseconds since the epoch.

CREATE TABLE pr_comments (
  repository  TEXT NOT NULL,                 -- owner/name
  pr          INTEGER NOT NULL,
  comment_id  INTEGER NOT NULL,              -- the sticky comment (also found by its hidden marker)
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (repository, pr)
);

CREATE TABLE check_runs (
  repository    TEXT NOT NULL,
  head_sha      TEXT NOT NULL,
  check_run_id  INTEGER NOT NULL,
  pr            INTEGER,                     -- the pull request it reports on, when there is one
  conclusion    TEXT,                        -- once completed
  summary       TEXT,                        -- the completed output, kept for an acknowledgement
  facts         TEXT,                        -- JSON: what decided the conclusion (regressed benchmarks, fail_on)
  PRIMARY KEY (repository, head_sha)
);

CREATE TABLE acks (
  id          INTEGER PRIMARY KEY,
  repository  TEXT NOT NULL,
  pr          INTEGER NOT NULL,
  head_sha    TEXT NOT NULL,                 -- an acknowledgement holds for the head it was given on
  benchmark   TEXT NOT NULL,                 -- a benchmark name, or '*' for the whole check
  login       TEXT NOT NULL,
  reason      TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX acks_pr ON acks (repository, pr, head_sha);

CREATE TABLE installations (
  repository       TEXT PRIMARY KEY,
  installation_id  INTEGER NOT NULL,
  default_branch   TEXT,
  added_at         INTEGER NOT NULL,
  removed_at       INTEGER                   -- uninstalled or removed from the installation
);
