-- Issue 13: OpenID Connect clients allowed to exchange their users' access tokens for CAS service
-- tickets (RFC 8693, as EU Login offers API clients). Off for every existing client.
ALTER TABLE oidc_clients ADD COLUMN cas_token_exchange BIGINT NOT NULL DEFAULT 0;
