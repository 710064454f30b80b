//! The CAPTCHA of the forms that send e-mail (registration, lost password), self-hosted: no
//! third party sees who registers.
//!
//! Two ways to pass, either is enough:
//! - an image of letters and digits ([`image`]) with a "new code" button (seed 003);
//! - the accessible alternative, a proof-of-work puzzle ([`pow`]) that the browser solves in a
//!   second or two when the user presses a button. It needs no sight or hearing, so it serves
//!   blind and deaf-blind users alike — an audio CAPTCHA would leave out the latter, and would
//!   need recorded speech in every language. Its job, like the image's, is to make mass
//!   registration costly; the per-address and per-client limits and the e-mail link itself do
//!   the rest (an account is useless until its mailbox owner follows the link).
//!
//! A challenge is not stored when a form is shown (issue 11 item 6: anonymous page views must
//! not grow the database). It travels in the page as `TAG.EXPIRY.NONCE.MAC`:
//!
//! - `TAG` says what it is for — `i` (a picture) or `p18` (a puzzle of 18 bits) — so one kind
//!   cannot stand for the other, and the puzzle's difficulty cannot be lowered;
//! - `EXPIRY` is when it stops being accepted (Unix seconds, now + `captcha_ttl`);
//! - `NONCE` is 128 random bits (base64url);
//! - `MAC` is HMAC-SHA256 (RFC 2104) of the rest under the `captcha_key` setting, a random key
//!   every node reads from the store, domain-separated from every other MAC (`limen-captcha`).
//!
//! The picture's code is not in the token: it is derived from the nonce with the same key
//! ([`image_answer`]), so only the server knows it and any node can draw and check it. The
//! puzzle is the whole token (`pow.js` hashes it with the nonce it finds).
//!
//! A challenge is recorded only when a form answers it: the SHA-256 of the token goes into
//! `captcha_uses` with an insert-if-absent, which succeeds for exactly one request however many
//! arrive at once; a second answer is "already used", right or wrong. So an image cannot be
//! guessed at repeatedly and a solved puzzle serves once. The rows are purged after expiry,
//! after which the MAC'd expiry refuses the token anyway.

pub mod image;
pub mod pow;

use crate::i18n::Tr;
use crate::{AppState, WebError};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::SeedableRng;

/// Longest token accepted back (ours are about 85 characters).
const MAX_TOKEN: usize = 128;
/// Domain separation of this module's MACs and derivations.
const DOMAIN: &str = "limen-captcha";

/// What a form shows: the image's identifier and the puzzle.
pub struct CaptchaView {
    pub image_id: String,
    pub pow_challenge: String,
    pub pow_difficulty: u32,
    /// How long the form's check stays valid (`captcha_ttl`), which the form announces, and
    /// when it ends (Unix seconds), for the warning before it (`timelimit.js`).
    pub valid_minutes: i64,
    pub expires: i64,
}

/// What a form sends back.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CaptchaAnswer {
    #[serde(default)]
    pub captcha_id: String,
    #[serde(default)]
    pub captcha_answer: String,
    #[serde(default)]
    pub pow_challenge: String,
    #[serde(default)]
    pub pow_nonce: String,
}

/// What a challenge is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Image,
    Puzzle { bits: u32 },
}

impl Kind {
    fn tag(self) -> String {
        match self {
            Kind::Image => "i".to_owned(),
            Kind::Puzzle { bits } => format!("p{bits}"),
        }
    }

    fn from_tag(tag: &str) -> Option<Kind> {
        match tag {
            "i" => Some(Kind::Image),
            _ => {
                let bits = tag.strip_prefix('p')?;
                (bits.len() <= 2 && bits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| bits.parse().ok())
                    .flatten()
                    .filter(|&b| b <= 64)
                    .map(|bits| Kind::Puzzle { bits })
            }
        }
    }
}

/// Why an answer did not pass; each has its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No answer, or the wrong one.
    Wrong,
    /// Past its expiry.
    Expired,
    /// Answered before.
    Used,
    /// Not a challenge of ours, altered, or of the other kind.
    Invalid,
}

impl Refusal {
    /// The message next to the CAPTCHA field.
    pub fn message(self, tr: &Tr) -> String {
        tr.t(match self {
            Refusal::Wrong => "error-captcha",
            Refusal::Expired => "error-captcha-expired",
            Refusal::Used => "error-captcha-used",
            Refusal::Invalid => "error-captcha-invalid",
        })
    }
}

fn mac(key: &[u8], payload: &str) -> String {
    let tag = limen_crypto::hmac_sha256(key, format!("{DOMAIN}\u{0}mac\u{0}{payload}").as_bytes());
    URL_SAFE_NO_PAD.encode(tag)
}

