//! OpenID Connect state: client registrations, signing keys (sealed), grants with their codes and
//! tokens, consents and seen client-assertion ids. Codes and tokens are stored by SHA-256 only.

use crate::services::{COLUMNS, to_service};
use crate::{NewService, Store, StoreError, from_ts, ts};
use limen_core::oidc::OidcClient;
use limen_core::{Account, Service, ServiceProtocol};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

const CLIENT_COLUMNS: &str = "c.client_id, c.secret_hash, c.auth_method, c.redirect_uris, \
    c.post_logout_redirect_uris, c.pkce_required, c.signing_alg, c.subject_type, c.sector, c.scopes, \
    c.consent, c.jwks, c.jwks_uri, c.backchannel_logout_uri, c.frontchannel_logout_uri";

fn service_columns() -> String {
    COLUMNS
        .split(',')
        .map(|c| format!("s.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn to_client(row: &AnyRow, service_id: i64) -> Result<OidcClient, StoreError> {
    let corrupt = |what: &str, e: String| StoreError::Corrupt(format!("oidc client {what}: {e}"));
    let list = |column: &str| -> Result<Vec<String>, StoreError> {
        let raw: String = row.try_get(column)?;
        serde_json::from_str(&raw).map_err(|e| corrupt(column, e.to_string()))
    };
    Ok(OidcClient {
        service_id,
        client_id: row.try_get("client_id")?,
        secret_hash: row.try_get("secret_hash")?,
        auth_method: row
            .try_get::<String, _>("auth_method")?
            .parse()
            .map_err(|e| corrupt("auth_method", e))?,
        redirect_uris: list("redirect_uris")?,
        post_logout_redirect_uris: list("post_logout_redirect_uris")?,
        pkce_required: row.try_get::<i64, _>("pkce_required")? != 0,
        signing_alg: row
            .try_get::<String, _>("signing_alg")?
            .parse()
            .map_err(|e| corrupt("signing_alg", e))?,
        subject_type: row
            .try_get::<String, _>("subject_type")?
            .parse()
            .map_err(|e| corrupt("subject_type", e))?,
        sector: row.try_get("sector")?,
        scopes: list("scopes")?,
        consent: row.try_get::<i64, _>("consent")? != 0,
        jwks: row.try_get("jwks")?,
        jwks_uri: row.try_get("jwks_uri")?,
        backchannel_logout_uri: row.try_get("backchannel_logout_uri")?,
        frontchannel_logout_uri: row.try_get("frontchannel_logout_uri")?,
    })
}

fn client_query(condition: &str) -> String {
    format!(
        "SELECT {}, {CLIENT_COLUMNS} FROM oidc_clients c JOIN services s ON s.id = c.service_id \
         WHERE {condition}",
        service_columns()
    )
}

fn to_service_and_client(row: &AnyRow) -> Result<(Service, OidcClient), StoreError> {
    let service = to_service(row)?;
    let client = to_client(row, service.id)?;
    Ok((service, client))
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// A signing key as stored: the private half sealed.
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub kid: String,
    pub alg: String,
    pub sealed: String,
    pub public_jwk: String,
    pub created_at: OffsetDateTime,
    pub retired_at: Option<OffsetDateTime>,
    pub publish_until: Option<OffsetDateTime>,
}

/// What a login granted a client.
#[derive(Debug, Clone)]
pub struct Grant {
    pub id: String,
    pub service_id: i64,
    pub account_id: i64,
    /// The SSO session it came from; `None` once that session ended for an offline grant.
    pub session_id: Option<String>,
    pub sid: String,
    pub scope: String,
    /// JSON: the authentication facts (acr, amr, auth_time, nonce, strength).
    pub claims: String,
    pub offline: bool,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub revoked: bool,
}

const GRANT_COLUMNS: &str = "g.id, g.service_id, g.account_id, g.session_id, g.sid, g.scope, g.claims, \
                             g.offline, g.created_at, g.expires_at, g.revoked_at";

// Listed in [`crate::hot_queries`]: the authorization endpoint finds the client and writes a
// grant and its code; the token endpoint redeems the code, reads the grant and writes the
// tokens; userinfo reads a valid access token with its grant; the purge (every minute) drops
// what expired.
pub(crate) static CLIENT_BY_CLIENT_ID: LazyLock<String> =
    LazyLock::new(|| client_query("c.client_id = $1"));
pub(crate) const GRANT_INSERT: &str = "INSERT INTO oidc_grants (id, service_id, account_id, session_id, \
     sid, scope, claims, offline, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
pub(crate) const CODE_INSERT: &str = "INSERT INTO oidc_codes (id, grant_id, redirect_uri, \
     code_challenge, expires_at) VALUES ($1, $2, $3, $4, $5)";
pub(crate) const CODE_REDEEM: &str = "UPDATE oidc_codes SET used_at = $1 \
     WHERE id = $2 AND used_at IS NULL AND expires_at > $1 \
     RETURNING grant_id, redirect_uri, code_challenge";
pub(crate) static GRANT_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {GRANT_COLUMNS} FROM oidc_grants g WHERE g.id = $1"));
pub(crate) const TOKEN_PAIR_INSERT: &str = "INSERT INTO oidc_tokens (id, grant_id, kind, scope, \
     created_at, expires_at) VALUES ($1, $2, 'access', $3, $4, $5), ($6, $2, 'refresh', $3, $4, $7)";
pub(crate) static VALID_TOKEN: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT t.kind AS t_kind, t.scope AS t_scope, t.created_at AS t_created, t.expires_at AS t_expires, \
         {GRANT_COLUMNS} FROM oidc_tokens t JOIN oidc_grants g ON g.id = t.grant_id \
         WHERE t.id = $1 AND t.expires_at > $2 AND t.used_at IS NULL AND t.revoked_at IS NULL \
         AND g.revoked_at IS NULL"
    )
});
pub(crate) const OIDC_PURGES: [&str; 5] = [
    "DELETE FROM oidc_codes WHERE expires_at < $1",
    "DELETE FROM oidc_tokens WHERE expires_at < $1",
    "DELETE FROM oidc_grants WHERE expires_at < $1",
    "DELETE FROM oidc_assertions WHERE expires_at < $1",
    "DELETE FROM oidc_keys WHERE publish_until IS NOT NULL AND publish_until < $1",
];

