-- Issue 13, item 6: EU Login's login transaction. A client posts the login parameters to
-- /cas/login/init and sends the browser to /cas/login?loginRequestId=…; the parameters are kept
-- here, under the SHA-256 of the id (as tickets are), until the login they started issues its
-- ticket. `browser` is the keyed digest of the browser that first opened the id (NULL until
-- then): no other browser can use it afterwards. `client_fingerprint` is the SHA-256 of the
-- client's `clientFingerprint`, never the value itself.
CREATE TABLE login_requests (
    id TEXT PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    service_url TEXT NOT NULL,
    renew INTEGER NOT NULL,
    gateway INTEGER NOT NULL,
    accept_strengths TEXT,
    authentication_level TEXT,
    assurance_level TEXT,
    method TEXT,
    locale TEXT,
    client_fingerprint TEXT,
    browser TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX login_requests_expiry ON login_requests(expires_at);

-- A service ticket issued from a login request that carried a clientFingerprint validates only
-- with it (docs/CAS.md, "Login requests"): the SHA-256 of the value, or NULL.
ALTER TABLE tickets ADD COLUMN client_fingerprint TEXT;
