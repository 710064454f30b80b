-- Issue 18: transaction signing. A service asks a user to confirm a transaction ("Requested by
-- <service>", seed 003); the user confirms with a second factor bound to the data; the service
-- redeems a one-time result handle for a signed receipt.
--
-- `subject` and `audience`: the user and the service as the receipt names them (`sub`, `aud`).
-- `fields` is the JSON array of the transaction's fields as the service gave them, `strengths`
-- the JSON array of accepted strength names, `digest` the base64url SHA-256 of the RFC 8785
-- canonical data (checked again before a receipt is made: nothing may change in between).
-- `status`: pending, signed, cancelled. `result_hash`: the SHA-256 of the one-time handle the
-- return URL carries, spent at `result_used_at`. `reported_at`: the user said "this was not me".
CREATE TABLE signature_requests (
    id TEXT PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    audience TEXT NOT NULL,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    strengths TEXT NOT NULL,
    return_url TEXT NOT NULL,
    digest TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    finished_at INTEGER,
    method TEXT,
    receipt TEXT,
    result_hash TEXT UNIQUE,
    result_expires_at INTEGER,
    result_used_at INTEGER,
    reported_at INTEGER
);
CREATE INDEX signature_requests_account ON signature_requests(account_id, created_at);
CREATE INDEX signature_requests_expiry ON signature_requests(expires_at);

-- A CAS service's secret for the signing API (OIDC clients use their client authentication):
-- the SHA-256 of a 256-bit random secret, shown once by `limen service signing-secret`.
ALTER TABLE services ADD COLUMN signing_secret_hash TEXT;
