-- Issue 14: the mobile authenticator (docs/MOBILE-PROTOCOL.md, `limen-mobile/1`).

-- An enrolled (or enrolling) device. `device_id` is the RFC 7638 thumbprint of its key (unique
-- across accounts), `public_key` that key as a JWK (JSON). `offline_key` is the key K of §2,
-- sealed by the caller under the master key. `status`: pending (taken an enrolment, not yet
-- confirmed, §3 step 5), active, locked (`pin_tries` wrong PINs in a row, §2.1). `enrolment_id` names
-- the enrolment that made it. `push_*`: its Web Push subscription (§7), all three or none.
CREATE TABLE mobile_devices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    offline_key TEXT NOT NULL,
    name TEXT NOT NULL,
    os TEXT NOT NULL,
    model TEXT NOT NULL,
    app TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'locked')),
    pin_failures INTEGER NOT NULL DEFAULT 0,
    enrolment_id TEXT,
    push_endpoint TEXT,
    push_p256dh TEXT,
    push_auth TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    locked_at INTEGER
);
CREATE INDEX mobile_devices_account ON mobile_devices(account_id);

-- An enrolment (§3), under the SHA-256 (hex) of its token: single-use, short-lived. `pin_key` is
-- P(PIN) sealed by the caller, kept only until the device confirms ('' afterwards). `state`:
-- open → taken (by the device `device_id`) → done or failed.
CREATE TABLE mobile_enrolments (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    salt TEXT NOT NULL,
    pin_key TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'taken', 'done', 'failed')),
    device_id TEXT,
    -- The SSO session that started it: a device may confirm only while it lives.
    session_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX mobile_enrolments_expiry ON mobile_enrolments(expires_at);
CREATE INDEX mobile_enrolments_account ON mobile_enrolments(account_id);

-- A challenge (§5): `device_id` is the device asked (push), `number` the two digits the page
-- shows ('' when none), `display` the JSON shown on the device, `signed` the signed object.
-- `status`: pending → approved, denied or failed (answered once, by `answered_by`) → spent.
CREATE TABLE mobile_challenges (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('push', 'offline', 'on_mobile')),
    device_id TEXT,
    number TEXT NOT NULL,
    display TEXT NOT NULL,
    signed TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'failed', 'spent')),
    answered_by TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    answered_at INTEGER
);
CREATE INDEX mobile_challenges_device ON mobile_challenges(device_id, status);
CREATE INDEX mobile_challenges_expiry ON mobile_challenges(expires_at);
CREATE INDEX mobile_challenges_account ON mobile_challenges(account_id, status);

-- The `jti`s of device proofs seen (§4), each until the end of its replay window.
CREATE TABLE device_proof_jtis (
    device_id TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, jti)
);
