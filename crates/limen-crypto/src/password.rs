//! Argon2id password hashing (RFC 9106) with PHC strings, off the async threads on a bounded
//! pool: at most `permits` hashes run at once, the rest wait their turn instead of piling up
//! 19 MiB each.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Argon2id cost parameters. The default is OWASP's first recommendation: m = 19 MiB, t = 2, p = 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("invalid Argon2 parameters: {0}")]
    Params(String),
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("the hashing pool is closed")]
    PoolClosed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    pub ok: bool,
    /// The stored hash uses other parameters (or another algorithm) than the current ones:
    /// store a fresh hash now that the password is known.
    pub needs_rehash: bool,
}

#[derive(Clone)]
pub struct PasswordHasher {
    params: HashParams,
    argon: Arc<Argon2<'static>>,
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified when the account does not exist so that unknown
    /// and known e-mail addresses cost the same time (no account enumeration).
    dummy: Arc<str>,
}

impl PasswordHasher {
    pub fn new(params: HashParams, pool_size: usize) -> Result<Self, HashError> {
        let p = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            None,
        )
        .map_err(|e| HashError::Params(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, p);
        let dummy = hash_with(&argon, &crate::random_token(24))?;
        Ok(Self {
            params,
            argon: Arc::new(argon),
            permits: Arc::new(Semaphore::new(pool_size.max(1))),
            dummy: dummy.into(),
        })
    }

    pub fn params(&self) -> HashParams {
        self.params
    }

    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let argon = self.argon.clone();
        let password = password.to_owned();
        self.run(move || hash_with(&argon, &password)).await?
    }

    /// Verifies `password` against `stored`, or against the dummy hash when `stored` is `None`
    /// (the answer is then always "no", after the same work).
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<Verification, HashError> {
        let argon = self.argon.clone();
        let params = self.params;
        let password = password.to_owned();
        let (stored, real) = match stored {
            Some(s) => (s.to_owned(), true),
            None => (self.dummy.to_string(), false),
        };
        self.run(move || {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return Verification {
                    ok: false,
                    needs_rehash: false,
                };
            };
            let ok = argon.verify_password(password.as_bytes(), &parsed).is_ok() && real;
            let needs_rehash = ok && !uses_params(&parsed, params);
            Verification { ok, needs_rehash }
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| HashError::PoolClosed)?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| HashError::Hash(e.to_string()))
    }
}

fn hash_with(argon: &Argon2<'_>, password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Hash(e.to_string()))
}

fn uses_params(hash: &PasswordHash<'_>, params: HashParams) -> bool {
    let get = |name: &str| hash.params.get_decimal(name);
    hash.algorithm.as_str() == "argon2id"
        && hash.version == Some(0x13)
        && get("m") == Some(params.memory_kib)
        && get("t") == Some(params.iterations)
        && get("p") == Some(params.parallelism)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> HashParams {
        HashParams {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        }
    }

    #[tokio::test]
    async fn hashes_and_verifies() {
        let h = PasswordHasher::new(cheap(), 2).unwrap();
        let phc = h.hash("Corr3ct-Horse-Battery!").await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
        assert_eq!(
            h.verify("Corr3ct-Horse-Battery!", Some(&phc))
                .await
                .unwrap(),
            Verification {
                ok: true,
                needs_rehash: false
            }
        );
        assert!(!h.verify("wrong", Some(&phc)).await.unwrap().ok);
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        let h = PasswordHasher::new(cheap(), 1).unwrap();
        assert!(!h.verify("anything", None).await.unwrap().ok);
        assert!(!h.verify("x", Some("not a phc string")).await.unwrap().ok);
    }

    #[tokio::test]
    async fn asks_for_rehash_when_parameters_change() {
        let old = PasswordHasher::new(cheap(), 1).unwrap();
        let phc = old.hash("Corr3ct-Horse-Battery!").await.unwrap();
        let new = PasswordHasher::new(
            HashParams {
                memory_kib: 2048,
                ..cheap()
            },
            1,
        )
        .unwrap();
        assert_eq!(
            new.verify("Corr3ct-Horse-Battery!", Some(&phc))
                .await
                .unwrap(),
            Verification {
                ok: true,
                needs_rehash: true
            }
        );
        assert!(!new.verify("nope", Some(&phc)).await.unwrap().needs_rehash);
    }
}
