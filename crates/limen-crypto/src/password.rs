//! Argon2id password hashing (RFC 9106) with PHC strings, off the async threads on a fixed pool
//! of worker threads.
//!
//! Memory stays flat under load: each worker owns one Argon2 memory area (`m` KiB, 19 MiB by
//! default), allocated once and reused for every hash, so a burst of logins neither allocates
//! nor leaves freed areas behind in the allocator's per-thread arenas (which is how a pool of
//! short-lived blocking threads grew the process to hundreds of MiB). Work waits in a bounded
//! queue: when it is full, [`HashError::Busy`] answers at once, and the web layer turns that into
//! 503 with `Retry-After` instead of letting requests (and their memory) pile up.

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

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
    /// The queue of hashes waiting for a worker is full: try again shortly.
    #[error("the hashing queue is full")]
    Busy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    pub ok: bool,
    /// The stored hash uses other parameters (or another algorithm) than the current ones:
    /// store a fresh hash now that the password is known.
    pub needs_rehash: bool,
}

/// A unit of work for a worker: it gets the worker's memory area.
type Job = Box<dyn FnOnce(&mut [Block]) + Send>;

#[derive(Clone)]
pub struct PasswordHasher {
    params: HashParams,
    argon: Arc<Argon2<'static>>,
    jobs: SyncSender<Job>,
    /// A hash of a random password, verified when the account does not exist so that unknown
    /// and known e-mail addresses cost the same time (no account enumeration).
    dummy: Arc<str>,
}

impl PasswordHasher {
    /// `workers` hashes at once, and a queue of 128 per worker (at least 256) behind them: a
    /// waiting hash holds no Argon2 memory, so the bound is about waiting time (a few seconds at
    /// the default cost), not memory.
    pub fn new(params: HashParams, workers: usize) -> Result<Self, HashError> {
        let workers = workers.max(1);
        Self::with_queue(params, workers, (workers * 128).max(256))
    }

    /// `workers` threads hash at once; at most `queue` more hashes wait for them, and any
    /// beyond are refused with [`HashError::Busy`].
    pub fn with_queue(params: HashParams, workers: usize, queue: usize) -> Result<Self, HashError> {
        let p = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            None,
        )
        .map_err(|e| HashError::Params(e.to_string()))?;
        let blocks = p.block_count();
        let argon = Arc::new(Argon2::new(Algorithm::Argon2id, Version::V0x13, p));
        let workers = workers.max(1);
        let (jobs, rx) = sync_channel::<Job>(queue.max(1));
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..workers {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || work(&rx, blocks))
                .map_err(|e| HashError::Hash(format!("cannot start a hashing thread: {e}")))?;
        }
        let dummy = hash_with(
            &argon,
            &crate::random_token(24),
            &mut vec![Block::default(); blocks],
        )?;
        Ok(Self {
            params,
            argon,
            jobs,
            dummy: dummy.into(),
        })
    }

    pub fn params(&self) -> HashParams {
        self.params
    }

    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let argon = self.argon.clone();
        let password = password.to_owned();
        self.run(move |memory| hash_with(&argon, &password, memory))
            .await?
    }

    /// Verifies `password` against `stored`, or against the dummy hash when `stored` is `None`
    /// (the answer is then always "no", after the same work).
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<Verification, HashError> {
        let params = self.params;
        let password = password.to_owned();
        let (stored, real) = match stored {
            Some(s) => (s.to_owned(), true),
            None => (self.dummy.to_string(), false),
        };
        self.run(move |memory| {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return Verification {
                    ok: false,
                    needs_rehash: false,
                };
            };
            let ok = verify_with(&parsed, password.as_bytes(), memory) && real;
            let needs_rehash = ok && !uses_params(&parsed, params);
            Verification { ok, needs_rehash }
        })
        .await
    }

    /// Argon2id (v1.3) of `secret` with `salt` under `params`, 32 bytes out: a key derived from
    /// a PIN (the mobile app, docs/MOBILE-PROTOCOL.md §2.1). Runs on the pool, behind its queue
    /// ([`HashError::Busy`] when full), in the worker's own memory area when `params` need no
    /// more than it holds — the server's default cost is the PIN's — else in a fresh one.
    pub async fn derive(
        &self,
        secret: &[u8],
        salt: &[u8],
        params: HashParams,
    ) -> Result<[u8; 32], HashError> {
        let p = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(32),
        )
        .map_err(|e| HashError::Params(e.to_string()))?;
        let blocks = p.block_count();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, p);
        let (secret, salt) = (secret.to_vec(), salt.to_vec());
        self.run(move |memory| {
            let mut out = [0u8; 32];
            let mut fresh;
            let area: &mut [Block] = if memory.len() >= blocks {
                &mut memory[..blocks]
            } else {
                fresh = vec![Block::default(); blocks];
                &mut fresh
            };
            argon
                .hash_password_into_with_memory(&secret, &salt, &mut out, area)
                .map(|()| out)
                .map_err(|e| HashError::Hash(e.to_string()))
        })
        .await?
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory| {
            // The caller may have gone (its request was cancelled): nothing to tell then.
            let _ = tx.send(f(memory));
        });
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(HashError::Busy),
            Err(TrySendError::Disconnected(_)) => return Err(HashError::PoolClosed),
        }
        rx.await.map_err(|_| HashError::PoolClosed)
    }
}

