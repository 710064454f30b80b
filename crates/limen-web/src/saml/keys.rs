//! The IdP's SAML signing keys (docs/SAML.md §11): RSA-3072 (`SAML-RSA`, the default, RSA-SHA256)
//! and P-256 (`SAML-EC`, ECDSA-SHA256), generated on first use, stored sealed under the master
//! key, cached per process for a few seconds so that a rotation made by another node or by
//! `limen keys rotate` is seen quickly.
//!
//! Rollover needs pre-publication in SAML (many SPs load the IdP metadata rarely): a rotation
//! adds a key that is published at once but signs only from its `activates_at`, and schedules
//! the current key to stop signing at that moment and stay published for an overlap after.

use crate::WebError;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_crypto::sealed::SecretBox;
use limen_saml::idp::{IdpKey, SigningAlg};
use limen_store::{SamlKeyRow, Store};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const CACHE_FOR: Duration = Duration::from_secs(5);
/// RSA key size (docs/SAML.md §7.1).
pub const RSA_BITS: usize = 3072;

pub const ALG_RSA: &str = "SAML-RSA";
pub const ALG_EC: &str = "SAML-EC";

pub fn alg_name(alg: SigningAlg) -> &'static str {
    match alg {
        SigningAlg::RsaSha256 => ALG_RSA,
        SigningAlg::EcdsaSha256 => ALG_EC,
    }
}

pub fn parse_alg(name: &str) -> Option<SigningAlg> {
    match name {
        ALG_RSA => Some(SigningAlg::RsaSha256),
        ALG_EC => Some(SigningAlg::EcdsaSha256),
        _ => None,
    }
}

fn aad(kid: &str) -> Vec<u8> {
    format!("limen-saml-key:{kid}").into_bytes()
}

/// A key that signs now.
pub struct ActiveKey {
    pub kid: String,
    pub signer: limen_saml::dsig::Signer,
    pub certificate_der: Vec<u8>,
}

/// The keys of one moment.
pub struct SamlKeySet {
    pub rsa: Option<Arc<ActiveKey>>,
    pub ec: Option<Arc<ActiveKey>>,
    /// Every published key: (kid, alg, certificate DER), newest first.
    pub published: Vec<(String, String, Vec<u8>)>,
}

impl SamlKeySet {
    pub fn active(&self, alg: SigningAlg) -> Option<Arc<ActiveKey>> {
        match alg {
            SigningAlg::RsaSha256 => self.rsa.clone(),
            SigningAlg::EcdsaSha256 => self.ec.clone(),
        }
    }

