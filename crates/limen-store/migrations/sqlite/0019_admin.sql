-- Issue 21: administration (docs/ADMIN.md).

-- People who administer Limen: an account and its role (admin, helpdesk, auditor).
CREATE TABLE admin_accounts (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    granted_by TEXT NOT NULL
);

-- Programs that administer Limen: an OpenID Connect client allowed the client_credentials
-- grant (RFC 6749 §4.4) for the admin API, and its role.
CREATE TABLE admin_clients (
    service_id INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    granted_by TEXT NOT NULL
);

-- The admin API's access tokens, by SHA-256 (hex): opaque, short-lived, revoked with the client.
CREATE TABLE admin_tokens (
    hash TEXT PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX admin_tokens_expiry ON admin_tokens(expires_at);

-- The audit log gains who acted, from which browser, for which service, and a hash chain:
-- `hash` = SHA-256 over `prev_hash` and the row (limen_store::audit::row_hash).
ALTER TABLE audit_log ADD COLUMN actor TEXT;
ALTER TABLE audit_log ADD COLUMN user_agent TEXT;
ALTER TABLE audit_log ADD COLUMN service TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_event ON audit_log(event, id);
CREATE INDEX audit_log_at ON audit_log(at);

-- The head of the chain (one row): the last id and hash written, and the anchor: rows up to
-- `anchor_id` are outside the chain (written before it existed, or purged by retention), and
-- the first row after it must carry `anchor_hash` as its `prev_hash`.
CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    anchor_id INTEGER NOT NULL,
    anchor_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash, anchor_id, anchor_hash)
SELECT 1, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000',
       COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000'
FROM audit_log;

-- Append-only: no statement may change a row once written (retention deletes whole rows, from
-- the oldest, and moves the anchor).
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