/// A new token of `kind`, valid for `captcha_ttl`.
fn seal(state: &AppState, kind: Kind) -> String {
    let expiry = (state.now() + state.config.self_service.captcha_ttl).unix_timestamp();
    let payload = format!("{}.{expiry}.{}", kind.tag(), limen_crypto::random_token(16));
    let mac = mac(&state.captcha_key, &payload);
    format!("{payload}.{mac}")
}

/// A token's kind, expiry and nonce, once its MAC has been checked (in constant time).
struct Opened<'a> {
    kind: Kind,
    expiry: i64,
    nonce: &'a str,
}

fn open<'a>(state: &AppState, token: &'a str) -> Result<Opened<'a>, Refusal> {
    if token.is_empty() || token.len() > MAX_TOKEN {
        return Err(Refusal::Invalid);
    }
    let (payload, given) = token.rsplit_once('.').ok_or(Refusal::Invalid)?;
    let expected = mac(&state.captcha_key, payload);
    if !limen_crypto::constant_time_eq(expected.as_bytes(), given.as_bytes()) {
        return Err(Refusal::Invalid);
    }
    let mut parts = payload.splitn(3, '.');
    let (Some(tag), Some(expiry), Some(nonce)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Refusal::Invalid);
    };
    let kind = Kind::from_tag(tag).ok_or(Refusal::Invalid)?;
    let expiry = expiry.parse().map_err(|_| Refusal::Invalid)?;
    Ok(Opened {
        kind,
        expiry,
        nonce,
    })
}

/// The token, if it is ours, of the kind wanted and not expired.
fn open_live<'a>(
    state: &AppState,
    token: &'a str,
    wanted: impl Fn(Kind) -> bool,
) -> Result<Opened<'a>, Refusal> {
    let opened = open(state, token)?;
    if !wanted(opened.kind) {
        return Err(Refusal::Invalid);
    }
    if opened.expiry <= state.now().unix_timestamp() {
        return Err(Refusal::Expired);
    }
    Ok(opened)
}

/// The code a picture token shows: [`image::CODE_LEN`] characters of [`image::ALPHABET`], drawn
/// without bias (rejection sampling) from HMAC-SHA256 of its nonce under the CAPTCHA key. The
/// browser never has it; tests read it from here, as only the server can.
pub fn image_answer(state: &AppState, token: &str) -> Option<String> {
    let opened = open_live(state, token, |k| k == Kind::Image).ok()?;
    Some(derive_code(&state.captcha_key, opened.nonce))
}

fn derive_code(key: &[u8], nonce: &str) -> String {
    let n = image::ALPHABET.len();
    // The largest multiple of the alphabet's size that fits in a byte: bytes above are skipped.
    let limit = 256 - 256 % n;
    let mut code = String::with_capacity(image::CODE_LEN);
    for block in 0u32.. {
        let bytes = limen_crypto::hmac_sha256(
            key,
            format!("{DOMAIN}\u{0}code\u{0}{block}\u{0}{nonce}").as_bytes(),
        );
        for b in bytes.iter().map(|&b| usize::from(b)).filter(|&b| b < limit) {
            code.push(char::from(image::ALPHABET[b % n]));
            if code.len() == image::CODE_LEN {
                return code;
            }
        }
    }
    unreachable!("an endless supply of HMAC blocks yields six bytes in range")
}

/// A fresh image code and puzzle. Writes nothing.
pub fn issue(state: &AppState) -> CaptchaView {
    let difficulty = state.config.self_service.pow_difficulty;
    CaptchaView {
        image_id: seal(state, Kind::Image),
        pow_challenge: seal(state, Kind::Puzzle { bits: difficulty }),
        pow_difficulty: difficulty,
        valid_minutes: state.config.self_service.captcha_ttl.whole_minutes(),
        expires: (state.now() + state.config.self_service.captcha_ttl).unix_timestamp(),
    }
}

/// Records the answer to a live token; `Used` if it was answered before.
async fn spend(
    state: &AppState,
    token: &str,
    expiry: i64,
) -> Result<Result<(), Refusal>, WebError> {
    let expires_at = time::OffsetDateTime::from_unix_timestamp(expiry)
        .map_err(|_| WebError::Internal("CAPTCHA expiry out of range".into()))?;
    let id = limen_crypto::sha256_hex(token.as_bytes());
    Ok(if state.store.spend_captcha(&id, expires_at).await? {
        Ok(())
    } else {
        Err(Refusal::Used)
    })
}

