-- Issue 3: the persisted mail outbox, single-use e-mail links, CAPTCHA challenges.

-- Every message Limen sends goes through this table first, so that a mail server outage loses
-- nothing: a worker delivers due messages, reschedules failures with backoff, and marks
-- delivered ones. `body` is the complete RFC 5322 message as sent.
CREATE TABLE mail_outbox (
    id BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

-- Links sent by e-mail (set a password, reset it, confirm a new address). `id` is the SHA-256
-- of the token in the link; the token itself is never stored.
CREATE TABLE email_links (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    new_email TEXT,
    service TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX email_links_account ON email_links(account_id);
CREATE INDEX email_links_expiry ON email_links(expires_at);

-- CAPTCHA challenges (image codes and proof-of-work puzzles): single-use, short-lived, shared
-- by every node. `id` is the SHA-256 of the identifier given to the browser.
CREATE TABLE challenges (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    answer TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX challenges_expiry ON challenges(expires_at);
