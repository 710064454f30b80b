-- Issue 5: security keys, trusted platforms and passkeys (W3C WebAuthn Level 3).

-- One registered credential. `credential_id` is the base64url credential ID (unique across
-- accounts: a credential belongs to one account); `credential` is the verifier's record (public
-- key, counter, flags, attestation) as JSON; `kind` is security_key, platform or passkey.
-- `flagged_at` is set when the signature counter went backwards (a cloned authenticator?).
CREATE TABLE webauthn_credentials (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aaguid TEXT,
    attestation_format TEXT NOT NULL,
    user_verified BIGINT NOT NULL,
    credential TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    flagged_at BIGINT
);
CREATE INDEX webauthn_credentials_account ON webauthn_credentials(account_id);

-- The WebAuthn user handle of an account (§5.4.3 user.id): 32 random bytes, base64url, never
-- personal data; a discoverable credential returns it, which names the account.
CREATE TABLE webauthn_user_handles (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    handle TEXT NOT NULL UNIQUE
);

-- Ceremonies under way, shared by every node: the SHA-256 of the page's ceremony token, what it
-- is for, whose it is, and the challenge state. Taken (deleted) when the answer comes back, so a
-- challenge is answered once; short-lived.
CREATE TABLE webauthn_ceremonies (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
    session_id TEXT,
    state TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX webauthn_ceremonies_expiry ON webauthn_ceremonies(expires_at);
