-- Issue 16: hardware tokens — OATH HOTP (RFC 4226) and TOTP (RFC 6238) code tokens, and OCRA
-- (RFC 6287) challenge–response tokens — held in an inventory (imported from PSKC or CSV files)
-- and assigned to accounts.
--
-- `serial` is written as printed on the device (legacy serials start with "T"); `serial_key`
-- is the same upper-cased without spaces and hyphens: what a typed serial is matched against.
-- `secret` is the OATH key sealed under the master key (bound to `serial_key`); never read
-- back except to verify a code.
-- `counter`: HOTP and counter-based OCRA suites, the next counter expected (RFC 4226 §7.2).
-- `last_step`: TOTP, the last time step accepted — a step at or before it is a replay; `drift`
-- the token clock's offset in steps (RFC 6238 §6). `pending_resync`: automatic resynchronisation
-- (the counter or step a code outside the window matched, waiting for the next code).
-- `failures`: wrong codes in a row; `locked_until`: set when they reach the limit.
-- `disabled`: 1 when an administrator locked it, or when it was taken from its account by PANIC
-- or removal (an administrator re-enables it with `limen token unlock`).
CREATE TABLE tokens (
    id BIGSERIAL PRIMARY KEY,
    serial TEXT NOT NULL,
    serial_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('hotp', 'totp', 'ocra')),
    algorithm TEXT NOT NULL,
    digits BIGINT NOT NULL,
    period BIGINT NOT NULL DEFAULT 0,
    t0 BIGINT NOT NULL DEFAULT 0,
    suite TEXT NOT NULL DEFAULT '',
    secret TEXT NOT NULL,
    counter BIGINT NOT NULL DEFAULT 0,
    last_step BIGINT,
    drift BIGINT NOT NULL DEFAULT 0,
    pending_resync BIGINT,
    manufacturer TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    name TEXT NOT NULL DEFAULT '',
    disabled BIGINT NOT NULL DEFAULT 0,
    failures BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    created_at BIGINT NOT NULL,
    assigned_at BIGINT,
    last_used_at BIGINT
);
CREATE INDEX tokens_account ON tokens(account_id);