    /// A fingerprint of the published set: the metadata is rebuilt when it changes.
    pub fn fingerprint(&self) -> String {
        self.published
            .iter()
            .map(|(kid, _, _)| kid.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

pub struct SamlKeyRing {
    sealer: SecretBox,
    cache: Mutex<Option<(Instant, Arc<SamlKeySet>)>>,
    /// The signed metadata, its key-set fingerprint and when it was built.
    pub(crate) metadata: Mutex<Option<(Instant, String, Arc<String>)>>,
    /// Held while a first key is made: concurrent first uses in this process wait for it rather
    /// than each generating one (an RSA-3072 generation costs seconds of CPU).
    first_use: tokio::sync::Mutex<()>,
}

fn open(sealer: &SecretBox, row: &SamlKeyRow) -> Result<ActiveKey, WebError> {
    let pkcs8 = sealer.open(&row.sealed, &aad(&row.kid)).map_err(|e| {
        WebError::Internal(format!(
            "SAML signing key {} does not open with the configured master key: {e}",
            row.kid
        ))
    })?;
    let certificate_der = B64
        .decode(&row.certificate)
        .map_err(|e| WebError::Internal(format!("SAML key {} certificate: {e}", row.kid)))?;
    let key = IdpKey {
        pkcs8,
        certificate_der,
    };
    let signer = key
        .signer()
        .map_err(|e| WebError::Internal(format!("SAML key {}: {e}", row.kid)))?;
    let certificate_der = key.certificate_der;
    Ok(ActiveKey {
        kid: row.kid.clone(),
        signer,
        certificate_der,
    })
}

/// A new key of `alg`, signing from `activates_at`, sealed, as it is stored.
async fn generate(
    sealer: &SecretBox,
    alg: SigningAlg,
    common_name: &str,
    now: OffsetDateTime,
    activates_at: OffsetDateTime,
) -> Result<SamlKeyRow, WebError> {
    let cn = common_name.to_owned();
    let key = tokio::task::spawn_blocking(move || match alg {
        SigningAlg::RsaSha256 => IdpKey::generate_rsa(&cn, RSA_BITS),
        SigningAlg::EcdsaSha256 => IdpKey::generate_p256(&cn),
    })
    .await
    .map_err(|e| WebError::Internal(format!("SAML key generation task: {e}")))?
    .map_err(|e| WebError::Internal(format!("SAML key generation: {e}")))?;
    let kid = limen_crypto::sha256_hex(&key.certificate_der);
    Ok(SamlKeyRow {
        sealed: sealer.seal(&key.pkcs8, &aad(&kid)),
        kid,
        alg: alg_name(alg).to_owned(),
        certificate: B64.encode(&key.certificate_der),
        created_at: now,
        activates_at,
        retired_at: None,
        publish_until: None,
    })
}

/// Makes a new key of `alg`, signing from `activates_at`, and stores it. Returns its kid.
pub async fn create(
    store: &Store,
    sealer: &SecretBox,
    alg: SigningAlg,
    common_name: &str,
    now: OffsetDateTime,
    activates_at: OffsetDateTime,
) -> Result<String, WebError> {
    let row = generate(sealer, alg, common_name, now, activates_at).await?;
    store.insert_saml_key(&row).await?;
    tracing::info!(kid = %row.kid, alg = alg_name(alg), activates_at = %activates_at, "new SAML signing key");
    Ok(row.kid)
}

/// What a rotation did.
pub struct Rotated {
    pub kid: String,
    pub activates_at: OffsetDateTime,
    pub retired: Vec<String>,
}

/// Rotates `alg` (docs/SAML.md §11): a new key, published now, signing from `now + prepublish`
/// (`now` when `prepublish` is zero: a compromised key); the keys it replaces stop signing then
/// and stay published `overlap` longer.
pub async fn rotate(
    store: &Store,
    sealer: &SecretBox,
    alg: SigningAlg,
    common_name: &str,
    now: OffsetDateTime,
    prepublish: time::Duration,
    overlap: time::Duration,
) -> Result<Rotated, WebError> {
    let old: Vec<SamlKeyRow> = store
        .saml_keys(now)
        .await?
        .into_iter()
        .filter(|k| k.alg == alg_name(alg) && k.retired_at.is_none())
        .collect();
    let activates_at = now + prepublish;
    let kid = create(store, sealer, alg, common_name, now, activates_at).await?;
    let mut retired = Vec::new();
    for k in old {
        if store
            .retire_saml_key(&k.kid, activates_at, activates_at + overlap)
            .await?
        {
            retired.push(k.kid);
        }
    }
    Ok(Rotated {
        kid,
        activates_at,
        retired,
    })
}

/// The scheduled rotation (docs/SAML.md §11, `[saml] key_rotation_days`): for each algorithm
/// whose newest key not yet replaced was made `every` ago or more, a [`rotate`] with
/// pre-publication. An algorithm without keys is left alone (its first key is made on first use),
/// and so is one whose rotation is already waiting to take effect (the waiting key is the newest,
/// and young), so that every key after the first signs for `every`.
pub async fn rotate_due(
    store: &Store,
    sealer: &SecretBox,
    now: OffsetDateTime,
    every: time::Duration,
    prepublish: time::Duration,
    overlap: time::Duration,
    common_name: &str,
) -> Result<Vec<Rotated>, WebError> {
    let keys = store.saml_keys(now).await?;
    let mut rotated = Vec::new();
    for alg in [SigningAlg::RsaSha256, SigningAlg::EcdsaSha256] {
        let newest = keys
            .iter()
            .filter(|k| k.alg == alg_name(alg) && k.retired_at.is_none())
            .map(|k| k.created_at)
            .max();
        if newest.is_some_and(|created| now - created >= every) {
            rotated.push(rotate(store, sealer, alg, common_name, now, prepublish, overlap).await?);
        }
    }
    Ok(rotated)
}

impl SamlKeyRing {
    pub fn new(sealer: SecretBox) -> Self {
        Self {
            sealer,
            cache: Mutex::new(None),
            metadata: Mutex::new(None),
            first_use: tokio::sync::Mutex::new(()),
        }
    }

    pub fn sealer(&self) -> &SecretBox {
        &self.sealer
    }

    pub fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub async fn current(
        &self,
        store: &Store,
        now: OffsetDateTime,
    ) -> Result<Arc<SamlKeySet>, WebError> {
        if let Some((at, set)) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            && at.elapsed() < CACHE_FOR
        {
            return Ok(set.clone());
        }
        let rows = store.saml_keys(now).await?;
        let mut set = SamlKeySet {
            rsa: None,
            ec: None,
            published: Vec::new(),
        };
        // Newest first: the newest key that has activated and not retired signs.
        for row in &rows {
            let der = B64
                .decode(&row.certificate)
                .map_err(|e| WebError::Internal(format!("SAML key {}: {e}", row.kid)))?;
            set.published.push((row.kid.clone(), row.alg.clone(), der));
            let signs = row.activates_at <= now && row.retired_at.is_none_or(|r| r > now);
            if !signs {
                continue;
            }
            let slot = match parse_alg(&row.alg) {
                Some(SigningAlg::RsaSha256) => &mut set.rsa,
                Some(SigningAlg::EcdsaSha256) => &mut set.ec,
                None => continue,
            };
            if slot.is_none() {
                *slot = Some(Arc::new(open(&self.sealer, row)?));
            }
        }
        let set = Arc::new(set);
        *self.cache.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), set.clone()));
        Ok(set)
    }

    /// The key that signs with `alg` now, created on first use: one key for concurrent first
    /// uses, in this process (they wait for the one generation) and across nodes (the key is
    /// stored only while none of `alg` signs; the other node's key is then used).
    pub async fn signer(
        &self,
        store: &Store,
        alg: SigningAlg,
        common_name: &str,
        now: OffsetDateTime,
    ) -> Result<Arc<ActiveKey>, WebError> {
        if let Some(k) = self.current(store, now).await?.active(alg) {
            return Ok(k);
        }
        let _first = self.first_use.lock().await;
        self.invalidate();
        if let Some(k) = self.current(store, now).await?.active(alg) {
            return Ok(k);
        }
        let row = generate(&self.sealer, alg, common_name, now, now).await?;
        if store.insert_saml_key_unless_one_signs(&row, now).await? {
            tracing::info!(kid = %row.kid, alg = alg_name(alg), "new SAML signing key (first use)");
        } else {
            tracing::info!(
                alg = alg_name(alg),
                "another node made the first SAML signing key"
            );
        }
        self.invalidate();
        self.current(store, now)
            .await?
            .active(alg)
            .ok_or_else(|| WebError::Internal("the new SAML key does not sign".into()))
    }
}
