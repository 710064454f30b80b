-- Issue 23: periodic jobs run once per period across all nodes sharing the database
-- (docs/SCALING.md, "Background work"). A node runs a job only when its UPDATE moved `due_at`
-- forward: the row's lock makes that UPDATE succeed for one node per period.
CREATE TABLE jobs (
    name TEXT PRIMARY KEY,
    due_at BIGINT NOT NULL,
    last_run_at BIGINT,
    last_run_by TEXT
);
