//! What can go wrong inside the engine that is not the user's doing. Refusals the user may
//! retry (a wrong password, a refused key) are values ([`crate::Step`], [`crate::Refused`]), not
//! errors.

#[derive(Debug, thiserror::Error)]
pub enum AuthnError {
    #[error("store: {0}")]
    Store(#[from] limen_store::StoreError),
    #[error("password hashing: {0}")]
    Hash(#[from] limen_crypto::password::HashError),
    #[error("{0}")]
    Internal(String),
}
