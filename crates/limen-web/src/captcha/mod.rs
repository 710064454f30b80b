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
//! Each challenge lives in the store (every node can check it), expires, and is taken on use, so
//! an answer or a solved puzzle serves once.

pub mod image;
pub mod pow;

use crate::{AppState, WebError};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rand::SeedableRng;
use sha2::{Digest, Sha256};

const IMAGE: &str = "image";
const POW: &str = "pow";

/// What a form shows: the image's identifier and the puzzle.
pub struct CaptchaView {
    pub image_id: String,
    pub pow_challenge: String,
    pub pow_difficulty: u32,
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

fn key(id: &str) -> String {
    limen_crypto::sha256_hex(id.as_bytes())
}

/// A fresh image code and puzzle.
pub async fn issue(state: &AppState) -> Result<CaptchaView, WebError> {
    let expires = state.now() + state.config.self_service.captcha_ttl;
    let image_id = limen_crypto::random_token(18);
    let code = image::random_code(&mut rand::rngs::OsRng);
    state
        .store
        .create_challenge(&key(&image_id), IMAGE, &code, expires)
        .await?;
    let pow_challenge = limen_crypto::random_token(16);
    let difficulty = state.config.self_service.pow_difficulty;
    state
        .store
        .create_challenge(&key(&pow_challenge), POW, &difficulty.to_string(), expires)
        .await?;
    Ok(CaptchaView {
        image_id,
        pow_challenge,
        pow_difficulty: difficulty,
    })
}

/// Whether the answer passes. Every challenge the answer names is used up, right or wrong, so
/// one image cannot be guessed at repeatedly.
pub async fn check(state: &AppState, answer: &CaptchaAnswer) -> Result<bool, WebError> {
    let now = state.now();
    let mut passed = false;
    let consume_puzzle = !answer.pow_nonce.is_empty();
    if !answer.pow_challenge.is_empty()
        && answer.pow_challenge.len() <= 128
        && let Some(difficulty) = state
            .store
            .challenge(&key(&answer.pow_challenge), POW, now, consume_puzzle)
            .await?
            .and_then(|d| d.parse::<u32>().ok())
    {
        passed |=
            consume_puzzle && pow::solves(&answer.pow_challenge, &answer.pow_nonce, difficulty);
    }
    if !answer.captcha_id.is_empty() && answer.captcha_id.len() <= 128 {
        let typed = image::normalise_answer(&answer.captcha_answer);
        if let Some(code) = state
            .store
            .challenge(&key(&answer.captcha_id), IMAGE, now, true)
            .await?
        {
            passed |= !typed.is_empty()
                && limen_crypto::constant_time_eq(typed.as_bytes(), code.as_bytes());
        }
    }
    Ok(passed)
}

/// GET /cas/captcha/{id}: the image. Drawn from a seed derived from the identifier, so that
/// reloading it gives the same picture rather than new noise to average away.
pub async fn image(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = id.trim_end_matches(".png");
    let code = if id.len() <= 128 {
        state
            .store
            .challenge(&key(id), IMAGE, state.now(), false)
            .await?
    } else {
        None
    };
    let Some(code) = code else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let mut seed = Sha256::new();
    seed.update(&state.csrf_key[..]);
    seed.update(id.as_bytes());
    let mut rng = rand::rngs::StdRng::from_seed(seed.finalize().into());
    let png = image::render_png(&code, &mut rng);
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png,
    )
        .into_response())
}
