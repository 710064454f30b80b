-- Issue 17: mobile phone numbers and SMS codes (seeds 000 and 003, "Mobile Phone + SMS").
--
-- `phones`: an account's numbers, in E.164 (`+` country code and number, ITU-T E.164), with the
-- ISO 3166 country the number belongs to and the user's label. A number may be on several
-- accounts (a shared phone): nothing ever tells one account about another's numbers.
CREATE TABLE phones (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    country TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    UNIQUE (account_id, e164)
);
CREATE INDEX phones_account ON phones(account_id);

-- One code sent by SMS: to sign in (`login`), to sign (`sign`), or to prove a number being
-- added (`add_number`, `phone_id` NULL until it is proven). The code itself is never stored:
-- `code_mac` is HMAC-SHA-256 of the id and the code under a key derived from the master key.
-- `attempts` answers were checked against it, at most `max_attempts`; `used_at` once right.
CREATE TABLE sms_codes (
    id TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    phone_id BIGINT,
    purpose TEXT NOT NULL,
    code_mac TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX sms_codes_account ON sms_codes(account_id, created_at);
CREATE INDEX sms_codes_expiry ON sms_codes(expires_at);

-- The SMS outbox: like `mail_outbox`, leased one message at a time by whichever node delivers
-- first, retried with backoff — but never after `not_after` (a code's expiry: a late code is
-- useless and costs money). `body` is the text and code sealed under the master key; it is
-- emptied once the gateway has taken the message (kept by the development outbox only).
-- `reference`: the gateway's id of the message, when it gives one.
CREATE TABLE sms_outbox (
    id BIGSERIAL PRIMARY KEY,
    recipient TEXT NOT NULL,
    purpose TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    not_after BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT,
    reference TEXT
);
CREATE INDEX sms_outbox_due ON sms_outbox(next_attempt_at);
CREATE INDEX sms_outbox_created ON sms_outbox(created_at);
