//! The seeded rows: what the server itself would have written for accounts registered over the
//! years, their second factors, and SSO sessions in use — every NOT NULL column filled, in the
//! shapes the store reads back (limen-store's `to_account`, `to_session`, …).
//!
//! Account `i` (0, 1, 2, …) is a pure function of `i`: its address, uid, names, locale, status
//! and factors, so that a later run can tell how many exist (by looking addresses up) and the
//! benchmark can name one. What is random (creation times, keys, session ids) comes from a
//! seeded generator and never decides anything a later run needs to know.
//!
//! The mix, by `i`:
//! - status: 1 in 200 locked, 2 in 200 pending (registered, no password yet), the rest active;
//!   assurance LOW, 1 in 20 MEDIUM, 1 in 100 HIGH; external (the default configuration has no
//!   internal domains);
//! - a security key or passkey (WebAuthn) for 1 in 5 (1 in 25 has two; 1 in 20 of all is a
//!   passkey), with the account's WebAuthn user handle;
//! - the mobile app (an active device) for 1 in 4;
//! - a mobile phone number for 3 in 10 (1 in 30 has two);
//! - a hardware OATH token (TOTP) for 1 in 20, from the inventory, assigned;
//! - "always require multi-factor authentication" for 1 in 50 of those with a factor.

use limen_core::{Email, Proof, ProofDevice, Strength};
use limen_crypto::sealed::SecretBox;
use rand::Rng;
use rand::rngs::StdRng;
use webauthn_rs_core::proto::{
    COSEAlgorithm, COSEEC2Key, COSEKey, COSEKeyType, Credential, CredentialV3, ECDSACurve,
    UserVerificationPolicy,
};

/// One value of a row, as both writers understand it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Int(i64),
    Text(String),
    Null,
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Int(v)
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_owned())
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Null, Into::into)
    }
}

/// Rows for one table, in the order of `columns`.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "{}", self.name);
        self.rows.push(row);
    }
}

const ACCOUNT_COLUMNS: &[&str] = &[
    "id",
    "uid",
    "email",
    "email_key",
    "first_name",
    "last_name",
    "user_type",
    "status",
    "assurance",
    "email_locale",
    "ui_locale",
    "password_hash",
    "password_changed_at",
    "created_at",
    "updated_at",
    "mfa_always",
];
const HANDLE_COLUMNS: &[&str] = &["account_id", "handle"];
const WEBAUTHN_COLUMNS: &[&str] = &[
    "account_id",
    "credential_id",
    "name",
    "kind",
    "aaguid",
    "attestation_format",
    "user_verified",
    "credential",
    "created_at",
    "last_used_at",
];
const DEVICE_COLUMNS: &[&str] = &[
    "account_id",
    "device_id",
    "public_key",
    "offline_key",
    "name",
    "os",
    "model",
    "app",
    "status",
    "pin_failures",
    "enrolment_id",
    "created_at",
    "last_used_at",
];
const PHONE_COLUMNS: &[&str] = &[
    "account_id",
    "e164",
    "country",
    "label",
    "created_at",
    "last_used_at",
];
const TOKEN_COLUMNS: &[&str] = &[
    "serial",
    "serial_key",
    "kind",
    "algorithm",
    "digits",
    "period",
    "t0",
    "secret",
    "last_step",
    "manufacturer",
    "model",
    "account_id",
    "name",
    "created_at",
    "assigned_at",
    "last_used_at",
];
const SESSION_COLUMNS: &[&str] = &[
    "id",
    "public_id",
    "account_id",
    "proofs",
    "created_at",
    "last_seen_at",
    "expires_at",
    "client_ip",
    "user_agent",
];
const SESSION_SERVICE_COLUMNS: &[&str] =
    &["session_id", "service_id", "service_url", "ticket", "at"];

