-- The provisional lock an attempt in flight sets when it reaches the limit (issue 11): kept apart
-- from the real lockout so that giving the place back can never lift a real lock.
ALTER TABLE throttle ADD COLUMN hold_until BIGINT NOT NULL DEFAULT 0;
