-- Issue 11 (security review), items 6 and 4.

-- Item 6: a CAPTCHA challenge is no longer stored when a form is shown; it travels in the page,
-- MAC-protected, with its expiry inside. Only its use is recorded, when it is answered, so that
-- each serves once: `id` is the SHA-256 of the challenge as the browser sent it, inserted if
-- absent (the primary key makes that atomic). Rows are purged once expired. (The old
-- `challenges` table stays: the demo OpenID Connect client keeps its pending requests there.)
DELETE FROM challenges WHERE kind IN ('image', 'pow');
CREATE TABLE captcha_uses (
    id TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX captcha_uses_expiry ON captcha_uses(expires_at);

-- Item 4: "Lost password?" stores the request — the same row whether or not an account has the
-- address — and answers; a worker then looks the account up and writes its link and e-mail in
-- the transaction that deletes the request.
CREATE TABLE self_service_requests (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    email TEXT NOT NULL,
    service TEXT,
    client_ip TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- A request that failed for a reason that may pass (the database busy or unreachable) waits
    -- until `not_before` and is tried again; it is dropped after a few attempts.
    attempts BIGINT NOT NULL DEFAULT 0,
    not_before BIGINT NOT NULL DEFAULT 0
);
