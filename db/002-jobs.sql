-- perfbot job queue, version 2. Vocabulary: ../../shared/design.md §1 and db/schema.md.
-- Times are milliseconds since the epoch (lease arithmetic), unlike version 1's ISO text.

CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: workers and comments hold ids
  kind          TEXT NOT NULL CHECK (kind IN ('compare', 'bisect', 'record', 'report')),
  repository    TEXT NOT NULL,                      -- owner/name on GitHub
  subject       TEXT,                               -- e.g. 'pr:12'; with repository, what a newer job supersedes
  payload       TEXT NOT NULL DEFAULT 'null',       -- JSON
  state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  attempts      INTEGER NOT NULL DEFAULT 0,         -- claims made (a release on shutdown gives one back)
  max_attempts  INTEGER NOT NULL DEFAULT 2 CHECK (max_attempts >= 1),
  lease_owner   TEXT,                               -- the worker that claimed it last
  lease_until   INTEGER,                            -- while running: the lease runs out at this time
  error         TEXT,                               -- one line: why it failed or was cancelled
  result        TEXT,                               -- JSON, once done
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  finished_at   INTEGER                             -- when it became done, failed or cancelled
);
CREATE INDEX jobs_state ON jobs (state, id);
CREATE INDEX jobs_subject ON jobs (repository, subject) WHERE subject IS NOT NULL;
