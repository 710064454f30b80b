//! The demo service's "Sign a transfer" page (issue 18, seed 003's DG CLIMA example): the demo
//! asks its signed-in user to sign a transfer, sends them to Limen's signing page, redeems the
//! result at its return URL and verifies the receipt as any service would — with the key set
//! Limen publishes at `/oidc/jwks` and the RFC 8785 form of the data — then shows what was
//! signed. It calls the signing API's functions in process (it is built in), with the same checks
//! an outside service's call gets.

use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::sign::api::{Caller, Invalid, create_request};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

/// The cookie holding the request this browser's demo session asked for: the return URL may be
/// opened in another browser (sent to someone), whose demo must not take a stranger's signature
/// for its user's (the OAuth "state" check, RFC 6749 §10.12).
const PENDING: &str = "demo_sign";

/// What a transfer's beneficiary account looks like (the registry's account numbers).
const ACCOUNT_PATTERN: &str = "EU-[0-9]{3}-[0-9]{1,6}";

#[derive(Template)]
#[template(path = "demo_sign.html")]
struct SignPage {
    ctx: PageCtx,
    user: String,
    amount: String,
    beneficiary: String,
    error: Option<String>,
    result: Option<Verified>,
}

/// A receipt the demo verified.
struct Verified {
    status: String,
    title: String,
    fields: Vec<(String, String)>,
    method: String,
    device: String,
    signed_at: String,
    kid: String,
    receipt: String,
}

async fn demo_user(state: &AppState, ctx: &Ctx) -> Result<Option<String>, WebError> {
    Ok(crate::demo::session(state, ctx)
        .await?
        .map(|(user, _)| user))
}

fn sign_in_first(state: &AppState, ctx: &Ctx) -> Response {
    let service = format!("{}/demo/", state.config.public_url);
    let encoded: String = url::form_urlencoded::byte_serialize(service.as_bytes()).collect();
    ctx.redirect(&format!("/cas/login?service={encoded}"))
}

fn page(ctx: &Ctx, user: String, error: Option<String>, result: Option<Verified>) -> SignPage {
    SignPage {
        ctx: PageCtx::new(ctx, None),
        user,
        amount: "100 EUA".into(),
        beneficiary: "EU-100-5".into(),
        error,
        result,
    }
}

/// `GET /demo/sign`: the transfer form.
pub async fn form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let Some(user) = demo_user(&state, &ctx).await? else {
        return Ok(sign_in_first(&state, &ctx));
    };
    pages::render(&ctx, StatusCode::OK, &page(&ctx, user, None, None))
}

#[derive(Debug, Default, Deserialize)]
pub struct TransferForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    beneficiary: String,
}

