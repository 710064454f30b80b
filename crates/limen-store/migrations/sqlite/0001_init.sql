CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    first_name TEXT,
    last_name TEXT NOT NULL,
    user_type TEXT NOT NULL,
    status TEXT NOT NULL,
    assurance TEXT NOT NULL,
    email_locale TEXT NOT NULL,
    ui_locale TEXT,
    password_hash TEXT,
    password_changed_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    protocol TEXT NOT NULL,
    url_patterns TEXT NOT NULL,
    accepted_strengths TEXT NOT NULL,
    min_assurance TEXT NOT NULL,
    attributes TEXT NOT NULL,
    logout_url TEXT,
    single_logout INTEGER NOT NULL,
    proxy_callbacks TEXT NOT NULL,
    builtin INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE sso_sessions (
    id TEXT PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    proofs TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    client_ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sso_sessions_account ON sso_sessions(account_id);
CREATE INDEX sso_sessions_expiry ON sso_sessions(expires_at);

CREATE TABLE session_services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sso_sessions(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    service_url TEXT NOT NULL,
    ticket TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX session_services_session ON session_services(session_id);

CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES sso_sessions(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    service_url TEXT NOT NULL,
    strength TEXT NOT NULL,
    auth_at INTEGER NOT NULL,
    from_new_login INTEGER NOT NULL,
    proxies TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX tickets_expiry ON tickets(expires_at);
CREATE INDEX tickets_session ON tickets(session_id);

CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    account_id INTEGER,
    client_ip TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_account ON audit_log(account_id);

CREATE TABLE demo_sessions (
    id TEXT PRIMARY KEY,
    ticket TEXT NOT NULL,
    username TEXT NOT NULL,
    attributes TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX demo_sessions_ticket ON demo_sessions(ticket);
