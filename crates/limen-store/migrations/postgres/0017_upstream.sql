-- Issue 19: federation. An upstream identity (a social network account, an eID) reaches a Limen
-- account only through a link made after the account was proven (docs/FEDERATION.md §2.2).
-- `upstream` is the `[[upstream]]` id, `strength` what a sign-in through it proves
-- (SOCIAL_NETWORKS or EIDAS); `issuer` and `subject` the provider's stable key of the
-- person (OIDC `iss` + `sub`; OAuth 2 numeric id; eIDAS PersonIdentifier), never an e-mail.
-- `display` is what My account shows (the upstream's address or name, "eID (BE)").
CREATE TABLE upstream_links (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    upstream TEXT NOT NULL,
    strength TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    display TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX upstream_links_subject ON upstream_links(upstream, issuer, subject);
CREATE INDEX upstream_links_account ON upstream_links(account_id);

-- SAML assertions already consumed (SAML Profiles §4.1.4.5), by the SHA-256 of their ID, kept
-- until they expire; shared by every node.
CREATE TABLE saml_replay (
    id_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