/// (as written, as in an address): names from across the EU, in their own alphabets.
const FIRST_NAMES: &[(&str, &str)] = &[
    ("Élodie", "elodie"),
    ("Jan", "jan"),
    ("Maria", "maria"),
    ("Lukas", "lukas"),
    ("Sofia", "sofia"),
    ("Mateusz", "mateusz"),
    ("Ελένη", "eleni"),
    ("Иван", "ivan"),
    ("Aoife", "aoife"),
    ("Jūratė", "jurate"),
    ("Søren", "soren"),
    ("Zoé", "zoe"),
    ("Ángel", "angel"),
    ("Giulia", "giulia"),
    ("Dóra", "dora"),
    ("Tomás", "tomas"),
    ("Anneke", "anneke"),
    ("Kristiāns", "kristians"),
    ("Joana", "joana"),
    ("Ştefan", "stefan"),
    ("Petra", "petra"),
    ("Matti", "matti"),
    ("Liis", "liis"),
    ("Marko", "marko"),
    ("Bernadette", "bernadette"),
    ("Jean-Luc", "jean-luc"),
    ("Małgorzata", "malgorzata"),
    ("Karl", "karl"),
    ("Nikolina", "nikolina"),
];
const LAST_NAMES: &[(&str, &str)] = &[
    ("Martin", "martin"),
    ("Müller", "mueller"),
    ("García", "garcia"),
    ("Rossi", "rossi"),
    ("Kowalski", "kowalski"),
    ("Παπαδοπούλου", "papadopoulou"),
    ("Петров", "petrov"),
    ("Ó Súilleabháin", "osullivan"),
    ("de Vries", "devries"),
    ("Kazlauskas", "kazlauskas"),
    ("Nielsen", "nielsen"),
    ("Dubois", "dubois"),
    ("Fernández", "fernandez"),
    ("Bianchi", "bianchi"),
    ("Nagy", "nagy"),
    ("Silva", "silva"),
    ("Janssens", "janssens"),
    ("Bērziņš", "berzins"),
    ("Popescu", "popescu"),
    ("Novák", "novak"),
    ("Korhonen", "korhonen"),
    ("Tamm", "tamm"),
    ("Horvat", "horvat"),
    ("Borg", "borg"),
    ("Andersson", "andersson"),
    ("Lefèvre", "lefevre"),
    ("Wiśniewska", "wisniewska"),
    ("Gruber", "gruber"),
    ("Kovačević", "kovacevic"),
    ("O'Brien", "obrien"),
    ("Schmidt", "schmidt"),
];
/// RFC 2606 names only: nothing here can reach a real mailbox.
const DOMAINS: &[&str] = &[
    "example.org",
    "example.com",
    "example.net",
    "mail.example.org",
    "post.example.com",
    "users.example.net",
    "staff.example.org",
];
/// The languages Limen speaks (limen-web's i18n::LANGUAGES).
const LOCALES: &[&str] = &[
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];
/// (ISO 3166 country, E.164 prefix of its mobile numbers) — numbers are completed with digits.
const PHONE_PLANS: &[(&str, &str)] = &[
    ("BE", "+32470"),
    ("FR", "+33612"),
    ("DE", "+49151"),
    ("IT", "+39347"),
    ("ES", "+34612"),
    ("NL", "+31612"),
    ("PL", "+48501"),
    ("PT", "+35191"),
];
const SECURITY_KEYS: &[(&str, Option<&str>, &str)] = &[
    // (the name users give it, AAGUID when the attestation gave one, attestation format)
    (
        "YubiKey 5 NFC",
        Some("cb69481e-8ff7-4039-93ec-0a2729a154a8"),
        "packed",
    ),
    ("Security key", None, "none"),
    (
        "Feitian ePass",
        Some("833b721a-ff5f-4d00-bb2e-bdda3ec01e29"),
        "packed",
    ),
    ("Clé USB", None, "none"),
];
const PASSKEYS: &[(&str, Option<&str>)] = &[
    ("Passkey on this phone", None),
    (
        "Windows Hello",
        Some("08987058-cadc-4b81-b6e1-30de50dcbe96"),
    ),
    ("iCloud Keychain", None),
];
const DEVICES: &[(&str, &str, &str)] = &[
    // (os, model, app): what the reference app reports (limen-authenticator's DeviceInfo)
    ("Android 14", "Pixel 8", "limen-authenticator 0.1.0"),
    ("Android 13", "Galaxy S22", "limen-authenticator 0.1.0"),
    ("iOS 17.5", "iPhone 13", "limen-authenticator 0.1.0"),
    ("iOS 18.1", "iPhone 15", "limen-authenticator 0.1.0"),
];
const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
];