/// A worker: takes jobs until every [`PasswordHasher`] is gone, always with the same memory.
fn work(rx: &Mutex<Receiver<Job>>, blocks: usize) {
    let mut memory = vec![Block::default(); blocks];
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        // A panic in one hash must not take the worker (and its place in the pool) with it.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut memory)));
    }
}

/// A PHC string for `password` with a fresh 16-byte salt, computed in `memory`.
fn hash_with(
    argon: &Argon2<'_>,
    password: &str,
    memory: &mut [Block],
) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut raw = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut raw)
        .map_err(|e| HashError::Hash(e.to_string()))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory)
        .map_err(|e| HashError::Hash(e.to_string()))?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params())
            .map_err(|e| HashError::Hash(e.to_string()))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| HashError::Hash(e.to_string()))?),
    };
    Ok(phc.to_string())
}

/// Recomputes `stored` for `password` with the stored hash's own algorithm, version and
/// parameters (RFC 9106 §3.1), in `memory` when it is large enough (a hash made with more memory
/// than today's gets a temporary area), and compares the outputs in constant time.
fn verify_with(stored: &PasswordHash<'_>, password: &[u8], memory: &mut [Block]) -> bool {
    let (Some(salt), Some(expected)) = (&stored.salt, &stored.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(stored.algorithm),
        Params::try_from(stored),
    ) else {
        return false;
    };
    let version = match stored.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut raw = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut raw) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    let computed = if params.block_count() <= memory.len() {
        argon.hash_password_into_with_memory(password, salt_bytes, &mut out, memory)
    } else {
        argon.hash_password_into(password, salt_bytes, &mut out)
    };
    // `Output`'s equality is constant-time.
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == *expected)
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

    /// Argon2id straight from the crate, as a device computes it (limen-mobile's `pin_key`).
    fn reference(secret: &[u8], salt: &[u8], p: HashParams) -> [u8; 32] {
        let params = Params::new(p.memory_kib, p.iterations, p.parallelism, Some(32)).unwrap();
        let mut out = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, &mut out)
            .unwrap();
        out
    }

    #[tokio::test]
    async fn derived_keys_match_argon2id_in_the_workers_area_or_a_fresh_one() {
        let hasher = PasswordHasher::new(cheap(), 1).unwrap();
        let salt = [7u8; 16];
        // Smaller than (or as large as) the workers' areas: computed in them.
        let small = HashParams {
            memory_kib: 512,
            iterations: 2,
            parallelism: 1,
        };
        for p in [small, cheap()] {
            let got = hasher.derive(b"4821", &salt, p).await.unwrap();
            assert_eq!(got, reference(b"4821", &salt, p));
        }
        // Larger: a fresh area, the same result.
        let large = HashParams {
            memory_kib: 4096,
            iterations: 2,
            parallelism: 1,
        };
        let got = hasher.derive(b"4821", &salt, large).await.unwrap();
        assert_eq!(got, reference(b"4821", &salt, large));
        assert_ne!(got, hasher.derive(b"4822", &salt, large).await.unwrap());
        // The worker's area is reused after a smaller job: still right.
        let again = hasher.derive(b"4821", &salt, small).await.unwrap();
        assert_eq!(again, reference(b"4821", &salt, small));
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

    #[tokio::test]
    async fn agrees_with_the_argon2_crate_both_ways() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let h = PasswordHasher::new(cheap(), 1).unwrap();
        let ours = h.hash("Corr3ct-Horse-Battery!").await.unwrap();
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).unwrap(),
        );
        assert!(
            argon
                .verify_password(
                    b"Corr3ct-Horse-Battery!",
                    &PasswordHash::new(&ours).unwrap()
                )
                .is_ok()
        );
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let theirs = argon
            .hash_password(b"Corr3ct-Horse-Battery!", &salt)
            .unwrap()
            .to_string();
        assert!(
            h.verify("Corr3ct-Horse-Battery!", Some(&theirs))
                .await
                .unwrap()
                .ok
        );
        // A hash made with more memory than the worker's area (the parameters were lowered).
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).unwrap(),
        )
        .hash_password(b"Corr3ct-Horse-Battery!", &salt)
        .unwrap()
        .to_string();
        let v = h
            .verify("Corr3ct-Horse-Battery!", Some(&bigger))
            .await
            .unwrap();
        assert!(v.ok && v.needs_rehash);
        assert!(
            !h.verify("Corr3ct-Horse-Battery?", Some(&bigger))
                .await
                .unwrap()
                .ok
        );
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        // One worker, one place in the queue, and an expensive hash to keep them occupied.
        let h = PasswordHasher::with_queue(
            HashParams {
                memory_kib: 64 * 1024,
                iterations: 3,
                parallelism: 1,
            },
            1,
            1,
        )
        .unwrap();
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let h = h.clone();
                tokio::spawn(async move { h.verify("x", None).await })
            })
            .collect();
        let mut busy = 0;
        let mut done = 0;
        for t in tasks {
            match t.await.unwrap() {
                Err(HashError::Busy) => busy += 1,
                Ok(v) => {
                    assert!(!v.ok);
                    done += 1;
                }
                Err(e) => panic!("unexpected {e}"),
            }
        }
        // Six arrive together: one place running and one waiting (the worker may not have
        // taken the first job yet when the second comes), the rest refused instead of queued.
        assert!((1..=2).contains(&done), "served {done}");
        assert_eq!(busy + done, 6);
        // Once the queue has drained, work is accepted again.
        assert!(!h.verify("x", None).await.unwrap().ok);
    }
}