async fn check_image(
    state: &AppState,
    token: &str,
    typed: &str,
) -> Result<Result<(), Refusal>, WebError> {
    if token.is_empty() {
        return Ok(Err(Refusal::Wrong));
    }
    let opened = match open_live(state, token, |k| k == Kind::Image) {
        Ok(o) => o,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let typed = image::normalise_answer(typed);
    if typed.is_empty() {
        // Nothing was guessed: nothing to spend.
        return Ok(Err(Refusal::Wrong));
    }
    if let Err(refusal) = spend(state, token, opened.expiry).await? {
        return Ok(Err(refusal));
    }
    let code = derive_code(&state.captcha_key, opened.nonce);
    Ok(
        if limen_crypto::constant_time_eq(typed.as_bytes(), code.as_bytes()) {
            Ok(())
        } else {
            Err(Refusal::Wrong)
        },
    )
}

async fn check_puzzle(
    state: &AppState,
    token: &str,
    nonce: &str,
) -> Result<Result<(), Refusal>, WebError> {
    let opened = match open_live(state, token, |k| matches!(k, Kind::Puzzle { .. })) {
        Ok(o) => o,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let Kind::Puzzle { bits } = opened.kind else {
        return Ok(Err(Refusal::Invalid));
    };
    // A wrong nonce costs nothing to try again locally, so it spends nothing either.
    if !pow::solves(token, nonce, bits) {
        return Ok(Err(Refusal::Wrong));
    }
    spend(state, token, opened.expiry).await
}

/// Whether the answer passes: the puzzle when a nonce is sent, the picture when a code is typed
/// (or when nothing else is). A picture named with a typed code is spent, right or wrong, so
/// one picture cannot be guessed at repeatedly; a solved puzzle is spent when it passes. The
/// refusal shown is the picture's when a code was typed, otherwise the puzzle's.
pub async fn check(
    state: &AppState,
    answer: &CaptchaAnswer,
) -> Result<Result<(), Refusal>, WebError> {
    let puzzle = if answer.pow_nonce.is_empty() {
        None
    } else {
        Some(check_puzzle(state, &answer.pow_challenge, &answer.pow_nonce).await?)
    };
    if puzzle == Some(Ok(())) {
        return Ok(Ok(()));
    }
    let typed = !image::normalise_answer(&answer.captcha_answer).is_empty();
    match puzzle {
        Some(refused) if !typed => Ok(refused),
        _ => check_image(state, &answer.captcha_id, &answer.captcha_answer).await,
    }
}

/// GET /cas/captcha/{id}: the image of a live picture token (404 otherwise). Drawn from a seed
/// derived from the token, so that reloading it gives the same picture rather than new noise to
/// average away. Reads and writes nothing in the store.
pub async fn image(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let token = id.strip_suffix(".png").unwrap_or(&id);
    let Some(code) = image_answer(&state, token) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let seed = limen_crypto::hmac_sha256(
        &state.captcha_key,
        format!("{DOMAIN}\u{0}picture\u{0}{token}").as_bytes(),
    );
    let mut rng = rand::rngs::StdRng::from_seed(seed);
    let png = image::render_png(&code, &mut rng);
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_refuse_the_rest() {
        for kind in [
            Kind::Image,
            Kind::Puzzle { bits: 0 },
            Kind::Puzzle { bits: 18 },
            Kind::Puzzle { bits: 64 },
        ] {
            assert_eq!(Kind::from_tag(&kind.tag()), Some(kind));
        }
        for bad in ["", "x", "p", "p65", "p100", "p-1", "p+1", "I", "i1", "p１"] {
            assert_eq!(Kind::from_tag(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn derived_codes_use_the_alphabet_and_depend_on_key_and_nonce() {
        let a = derive_code(b"key one", "nonce");
        assert_eq!(a.len(), image::CODE_LEN);
        assert!(a.bytes().all(|b| image::ALPHABET.contains(&b)), "{a}");
        assert_eq!(a, derive_code(b"key one", "nonce"), "deterministic");
        assert_ne!(a, derive_code(b"key two", "nonce"));
        assert_ne!(a, derive_code(b"key one", "nonce2"));
        // Every letter of the alphabet turns up, roughly evenly, over many nonces.
        let mut seen = [0usize; 256];
        for i in 0..2000 {
            for b in derive_code(b"k", &i.to_string()).bytes() {
                seen[usize::from(b)] += 1;
            }
        }
        for &c in image::ALPHABET {
            let n = seen[usize::from(c)];
            // 12 000 characters over 19 symbols: about 632 each.
            assert!((450..850).contains(&n), "{} seen {n} times", char::from(c));
        }
    }
}