/// Seeded sessions come from the benchmarking network (RFC 2544 / RFC 6890: 198.18.0.0/15): no
/// real client has such an address, which is how a later run counts them.
pub const SESSION_NETWORK_PREFIXES: [&str; 2] = ["198.18.", "198.19."];

const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

/// What every row shares: the one password hash, the sealer of the device and token secrets,
/// the time of the run, and the server's session lifetimes.
pub struct Context {
    pub password_hash: String,
    pub sealer: SecretBox,
    pub now: i64,
    /// `[sso] max_lifetime_hours` (default 10) and `idle_timeout_minutes` (default 120), in
    /// seconds: sessions are made so that they are alive, and stay so for hours.
    pub session_lifetime: i64,
    pub session_idle: i64,
}

/// What account `i` is: status and factors, decided by `i` alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub status: &'static str,
    pub webauthn_keys: u8,
    pub passkey: bool,
    pub mobile: bool,
    pub phones: u8,
    pub token: bool,
}

impl Profile {
    pub fn of(i: u64) -> Self {
        let status = match i % 200 {
            0 => "locked",
            1 | 2 => "pending",
            _ => "active",
        };
        let webauthn_keys = match (i % 5, i % 25) {
            (0, 0) => 2,
            (0, _) => 1,
            _ => 0,
        };
        let phones = match (i % 10, i % 30) {
            (2, 2) => 2,
            (2 | 5 | 8, _) => 1,
            _ => 0,
        };
        Self {
            status,
            webauthn_keys,
            passkey: i.is_multiple_of(20),
            mobile: i % 4 == 1,
            phones,
            token: i % 20 == 3,
        }
    }

    pub fn has_factor(self) -> bool {
        self.webauthn_keys > 0 || self.mobile || self.phones > 0 || self.token
    }

    /// The factor names, for the report.
    pub fn factors(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.webauthn_keys > 0 {
            out.push(if self.passkey {
                "passkey"
            } else {
                "security_key"
            });
        }
        if self.mobile {
            out.push("mobile_app");
        }
        if self.phones > 0 {
            out.push("phone");
        }
        if self.token {
            out.push("oath_token");
        }
        out
    }
}

