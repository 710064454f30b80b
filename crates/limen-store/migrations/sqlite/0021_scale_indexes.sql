-- Issue 23 (a million accounts): indexes for the queries that run every minute and otherwise
-- read a table that grows with the users (limen_store::hot_queries; docs/scale-figures.md).

-- The session timeout job ends the sessions of accounts that are no longer active: those few
-- accounts are found here instead of by reading every account.
CREATE INDEX accounts_not_active ON accounts(id) WHERE status <> 'active';

-- The purge drops devices never confirmed once their enrolment has expired: the pending ones
-- by their enrolment, instead of reading every enrolled device.
CREATE INDEX mobile_devices_pending ON mobile_devices(enrolment_id) WHERE status = 'pending';

-- The purge drops expired OpenID Connect codes, tokens, grants and assertion ids by expiry, as
-- it already does tickets and sessions: each sign-in at a client adds a grant and a code, each
-- code exchange two tokens.
CREATE INDEX oidc_codes_expiry ON oidc_codes(expires_at);
CREATE INDEX oidc_tokens_expiry ON oidc_tokens(expires_at);
CREATE INDEX oidc_grants_expiry ON oidc_grants(expires_at);
CREATE INDEX oidc_assertions_expiry ON oidc_assertions(expires_at);

-- A grant deleted (expired, or its client removed) takes its codes with it (ON DELETE CASCADE):
-- found by their grant, instead of reading every code for each grant.
CREATE INDEX oidc_codes_grant ON oidc_codes(grant_id);
