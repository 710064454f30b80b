-- Issue 13: the CAS services an OpenID Connect client may exchange its users' access tokens for
-- service tickets of (RFC 8693, as EU Login offers API clients): a JSON array of service ids.
-- Empty, the default for every existing client: no exchange at all.
ALTER TABLE oidc_clients ADD COLUMN cas_token_exchange TEXT NOT NULL DEFAULT '[]';