/// The address of account `i` as typed at registration; 1 in 8 with capitals, which the
/// uniqueness key (`email_key`) lower-cases as the server does.
fn typed_address(i: u64) -> String {
    let first = FIRST_NAMES[(i % FIRST_NAMES.len() as u64) as usize].1;
    let last = LAST_NAMES[((i / FIRST_NAMES.len() as u64) % LAST_NAMES.len() as u64) as usize].1;
    let domain = DOMAINS[((i / 3) % DOMAINS.len() as u64) as usize];
    if i % 8 == 7 {
        format!("{}.{}.{i}@{domain}", capitalise(first), capitalise(last))
    } else {
        format!("{first}.{last}.{i}@{domain}")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// Account `i`'s address, parsed and normalised as the server does.
pub fn email(i: u64) -> Email {
    // The generated addresses are plain ASCII `name.name.N@example.*`: always valid.
    Email::parse(&typed_address(i)).unwrap_or_else(|e| unreachable!("seed address {i}: {e}"))
}

/// Account `i`'s uid, in the server's format (`n` and seven base-36 characters), distinct for
/// every `i` below 36⁷: `i` times a multiplier prime to 36⁷ (odd, not a multiple of 3), plus an
/// offset, modulo 36⁷, is a permutation.
pub fn uid(i: u64) -> String {
    const MODULUS: u64 = 36u64.pow(7);
    const MULTIPLIER: u64 = 2_654_435_761;
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut v = ((u128::from(i) * u128::from(MULTIPLIER) + 12_345) % u128::from(MODULUS)) as u64;
    let mut digits = [b'0'; 7];
    for d in digits.iter_mut().rev() {
        *d = ALPHABET[(v % 36) as usize];
        v /= 36;
    }
    format!("n{}", String::from_utf8_lossy(&digits))
}

/// Random bytes as base64url, from the seeded generator.
fn token(rng: &mut StdRng, bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rng.fill(buf.as_mut_slice());
    limen_crypto::b64url(&buf)
}

fn hex_token(rng: &mut StdRng) -> String {
    let mut buf = [0u8; 32];
    rng.fill(&mut buf);
    hex_encode(&buf)
}

fn hex_encode(bytes: &[u8]) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

/// A CAS ticket's form (CAS 3.0 §3.7): `prefix` and 43 characters of `A-Z a-z 0-9`.
fn ticket(rng: &mut StdRng, prefix: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut s = String::from(prefix);
    for _ in 0..limen_crypto::token::TICKET_RANDOM_CHARS {
        s.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    s
}

/// The rows of one batch of accounts.
pub struct AccountBatch {
    pub accounts: Table,
    pub handles: Table,
    pub webauthn: Table,
    pub devices: Table,
    pub phones: Table,
    pub tokens: Table,
    /// (account id, index) of the active accounts: where sessions may go.
    pub active: Vec<(i64, u64)>,
}

impl AccountBatch {
    /// Makes the ids of a batch made with ids from 0 start at `first_id`: the accounts' own,
    /// and every row's `account_id`.
    pub fn shift_ids(&mut self, first_id: i64) {
        let shift = |table: &mut Table, column: &str| {
            let at = table
                .columns
                .iter()
                .position(|c| *c == column)
                .unwrap_or_else(|| unreachable!("{} has {column}", table.name));
            for row in &mut table.rows {
                if let Cell::Int(v) = &mut row[at] {
                    *v += first_id;
                }
            }
        };
        shift(&mut self.accounts, "id");
        for table in [
            &mut self.handles,
            &mut self.webauthn,
            &mut self.devices,
            &mut self.phones,
            &mut self.tokens,
        ] {
            shift(table, "account_id");
        }
        for (id, _) in &mut self.active {
            *id += first_id;
        }
    }

    pub fn tables(&self) -> [&Table; 6] {
        [
            &self.accounts,
            &self.handles,
            &self.webauthn,
            &self.devices,
            &self.phones,
            &self.tokens,
        ]
    }
}

/// Accounts `first_index ..` (`count` of them) with the ids `first_id ..`, and their factors.
pub fn account_batch(
    cx: &Context,
    rng: &mut StdRng,
    first_index: u64,
    first_id: i64,
    count: usize,
) -> AccountBatch {
    let mut b = AccountBatch {
        accounts: Table::new("accounts", ACCOUNT_COLUMNS),
        handles: Table::new("webauthn_user_handles", HANDLE_COLUMNS),
        webauthn: Table::new("webauthn_credentials", WEBAUTHN_COLUMNS),
        devices: Table::new("mobile_devices", DEVICE_COLUMNS),
        phones: Table::new("phones", PHONE_COLUMNS),
        tokens: Table::new("tokens", TOKEN_COLUMNS),
        active: Vec::with_capacity(count),
    };
    for n in 0..count {
        let i = first_index + n as u64;
        let id = first_id + n as i64;
        let profile = Profile::of(i);
        let email = email(i);
        let first = FIRST_NAMES[(i % FIRST_NAMES.len() as u64) as usize].0;
        let last =
            LAST_NAMES[((i / FIRST_NAMES.len() as u64) % LAST_NAMES.len() as u64) as usize].0;
        let locale = LOCALES[((i / 11) % LOCALES.len() as u64) as usize];
        let created = cx.now - rng.gen_range(DAY..5 * YEAR);
        let has_password = profile.status != "pending";
        let password_at = created + rng.gen_range(0..DAY);
        let updated = (password_at + rng.gen_range(0..YEAR)).min(cx.now);
        let assurance = match i % 100 {
            0 => "HIGH",
            n if n % 20 == 1 => "MEDIUM",
            _ => "LOW",
        };
        b.accounts.push(vec![
            id.into(),
            uid(i).into(),
            email.as_str().into(),
            email.key().into(),
            // 1 in 20 gave no first name (it is optional).
            (i % 20 != 19).then_some(first).into(),
            last.into(),
            "external".into(),
            profile.status.into(),
            assurance.into(),
            locale.into(),
            i.is_multiple_of(3).then_some(locale).into(),
            has_password.then(|| cx.password_hash.clone()).into(),
            has_password.then_some(password_at).into(),
            created.into(),
            updated.into(),
            i64::from(profile.has_factor() && i % 50 == 1).into(),
        ]);
        if profile.status == "active" {
            b.active.push((id, i));
        }
        let enrolled =
            |rng: &mut StdRng| created + rng.gen_range(DAY..2 * YEAR).min(cx.now - created);
        if profile.webauthn_keys > 0 {
            b.handles.push(vec![id.into(), token(rng, 32).into()]);
            for k in 0..profile.webauthn_keys {
                let at = enrolled(rng);
                let passkey = profile.passkey && k == 0;
                let (name, aaguid, format) = if passkey {
                    let (name, aaguid) = PASSKEYS[(i / 20 % PASSKEYS.len() as u64) as usize];
                    (name, aaguid, "none")
                } else {
                    SECURITY_KEYS[((i / 5 + u64::from(k)) % SECURITY_KEYS.len() as u64) as usize]
                };
                // Security keys make 64-byte credential ids, platforms and passkeys 16 to 32.
                let mut cred_id = vec![0u8; if passkey { 16 } else { 64 }];
                rng.fill(cred_id.as_mut_slice());
                b.webauthn.push(vec![
                    id.into(),
                    limen_crypto::b64url(&cred_id).into(),
                    name.into(),
                    if passkey { "passkey" } else { "security_key" }.into(),
                    aaguid.into(),
                    format.into(),
                    i64::from(passkey || i.is_multiple_of(2)).into(),
                    webauthn_record(rng, cred_id).into(),
                    at.into(),
                    Some(at + rng.gen_range(0..(cx.now - at).max(1))).into(),
                ]);
            }
        }
        if profile.mobile {
            let at = enrolled(rng);
            let (os, model, app) = DEVICES[((i / 4) % DEVICES.len() as u64) as usize];
            let (public_key, device_id) = device_key(rng);
            let mut offline_key = [0u8; 32];
            rng.fill(&mut offline_key);
            b.devices.push(vec![
                id.into(),
                device_id.clone().into(),
                public_key.into(),
                cx.sealer.seal(&offline_key, device_id.as_bytes()).into(),
                format!("{model} de {first}").into(),
                os.into(),
                model.into(),
                app.into(),
                "active".into(),
                0.into(),
                hex_token(rng).into(),
                at.into(),
                Some(at + rng.gen_range(0..(cx.now - at).max(1))).into(),
            ]);
        }
        for p in 0..profile.phones {
            let at = enrolled(rng);
            let (country, prefix) =
                PHONE_PLANS[((i / 10 + u64::from(p)) % PHONE_PLANS.len() as u64) as usize];
            b.phones.push(vec![
                id.into(),
                format!("{prefix}{:06}", (i * 7 + u64::from(p) * 13) % 1_000_000).into(),
                country.into(),
                if p == 0 { "" } else { "Work" }.into(),
                at.into(),
                (!i.is_multiple_of(3))
                    .then(|| at + rng.gen_range(0..(cx.now - at).max(1)))
                    .into(),
            ]);
        }
        if profile.token {
            let at = enrolled(rng);
            let serial = format!("FT{:010}", i);
            let serial_key = limen_store::serial_key(&serial);
            let mut secret = [0u8; 20];
            rng.fill(&mut secret);
            let used = at + rng.gen_range(0..(cx.now - at).max(1));
            b.tokens.push(vec![
                serial.clone().into(),
                serial_key.clone().into(),
                "totp".into(),
                "SHA1".into(),
                6.into(),
                30.into(),
                0.into(),
                cx.sealer.seal(&secret, serial_key.as_bytes()).into(),
                Some(used / 30).into(),
                "Feitian".into(),
                "C200".into(),
                Some(id).into(),
                "Token".into(),
                (at - rng.gen_range(DAY..YEAR)).into(),
                Some(at).into(),
                Some(used).into(),
            ]);
        }
    }
    b
}

/// A security key's record as limen-authn stores it: webauthn-rs's `Credential` (an ES256
/// P-256 key) as JSON. The coordinates are random bytes, not a point of the curve: these keys
/// cannot sign in; the record has the size and form of a real one.
fn webauthn_record(rng: &mut StdRng, cred_id: Vec<u8>) -> String {
    let mut x = vec![0u8; 32];
    let mut y = vec![0u8; 32];
    rng.fill(x.as_mut_slice());
    rng.fill(y.as_mut_slice());
    let credential = Credential::from(CredentialV3 {
        cred_id,
        cred: COSEKey {
            type_: COSEAlgorithm::ES256,
            key: COSEKeyType::EC_EC2(COSEEC2Key {
                curve: ECDSACurve::SECP256R1,
                x,
                y,
            }),
        },
        counter: rng.gen_range(0..500),
        verified: true,
        registration_policy: UserVerificationPolicy::Preferred,
    });
    serde_json::to_string(&credential)
        .unwrap_or_else(|e| unreachable!("a Credential serialises: {e}"))
}

/// A device key (a P-256 JWK, JSON) and the device id, its RFC 7638 thumbprint, as the server
/// stores them at enrolment. Random coordinates, as for the security keys.
fn device_key(rng: &mut StdRng) -> (String, String) {
    let mut point = [0u8; 65];
    point[0] = 0x04;
    rng.fill(&mut point[1..]);
    let jwk = limen_mobile::jwk::EcJwk::from_uncompressed(&point)
        .unwrap_or_else(|e| unreachable!("a 65-byte uncompressed point: {e}"));
    let json =
        serde_json::to_string(&jwk).unwrap_or_else(|e| unreachable!("a JWK serialises: {e}"));
    (json, jwk.thumbprint())
}

/// The rows of a batch of sessions.
pub struct SessionBatch {
    pub sessions: Table,
    pub services: Table,
}

/// `count` live sessions of accounts drawn from `pool` (id, index — `None` when the index is
/// not known, for accounts of an earlier run: a password proof only), each having visited one
/// to three of `services` (id, URL prefix).
pub fn session_batch(
    cx: &Context,
    rng: &mut StdRng,
    pool: &[(i64, Option<u64>)],
    services: &[(i64, String)],
    count: usize,
) -> SessionBatch {
    let mut b = SessionBatch {
        sessions: Table::new("sso_sessions", SESSION_COLUMNS),
        services: Table::new("session_services", SESSION_SERVICE_COLUMNS),
    };
    for _ in 0..count {
        let (account_id, index) = pool[rng.gen_range(0..pool.len())];
        // Alive for hours yet: created within the last (lifetime − 3 h), seen within the last
        // 20 minutes (after creation).
        let age = rng.gen_range(60..cx.session_lifetime - 3 * 3600);
        let created = cx.now - age;
        let last_seen = cx.now - rng.gen_range(0..age.min(20 * 60).min(cx.session_idle / 4));
        let mut proofs = vec![Proof {
            strength: Strength::Password,
            at: time_of(created),
            device: None,
        }];
        if let Some(i) = index {
            let profile = Profile::of(i);
            // Half the sessions of accounts with a second factor used it.
            if rng.gen_bool(0.5) {
                if profile.webauthn_keys > 0 {
                    proofs.push(Proof {
                        strength: Strength::PasswordWebauthn,
                        at: time_of(created + 20),
                        device: Some(ProofDevice {
                            id: rng.gen_range(1..1_000_000i64).to_string(),
                            kind: if profile.passkey {
                                "passkey"
                            } else {
                                "security_key"
                            }
                            .into(),
                            name: "YubiKey 5 NFC".into(),
                            level: None,
                        }),
                    });
                } else if profile.mobile {
                    proofs.push(Proof {
                        strength: Strength::PasswordMobileApp,
                        at: time_of(created + 15),
                        device: None,
                    });
                } else if profile.phones > 0 {
                    proofs.push(Proof {
                        strength: Strength::PasswordSms,
                        at: time_of(created + 40),
                        device: None,
                    });
                }
            }
        }
        let id = hex_token(rng);
        b.sessions.push(vec![
            id.clone().into(),
            token(rng, 12).into(),
            account_id.into(),
            serde_json::to_string(&proofs)
                .unwrap_or_else(|e| unreachable!("proofs serialise: {e}"))
                .into(),
            created.into(),
            last_seen.into(),
            (created + cx.session_lifetime).into(),
            format!(
                "{}{}.{}",
                SESSION_NETWORK_PREFIXES[rng.gen_range(0..2)],
                rng.gen_range(0..256),
                rng.gen_range(1..255)
            )
            .into(),
            USER_AGENTS[rng.gen_range(0..USER_AGENTS.len())].into(),
        ]);
        let visited = rng.gen_range(1..=3.min(services.len()));
        for v in 0..visited {
            let (service_id, prefix) =
                &services[(v + rng.gen_range(0..services.len())) % services.len()];
            b.services.push(vec![
                id.clone().into(),
                (*service_id).into(),
                format!("{prefix}app/{}", rng.gen_range(1..100)).into(),
                ticket(rng, "ST-").into(),
                (created + 2 + v as i64).min(last_seen).into(),
            ]);
        }
    }
    b
}

fn time_of(t: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_core::PersonName;
    use rand::SeedableRng;
    use std::collections::HashSet;

    fn context() -> Context {
        Context {
            password_hash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
            sealer: SecretBox::new(&[7; 32]),
            now: 1_800_000_000,
            session_lifetime: 10 * 3600,
            session_idle: 120 * 60,
        }
    }

    #[test]
    fn names_are_what_the_server_accepts() {
        for (written, _) in FIRST_NAMES.iter().chain(LAST_NAMES) {
            let parsed = PersonName::parse(written).expect("a valid name");
            assert_eq!(parsed.as_str(), *written, "stored as written");
        }
    }

    #[test]
    fn addresses_and_uids_are_distinct_and_normalised() {
        let mut keys = HashSet::new();
        let mut uids = HashSet::new();
        for i in 0..50_000 {
            let e = email(i);
            assert!(keys.insert(e.key()), "address {i} repeats");
            assert_eq!(e.key(), e.key().to_lowercase());
            let u = uid(i);
            assert_eq!(u.len(), 8);
            assert!(u.starts_with('n'));
            assert!(uids.insert(u), "uid {i} repeats");
        }
        assert_eq!(email(7).as_str(), "Ivan.Martin.7@example.net");
        assert_eq!(email(7).key(), "ivan.martin.7@example.net");
        assert_eq!(email(30).as_str(), "jan.mueller.30@mail.example.org");
    }

    #[test]
    fn the_mix_has_every_factor_in_its_share() {
        let n = 100_000u64;
        let count = |f: fn(&Profile) -> bool| {
            (0..n).filter(|i| f(&Profile::of(*i))).count() as f64 / n as f64
        };
        assert!((count(|p| p.webauthn_keys > 0) - 0.20).abs() < 0.001);
        assert!((count(|p| p.mobile) - 0.25).abs() < 0.001);
        assert!((count(|p| p.phones > 0) - 0.30).abs() < 0.001);
        assert!((count(|p| p.token) - 0.05).abs() < 0.001);
        assert!((count(|p| p.status == "active") - 0.985).abs() < 0.001);
    }

    #[test]
    fn a_batch_fills_every_table_with_rows_of_the_right_width() {
        let cx = context();
        let mut rng = StdRng::seed_from_u64(1);
        let b = account_batch(&cx, &mut rng, 0, 100, 1000);
        assert_eq!(b.accounts.rows.len(), 1000);
        assert_eq!(b.handles.rows.len(), 200);
        assert_eq!(b.webauthn.rows.len(), 240);
        assert_eq!(b.devices.rows.len(), 250);
        assert_eq!(b.phones.rows.len(), 300 + 34);
        assert_eq!(b.tokens.rows.len(), 50);
        for t in b.tables() {
            assert!(
                t.rows.iter().all(|r| r.len() == t.columns.len()),
                "{}",
                t.name
            );
        }
        // Ids follow the indexes; pending accounts have no password.
        assert_eq!(b.accounts.rows[0][0], Cell::Int(100));
        let mut shifted = account_batch(&cx, &mut rng, 0, 0, 1000);
        shifted.shift_ids(100);
        for (a, b) in b.tables().iter().zip(shifted.tables()) {
            let ids = |t: &Table| -> Vec<Cell> {
                let at = t
                    .columns
                    .iter()
                    .position(|c| *c == "id" || *c == "account_id")
                    .unwrap();
                t.rows.iter().map(|r| r[at].clone()).collect()
            };
            assert_eq!(ids(a), ids(b), "{}", a.name);
        }
        assert_eq!(b.active, shifted.active);
        assert_eq!(b.accounts.rows[1][11], Cell::Null);
        assert_eq!(b.accounts.rows[3][11], Cell::Text(cx.password_hash.clone()));
        // A device's id is its key's thumbprint; its offline key opens under the master key.
        let Cell::Text(jwk) = &b.devices.rows[0][2] else {
            panic!("a JWK")
        };
        let Cell::Text(device_id) = &b.devices.rows[0][1] else {
            panic!("a device id")
        };
        let jwk: limen_mobile::jwk::EcJwk = serde_json::from_str(jwk).unwrap();
        assert_eq!(&jwk.thumbprint(), device_id);
        let Cell::Text(sealed) = &b.devices.rows[0][3] else {
            panic!("sealed")
        };
        assert_eq!(
            cx.sealer.open(sealed, device_id.as_bytes()).unwrap().len(),
            32
        );
        // A security key's record is what limen-authn reads back.
        let Cell::Text(record) = &b.webauthn.rows[0][7] else {
            panic!("a record")
        };
        serde_json::from_str::<Credential>(record).unwrap();

        let pool: Vec<(i64, Option<u64>)> =
            b.active.iter().map(|(id, i)| (*id, Some(*i))).collect();
        let s = session_batch(
            &cx,
            &mut rng,
            &pool,
            &[(1, "https://a.example.org/".into())],
            500,
        );
        assert_eq!(s.sessions.rows.len(), 500);
        assert_eq!(s.services.rows.len(), 500);
        for row in &s.sessions.rows {
            let (Cell::Int(created), Cell::Int(seen), Cell::Int(expires)) =
                (&row[4], &row[5], &row[6])
            else {
                panic!("times")
            };
            assert!(created <= seen && *seen <= cx.now && *expires > cx.now + 3 * 3600);
            assert!(cx.now - seen < cx.session_idle);
            let Cell::Text(proofs) = &row[3] else {
                panic!("proofs")
            };
            assert!(
                !serde_json::from_str::<Vec<Proof>>(proofs)
                    .unwrap()
                    .is_empty()
            );
        }
    }
}
