-- perfbot weekly reports, version 5: the issue filed for each repository and week, so a week
-- gets one report however often the schedule fires or the app restarts.

CREATE TABLE reports (
  repository    TEXT NOT NULL,                 -- owner/name
  week_of       TEXT NOT NULL,                 -- Monday, YYYY-MM-DD
  issue_number  INTEGER,                       -- NULL: nothing recorded, no issue filed
  issue_url     TEXT,
  filed_at      INTEGER NOT NULL,              -- ms since the epoch
  PRIMARY KEY (repository, week_of)
);

-- Automatic bisects of default-branch change points, counted against a weekly budget.
CREATE TABLE trend_bisects (
  repository   TEXT NOT NULL,
  week_of      TEXT NOT NULL,
  benchmark    TEXT NOT NULL,
  metric       TEXT NOT NULL,
  good         TEXT NOT NULL,
  bad          TEXT NOT NULL,
  job_id       INTEGER NOT NULL,
  status       TEXT,                           -- the bisect's status once done
  culprit      TEXT,
  PRIMARY KEY (repository, benchmark, metric, good, bad)
);
