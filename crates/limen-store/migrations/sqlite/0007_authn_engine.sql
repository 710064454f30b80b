-- Issue 12: the authentication engine.
-- Challenges of every verification method, not only WebAuthn's, live in one table: the login
-- transaction (identify, method, password, second factor) and the enrolment ceremonies. Purposes
-- are unchanged: a login or device choice in flight during the upgrade stays valid; an enrolment
-- in flight (its state is now the engine's) is refused as expired and simply started again.
ALTER TABLE webauthn_ceremonies RENAME TO authn_transactions;

-- My account "Always require multi-factor authentication": when 1, no session of the account
-- satisfies any service with the password alone.
ALTER TABLE accounts ADD COLUMN mfa_always BIGINT NOT NULL DEFAULT 0;