/// `POST /demo/sign`: asks Limen for the signature, then sends the user to sign.
pub async fn submit(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<TransferForm>,
) -> Result<Response, WebError> {
    let Some(user) = demo_user(&state, &ctx).await? else {
        return Ok(sign_in_first(&state, &ctx));
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        return pages::csrf_refused(&ctx, ("/demo/sign".into(), ctx.tr.t("demo-sign-title")));
    }
    let Some(service) = state.store.service_by_name(crate::demo::NAME).await? else {
        return Err(WebError::Internal(
            "the demo service is not registered".into(),
        ));
    };
    let body = json!({
        "user": user,
        "title": ctx.tr.t("demo-sign-transfer"),
        "fields": [
            {"label": ctx.tr.t("demo-sign-amount"), "value": form.amount.trim()},
            {"label": ctx.tr.t("demo-sign-beneficiary"), "value": form.beneficiary.trim(),
             "retype": true, "pattern": ACCOUNT_PATTERN},
        ],
        "return_url": format!("{}/demo/sign/done", state.config.public_url),
    });
    match create_request(&state, &Caller::Cas(service), body).await? {
        Ok(r) => {
            ctx.set_cookie(PENDING, &r.id, Some(3600));
            Ok(ctx.redirect(&format!("/sign/{}", r.id)))
        }
        Err(Invalid(_, message)) => {
            let mut p = page(&ctx, user, Some(message), None);
            p.amount = form.amount;
            p.beneficiary = form.beneficiary;
            pages::render(&ctx, StatusCode::BAD_REQUEST, &p)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    result: String,
}

/// `GET /demo/sign/done?result=…`: redeems the result and verifies the receipt.
pub async fn done(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, WebError> {
    let Some(user) = demo_user(&state, &ctx).await? else {
        return Ok(sign_in_first(&state, &ctx));
    };
    let Some(service) = state.store.service_by_name(crate::demo::NAME).await? else {
        return Err(WebError::Internal(
            "the demo service is not registered".into(),
        ));
    };
    let redeemed = state
        .store
        .redeem_signature_result(
            &limen_crypto::sha256_hex(q.result.as_bytes()),
            service.id,
            state.now(),
        )
        .await?;
    // Only the request this browser asked for, for this demo user.
    let redeemed =
        redeemed.filter(|r| ctx.cookie(PENDING) == Some(r.id.as_str()) && r.subject == user);
    let Some(request) = redeemed else {
        let msg = ctx.tr.t("demo-sign-result-unknown");
        return pages::render(
            &ctx,
            StatusCode::BAD_REQUEST,
            &page(&ctx, user, Some(msg), None),
        );
    };
    let Some(jws) = request.receipt.filter(|_| request.status == "signed") else {
        let result = Verified {
            status: ctx.tr.t("demo-sign-refused"),
            title: request.title,
            fields: Vec::new(),
            method: String::new(),
            device: String::new(),
            signed_at: String::new(),
            kid: String::new(),
            receipt: String::new(),
        };
        return pages::render(&ctx, StatusCode::OK, &page(&ctx, user, None, Some(result)));
    };
    let jwks = state.keys.current(&state.store, state.now()).await?.jwks();
    match verify(
        &jwks,
        &jws,
        &format!("cas-{}", service.id),
        &state.config.public_url,
    ) {
        Ok(claims) => {
            let txn = &claims["txn"];
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let result = Verified {
                status: ctx.tr.t("demo-sign-verified"),
                title: text(&txn["title"]),
                fields: txn["fields"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|f| (text(&f["label"]), text(&f["value"])))
                            .collect()
                    })
                    .unwrap_or_default(),
                method: ctx.tr.t(&format!("method-{}", text(&claims["method"]))),
                device: text(&claims["device"]["name"]),
                signed_at: time::OffsetDateTime::from_unix_timestamp(
                    claims["iat"].as_i64().unwrap_or_default(),
                )
                .map(|t| ctx.tr.datetime(t))
                .unwrap_or_default(),
                kid: jsonwebtoken::decode_header(&jws)
                    .ok()
                    .and_then(|h| h.kid)
                    .unwrap_or_default(),
                receipt: jws,
            };
            pages::render(&ctx, StatusCode::OK, &page(&ctx, user, None, Some(result)))
        }
        Err(why) => {
            tracing::error!(why, "the demo could not verify a signature receipt");
            let msg = ctx.tr.t("demo-sign-invalid");
            pages::render(
                &ctx,
                StatusCode::BAD_GATEWAY,
                &page(&ctx, user, Some(msg), None),
            )
        }
    }
}

/// What a service does with a receipt (docs/SIGNING.md "Verifying a receipt"): the signature
/// under the published key named by `kid`, `typ`, `iss`, `aud`, and `txn_hash` =
/// B64URL(SHA-256(JCS(txn))).
fn verify(jwks: &Value, jws: &str, audience: &str, issuer: &str) -> Result<Value, String> {
    let header = jsonwebtoken::decode_header(jws).map_err(|e| e.to_string())?;
    if header.typ.as_deref() != Some(crate::sign::receipt::TYP) {
        return Err("not a signature receipt".into());
    }
    let set: jsonwebtoken::jwk::JwkSet =
        serde_json::from_value(jwks.clone()).map_err(|e| e.to_string())?;
    let jwk = header
        .kid
        .as_deref()
        .and_then(|k| set.find(k))
        .ok_or("the key is not published")?;
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).map_err(|e| e.to_string())?;
    let mut validation = jsonwebtoken::Validation::new(header.alg);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[issuer]);
    validation.validate_exp = false;
    validation.required_spec_claims = ["iss", "aud", "sub"]
        .into_iter()
        .map(String::from)
        .collect();
    let claims: Value = jsonwebtoken::decode(jws, &key, &validation)
        .map_err(|e| e.to_string())?
        .claims;
    let canonical = limen_mobile::jcs::canonical(&claims["txn"]).map_err(|e| e.to_string())?;
    if claims["txn_hash"].as_str()
        != Some(limen_crypto::b64url(&limen_crypto::sha256(&canonical)).as_str())
    {
        return Err("txn_hash is not the hash of txn".into());
    }
    Ok(claims)
}
