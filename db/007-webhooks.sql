-- perfbot webhook ledger, version 7: deliveries already handled (GitHub redelivers with the
-- same x-github-delivery id) and the heads each pull request had, with when GitHub says they
-- became its head, so a command measures the head its author saw. Times are milliseconds
-- since the epoch.

CREATE TABLE deliveries (
  id           TEXT PRIMARY KEY,             -- x-github-delivery
  event        TEXT NOT NULL,
  received_at  INTEGER NOT NULL
);
CREATE INDEX deliveries_received ON deliveries (received_at);

CREATE TABLE pr_heads (
  repository  TEXT NOT NULL,                 -- owner/name
  pr          INTEGER NOT NULL,
  head_sha    TEXT NOT NULL,
  since       INTEGER NOT NULL,              -- GitHub's time the PR had this head (the event's updated_at)
  PRIMARY KEY (repository, pr, since, head_sha)
);
