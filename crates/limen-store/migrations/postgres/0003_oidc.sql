-- Issue 4: the OpenID Connect provider.

-- The OIDC half of a registry entry; the shared half (name, strengths, assurance) is `services`.
-- `secret_hash` is the SHA-256 of a 256-bit random secret; lists are JSON text.
CREATE TABLE oidc_clients (
    service_id BIGINT PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT,
    auth_method TEXT NOT NULL,
    redirect_uris TEXT NOT NULL,
    post_logout_redirect_uris TEXT NOT NULL,
    pkce_required BIGINT NOT NULL,
    signing_alg TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    sector TEXT NOT NULL,
    scopes TEXT NOT NULL,
    consent BIGINT NOT NULL,
    jwks TEXT,
    jwks_uri TEXT,
    backchannel_logout_uri TEXT,
    frontchannel_logout_uri TEXT
);

-- Signing keys, private halves sealed (AES-256-GCM) under the master key, which is not here.
-- A key signs until `retired_at`, and stays published in the JWKS until `publish_until`.
CREATE TABLE oidc_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL,
    sealed TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    publish_until BIGINT
);

-- One authorization: what a login granted a client. Codes and tokens hang off it, so revoking
-- it (code replay, refresh-token reuse, logout) revokes all of them at once.
CREATE TABLE oidc_grants (
    id TEXT PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    session_id TEXT,
    sid TEXT NOT NULL,
    scope TEXT NOT NULL,
    claims TEXT NOT NULL,
    offline BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX oidc_grants_session ON oidc_grants(session_id);
CREATE INDEX oidc_grants_account ON oidc_grants(account_id);

-- Authorization codes by SHA-256; kept after use (until expiry) so that a replay is recognised.
CREATE TABLE oidc_codes (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES oidc_grants(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Access and refresh tokens by SHA-256. A used refresh token keeps its row: presenting it again
-- is reuse.
CREATE TABLE oidc_tokens (
    id TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES oidc_grants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX oidc_tokens_grant ON oidc_tokens(grant_id);

-- Consent given by a user to a client, for the listed scopes.
CREATE TABLE oidc_consents (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, service_id)
);

-- `jti` of private_key_jwt client assertions already seen (RFC 7523 §3 item 7).
CREATE TABLE oidc_assertions (
    id TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
