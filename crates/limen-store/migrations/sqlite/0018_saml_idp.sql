-- Issue 20: Limen as a SAML 2.0 identity provider (docs/SAML.md).

-- A SAML service provider beside its service row (§2.2): the entityID, unique, and what was read
-- from its metadata and chosen on the command line, as JSON (limen_saml::idp::SpRecord).
CREATE TABLE saml_sps (
    service_id INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL
);

-- AuthnRequest and LogoutRequest IDs already received (§4.2 step 9), by SHA-256 of issuer and
-- ID; `answered` makes the login continuation single use (§5.2). Shared by every node.
CREATE TABLE saml_request_ids (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0
);

-- The IdP's signing keys (§11): PKCS#8 sealed under the master key, the self-signed certificate
-- (base64 DER) published in the metadata. A key signs from `activates_at` until `retired_at`
-- and is published until `publish_until` (NULL: while it signs).
CREATE TABLE saml_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL,
    sealed TEXT NOT NULL,
    certificate TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    activates_at INTEGER NOT NULL,
    retired_at INTEGER,
    publish_until INTEGER
);

-- A front-channel logout in progress (§9.4): the SAML parties still to visit, bound to the
-- browser that started it.
CREATE TABLE saml_logout_plans (
    id TEXT PRIMARY KEY,
    browser TEXT NOT NULL,
    plan TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

-- What a SAML party's LogoutRequest must repeat (§9.1): NameID, its format and qualifiers, and
-- the SessionIndex, as JSON.
ALTER TABLE session_services ADD COLUMN saml TEXT;

-- Expired rows are purged on insert (request IDs, logout plans): by index, not by scan.
CREATE INDEX saml_request_ids_expiry ON saml_request_ids(expires_at);
CREATE INDEX saml_logout_plans_expiry ON saml_logout_plans(expires_at);