async fn insert_token_pair(
    conn: &mut sqlx::AnyConnection,
    grant_id: &str,
    now: OffsetDateTime,
    pair: &NewTokenPair,
) -> Result<(), StoreError> {
    sqlx::query(TOKEN_PAIR_INSERT)
        .bind(&pair.access.0)
        .bind(grant_id)
        .bind(&pair.scope)
        .bind(ts(now))
        .bind(ts(pair.access.1))
        .bind(&pair.refresh.0)
        .bind(ts(pair.refresh.1))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Revokes a grant and every token it issued.
async fn revoke_grant_on(
    conn: &mut sqlx::AnyConnection,
    grant_id: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE oidc_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(ts(now))
        .bind(grant_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE oidc_tokens SET revoked_at = $1 WHERE grant_id = $2 AND revoked_at IS NULL",
    )
    .bind(ts(now))
    .bind(grant_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn to_grant(row: &AnyRow) -> Result<Grant, StoreError> {
    Ok(Grant {
        id: row.try_get("id")?,
        service_id: row.try_get("service_id")?,
        account_id: row.try_get("account_id")?,
        session_id: row.try_get("session_id")?,
        sid: row.try_get("sid")?,
        scope: row.try_get("scope")?,
        claims: row.try_get("claims")?,
        offline: row.try_get::<i64, _>("offline")? != 0,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
        revoked: row.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
    })
}

/// A redeemed code as the token endpoint sees it before deciding: the grant, the redirect URI
/// and PKCE challenge the code was bound to, and the grant's account as it is now (`None`:
/// deleted).
#[derive(Debug)]
pub struct RedeemedCode<'a> {
    pub grant: &'a Grant,
    pub redirect_uri: &'a str,
    pub code_challenge: Option<&'a str>,
    pub account: Option<&'a Account>,
}

/// The access token and refresh token a code exchange stores: each as (SHA-256, expiry).
#[derive(Debug)]
pub struct NewTokenPair {
    pub scope: String,
    pub access: (String, OffsetDateTime),
    pub refresh: (String, OffsetDateTime),
}

/// The outcome of redeeming an authorization code.
#[derive(Debug)]
pub enum CodeRedemption<R> {
    /// First use, accepted by the caller's decision: the token pair is stored. The grant and
    /// its account (as the decision saw them) are handed back for the token response.
    Issued {
        grant: Box<Grant>,
        account: Option<Box<Account>>,
    },
    /// First use, refused by the caller's decision: the code is spent and its grant revoked.
    Refused(R),
    /// Used before: the grant it issued has now been revoked (RFC 6749 §4.1.2).
    Replayed {
        account_id: Option<i64>,
    },
    Expired,
    Unknown,
}

/// The outcome of presenting a refresh token.
#[derive(Debug)]
pub enum RefreshUse {
    /// Valid: it is now used up; its grant and scope.
    Rotated {
        grant: Box<Grant>,
        scope: String,
    },
    /// Already used: the whole grant has now been revoked (reuse detection).
    Reused {
        account_id: i64,
    },
    Invalid,
}

/// What an access or refresh token stands for, when still valid.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub kind: String,
    pub scope: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub grant: Grant,
}

/// A valid token with its grant's account and client ([`Store::valid_token_with_parties`]).
#[derive(Debug, Clone)]
pub struct TokenParties {
    pub info: TokenInfo,
    pub account: Option<Account>,
    pub client: Option<(Service, OidcClient)>,
}

/// [`Store::valid_token`] on a connection already held.
async fn valid_token_on(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<TokenInfo>, StoreError> {
    let row = sqlx::query(&VALID_TOKEN)
        .bind(token_hash)
        .bind(ts(now))
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(to_token_info).transpose()
}

/// A row of `VALID_TOKEN`.
fn to_token_info(row: &AnyRow) -> Result<TokenInfo, StoreError> {
    Ok(TokenInfo {
        kind: row.try_get("t_kind")?,
        scope: row.try_get("t_scope")?,
        created_at: from_ts(row.try_get("t_created")?),
        expires_at: from_ts(row.try_get("t_expires")?),
        grant: to_grant(row)?,
    })
}

static CLIENT_OF_SERVICE: LazyLock<String> = LazyLock::new(|| client_query("c.service_id = $1"));

impl Store {
    /// Sets the CAS services whose tickets an OpenID Connect client may obtain by exchanging
    /// the access tokens it was issued (RFC 8693; `limen service add --protocol oidc
    /// --token-exchange-to SERVICE`). Empty: no exchange.
    pub async fn set_client_exchange_targets(
        &self,
        service_id: i64,
        targets: &[i64],
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE oidc_clients SET cas_token_exchange = $1 WHERE service_id = $2")
            .bind(serde_json::to_string(targets).unwrap_or_else(|_| "[]".into()))
            .bind(service_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The CAS services (ids) the client of `service_id` may exchange tokens for.
    pub async fn client_exchange_targets(&self, service_id: i64) -> Result<Vec<i64>, StoreError> {
        let raw: Option<String> =
            sqlx::query_scalar("SELECT cas_token_exchange FROM oidc_clients WHERE service_id = $1")
                .bind(service_id)
                .fetch_optional(&self.pool)
                .await?;
        match raw {
            None => Ok(Vec::new()),
            Some(raw) => serde_json::from_str(&raw)
                .map_err(|e| StoreError::Corrupt(format!("client exchange targets: {e}"))),
        }
    }
}

impl Store {
    // ---- clients --------------------------------------------------------------------------

    /// Registers a service with its OpenID Connect client half. `client.service_id` is ignored.
    pub async fn create_oidc_client(
        &self,
        service: &NewService,
        client: &OidcClient,
        now: OffsetDateTime,
    ) -> Result<(Service, OidcClient), StoreError> {
        self.insert_oidc_client(service, client, false, now).await
    }

    async fn insert_oidc_client(
        &self,
        service: &NewService,
        client: &OidcClient,
        builtin: bool,
        now: OffsetDateTime,
    ) -> Result<(Service, OidcClient), StoreError> {
        let created = self.insert_service(service, builtin, now).await?;
        let mut client = client.clone();
        client.service_id = created.id;
        if let Err(e) = self.write_client(&client).await {
            sqlx::query("DELETE FROM services WHERE id = $1")
                .bind(created.id)
                .execute(&self.pool)
                .await?;
            return Err(e);
        }
        Ok((created, client))
    }

    async fn write_client(&self, c: &OidcClient) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oidc_clients (service_id, client_id, secret_hash, auth_method, redirect_uris, \
             post_logout_redirect_uris, pkce_required, signing_alg, subject_type, sector, scopes, consent, \
             jwks, jwks_uri, backchannel_logout_uri, frontchannel_logout_uri) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (service_id) DO UPDATE SET redirect_uris = $5, post_logout_redirect_uris = $6, \
             frontchannel_logout_uri = $16, backchannel_logout_uri = $15",
        )
        .bind(c.service_id)
        .bind(&c.client_id)
        .bind(c.secret_hash.clone())
        .bind(c.auth_method.as_str())
        .bind(json(&c.redirect_uris))
        .bind(json(&c.post_logout_redirect_uris))
        .bind(i64::from(c.pkce_required))
        .bind(c.signing_alg.as_str())
        .bind(c.subject_type.as_str())
        .bind(&c.sector)
        .bind(json(&c.scopes))
        .bind(i64::from(c.consent))
        .bind(c.jwks.clone())
        .bind(c.jwks_uri.clone())
        .bind(c.backchannel_logout_uri.clone())
        .bind(c.frontchannel_logout_uri.clone())
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "client_id"))?;
        Ok(())
    }

    /// Creates or refreshes a client Limen manages itself (the OIDC demo), keyed by service name.
    pub async fn upsert_builtin_oidc_client(
        &self,
        service: &NewService,
        client: &OidcClient,
        now: OffsetDateTime,
    ) -> Result<(Service, OidcClient), StoreError> {
        match self.service_by_name(&service.name).await? {
            Some(existing) if existing.builtin && existing.protocol == ServiceProtocol::Oidc => {
                let mut client = client.clone();
                client.service_id = existing.id;
                self.write_client(&client).await?;
                let found = self.oidc_client_of_service(existing.id).await?;
                found.ok_or_else(|| StoreError::Corrupt("builtin client vanished".into()))
            }
            _ => self.insert_oidc_client(service, client, true, now).await,
        }
    }

    pub async fn oidc_client(
        &self,
        client_id: &str,
    ) -> Result<Option<(Service, OidcClient)>, StoreError> {
        let row = sqlx::query(&CLIENT_BY_CLIENT_ID)
            .bind(client_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_service_and_client).transpose()
    }

    pub async fn oidc_client_of_service(
        &self,
        service_id: i64,
    ) -> Result<Option<(Service, OidcClient)>, StoreError> {
        let row = sqlx::query(&CLIENT_OF_SERVICE)
            .bind(service_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_service_and_client).transpose()
    }

    pub async fn set_client_secret(&self, service_id: i64, hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE oidc_clients SET secret_hash = $1 WHERE service_id = $2")
            .bind(hash)
            .bind(service_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- signing keys ---------------------------------------------------------------------

    pub async fn insert_signing_key(&self, key: &StoredKey) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oidc_keys (kid, alg, sealed, public_jwk, created_at, retired_at, publish_until) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&key.kid)
        .bind(&key.alg)
        .bind(&key.sealed)
        .bind(&key.public_jwk)
        .bind(ts(key.created_at))
        .bind(key.retired_at.map(ts))
        .bind(key.publish_until.map(ts))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "signing key"))?;
        Ok(())
    }

    /// Every key still published (not past `publish_until`), newest first.
    pub async fn signing_keys(&self, now: OffsetDateTime) -> Result<Vec<StoredKey>, StoreError> {
        let rows = sqlx::query(
            "SELECT kid, alg, sealed, public_jwk, created_at, retired_at, publish_until FROM oidc_keys \
             WHERE publish_until IS NULL OR publish_until > $1 ORDER BY created_at DESC, kid",
        )
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredKey {
                    kid: r.try_get("kid")?,
                    alg: r.try_get("alg")?,
                    sealed: r.try_get("sealed")?,
                    public_jwk: r.try_get("public_jwk")?,
                    created_at: from_ts(r.try_get("created_at")?),
                    retired_at: r.try_get::<Option<i64>, _>("retired_at")?.map(from_ts),
                    publish_until: r.try_get::<Option<i64>, _>("publish_until")?.map(from_ts),
                })
            })
            .collect()
    }

    /// Stops a key from signing; it stays published until `publish_until`.
    pub async fn retire_signing_key(
        &self,
        kid: &str,
        now: OffsetDateTime,
        publish_until: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE oidc_keys SET retired_at = $1, publish_until = $2 WHERE kid = $3 AND retired_at IS NULL",
        )
        .bind(ts(now))
        .bind(ts(publish_until))
        .bind(kid)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    // ---- grants, codes, tokens ------------------------------------------------------------

    pub async fn create_grant(&self, g: &Grant) -> Result<(), StoreError> {
        sqlx::query(GRANT_INSERT)
            .bind(&g.id)
            .bind(g.service_id)
            .bind(g.account_id)
            .bind(g.session_id.clone())
            .bind(&g.sid)
            .bind(&g.scope)
            .bind(&g.claims)
            .bind(i64::from(g.offline))
            .bind(ts(g.created_at))
            .bind(ts(g.expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn create_code(
        &self,
        code_hash: &str,
        grant_id: &str,
        redirect_uri: &str,
        code_challenge: Option<&str>,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(CODE_INSERT)
            .bind(code_hash)
            .bind(grant_id)
            .bind(redirect_uri)
            .bind(code_challenge.map(str::to_owned))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn grant(&self, id: &str) -> Result<Option<Grant>, StoreError> {
        let row = sqlx::query(&GRANT_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_grant).transpose()
    }

    /// Redeems a code once, atomically: the first caller wins; any later one revokes the grant.
    /// The winner's `decide` (the token endpoint's checks: client, redirect URI, PKCE, account)
    /// either hands back the token pair to store or refuses, which revokes the grant.
    ///
    /// The whole first use runs on one pooled connection — spend the code, read the grant and
    /// its account, store the tokens or revoke — each statement its own short write, so the
    /// SQLite write lock is never held across a round trip (docs/BENCHMARKS.md: one hand-off
    /// to a connection instead of two).
    pub async fn redeem_code<R>(
        &self,
        code_hash: &str,
        now: OffsetDateTime,
        decide: impl FnOnce(RedeemedCode<'_>) -> Result<NewTokenPair, R>,
    ) -> Result<CodeRedemption<R>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let won = sqlx::query(CODE_REDEEM)
            .bind(ts(now))
            .bind(code_hash)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = won {
            let grant_id: String = row.try_get(0)?;
            let grant = sqlx::query(&GRANT_BY_ID)
                .bind(&grant_id)
                .fetch_optional(&mut *conn)
                .await?;
            let grant = match grant.as_ref().map(to_grant).transpose()? {
                // Made "later" than now on this node's clock: a clock stepped back (or nodes
                // apart by more than CLOCK_SKEW). Spent, and refused like an expired code.
                Some(grant) if crate::issued_in_future(grant.created_at, now) => {
                    return Ok(CodeRedemption::Expired);
                }
                Some(grant) if !grant.revoked => grant,
                _ => return Ok(CodeRedemption::Unknown),
            };
            let account = crate::accounts::account_by_id_on(&mut conn, grant.account_id).await?;
            let redirect_uri: String = row.try_get(1)?;
            let code_challenge: Option<String> = row.try_get(2)?;
            let decision = decide(RedeemedCode {
                grant: &grant,
                redirect_uri: &redirect_uri,
                code_challenge: code_challenge.as_deref(),
                account: account.as_ref(),
            });
            return match decision {
                Ok(pair) => {
                    insert_token_pair(&mut conn, &grant.id, now, &pair).await?;
                    Ok(CodeRedemption::Issued {
                        grant: Box::new(grant),
                        account: account.map(Box::new),
                    })
                }
                Err(refusal) => {
                    revoke_grant_on(&mut conn, &grant.id, now).await?;
                    Ok(CodeRedemption::Refused(refusal))
                }
            };
        }
        drop(conn);
        let row = sqlx::query("SELECT grant_id, used_at FROM oidc_codes WHERE id = $1")
            .bind(code_hash)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            None => Ok(CodeRedemption::Unknown),
            Some(row) => {
                if row.try_get::<Option<i64>, _>(1)?.is_some() {
                    let grant_id: String = row.try_get(0)?;
                    self.revoke_grant(&grant_id, now).await?;
                    let account_id = self.grant(&grant_id).await?.map(|g| g.account_id);
                    Ok(CodeRedemption::Replayed { account_id })
                } else {
                    Ok(CodeRedemption::Expired)
                }
            }
        }
    }

    /// An access token and its refresh token for a grant, in one statement (the refresh
    /// grant's path; a code exchange stores its pair in [`Store::redeem_code`]).
    pub async fn create_token_pair(
        &self,
        grant_id: &str,
        now: OffsetDateTime,
        pair: &NewTokenPair,
    ) -> Result<(), StoreError> {
        insert_token_pair(&mut *self.pool.acquire().await?, grant_id, now, pair).await
    }

    /// Uses up a refresh token of `service_id`. Presenting one that was already used revokes
    /// its grant: either the client or an attacker holds a copy (RFC 9700 §4.14.2).
    pub async fn use_refresh_token(
        &self,
        token_hash: &str,
        service_id: i64,
        now: OffsetDateTime,
    ) -> Result<RefreshUse, StoreError> {
        let Some(info) = self.token_row(token_hash).await? else {
            return Ok(RefreshUse::Invalid);
        };
        let (row_kind, used, revoked, expires_at, grant) = info;
        if row_kind != "refresh" || grant.service_id != service_id {
            return Ok(RefreshUse::Invalid);
        }
        if used {
            self.revoke_grant(&grant.id, now).await?;
            return Ok(RefreshUse::Reused {
                account_id: grant.account_id,
            });
        }
        if revoked || grant.revoked || expires_at <= now {
            return Ok(RefreshUse::Invalid);
        }
        let won = sqlx::query(
            "UPDATE oidc_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL RETURNING scope",
        )
        .bind(ts(now))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        match won {
            Some(row) => Ok(RefreshUse::Rotated {
                grant: Box::new(grant),
                scope: row.try_get(0)?,
            }),
            None => {
                // Another request used it between our read and our write: that is reuse too.
                self.revoke_grant(&grant.id, now).await?;
                Ok(RefreshUse::Reused {
                    account_id: grant.account_id,
                })
            }
        }
    }

    #[allow(clippy::type_complexity)]
    async fn token_row(
        &self,
        token_hash: &str,
    ) -> Result<Option<(String, bool, bool, OffsetDateTime, Grant)>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT t.kind AS t_kind, t.used_at AS t_used, t.revoked_at AS t_revoked, t.expires_at AS t_expires, \
             {GRANT_COLUMNS} FROM oidc_tokens t JOIN oidc_grants g ON g.id = t.grant_id WHERE t.id = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some((
            row.try_get("t_kind")?,
            row.try_get::<Option<i64>, _>("t_used")?.is_some(),
            row.try_get::<Option<i64>, _>("t_revoked")?.is_some(),
            from_ts(row.try_get("t_expires")?),
            to_grant(&row)?,
        )))
    }

    /// A token that is still valid: not expired, not used (refresh), not revoked, grant alive.
    pub async fn valid_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<TokenInfo>, StoreError> {
        valid_token_on(&mut *self.pool.acquire().await?, token_hash, now).await
    }

    /// [`Store::valid_token`], and with it its grant's account and client, read on the one
    /// pooled connection (the userinfo endpoint needs all three: one connection hand-off
    /// instead of three, docs/flamegraphs/README.md). `None` when the token is not valid; the
    /// account or client `None` when gone.
    pub async fn valid_token_with_parties(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<TokenParties>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let Some(info) = valid_token_on(&mut conn, token_hash, now).await? else {
            return Ok(None);
        };
        let client = sqlx::query(&CLIENT_OF_SERVICE)
            .bind(info.grant.service_id)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(Some(TokenParties {
            account: crate::accounts::account_by_id_on(&mut conn, info.grant.account_id).await?,
            client: client.as_ref().map(to_service_and_client).transpose()?,
            info,
        }))
    }

    /// RFC 7009 §2.1: revokes one token of `service_id`; a refresh token takes its whole grant
    /// with it. Returns whether anything was revoked (the endpoint answers 200 either way).
    pub async fn revoke_token(
        &self,
        token_hash: &str,
        service_id: i64,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let Some((kind, _, _, _, grant)) = self.token_row(token_hash).await? else {
            return Ok(false);
        };
        if grant.service_id != service_id {
            return Ok(false);
        }
        if kind == "refresh" {
            self.revoke_grant(&grant.id, now).await?;
        } else {
            sqlx::query(
                "UPDATE oidc_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            )
            .bind(ts(now))
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        }
        Ok(true)
    }

    pub async fn revoke_grant(
        &self,
        grant_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        revoke_grant_on(&mut *self.pool.acquire().await?, grant_id, now).await
    }

    /// When an SSO session ends: its online grants are revoked, its offline grants detached
    /// (they live on without the session). Returns the grants that were live, for logout
    /// notifications.
    pub async fn end_session_grants(
        &self,
        session_id: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<Grant>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {GRANT_COLUMNS} FROM oidc_grants g WHERE g.session_id = $1 AND g.revoked_at IS NULL"
        ))
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        let grants = rows.iter().map(to_grant).collect::<Result<Vec<_>, _>>()?;
        for g in &grants {
            if g.offline {
                sqlx::query("UPDATE oidc_grants SET session_id = NULL WHERE id = $1")
                    .bind(&g.id)
                    .execute(&self.pool)
                    .await?;
            } else {
                self.revoke_grant(&g.id, now).await?;
            }
        }
        Ok(grants)
    }

    /// Revokes every grant of an account — offline ones included — but those of the SSO session
    /// `except` (password reset, change, deletion).
    pub async fn revoke_grants_of_account(
        &self,
        account_id: i64,
        except: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<usize, StoreError> {
        let ids: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT id, session_id FROM oidc_grants WHERE account_id = $1 AND revoked_at IS NULL",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        let mut revoked = 0;
        for (id, session) in ids {
            if except.is_some() && session.as_deref() == except {
                continue;
            }
            self.revoke_grant(&id, now).await?;
            revoked += 1;
        }
        Ok(revoked)
    }

    // ---- consent and assertions -----------------------------------------------------------

    pub async fn consent(
        &self,
        account_id: i64,
        service_id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT scope FROM oidc_consents WHERE account_id = $1 AND service_id = $2",
        )
        .bind(account_id)
        .bind(service_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0))
    }

    pub async fn save_consent(
        &self,
        account_id: i64,
        service_id: i64,
        scope: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oidc_consents (account_id, service_id, scope, granted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account_id, service_id) DO UPDATE SET scope = $3, granted_at = $4",
        )
        .bind(account_id)
        .bind(service_id)
        .bind(scope)
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a client assertion's `jti`; `false` when it was seen before (a replay).
    pub async fn first_use_of_assertion(
        &self,
        id: &str,
        expires_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO oidc_assertions (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Drops expired codes, tokens, grants, assertion ids and unpublished keys.
    pub async fn purge_oidc(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let t = ts(now);
        let mut removed = 0;
        for sql in OIDC_PURGES {
            removed += sqlx::query(sql)
                .bind(t)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;
    use limen_core::oidc::{JwsAlg, SubjectType, TokenAuthMethod};
    use limen_core::{AssuranceLevel, UrlPattern};
    use time::Duration;
    use time::macros::datetime;

    fn new_service(name: &str) -> NewService {
        NewService {
            name: name.into(),
            protocol: ServiceProtocol::Oidc,
            url_patterns: Vec::<UrlPattern>::new(),
            accepted_strengths: vec![],
            min_assurance: AssuranceLevel::Low,
            released_attributes: vec![],
            logout_url: None,
            single_logout: true,
            proxy_callbacks: vec![],
        }
    }

    fn client(id: &str) -> OidcClient {
        OidcClient {
            service_id: 0,
            client_id: id.into(),
            secret_hash: Some("ab".repeat(32)),
            auth_method: TokenAuthMethod::ClientSecretBasic,
            redirect_uris: vec!["https://rp.example.org/cb".into()],
            post_logout_redirect_uris: vec!["https://rp.example.org/bye".into()],
            pkce_required: false,
            signing_alg: JwsAlg::Es256,
            subject_type: SubjectType::Public,
            sector: "rp.example.org".into(),
            scopes: vec!["openid".into(), "email".into()],
            consent: false,
            jwks: None,
            jwks_uri: None,
            backchannel_logout_uri: Some("https://rp.example.org/bcl".into()),
            frontchannel_logout_uri: None,
        }
    }

    async fn account(store: &Store) -> i64 {
        let now = datetime!(2026-01-01 8:00 UTC);
        store
            .create_account(crate::accounts::tests::new_account("g@example.org"), now)
            .await
            .unwrap()
            .id
    }

    fn grant(id: &str, service_id: i64, account_id: i64, offline: bool) -> Grant {
        let now = datetime!(2026-01-01 8:00 UTC);
        Grant {
            id: id.into(),
            service_id,
            account_id,
            session_id: Some("session-1".into()),
            sid: "sid-1".into(),
            scope: "openid email".into(),
            claims: "{}".into(),
            offline,
            created_at: now,
            expires_at: now + Duration::days(30),
            revoked: false,
        }
    }

    impl Store {
        /// One token (the server always stores a pair: `create_token_pair`).
        async fn create_token(
            &self,
            token_hash: &str,
            grant_id: &str,
            kind: &str,
            scope: &str,
            now: OffsetDateTime,
            expires_at: OffsetDateTime,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO oidc_tokens (id, grant_id, kind, scope, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(token_hash)
            .bind(grant_id)
            .bind(kind)
            .bind(scope)
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
            Ok(())
        }
    }

    /// A client "rp-1" with the given grants (id, offline) of one account; returns the service id.
    async fn client_with_grants(store: &Store, grants: &[(&str, bool)]) -> i64 {
        let now = datetime!(2026-01-01 8:00 UTC);
        let (service, _) = store
            .create_oidc_client(&new_service("RP"), &client("rp-1"), now)
            .await
            .unwrap();
        let acc = account(store).await;
        for (id, offline) in grants {
            store
                .create_grant(&grant(id, service.id, acc, *offline))
                .await
                .unwrap();
        }
        service.id
    }

    #[tokio::test]
    async fn clients_round_trip_and_ids_are_unique() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            let (service, c) = store
                .create_oidc_client(&new_service("RP"), &client("rp-1"), now)
                .await
                .unwrap();
            assert_eq!(service.protocol, ServiceProtocol::Oidc);
            let (s2, c2) = store.oidc_client("rp-1").await.unwrap().unwrap();
            assert_eq!(s2.id, service.id);
            assert_eq!(c2.service_id, service.id);
            assert_eq!(c2.redirect_uris, c.redirect_uris);
            assert_eq!(c2.backchannel_logout_uri, c.backchannel_logout_uri);
            assert!(store.oidc_client("nope").await.unwrap().is_none());
            // Same client id: refused, and no orphan service is left behind.
            let dup = store
                .create_oidc_client(&new_service("RP2"), &client("rp-1"), now)
                .await;
            assert!(matches!(dup, Err(StoreError::Duplicate(_))));
            assert!(store.service_by_name("RP2").await.unwrap().is_none());
            // An OIDC client never matches a CAS service URL.
            assert!(
                store
                    .service_for_url("https://rp.example.org/cb")
                    .await
                    .unwrap()
                    .is_none()
            );
        })
        .await;
    }

    fn pair(access: &str, refresh: &str, expires: OffsetDateTime) -> NewTokenPair {
        NewTokenPair {
            scope: "openid".into(),
            access: (access.into(), expires),
            refresh: (refresh.into(), expires),
        }
    }

    /// An access token of `grant` valid for an hour from `now`.
    async fn live_access_token(store: &Store, id: &str, grant: &str, now: OffsetDateTime) {
        store
            .create_token(id, grant, "access", "openid", now, now + Duration::hours(1))
            .await
            .unwrap();
    }

    /// The decision of a redemption that must not be a first use.
    fn never(code: RedeemedCode<'_>) -> Result<NewTokenPair, ()> {
        panic!("unexpected first use of {code:?}")
    }

    #[tokio::test]
    async fn a_refused_first_use_spends_the_code_revokes_the_grant_and_stores_nothing() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            client_with_grants(&store, &[("g1", false)]).await;
            let until = now + Duration::seconds(60);
            store
                .create_code("c1", "g1", "https://rp.example.org/cb", None, until)
                .await
                .unwrap();
            live_access_token(&store, "at0", "g1", now).await;
            let refused = store
                .redeem_code("c1", now, |_| Err("wrong redirect_uri"))
                .await
                .unwrap();
            assert!(matches!(
                refused,
                CodeRedemption::Refused("wrong redirect_uri")
            ));
            assert!(
                store.valid_token("at0", now).await.unwrap().is_none(),
                "the grant's tokens are revoked"
            );
            let grant = store.grant("g1").await.unwrap().expect("kept");
            assert!(grant.revoked);
            // Spent: a second try is a replay, not a second decision.
            assert!(matches!(
                store.redeem_code("c1", now, never).await.unwrap(),
                CodeRedemption::Replayed { .. }
            ));
            // A grant already revoked does not reach a decision either.
            store
                .create_code("c2", "g1", "https://rp.example.org/cb", None, until)
                .await
                .unwrap();
            assert!(matches!(
                store.redeem_code("c2", now, never).await.unwrap(),
                CodeRedemption::Unknown
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn codes_are_single_use_and_a_replay_revokes_the_grant() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            client_with_grants(&store, &[("g1", false), ("g2", false)]).await;
            store
                .create_code(
                    "c1",
                    "g1",
                    "https://rp.example.org/cb",
                    Some("chal"),
                    now + Duration::seconds(60),
                )
                .await
                .unwrap();
            live_access_token(&store, "at1", "g1", now).await;
            let mut seen = None;
            let first = store
                .redeem_code("c1", now, |code| {
                    seen = Some((
                        code.grant.id.clone(),
                        code.account.map(|a| a.id),
                        code.grant.account_id,
                        code.redirect_uri.to_owned(),
                        code.code_challenge.map(str::to_owned),
                    ));
                    Ok::<_, ()>(pair("at-c1", "rt-c1", now + Duration::hours(1)))
                })
                .await
                .unwrap();
            let (grant_id, account_id, grant_account, redirect_uri, challenge) =
                seen.expect("decided");
            assert_eq!(grant_id, "g1");
            assert_eq!(account_id, Some(grant_account));
            assert_eq!(redirect_uri, "https://rp.example.org/cb");
            assert_eq!(challenge.as_deref(), Some("chal"));
            match first {
                CodeRedemption::Issued { grant, account } => {
                    assert_eq!(grant.id, "g1");
                    assert_eq!(account.map(|a| a.id), Some(grant.account_id));
                }
                other => panic!("{other:?}"),
            }
            // The pair the decision handed back is stored with the code's use.
            let stored = store
                .valid_token("at-c1", now)
                .await
                .unwrap()
                .expect("stored");
            assert_eq!(stored.grant.id, "g1");
            assert_eq!(stored.scope, "openid");
            assert!(store.valid_token("rt-c1", now).await.unwrap().is_some());
            assert!(store.valid_token("at1", now).await.unwrap().is_some());
            let parties = store
                .valid_token_with_parties("at1", now)
                .await
                .unwrap()
                .expect("valid");
            assert_eq!(parties.info.grant.id, "g1");
            assert_eq!(
                parties.account.map(|a| a.id),
                Some(parties.info.grant.account_id)
            );
            let (service, _) = parties.client.expect("client");
            assert_eq!(service.id, parties.info.grant.service_id);
            assert!(matches!(
                store.redeem_code("c1", now, never).await.unwrap(),
                CodeRedemption::Replayed { .. }
            ));
            assert!(
                store.valid_token("at1", now).await.unwrap().is_none(),
                "replay revokes"
            );
            assert!(
                store.valid_token("at-c1", now).await.unwrap().is_none(),
                "replay revokes the pair of the first use too"
            );
            assert!(
                store
                    .valid_token_with_parties("at1", now)
                    .await
                    .unwrap()
                    .is_none(),
                "replay revokes"
            );
            assert!(matches!(
                store.redeem_code("zz", now, never).await.unwrap(),
                CodeRedemption::Unknown
            ));
            // Expired codes are refused without revoking anything.
            store
                .create_code(
                    "c2",
                    "g2",
                    "https://rp.example.org/cb",
                    None,
                    now + Duration::seconds(60),
                )
                .await
                .unwrap();
            let later = now + Duration::seconds(61);
            assert!(matches!(
                store.redeem_code("c2", later, never).await.unwrap(),
                CodeRedemption::Expired
            ));
            // A clock stepped back an hour: the code (grant g2, made at `now`) lies in this
            // node's future; refused like an expired one, and spent.
            store
                .create_code(
                    "c3",
                    "g2",
                    "https://rp.example.org/cb",
                    None,
                    now + Duration::seconds(60),
                )
                .await
                .unwrap();
            assert!(matches!(
                store
                    .redeem_code("c3", now - Duration::hours(1), never)
                    .await
                    .unwrap(),
                CodeRedemption::Expired
            ));
            assert!(matches!(
                store.redeem_code("c3", now, never).await.unwrap(),
                CodeRedemption::Replayed { .. }
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn refresh_tokens_rotate_and_reuse_revokes_the_family() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            let service_id = client_with_grants(&store, &[("g1", false)]).await;
            let exp = now + Duration::days(1);
            store
                .create_token("rt1", "g1", "refresh", "openid", now, exp)
                .await
                .unwrap();
            // Another client cannot use it.
            assert!(matches!(
                store
                    .use_refresh_token("rt1", service_id + 1, now)
                    .await
                    .unwrap(),
                RefreshUse::Invalid
            ));
            assert!(matches!(
                store
                    .use_refresh_token("rt1", service_id, now)
                    .await
                    .unwrap(),
                RefreshUse::Rotated { .. }
            ));
            store
                .create_token_pair("g1", now, &pair("at2", "rt2", exp))
                .await
                .unwrap();
            assert!(store.valid_token("at2", now).await.unwrap().is_some());
            assert!(matches!(
                store
                    .use_refresh_token("rt1", service_id, now)
                    .await
                    .unwrap(),
                RefreshUse::Reused { .. }
            ));
            assert!(store.valid_token("rt2", now).await.unwrap().is_none());
            assert!(store.valid_token("at2", now).await.unwrap().is_none());
            assert!(matches!(
                store
                    .use_refresh_token("rt2", service_id, now)
                    .await
                    .unwrap(),
                RefreshUse::Invalid
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn session_end_revokes_online_grants_and_keeps_offline_ones() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            let service_id = client_with_grants(&store, &[("on", false), ("off", true)]).await;
            let exp = now + Duration::days(1);
            store
                .create_token("a-on", "on", "access", "openid", now, exp)
                .await
                .unwrap();
            store
                .create_token("r-off", "off", "refresh", "openid offline_access", now, exp)
                .await
                .unwrap();
            let ended = store.end_session_grants("session-1", now).await.unwrap();
            assert_eq!(ended.len(), 2);
            assert!(store.valid_token("a-on", now).await.unwrap().is_none());
            let off = store.valid_token("r-off", now).await.unwrap().unwrap();
            assert_eq!(off.grant.session_id, None);
            // RFC 7009: revoking the refresh token ends the offline grant too.
            assert!(store.revoke_token("r-off", service_id, now).await.unwrap());
            assert!(store.valid_token("r-off", now).await.unwrap().is_none());
            assert!(
                !store
                    .revoke_token("unknown", service_id, now)
                    .await
                    .unwrap()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn keys_are_published_until_their_time_and_assertions_are_seen_once() {
        each_backend(|store| async move {
            let now = datetime!(2026-01-01 8:00 UTC);
            let key = |kid: &str, at: OffsetDateTime| StoredKey {
                kid: kid.into(),
                alg: "ES256".into(),
                sealed: "v1.x".into(),
                public_jwk: "{}".into(),
                created_at: at,
                retired_at: None,
                publish_until: None,
            };
            store.insert_signing_key(&key("k1", now)).await.unwrap();
            store
                .insert_signing_key(&key("k2", now + Duration::days(1)))
                .await
                .unwrap();
            let keys = store.signing_keys(now).await.unwrap();
            assert_eq!(
                keys.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>(),
                ["k2", "k1"]
            );
            store
                .retire_signing_key("k1", now + Duration::days(1), now + Duration::days(2))
                .await
                .unwrap();
            let keys = store.signing_keys(now + Duration::days(1)).await.unwrap();
            assert_eq!(keys.len(), 2);
            assert!(keys[1].retired_at.is_some());
            let later = now + Duration::days(3);
            assert_eq!(store.signing_keys(later).await.unwrap().len(), 1);
            store.purge_oidc(later).await.unwrap();
            assert_eq!(
                store.signing_keys(now).await.unwrap().len(),
                1,
                "k1 deleted"
            );

            assert!(store.first_use_of_assertion("j1", later).await.unwrap());
            assert!(!store.first_use_of_assertion("j1", later).await.unwrap());
        })
        .await;
    }
}
