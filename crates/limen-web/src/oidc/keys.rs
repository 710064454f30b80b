//! The provider's signing keys: generated on first use per algorithm, stored sealed under the
//! master key, cached per process for a few seconds (so that a rotation made by another node or
//! by `limen keys rotate` is picked up quickly), rotated on a schedule with overlap.

use crate::WebError;
use limen_core::oidc::JwsAlg;
use limen_crypto::jose::SigningKey;
use limen_crypto::sealed::SecretBox;
use limen_store::{Store, StoredKey};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const CACHE_FOR: Duration = Duration::from_secs(5);

/// The keys of one moment: the signing key per algorithm and every published public key.
pub struct KeySet {
    pub signing: HashMap<JwsAlg, SigningKey>,
    pub published: Vec<Value>,
}

impl KeySet {
    pub fn jwks(&self) -> Value {
        serde_json::json!({ "keys": self.published })
    }

    /// The public key with this `kid`, for verifying our own tokens (id_token_hint).
    pub fn public(&self, kid: &str) -> Option<&Value> {
        self.published.iter().find(|k| k["kid"] == kid)
    }
}

pub struct KeyRing {
    sealer: SecretBox,
    cache: Mutex<Option<(Instant, Arc<KeySet>)>>,
}

fn aad(kid: &str) -> Vec<u8> {
    format!("limen-oidc-key:{kid}").into_bytes()
}

fn open(sealer: &SecretBox, stored: &StoredKey) -> Result<SigningKey, WebError> {
    let alg: JwsAlg = stored
        .alg
        .parse()
        .map_err(|e: String| WebError::Internal(format!("signing key {}: {e}", stored.kid)))?;
    let der = sealer
        .open(&stored.sealed, &aad(&stored.kid))
        .map_err(|e| {
            WebError::Internal(format!(
                "signing key {} does not open with the configured master key: {e}",
                stored.kid
            ))
        })?;
    SigningKey::from_der(alg, der)
        .map_err(|e| WebError::Internal(format!("signing key {}: {e}", stored.kid)))
}

/// Generates and stores a new key for `alg`; returns it.
pub async fn create(
    store: &Store,
    sealer: &SecretBox,
    alg: JwsAlg,
    now: OffsetDateTime,
) -> Result<SigningKey, WebError> {
    let key = tokio::task::spawn_blocking(move || SigningKey::generate(alg))
        .await
        .map_err(|e| WebError::Internal(format!("key generation task: {e}")))?
        .map_err(|e| WebError::Internal(e.to_string()))?;
    store
        .insert_signing_key(&StoredKey {
            kid: key.kid.clone(),
            alg: alg.as_str().to_owned(),
            sealed: sealer.seal(key.private_der(), &aad(&key.kid)),
            public_jwk: key.public_jwk.to_string(),
            created_at: now,
            retired_at: None,
            publish_until: None,
        })
        .await?;
    tracing::info!(kid = %key.kid, alg = %alg, "new signing key");
    Ok(key)
}

/// Rotates `alg`: a new key signs from now on; the keys it replaces stay published for
/// `overlap` (the lifetime of the longest token they may have signed).
pub async fn rotate(
    store: &Store,
    sealer: &SecretBox,
    alg: JwsAlg,
    now: OffsetDateTime,
    overlap: time::Duration,
) -> Result<SigningKey, WebError> {
    let old: Vec<StoredKey> = store
        .signing_keys(now)
        .await?
        .into_iter()
        .filter(|k| k.alg == alg.as_str() && k.retired_at.is_none())
        .collect();
    let key = create(store, sealer, alg, now).await?;
    for k in old {
        store.retire_signing_key(&k.kid, now, now + overlap).await?;
    }
    Ok(key)
}

/// Rotates every algorithm whose signing key is older than `every`. Returns the new kids.
pub async fn rotate_due(
    store: &Store,
    sealer: &SecretBox,
    now: OffsetDateTime,
    every: time::Duration,
    overlap: time::Duration,
) -> Result<Vec<String>, WebError> {
    let keys = store.signing_keys(now).await?;
    let mut rotated = Vec::new();
    for alg in JwsAlg::ALL {
        let newest = keys
            .iter()
            .filter(|k| k.alg == alg.as_str() && k.retired_at.is_none())
            .map(|k| k.created_at)
            .max();
        if newest.is_some_and(|created| now - created >= every) {
            rotated.push(rotate(store, sealer, alg, now, overlap).await?.kid);
        }
    }
    Ok(rotated)
}

impl KeyRing {
    pub fn new(sealer: SecretBox) -> Self {
        Self {
            sealer,
            cache: Mutex::new(None),
        }
    }

    pub fn sealer(&self) -> &SecretBox {
        &self.sealer
    }

    /// Forgets the cached keys (after a rotation in this process).
    pub fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub async fn current(
        &self,
        store: &Store,
        now: OffsetDateTime,
    ) -> Result<Arc<KeySet>, WebError> {
        if let Some((at, set)) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            && at.elapsed() < CACHE_FOR
        {
            return Ok(set.clone());
        }
        let stored = store.signing_keys(now).await?;
        let mut signing = HashMap::new();
        let mut published = Vec::new();
        // Newest first: the first live key of each algorithm signs.
        for k in &stored {
            let jwk: Value = serde_json::from_str(&k.public_jwk)
                .map_err(|e| WebError::Internal(format!("signing key {}: {e}", k.kid)))?;
            published.push(jwk);
            if k.retired_at.is_none()
                && let Ok(alg) = k.alg.parse::<JwsAlg>()
                && !signing.contains_key(&alg)
            {
                signing.insert(alg, open(&self.sealer, k)?);
            }
        }
        let set = Arc::new(KeySet { signing, published });
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), set.clone()));
        Ok(set)
    }

    /// The key that signs with `alg`, created on first use.
    pub async fn signer(
        &self,
        store: &Store,
        alg: JwsAlg,
        now: OffsetDateTime,
    ) -> Result<SigningKey, WebError> {
        if let Some(k) = self.current(store, now).await?.signing.get(&alg) {
            return Ok(k.clone());
        }
        let key = create(store, &self.sealer, alg, now).await?;
        self.invalidate();
        Ok(key)
    }
}
